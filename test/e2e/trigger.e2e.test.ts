/**
 * The trigger node inside a running n8n 2.8.4 (`n8n start`, WEBHOOK_URL on 127.0.0.1), against
 * the loopback fake Pipedrive: activation over the REST API registers the webhooks, the fake
 * delivers deal and project events to n8n's production webhook URL, n8n answers each with an empty
 * 200 and records one execution per accepted event, events not chosen and forged deliveries start
 * nothing, and deactivation deletes the webhooks again.
 *
 * The tests run in order and share one activated workflow.
 *
 * Run: npm run test:e2e -- trigger
 */
import * as cli from './n8n/cli';
import { apiTokenCredential, describeIfBuilt, N8nInstance, pipedriveNode, startFake, waitFor } from './helpers';

type Json = Record<string, any>;

const WEBHOOK_ID = '6f1b7c2e-3d4a-4b5c-8d9e-0a1b2c3d4e5f';
const EVENTS = ['deal.create', 'deal.change', 'deal.delete', 'project.change'];

const workflow = cli.chainWorkflow({
	name: 'e2e deal events',
	nodes: [
		pipedriveNode('Deal events', { events: EVENTS }, undefined, { type: cli.NODE_TYPES.trigger, webhookId: WEBHOOK_ID }),
		{ name: 'Received', type: 'n8n-nodes-base.noOp' },
	],
});

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describeIfBuilt('trigger round trip through a running n8n', () => {
	let fake: any;
	let rest: InstanceType<typeof cli.RestClient>;
	let productionUrl: string;
	const n8n = new N8nInstance('n8n-e2e-trigger-');

	beforeAll(async () => {
		fake = await startFake();
		await n8n.importCredentials([apiTokenCredential(fake)]);
		await n8n.importWorkflows([workflow]);
		const started = await n8n.startServer();
		rest = started.rest;
		productionUrl = `http://127.0.0.1:${started.server.port}/webhook/${WEBHOOK_ID}/webhook`;
	});
	afterAll(async () => {
		await n8n.dispose();
		await fake?.close();
	});

	const registrations = () => fake.requests.filter((request: Json) => request.method === 'POST' && request.path === '/v1/webhooks');
	const executionsSoFar = async () => (await rest.listExecutions({ workflowId: workflow.id })).length;

	test('activation registers one webhooks-v2 subscription per event, with Basic auth, at the production URL', async () => {
		await rest.activateWorkflow(workflow.id);
		// Newer n8n may answer the activation before the trigger's webhooks exist.
		await waitFor(() => fake.store.all('webhooks').length === EVENTS.length, { what: `${EVENTS.length} webhooks at the fake` });

		const bodies = registrations().map((request: Json) => request.body);
		expect(bodies.map((body: Json) => `${body.event_object}.${body.event_action}`).sort()).toEqual([...EVENTS].sort());
		for (const body of bodies) {
			expect(body).toMatchObject({
				subscription_url: productionUrl,
				version: '2.0',
				http_auth_user: expect.stringMatching(/^n8n-[0-9a-f]{12}$/),
				http_auth_password: expect.stringMatching(/^[\w-]{40,}$/),
				name: expect.stringContaining('e2e deal events'),
			});
		}
		expect(new Set(bodies.map((body: Json) => `${body.http_auth_user}:${body.http_auth_password}`)).size).toBe(1);
		expect(registrations()[0].headers['x-api-token']).toBe(fake.apiToken);
		expect(fake.store.all('webhooks')).toHaveLength(EVENTS.length);
		expect(await rest.request('GET', '/rest/active-workflows')).toContain(workflow.id);
		expect(fake.violations).toEqual([]);
	});

	test('deal created, changed and deleted: one execution each, with the event as the item, answered with an empty 200', async () => {
		const region = fake.customFieldKey('dealFields', 'Region');
		// Webhooks v2 type custom field values; the item carries the plain value under the field's name.
		const deal = { id: 42, title: 'Webhook deal', value: 900, stage_id: 1, custom_fields: { [region]: { type: 'varchar', value: 'EU' } } };
		const moved = { ...deal, stage_id: 2 };

		const attempts = [
			...(await fake.fireWebhookEvent({ object: 'deal', action: 'create', data: deal })),
			...(await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: moved, previous: { stage_id: 1 } })),
			...(await fake.fireWebhookEvent({ object: 'deal', action: 'delete', data: null, previous: moved })),
		];

		expect(attempts.map((attempt: Json) => [attempt.status, attempt.responseBody])).toEqual(Array(3).fill([200, '']));
		const [{ http_auth_user: user, http_auth_password: password }] = fake.store.all('webhooks');
		expect(attempts.map((attempt: Json) => attempt.headers.authorization)).toEqual(Array(3).fill(basicAuth(user, password)));
		const executions = await rest.waitForExecutions({ workflowId: workflow.id, count: 3 });
		expect(executions.map((execution: Json) => execution.status)).toEqual(['success', 'success', 'success']);
		const items = executions.map((execution: Json) => cli.nodeJson(execution, 'Deal events'));
		expect(items).toEqual([
			[expect.objectContaining({ action: 'create', object: 'deal', id: 42, current: expect.objectContaining({ title: 'Webhook deal', custom_fields: { Region: 'EU' } }) })],
			[expect.objectContaining({ action: 'change', id: 42, changed: ['stage_id'], previous: { stage_id: 1 }, current: expect.objectContaining({ stage_id: 2 }) })],
			[expect.objectContaining({ action: 'delete', id: 42, current: null, previous: expect.objectContaining({ title: 'Webhook deal' }) })],
		]);
		expect(cli.nodeJson(executions[0], 'Received')).toEqual(items[0]);
		expect(fake.violations).toEqual([]);
	});

	test('a project change (an object webhooks v2 gained in 2026): one execution with the project and its changed fields', async () => {
		const project = { id: 3, title: 'Website relaunch', status: 'open', board_id: 1, phase_id: 2, custom_fields: {} };

		const [attempt] = await fake.fireWebhookEvent({ object: 'project', action: 'change', data: project, previous: { phase_id: 1 } });

		expect([attempt.status, attempt.responseBody]).toEqual([200, '']);
		const executions = await rest.waitForExecutions({ workflowId: workflow.id, count: 4 });
		expect(cli.nodeJson(executions[3], 'Deal events')).toEqual([
			expect.objectContaining({ action: 'change', object: 'project', id: 3, current: project, previous: { phase_id: 1 }, changed: ['phase_id'] }),
		]);
		expect(fake.violations).toEqual([]);
	});

	test('an event the trigger was not set to (a person change) is answered 200 and starts nothing', async () => {
		const before = await executionsSoFar();

		const [attempt] = await fake.fireWebhookEvent({ object: 'person', action: 'change', data: { id: 8, name: 'Ann' }, previous: { name: 'Anne' } });

		expect(attempt).toBeUndefined(); // no person webhook is registered: the fake sends nothing…
		const [{ http_auth_user: user, http_auth_password: password }] = fake.store.all('webhooks');
		const body = { meta: { action: 'change', entity: 'person', entity_id: '8', id: 'stale-person-event', timestamp: '2026-11-30T10:00:00.000Z', version: '2.0' }, data: { id: 8 }, previous: { name: 'Anne' } };
		// …but a stale or foreign webhook on the same URL could: 200 (so Pipedrive does not retry or ban it), no run.
		const stale = await fake.deliverRaw(productionUrl, { body, headers: { authorization: basicAuth(user, password) } });
		expect(stale.status).toBe(200);
		expect(JSON.parse(stale.responseBody)).toEqual({ message: 'Ignored: person.change is not one of the chosen events' });
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionsSoFar()).toBe(before);
	});

	test('forged deliveries (no auth, wrong password) are refused with 401 and start nothing', async () => {
		const before = await executionsSoFar();
		const body = { meta: { action: 'create', entity: 'deal', entity_id: '666', id: 'forged-event', version: '2.0' }, data: { id: 666, title: 'Forged' }, previous: null };
		const [{ http_auth_user: user }] = fake.store.all('webhooks');

		const unsigned = await fake.deliverRaw(productionUrl, { body });
		const wrongPassword = await fake.deliverRaw(productionUrl, { body, headers: { authorization: basicAuth(user, 'not-the-password') } });

		expect([unsigned.status, wrongPassword.status]).toEqual([401, 401]);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(await executionsSoFar()).toBe(before);
	});

	test('deactivation deletes the webhooks at Pipedrive', async () => {
		const ids = fake.store.all('webhooks').map((webhook: Json) => webhook.id);

		await rest.deactivateWorkflow(workflow.id);

		const deletes = fake.requests.filter((request: Json) => request.method === 'DELETE').map((request: Json) => request.path);
		expect(deletes.sort()).toEqual(ids.map((id: number) => `/v1/webhooks/${id}`).sort());
		expect(fake.store.all('webhooks')).toEqual([]);
		expect(await rest.request('GET', '/rest/active-workflows')).not.toContain(workflow.id);
		expect(fake.violations).toEqual([]);
	});
});
