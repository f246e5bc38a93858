/**
 * Real Pipedrive deliveries, in their documented (or captured) shapes, through n8n-core's
 * WebhookContext: every webhooks-v2 object and action, legacy v1 updates and merges, the "Changed
 * Fields" filter, selection, de-duplication, ids and typed custom fields. Fixtures: ./fixtures/.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EVENT_OBJECTS } from '../../../nodes/PipedriveCompleteTrigger/events';
import webhooksV1 from './fixtures/webhooks-v1.json';
import webhooksV2Documented from './fixtures/webhooks-v2-documented.json';
import webhooksV2NewObjects from './fixtures/webhooks-v2-new-objects.json';
import { deliver,  outputOf, pipedrive, registeredState, stateOf, testWorkflow, VALID_AUTH } from '../../harness/trigger';
import { expectEveryMockedCall } from '../../harness/mock';

expectEveryMockedCall();

/** A webhooks v2 delivery; a v1 one is `{ v: 1, meta, current, previous, event, retry }`. Provenance: each file's `source`. */
interface Delivery {
	meta: IDataObject;
	data: IDataObject | null;
	previous: IDataObject | null;
}
interface V1Delivery {
	meta: IDataObject;
	current: IDataObject | null;
	previous: IDataObject | null;
}

const v1 = webhooksV1.deliveries as unknown as Record<string, V1Delivery>;
const CAPTURED_DEAL_UPDATE = v1['deal.change (captured)'];
const ACTIVITY_UPDATE = v1['activity.change'];
const PRODUCT_UPDATE = v1['product.change'];
const PERSON_MERGE = v1['person.merge'];
/** Keyed `<entity>.<documented example>`, e.g. `deal.change` for "Update deal". */
const DOCUMENTED = webhooksV2Documented.deliveries as unknown as Record<string, Delivery>;
const CUSTOM_FIELD_FORMATS = webhooksV2Documented.customFieldFormats as Record<string, IDataObject>;
const NEW_OBJECTS = webhooksV2NewObjects.deliveries as unknown as Record<string, Delivery>;

let workflowCounter = 0;

/** A registered trigger with these parameters, its own workflow (seen events) and credential (field cache). */
function triggerWith(parameters: INodeParameters, credentialId = `cred-${++workflowCounter}`) {
	return testWorkflow({ workflowId: `wf-doc-${++workflowCounter}`, credentialId, staticData: registeredState(), parameters });
}

async function send(body: unknown, parameters: INodeParameters, credentialId?: string) {
	const { workflow, node } = triggerWith(parameters, credentialId);
	return await deliver(workflow, node, { body: structuredClone(body), authorization: VALID_AUTH });
}

const clone = <T>(value: T): T => structuredClone(value);

/** Field definitions as `GET /api/v2/<object>Fields` returns them, answered once. */
function fieldsOf(object: string, fields: IDataObject[]) {
	pipedrive()
		.get(`/api/v2/${object}Fields`)
		.query({ limit: 500 })
		.reply(200, { success: true, data: fields, additional_data: { next_cursor: null } });
}

const ADDRESS_KEY = '3d0fa3429dfa2d3dec265b4fc5dc8258ab66cdf3';
const NUMERIC_KEY = 'bdd479c3cfdb9c50bae4fa4929ae944980da55d7';
const { type: _addressType, ...addressValue } = (DOCUMENTED['deal.change'].data!.custom_fields as IDataObject)[ADDRESS_KEY] as IDataObject;

/** What each documented example must come out as, beyond `object` and `meta` (always the delivered ones). */
const EXPECTED: Record<string, { action: string; id: number | string; changed: string[]; named?: { current?: IDataObject; previous?: IDataObject } }> = {
	'activity.create': { action: 'create', id: 2, changed: [] },
	'activity.change': { action: 'change', id: 2, changed: ['subject', 'update_time'] },
	'activity.delete': { action: 'delete', id: 2, changed: [] },
	'deal.create': { action: 'create', id: 8, changed: [] },
	'deal.change': {
		action: 'change',
		id: 8,
		changed: ['Site address'],
		named: { current: { 'Site address': addressValue }, previous: { 'Site address': null } },
	},
	'deal.delete': { action: 'delete', id: 8, changed: [], named: { previous: { 'Site address': addressValue } } },
	'lead.create': { action: 'create', id: 'b1810230-6c0d-11ed-9826-a53d0eb706a5', changed: [] },
	// `next_activity_id` stayed null, yet Pipedrive lists it in `previous`: it counts as changed.
	'lead.change': { action: 'change', id: 'b1810230-6c0d-11ed-9826-a53d0eb706a5', changed: ['is_archived', 'next_activity_id', 'update_time', 'value'] },
	'lead.delete': { action: 'delete', id: 'b1810230-6c0d-11ed-9826-a53d0eb706a5', changed: [] },
	'note.create': { action: 'create', id: 1, changed: [] },
	'note.change': { action: 'change', id: 1, changed: ['content', 'update_time'] },
	'note.delete': { action: 'delete', id: 1, changed: [] },
	'organization.create': { action: 'create', id: 1, changed: [] },
	'organization.change': { action: 'change', id: 1, changed: ['Employees'], named: { current: { Employees: 978 }, previous: { Employees: null } } },
	'organization.delete': { action: 'delete', id: 1, changed: [], named: { previous: { Employees: 978 } } },
	'person.create': { action: 'create', id: 8, changed: [] },
	'person.change': { action: 'change', id: 8, changed: ['first_name', 'name'] },
	'person.delete': { action: 'delete', id: 8, changed: [] },
	'pipeline.create': { action: 'create', id: 9, changed: [] },
	'pipeline.change': { action: 'change', id: 9, changed: ['deal_probability', 'update_time'] },
	'pipeline.delete': { action: 'delete', id: 9, changed: [] },
	'product.create': { action: 'create', id: 1, changed: [] },
	'product.change': { action: 'change', id: 1, changed: ['description', 'update_time'] },
	'product.delete': { action: 'delete', id: 1, changed: [] },
	'stage.create': { action: 'create', id: 48, changed: [] },
	'stage.change': { action: 'change', id: 48, changed: ['rotten_days', 'rotten_flag', 'update_time'] },
	'stage.delete': { action: 'delete', id: 48, changed: [] },
	// User ids come as strings ("16943176"): the item's id is the number, like every other record's.
	'user.create': { action: 'create', id: 16943176, changed: [] },
	'user.change': { action: 'change', id: 12415231, changed: ['lang', 'modified'] },
	'user.deactivate': { action: 'change', id: 15702024, changed: ['active_flag'] },
};

describe('documented webhooks v2 examples (https://pipedrive.readme.io/docs/webhooks-v2-migration-guide)', () => {
	it('covers every documented example', () => {
		expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(DOCUMENTED).sort());
	});

	it.each(Object.keys(DOCUMENTED))('%s → one item: action, object, typed id, current, previous, changed, meta', async (key) => {
		const delivery = DOCUMENTED[key];
		const expected = EXPECTED[key];
		const entity = String(delivery.meta.entity);
		const credentialId = `doc-${key}`;
		if (entity === 'deal' && expected.named) fieldsOf('deal', [{ field_code: ADDRESS_KEY, field_name: 'Site address', field_type: 'address', is_custom_field: true }]);
		if (entity === 'organization' && expected.named) fieldsOf('organization', [{ field_code: NUMERIC_KEY, field_name: 'Employees', field_type: 'double', is_custom_field: true }]);

		const { result, res } = await send(delivery, { events: [`${entity}.${String(delivery.meta.action)}`] }, credentialId);

		const withNames = (record: IDataObject | null, names?: IDataObject) => (record && names ? { ...record, custom_fields: names } : record);
		expect(res.statusCode).toBeUndefined();
		expect(outputOf(result)).toEqual({
			action: expected.action,
			object: entity,
			id: expected.id,
			current: withNames(delivery.data, expected.named?.current),
			previous: withNames(delivery.previous, expected.named?.previous),
			changed: expected.changed,
			meta: delivery.meta,
		});
	});
});

describe('objects added in April 2026 (project, task, board, phase, deal product, deal installment)', () => {
	it('are all selectable events', () => {
		for (const object of ['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment']) expect(EVENT_OBJECTS).toHaveProperty(object);
		expect(new Set(Object.keys(NEW_OBJECTS).map((key) => key.split('.')[0]))).toEqual(new Set(['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment']));
	});

	it.each(Object.keys(NEW_OBJECTS))('%s → one item with the record, its numeric id and the changed fields', async (key) => {
		const delivery = NEW_OBJECTS[key];
		const [object, action] = key.split('.');
		const { result } = await send(delivery, { events: [key] });
		expect(outputOf(result)).toEqual({
			action,
			object,
			id: Number(delivery.meta.entity_id),
			current: delivery.data,
			previous: delivery.previous,
			changed: action === 'change' ? Object.keys(delivery.previous!) : [],
			meta: delivery.meta,
		});
	});

	it('runs once per record when deleting a project also deletes its task', async () => {
		const { workflow, node } = triggerWith({ events: ['project.delete', 'task.delete'] });
		const items = [];
		for (const key of ['project.delete', 'task.delete']) {
			items.push(outputOf((await deliver(workflow, node, { body: clone(NEW_OBJECTS[key]), authorization: VALID_AUTH })).result));
		}
		expect(items.map((item) => [item.object, item.action, item.id])).toEqual([
			['project', 'delete', 3],
			['task', 'delete', 1],
		]);
	});
});

describe('events that were not chosen', () => {
	it.each([
		['a person change', 'person.change'],
		['a deal deletion', 'deal.delete'],
		['a project change', 'project.change'],
	])('a "Deal Created" trigger answers %s with 200 and does not run', async (_case, key) => {
		const delivery = DOCUMENTED[key] ?? NEW_OBJECTS[key];
		const { workflow, node } = triggerWith({ events: ['deal.create'] });
		const { result, res } = await deliver(workflow, node, { body: clone(delivery), authorization: VALID_AUTH });
		expect(result.workflowData).toBeUndefined();
		expect(res.statusCode).toBeUndefined();
		expect(result.webhookResponse).toEqual({ message: `Ignored: ${key} is not one of the chosen events` });
		// Not remembered: choosing the event later still lets a retry of it through.
		expect(stateOf(workflow).seenEventIds).toBeUndefined();
	});

	it('a v1 delivery of an unchosen event does not run either', async () => {
		const { result } = await send(ACTIVITY_UPDATE, { events: ['activity.create'] });
		expect(result.webhookResponse).toEqual({ message: 'Ignored: activity.change is not one of the chosen events' });
	});

	it('Custom object × action choices are honoured', async () => {
		const custom = { events: ['custom'], customEvents: { event: [{ object: 'task', action: '*' }] } };
		expect(outputOf((await send(NEW_OBJECTS['task.change'], custom)).result)).toMatchObject({ object: 'task', action: 'change' });
		expect((await send(NEW_OBJECTS['board.change'], custom)).result.workflowData).toBeUndefined();
	});
});

describe('"Changed Fields" filter', () => {
	const started = (result: { workflowData?: unknown }) => result.workflowData !== undefined;

	it('v2: a field listed in `previous` counts even when its value did not visibly change (lead next_activity_id)', async () => {
		const { result } = await send(DOCUMENTED['lead.change'], { events: ['lead.change'], filters: { changedFields: 'next_activity_id' } });
		expect(outputOf(result).changed).toContain('next_activity_id');
		const other = await send(DOCUMENTED['lead.change'], { events: ['lead.change'], filters: { changedFields: 'title' } });
		expect(started(other.result)).toBe(false);
	});

	it('v1: keys only in `previous` are not changes; keys of `current` that differ are', async () => {
		const parameters = (changedFields: string) => ({ events: ['activity.change'], filters: { changedFields } });
		for (const gone of ['activity_note', 'activityNote', 'org', 'local_sorting_due_date', 'service_reference', 'user']) {
			expect(started((await send(ACTIVITY_UPDATE, parameters(gone))).result)).toBe(false);
		}
		const { result } = await send(ACTIVITY_UPDATE, parameters('subject'));
		expect(outputOf(result).changed).toEqual(['subject', 'update_time']);
	});

	it('v1: a key only in `current` is a change (product company_id → 11149162)', async () => {
		const { result } = await send(PRODUCT_UPDATE, { events: ['product.change'], filters: { changedFields: 'company_id' } });
		expect(outputOf(result).changed).toEqual(['name', 'update_time', 'company_id']);
	});

	it('v1: a captured deal update whose only difference is update_time', async () => {
		const { result } = await send(CAPTURED_DEAL_UPDATE, { events: ['deal.change'] });
		expect(outputOf(result)).toMatchObject({ action: 'change', object: 'deal', id: 9, changed: ['update_time'] });
		expect(started((await send(CAPTURED_DEAL_UPDATE, { events: ['deal.change'], filters: { changedFields: 'title' } })).result)).toBe(false);
	});

	it('lets created, deleted and merged events through', async () => {
		const filters = { changedFields: 'stage_id' };
		expect(started((await send(DOCUMENTED['person.create'], { events: ['person.*'], filters })).result)).toBe(true);
		expect(started((await send(DOCUMENTED['person.delete'], { events: ['person.*'], filters })).result)).toBe(true);
		expect(started((await send(PERSON_MERGE, { events: ['person.*'], filters })).result)).toBe(true);
	});
});

/** A documented v2 change and delete, as Pipedrive sends them when person 12 is merged into person 11. */
function v2MergePair(): { change: Delivery; remove: Delivery } {
	const change = clone(DOCUMENTED['person.change']);
	change.data = { ...change.data, id: 11 };
	change.meta = { ...change.meta, entity_id: '11', id: 'a1f0e5c2-0000-4000-8000-00000000e001', merged_from_id: '12' };
	const remove = clone(DOCUMENTED['person.delete']);
	remove.previous = { ...remove.previous, id: 12 };
	remove.meta = { ...remove.meta, entity_id: '12', id: 'a1f0e5c2-0000-4000-8000-00000000e002', merged_to_id: '11' };
	return { change, remove };
}

describe('merges', () => {
	it('v1 `merged` comes out as a merge: the kept record, the merged-away id, no field diff across two records', async () => {
		const { result } = await send(PERSON_MERGE, { events: ['person.merge'] });
		expect(outputOf(result)).toEqual({
			action: 'merge',
			object: 'person',
			id: 11,
			mergedFromId: 12,
			current: PERSON_MERGE.current,
			previous: PERSON_MERGE.previous,
			changed: [],
			meta: PERSON_MERGE.meta,
		});
	});

	it('v2: the change with merged_from_id is the merge; the delete with merged_to_id names the kept record', async () => {
		const { change, remove } = v2MergePair();
		const merged = outputOf((await send(change, { events: ['person.merge'] })).result);
		expect(merged).toMatchObject({ action: 'merge', object: 'person', id: 11, mergedFromId: 12, changed: ['first_name', 'name'] });
		// "Person Merged" alone does not run for the merged-away record's deletion…
		expect((await send(remove, { events: ['person.merge'] })).result.workflowData).toBeUndefined();
		// …"Person Deleted" does, and says where the record went.
		expect(outputOf((await send(remove, { events: ['person.delete'] })).result)).toMatchObject({ action: 'delete', id: 12, mergedIntoId: 11 });
	});

	it('"Updated" takes in merges (they change the kept record); "Merged" takes in merges only', async () => {
		const { change } = v2MergePair();
		expect(outputOf((await send(change, { events: ['person.change'] })).result).action).toBe('merge');
		expect(outputOf((await send(PERSON_MERGE, { events: ['person.change'] })).result).action).toBe('merge');
		expect((await send(DOCUMENTED['person.change'], { events: ['person.merge'] })).result.workflowData).toBeUndefined();
	});
});

describe('de-duplication: event id + event timestamp', () => {
	it('suppresses retries (attempt 2, 3, 4) of one event', async () => {
		const { workflow, node } = triggerWith({ events: ['deal.change'] });
		const runs = [];
		for (const attempt of [1, 2, 3, 4]) {
			const body = clone(DOCUMENTED['deal.change']);
			body.meta.attempt = attempt;
			runs.push((await deliver(workflow, node, { body, authorization: VALID_AUTH })).result.workflowData !== undefined);
		}
		expect(runs).toEqual([true, false, false, false]);
		expect(stateOf(workflow).seenEventIds).toEqual(['df47d877-b58c-4886-91cd-1aa83e1d7366@2022-11-24T15:11:55.724Z']);
	});

	it('runs for two distinct changes that share meta.id (user events carry the user id there)', async () => {
		const { workflow, node } = triggerWith({ events: ['user.change'] });
		const first = clone(DOCUMENTED['user.change']);
		const second = clone(DOCUMENTED['user.change']);
		second.meta.timestamp = 1669304999;
		second.data = { ...second.data, phone: '+3722222' };
		second.previous = { phone: '+3721111' };
		const started = async (body: Delivery) => (await deliver(workflow, node, { body, authorization: VALID_AUTH })).result.workflowData !== undefined;
		expect([await started(first), await started(second), await started(clone(first))]).toEqual([true, true, false]);
	});

	it('v1: a retry (`retry` 1, same meta) is suppressed, the next change is not', async () => {
		const { workflow, node } = triggerWith({ events: ['activity.change'] });
		const retry = { ...clone(ACTIVITY_UPDATE), retry: 1 };
		const next = { ...clone(ACTIVITY_UPDATE), previous: ACTIVITY_UPDATE.current, meta: { ...ACTIVITY_UPDATE.meta, timestamp: 1741000999, timestamp_micro: 1741000999000000 } };
		const started = async (body: unknown) => (await deliver(workflow, node, { body: clone(body), authorization: VALID_AUTH })).result.workflowData !== undefined;
		expect([await started(ACTIVITY_UPDATE), await started(retry), await started(next)]).toEqual([true, false, true]);
	});
});

describe('typed custom field values (every type in "Custom fields format in webhooks v2")', () => {
	const types = Object.keys(CUSTOM_FIELD_FORMATS);
	const keyOf = (name: string) => (types.indexOf(name) + 1).toString(16).padStart(40, 'a');
	const fieldType = (name: string) => String(CUSTOM_FIELD_FORMATS[name].type);
	const definitions = types.map((name) => ({
		field_code: keyOf(name),
		field_name: name,
		field_type: fieldType(name),
		is_custom_field: true,
		...(fieldType(name) === 'enum' ? { options: [{ id: 17, label: 'Gold' }] } : {}),
		...(fieldType(name) === 'set' ? { options: [{ id: 13, label: 'VIP' }, { id: 14, label: 'Partner' }] } : {}),
	}));
	const delivery = (): Delivery => {
		const body = clone(DOCUMENTED['deal.change']);
		body.data = { ...body.data, custom_fields: Object.fromEntries(types.map((name) => [keyOf(name), clone(CUSTOM_FIELD_FORMATS[name])])) };
		body.previous = { custom_fields: Object.fromEntries(types.map((name) => [keyOf(name), null])) };
		return body;
	};

	it('covers the 16 documented types', () => {
		expect(new Set(types.map(fieldType))).toEqual(
			new Set(['varchar', 'text', 'varchar_auto', 'double', 'monetary', 'people', 'org', 'user', 'phone', 'time', 'timerange', 'date', 'daterange', 'address', 'enum', 'set']),
		);
	});

	it('names every value, labels options, keeps structured values whole, and lists every changed field by name', async () => {
		fieldsOf('deal', definitions);
		const { result } = await send(delivery(), { events: ['deal.change'], filters: { changedFields: 'Multiple options' } }, 'typed-fields');
		const item = outputOf(result);
		const { type: _type, ...address } = CUSTOM_FIELD_FORMATS.Address;
		expect((item.current as IDataObject).custom_fields).toEqual({
			Text: 'This is a custom text field.',
			'Long text': 'This is a custom text field with details about a particular Pipedrive entity.',
			Autocomplete: 'Hello there',
			Numeric: 123,
			Monetary: { currency: 'EUR', value: 200 },
			Person: 17818,
			Organization: 1,
			User: 13075973,
			Phone: '1234-5678',
			Time: { timezone_id: 310, value: '00:45:00' },
			'Time range': { timezone_id: 310, from: '00:00:00', until: '01:15:00' },
			Date: '2023-06-27',
			'Date range': { from: '2023-06-06', until: '2023-06-14' },
			Address: address,
			'Single option': 'Gold',
			'Multiple options': ['VIP', 'Partner'],
		});
		expect(item.changed).toEqual(types);
		expect(JSON.stringify(item)).not.toContain('[object Object]');
	});

	it('without field definitions: plain values and option ids under the raw keys, still no "[object Object]"', async () => {
		pipedrive().get('/api/v2/dealFields').query({ limit: 500 }).reply(403, { success: false, error: 'forbidden' });
		const item = outputOf((await send(delivery(), { events: ['deal.change'] }, 'typed-no-fields')).result);
		const custom = (item.current as IDataObject).custom_fields as IDataObject;
		expect(custom[keyOf('Single option')]).toBe(17);
		expect(custom[keyOf('Multiple options')]).toEqual([13, 14]);
		expect(item.changed).toEqual(types.map(keyOf));
		expect(JSON.stringify(item)).not.toContain('[object Object]');
	});

	it('"Raw Custom Field Keys" keeps the values as delivered', async () => {
		const body = delivery();
		const item = outputOf((await send(body, { events: ['deal.change'], options: { rawCustomFieldKeys: true } })).result);
		expect(item.current).toEqual(body.data);
	});
});
