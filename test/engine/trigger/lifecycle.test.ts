import type { INodePropertyOptions, Workflow } from 'n8n-workflow';

import { isSelected, selectedEvents, webhooksFor } from '../../../nodes/PipedriveCompleteTrigger/events';
import {
	basicAuth,
	deliver,
	
	hookContext,
	OUR_TEST_URL,
	OUR_URL,
	outputOf,
	pipedrive,
	runHook,
	stateOf,
	testWorkflow,
	trigger,
	triggerEngine,
} from '../../harness/trigger';
import { expectEveryMockedCall } from '../../harness/mock';

expectEveryMockedCall();

describe('description', () => {
	const { description } = trigger;
	const eventNames = () => (description.properties.find((p) => p.name === 'events')!.options as INodePropertyOptions[]).map((o) => o.name);

	it('follows the trigger conventions', () => {
		expect(description).toMatchObject({
			name: 'pipedriveCompleteTrigger',
			displayName: 'Pipedrive Complete Trigger',
			group: ['trigger'],
			version: 1,
			inputs: [],
			outputs: ['main'],
			defaults: { name: 'Pipedrive Complete Trigger' },
			// An accepted delivery is answered with an empty 200 (n8n's default would send the text "firstEntryJson").
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		});
		expect(description.credentials).toEqual([
			expect.objectContaining({ name: 'pipedriveCompleteApi', displayOptions: { show: { authentication: ['apiToken'] } } }),
			expect.objectContaining({ name: 'pipedriveCompleteOAuth2Api', displayOptions: { show: { authentication: ['oAuth2'] } } }),
		]);
	});

	it('offers every webhooks-v2 object’s events one click away, merges included, sorted', () => {
		const names = eventNames();
		for (const seed of ['Activity Created', 'Deal Created', 'Organization Created', 'Person Created', 'Deal Updated', 'Organization Updated', 'Person Updated']) {
			expect(names).toContain(seed);
		}
		expect(names).toEqual(
			expect.arrayContaining(['Any Event', 'Custom', 'Lead Deleted', 'User Updated', 'Deal Merged', 'Person Merged', 'Organization Merged']),
		);
		expect(names).toEqual(
			expect.arrayContaining(['Project Updated', 'Project Task Created', 'Project Board Deleted', 'Project Phase Updated', 'Deal Product Created', 'Deal Installment Deleted']),
		);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		// 16 objects × created/updated/deleted, 3 mergeable objects, Any Event, Custom.
		expect(names).toHaveLength(16 * 3 + 3 + 2);
		// Values saved workflows hold keep their meaning.
		const values = (description.properties.find((p) => p.name === 'events')!.options as INodePropertyOptions[]).map((o) => o.value);
		expect(values).toEqual(expect.arrayContaining(['deal.create', 'deal.change', 'deal.delete', 'person.change', '*.*', 'custom', 'deal.merge', 'project.change']));
	});

	it('words n8n’s trigger panel for Pipedrive, not for "Pipedrive Complete"', () => {
		const panel = JSON.stringify(description.triggerPanel);
		expect(description.triggerPanel).toMatchObject({ header: 'Pull in events from Pipedrive' });
		expect(panel).toContain('happens in Pipedrive');
		expect(panel).not.toContain('Pipedrive Complete');
	});
});

describe('selected events and their webhooks', () => {
	it('collapses everything under "Any Event"', () => {
		expect(selectedEvents(['deal.change', '*.*', 'person.create'], [])).toEqual([{ object: '*', action: '*' }]);
	});

	it('registers a merge as its object’s change webhook, once, and matches merges to updates too', () => {
		const selection = selectedEvents(['deal.merge', 'person.merge', 'person.change', 'project.create'], []);
		expect(selection).toEqual([
			{ object: 'deal', action: 'merge' },
			{ object: 'person', action: 'change' },
			{ object: 'project', action: 'create' },
		]);
		expect(webhooksFor(selection)).toEqual([
			{ object: 'deal', action: 'change' },
			{ object: 'person', action: 'change' },
			{ object: 'project', action: 'create' },
		]);
		expect(isSelected(selection, { object: 'deal', action: 'merge' })).toBe(true);
		expect(isSelected(selection, { object: 'deal', action: 'change' })).toBe(false);
		expect(isSelected(selection, { object: 'person', action: 'merge' })).toBe(true);
		expect(isSelected(selection, { object: 'project', action: 'change' })).toBe(false);
		expect(isSelected([{ object: '*', action: 'delete' }], { object: 'task', action: 'delete' })).toBe(true);
	});

	it('keeps an object-wide and an action-wide event that overlap only in part', () => {
		expect(selectedEvents(['deal.change'], [{ object: 'deal', action: '*' }, { object: '*', action: 'delete' }])).toEqual([
			{ object: '*', action: 'delete' },
			{ object: 'deal', action: '*' },
		]);
	});
});

describe('full lifecycle', () => {
	it('registers, accepts a delivery signed with the registered secret, stays registered, then unregisters', async () => {
		const { workflow, node } = testWorkflow({ parameters: { events: ['deal.create'] } });
		const logger = hookContext(workflow, node).logger;
		const logs = (['debug', 'info', 'warn', 'error'] as const).map((level) => jest.spyOn(logger, level).mockImplementation(() => undefined));
		const posted: Array<Record<string, unknown>> = [];

		pipedrive().get('/v1/users/me').reply(200, { data: { id: 900 } });
		pipedrive().get('/v1/webhooks').reply(200, { data: [] });
		pipedrive()
			.post('/v1/webhooks', (body: Record<string, unknown>) => posted.push(body) > 0)
			.reply(201, { data: { id: 61 } });
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);
		await expect(runHook('create', workflow, node)).resolves.toBe(true);

		const { http_auth_user: user, http_auth_password: password } = posted[0] as { http_auth_user: string; http_auth_password: string };
		const body = { meta: { action: 'create', entity: 'deal', entity_id: '5', id: 'e-1', version: '2.0' }, data: { id: 5 }, previous: null };
		const { result } = await deliver(workflow, node, { body, authorization: basicAuth(user, password) });
		expect(outputOf(result)).toMatchObject({ action: 'create', object: 'deal', id: 5 });

		pipedrive()
			.get('/v1/webhooks')
			.reply(200, { data: [{ id: 61, subscription_url: OUR_URL, event_object: 'deal', event_action: 'create', version: '2.0', is_active: 1 }] });
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(true);

		pipedrive().delete('/v1/webhooks/61').reply(200, { success: true });
		await expect(runHook('delete', workflow, node)).resolves.toBe(true);
		expect({ ...stateOf(workflow) }).toEqual({});

		const logged = JSON.stringify(logs.map((spy) => spy.mock.calls));
		expect(logged).not.toContain(password);
		logs.forEach((spy) => spy.mockRestore());
	});

	it('in test mode ("Listen for test event") only touches the test URL’s webhooks', async () => {
		const production = { webhookUrl: OUR_URL, authUser: 'prod', authPassword: 'prod-secret', webhooks: [{ id: 11, object: 'deal', action: 'change' }] };
		const { workflow, node } = testWorkflow({ staticData: production });
		const prodHook = { id: 11, subscription_url: OUR_URL, event_object: 'deal', event_action: 'change', version: '2.0', is_active: 1 };
		const posted: Array<Record<string, unknown>> = [];

		await expect(runHook('checkExists', workflow, node, true)).resolves.toBe(false);
		pipedrive().get('/v1/users/me').reply(200, { data: { id: 900 } });
		pipedrive().get('/v1/webhooks').reply(200, { data: [prodHook] });
		pipedrive()
			.post('/v1/webhooks', (body: Record<string, unknown>) => posted.push(body) > 0)
			.reply(201, { data: { id: 71 } });
		await runHook('create', workflow, node, true);

		expect(posted[0].subscription_url).toBe(OUR_TEST_URL);
		expect(stateOf(workflow).webhooks).toEqual([{ id: 71, object: 'deal', action: 'change' }]);
	});
});

describe('load options', () => {
	const load = (workflow: Workflow, method: 'getUsers' | 'getPipelines' | 'getStages') => {
		return trigger.methods.loadOptions[method].call(triggerEngine.loadOptionsContext(workflow, 'options'));
	};

	it('lists users, pipelines (all pages) and stages', async () => {
		const { workflow } = testWorkflow();
		pipedrive()
			.get('/v1/users')
			.reply(200, { data: [{ id: 2, name: 'Zoe', email: 'z@x.io' }, { id: 1, name: 'Ann', email: 'a@x.io' }] });
		pipedrive()
			.get('/api/v2/pipelines')
			.query({ limit: 500 })
			.reply(200, { data: [{ id: 1, name: 'Sales' }], additional_data: { next_cursor: 'c2' } });
		pipedrive()
			.get('/api/v2/pipelines')
			.query({ limit: 500, cursor: 'c2' })
			.reply(200, { data: [{ id: 2, name: 'Partners' }], additional_data: { next_cursor: null } });
		pipedrive()
			.get('/api/v2/pipelines')
			.query({ limit: 500 })
			.reply(200, { data: [{ id: 1, name: 'Sales' }], additional_data: { next_cursor: null } });
		pipedrive()
			.get('/api/v2/stages')
			.query({ limit: 500 })
			.reply(200, { data: [{ id: 7, name: 'Won', pipeline_id: 1 }] });

		await expect(load(workflow, 'getUsers')).resolves.toEqual([
			{ name: 'Ann', value: 1, description: 'a@x.io' },
			{ name: 'Zoe', value: 2, description: 'z@x.io' },
		]);
		await expect(load(workflow, 'getPipelines')).resolves.toEqual([
			{ name: 'Partners', value: 2 },
			{ name: 'Sales', value: 1 },
		]);
		await expect(load(workflow, 'getStages')).resolves.toEqual([{ name: 'Sales › Won', value: 7 }]);
	});
});
