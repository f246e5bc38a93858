import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { EVENT_OBJECTS } from '../../../nodes/PipedriveCompleteTrigger/events';
import { basicAuth, deliver,  outputOf, pipedrive, registeredState, stateOf, testWorkflow, VALID_AUTH } from '../../harness/trigger';
import { expectEveryMockedCall } from '../../harness/mock';
import type { TestWorkflowOptions } from '../../harness/trigger';

let eventCounter = 0;
const nextEventId = () => `evt-${++eventCounter}`;

/** A webhooks v2 delivery. */
function v2(entity: string, action: string, data: IDataObject | null, previous: IDataObject | null, meta: IDataObject = {}) {
	return {
		meta: {
			action,
			entity,
			entity_id: String(data?.id ?? previous?.id ?? 1),
			id: nextEventId(),
			version: '2.0',
			change_source: 'app',
			user_id: 5,
			attempt: 1,
			...meta,
		},
		data,
		previous,
	};
}

/** A legacy webhooks v1 delivery. */
function v1(object: string, action: string, current: IDataObject | null, previous: IDataObject | null, meta: IDataObject = {}) {
	return {
		v: 1,
		meta: { v: 1, action, object, id: current?.id ?? previous?.id, timestamp: 1727447128, timestamp_micro: ++eventCounter, ...meta },
		current,
		previous,
		event: `${action}.${object}`,
		retry: 0,
	};
}

/** A registered trigger; on every event unless the test chooses its own. */
const registered = (options: TestWorkflowOptions = {}) =>
	testWorkflow({ staticData: registeredState(), ...options, parameters: { events: ['*.*'], ...options.parameters } });

async function run(body: unknown, options: TestWorkflowOptions = {}) {
	const { workflow, node } = registered(options);
	return await deliver(workflow, node, { body, authorization: VALID_AUTH });
}

expectEveryMockedCall();

describe('authentication', () => {
	const body = () => v2('deal', 'change', { id: 1, stage_id: 2 }, { stage_id: 1 });

	it('runs the workflow with the right secret', async () => {
		const { result, res } = await run(body());
		expect(outputOf(result)).toMatchObject({ action: 'change', object: 'deal' });
		expect(res.statusCode).toBeUndefined();
	});

	it.each([
		['a wrong password', basicAuth('n8n-user', 'wrong')],
		['a wrong user', basicAuth('someone', 'correct horse battery staple')],
		['no credentials', undefined],
		['another scheme', 'Bearer correct horse battery staple'],
		['a truncated secret', basicAuth('n8n-user', 'correct horse battery')],
	])('answers 401 and does not run with %s', async (_case, authorization) => {
		const { workflow, node } = registered();
		const { result, res } = await deliver(workflow, node, { body: body(), authorization });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(401);
	});

	it('answers 401 when the stored secret is gone', async () => {
		const { workflow, node } = testWorkflow({ staticData: registeredState({ authPassword: undefined }) });
		const { result, res } = await deliver(workflow, node, { body: body(), authorization: basicAuth('n8n-user', '') });
		expect(result.workflowData).toBeUndefined();
		expect(res.statusCode).toBe(401);
	});

	it('never puts the secret in the output', async () => {
		const { result } = await run(body());
		expect(JSON.stringify(result)).not.toContain('correct horse');
	});
});

describe('malformed bodies', () => {
	it.each([
		['an empty object', {}],
		['a string', 'hello'],
		['an array', [{ meta: {} }]],
		['meta that is not an object', { meta: 'x', data: {} }],
		['no body', undefined],
	])('answers 400 and does not run for %s', async (_case, body) => {
		const { result, res } = await run(body);
		expect(result).toEqual({ noWebhookResponse: true });
		expect(res.statusCode).toBe(400);
	});
});

describe('duplicates', () => {
	it('runs once for the same meta.id delivered twice (Pipedrive retry)', async () => {
		const { workflow, node } = registered({ workflowId: 'wf-dup' });
		const body = v2('deal', 'change', { id: 1, value: 20 }, { value: 10 });
		const first = await deliver(workflow, node, { body, authorization: VALID_AUTH });
		const retry = await deliver(workflow, node, { body: { ...body, meta: { ...body.meta, attempt: 2 } }, authorization: VALID_AUTH });
		expect(first.result.workflowData).toHaveLength(1);
		expect(retry.result.workflowData).toBeUndefined();
		expect(retry.res.statusCode).toBeUndefined();
		expect(stateOf(workflow).seenEventIds).toEqual([body.meta.id]);
	});

	it('remembers ids in static data (after a restart)', async () => {
		const { workflow, node } = testWorkflow({ workflowId: 'wf-restart', staticData: registeredState({ seenEventIds: ['evt-known'] }) });
		const body = v2('deal', 'change', { id: 1 }, { title: 'x' }, { id: 'evt-known' });
		const { result } = await deliver(workflow, node, { body, authorization: VALID_AUTH });
		expect(result.workflowData).toBeUndefined();
	});

	it('runs the retry of an event whose static data n8n never saved (it could not start the execution)', async () => {
		// n8n loads the workflow, static data included, from its database for each delivery, and saves
		// the static data only once the execution has started. Nothing in this process may remember it.
		const body = v2('deal', 'change', { id: 1 }, { title: 'x' });
		const first = registered({ workflowId: 'wf-unsaved' });
		const retried = registered({ workflowId: 'wf-unsaved' });
		expect((await deliver(first.workflow, first.node, { body, authorization: VALID_AUTH })).result.workflowData).toHaveLength(1);
		const retry = { ...body, meta: { ...body.meta, attempt: 2 } };
		expect((await deliver(retried.workflow, retried.node, { body: retry, authorization: VALID_AUTH })).result.workflowData).toHaveLength(1);
		expect(stateOf(retried.workflow).seenEventIds).toEqual([body.meta.id]);
	});

	it('keeps only the last 500 ids', async () => {
		const old = Array.from({ length: 500 }, (_, i) => `old-${i}`);
		const { workflow, node } = registered({ workflowId: 'wf-bounded', staticData: registeredState({ seenEventIds: old }) });
		await deliver(workflow, node, { body: v2('deal', 'create', { id: 1 }, null, { id: 'new-1' }), authorization: VALID_AUTH });
		const seen = stateOf(workflow).seenEventIds ?? [];
		expect(seen).toHaveLength(500);
		expect(seen[0]).toBe('old-1');
		expect(seen[499]).toBe('new-1');
	});

	it('runs for two different v1 updates of the same record', async () => {
		const { workflow, node } = registered({ workflowId: 'wf-v1' });
		const first = v1('deal', 'updated', { id: 3, value: 2 }, { id: 3, value: 1 });
		const second = v1('deal', 'updated', { id: 3, value: 3 }, { id: 3, value: 2 });
		expect((await deliver(workflow, node, { body: first, authorization: VALID_AUTH })).result.workflowData).toHaveLength(1);
		expect((await deliver(workflow, node, { body: second, authorization: VALID_AUTH })).result.workflowData).toHaveLength(1);
		expect((await deliver(workflow, node, { body: first, authorization: VALID_AUTH })).result.workflowData).toBeUndefined();
	});
});

describe('output and normalization', () => {
	const actions: Array<[string, string]> = [
		['create', 'create'],
		['change', 'change'],
		['delete', 'delete'],
	];
	const matrix = Object.keys(EVENT_OBJECTS).flatMap((object) => actions.map(([action]) => [object, action]));

	it.each(matrix)('v2 %s.%s → one item with object, action and id (a number, like the record’s)', async (object, action) => {
		const record = { id: 77, name: 'Record' };
		const data = action === 'delete' ? null : record;
		const previous = action === 'create' ? null : action === 'change' ? { name: 'Old' } : record;
		const body = v2(object, action, data, previous);
		const { result } = await run(body, { parameters: { events: [`${object}.${action}`] } });
		expect(outputOf(result)).toEqual({
			action,
			object,
			id: 77,
			current: data,
			previous,
			changed: action === 'change' ? ['name'] : [],
			meta: body.meta,
		});
	});

	it.each([
		['added', 'create'],
		['updated', 'change'],
		['deleted', 'delete'],
	])('v1 action %s → %s, with object and id from meta', async (legacyAction, action) => {
		const current = legacyAction === 'deleted' ? null : { id: 9, name: 'Acme', owner_id: 2, address: 'Main St' };
		const previous = legacyAction === 'added' ? null : { id: 9, name: 'Acme Inc', owner_id: 2, address: 'Main St' };
		const body = v1('organization', legacyAction, current, previous);
		const item = outputOf((await run(body, { parameters: { events: [`organization.${action}`] } })).result);
		expect(item).toEqual({ action, object: 'organization', id: 9, current, previous, meta: body.meta, changed: action === 'change' ? ['name'] : [] });
	});

	it('lists changed custom fields by key inside custom_fields', async () => {
		const hash = 'a'.repeat(40);
		const body = v2('activity', 'change', { id: 1, subject: 'Call', custom_fields: { [hash]: 'new' } }, { custom_fields: { [hash]: 'old' } });
		const item = outputOf((await run(body, { parameters: { events: ['activity.change'], options: { rawCustomFieldKeys: true } } })).result);
		expect(item.changed).toEqual([hash]);
	});

	it('keeps the entity id from data when meta has none', async () => {
		const body = v2('person', 'create', { id: 5 }, null, { entity_id: undefined });
		expect(outputOf((await run(body)).result).id).toBe(5);
	});
});

describe('filters', () => {
	const withFilters = (filters: INodeParameters): TestWorkflowOptions => ({ parameters: { events: ['deal.*'], filters } });
	const started = (result: { workflowData?: unknown }) => result.workflowData !== undefined;

	it('runs only when a chosen field changed', async () => {
		const options = withFilters({ changedFields: 'stage_id, status' });
		const stageMove = v2('deal', 'change', { id: 1, stage_id: 3 }, { stage_id: 2 });
		const titleEdit = v2('deal', 'change', { id: 1, title: 'B' }, { title: 'A' });
		expect(started((await run(stageMove, options)).result)).toBe(true);
		const ignored = await run(titleEdit, options);
		expect(started(ignored.result)).toBe(false);
		expect(ignored.result.webhookResponse).toEqual({ message: 'Ignored: none of the chosen fields changed' });
		expect(ignored.res.statusCode).toBeUndefined();
	});

	it('lets created and deleted events through the changed-fields filter', async () => {
		const options = withFilters({ changedFields: 'stage_id' });
		expect(started((await run(v2('deal', 'create', { id: 1 }, null), options)).result)).toBe(true);
		expect(started((await run(v2('deal', 'delete', null, { id: 1 }), options)).result)).toBe(true);
	});

	it('matches changed fields in v1 payloads too', async () => {
		const options = withFilters({ changedFields: 'status' });
		const won = v1('deal', 'updated', { id: 1, status: 'won', title: 'A' }, { id: 1, status: 'open', title: 'A' });
		const renamed = v1('deal', 'updated', { id: 1, status: 'open', title: 'B' }, { id: 1, status: 'open', title: 'A' });
		expect(started((await run(won, options)).result)).toBe(true);
		expect(started((await run(renamed, options)).result)).toBe(false);
	});

	it('runs only for the chosen pipelines', async () => {
		const options = withFilters({ pipelineIds: [1, 4] });
		expect(started((await run(v2('deal', 'change', { id: 1, pipeline_id: 4 }, { title: 'x' }), options)).result)).toBe(true);
		expect(started((await run(v2('deal', 'change', { id: 1, pipeline_id: 2 }, { title: 'x' }), options)).result)).toBe(false);
		expect(started((await run(v2('person', 'change', { id: 1 }, { name: 'x' }), options)).result)).toBe(false);
		// A deleted deal is judged by its previous state.
		expect(started((await run(v2('deal', 'delete', null, { id: 1, pipeline_id: 1 }), options)).result)).toBe(true);
	});

	it('runs only for the chosen stages', async () => {
		const options = withFilters({ stageIds: ['7'] });
		expect(started((await run(v2('deal', 'change', { id: 1, stage_id: 7 }, { stage_id: 6 }), options)).result)).toBe(true);
		expect(started((await run(v2('deal', 'change', { id: 1, stage_id: 8 }, { stage_id: 7 }), options)).result)).toBe(false);
	});

	it("ignores API changes made by the credential's own user", async () => {
		const options = withFilters({ ignoreOwnApiChanges: true });
		const own = v2('deal', 'change', { id: 1 }, { title: 'x' }, { change_source: 'api', user_id: '900' });
		const ownInApp = v2('deal', 'change', { id: 1 }, { title: 'x' }, { change_source: 'app', user_id: 900 });
		const otherApi = v2('deal', 'change', { id: 1 }, { title: 'x' }, { change_source: 'api', user_id: 901 });
		const ignored = await run(own, options);
		expect(started(ignored.result)).toBe(false);
		expect(ignored.result.webhookResponse).toEqual({ message: "Ignored: change made through the API by the credential's own user" });
		expect(started((await run(ownInApp, options)).result)).toBe(true);
		expect(started((await run(otherApi, options)).result)).toBe(true);
		// Without the filter, the same kind of change runs.
		const ownAgain = v2('deal', 'change', { id: 1 }, { title: 'x' }, { change_source: 'api', user_id: 900 });
		expect(started((await run(ownAgain)).result)).toBe(true);
	});
});

describe('custom field names', () => {
	const budget = 'b'.repeat(40);
	const region = 'c'.repeat(40);
	const stageKind = 'd'.repeat(40);

	it('replaces v2 custom_fields keys by names, in current, previous and changed', async () => {
		pipedrive()
			.get('/api/v2/dealFields')
			.query({ limit: 500 })
			.reply(200, {
				success: true,
				data: [
					{ field_code: 'title', field_name: 'Title', is_custom_field: false },
					{ field_code: budget, field_name: 'Budget', is_custom_field: true },
					{ field_code: stageKind, field_name: 'Kind', field_type: 'enum', is_custom_field: true, options: [{ id: 4, label: 'Upsell' }] },
				],
				additional_data: { next_cursor: null },
			});
		const body = v2('deal', 'change', { id: 1, custom_fields: { [budget]: 10, [stageKind]: 4, other: 1 } }, { custom_fields: { [budget]: 5 } });
		const item = outputOf((await run(body, { credentialId: 'cf-v2', parameters: { events: ['deal.change'], filters: { changedFields: 'budget' } } })).result);
		expect(item.current).toEqual({ id: 1, custom_fields: { Budget: 10, Kind: 'Upsell', other: 1 } });
		expect(item.previous).toEqual({ custom_fields: { Budget: 5 } });
		expect(item.changed).toEqual(['Budget']);
	});

	it('replaces v1 top-level hash keys and caches the field list', async () => {
		pipedrive()
			.get('/api/v2/personFields')
			.query({ limit: 500 })
			.once()
			.reply(200, { success: true, data: [{ field_code: region, field_name: 'Region', is_custom_field: true }] });
		const current = { id: 2, name: 'Ann', [region]: 'EU', [`${region}_currency`]: 'EUR' };
		const previous = { id: 2, name: 'Ann', [region]: 'US', [`${region}_currency`]: 'EUR' };
		const options = { credentialId: 'cf-v1' };
		const item = outputOf((await run(v1('person', 'updated', current, previous), options)).result);
		// `<hash>_currency` companions are named after their field too.
		expect(item.current).toEqual({ id: 2, name: 'Ann', Region: 'EU', 'Region Currency': 'EUR' });
		expect(item.changed).toEqual(['Region']);
		// Second delivery: names come from the cache (nock would fail on a second request).
		const again = outputOf((await run(v1('person', 'updated', current, previous), options)).result);
		expect(again.current).toHaveProperty('Region', 'EU');
	});

	it('keeps raw keys when asked to, without loading fields', async () => {
		const body = v2('deal', 'change', { id: 1, custom_fields: { [budget]: 10 } }, { custom_fields: { [budget]: 5 } });
		const item = outputOf((await run(body, { credentialId: 'cf-raw', parameters: { events: ['deal.change'], options: { rawCustomFieldKeys: true } } })).result);
		expect(item.current).toEqual({ id: 1, custom_fields: { [budget]: 10 } });
		expect(item.changed).toEqual([budget]);
	});

	it('still runs, with raw keys, when the field list cannot be loaded', async () => {
		pipedrive().get('/api/v2/dealFields').query({ limit: 500 }).reply(403, { success: false, error: 'forbidden' });
		const body = v2('deal', 'change', { id: 1, custom_fields: { [budget]: 10 } }, { custom_fields: { [budget]: 5 } });
		const item = outputOf((await run(body, { credentialId: 'cf-fail' })).result);
		expect(item.current).toEqual({ id: 1, custom_fields: { [budget]: 10 } });
	});

	it('does not call Pipedrive for records without custom fields', async () => {
		const item = outputOf((await run(v2('deal', 'change', { id: 1, title: 'B' }, { title: 'A' }), { credentialId: 'cf-none' })).result);
		expect(item.changed).toEqual(['title']);
	});
});
