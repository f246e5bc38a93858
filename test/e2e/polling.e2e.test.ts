/**
 * The polling trigger inside a running n8n 2.8.4 (`n8n start`), against the loopback fake Pipedrive:
 * the example workflow examples/polling-new-deal-notification.json (a one-minute poll) is activated,
 * a second workflow creates a deal through the action node, and n8n's own scheduler runs the poll
 * that reports the deal once and posts the chat message.
 *
 * Run: npm run test:e2e -- polling
 */
import * as cli from './n8n/cli';
import { describeIfBuilt, EXAMPLE_CREDENTIAL, loadExample, N8nInstance, pipedriveNode, startExampleFixtures, waitFor } from './helpers';

type Json = Record<string, any>;

const polling = loadExample('polling-new-deal-notification.json');
const TRIGGER = 'New deal (polled)';
const CREATE_DEAL_PATH = 'e2e-create-deal';

/** Creates a deal through the action node when called: what a user's other workflow would do. */
const createDeal = cli.chainWorkflow({
	name: 'e2e create a deal through the action node',
	nodes: [
		cli.webhookNode({ name: 'Deal request', path: CREATE_DEAL_PATH, webhookId: 'c5a1f0d2-3b4e-4f60-8a7b-9c0d1e2f3a4b' }),
		pipedriveNode('Create deal', { resource: 'deal', operation: 'addDeal', title: '={{ $json.body.title }}', additionalFields: { value: 1200 } }, EXAMPLE_CREDENTIAL),
	],
});

describeIfBuilt('polling trigger in a running n8n', () => {
	let fake: any;
	let slack: Awaited<ReturnType<typeof startExampleFixtures>>['slack'];
	const n8n = new N8nInstance('n8n-e2e-polling-');

	beforeAll(async () => {
		({ fake, slack } = await startExampleFixtures(n8n, [polling, createDeal]));
	});
	afterAll(async () => {
		await n8n.dispose();
		await slack?.close();
		await fake?.close();
	});

	const dealLists = () => fake.requests.filter((request: Json) => request.method === 'GET' && request.path === '/api/v2/deals');

	test('activated with a one-minute poll, it reports a deal created through the action node once', async () => {
		fake.seed('deals', [{ title: 'Existing deal' }]);
		const { server, rest } = await n8n.startServer();

		await rest.activateWorkflow(polling.id);
		// Activation runs the first poll: it only learns where to start.
		expect(dealLists().map((request: Json) => request.query)).toEqual([{ sort_by: 'update_time', sort_direction: 'desc', limit: '500' }]);
		expect(fake.requests[0].headers['x-api-token']).toBe(fake.apiToken);

		await rest.activateWorkflow(createDeal.id);
		const response = await fetch(`http://127.0.0.1:${server.port}/webhook/${CREATE_DEAL_PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Polled deal' }),
		});
		expect(response.status).toBe(200);
		const created = fake.store.all('deals').find((deal: Json) => deal.title === 'Polled deal');
		expect(created).toMatchObject({ id: expect.any(Number), value: 1200 });

		// n8n's scheduler polls once a minute (at a random second).
		const [execution] = await rest.waitForExecutions({ workflowId: polling.id, count: 1, timeoutMs: 150_000 });
		expect(execution.data?.resultData?.error).toBeUndefined();
		expect(execution.status).toBe('success');
		expect(cli.nodeJson(execution, TRIGGER)).toEqual([
			{
				action: 'create',
				object: 'deal',
				id: created.id,
				current: expect.objectContaining({ id: created.id, title: 'Polled deal', value: 1200 }),
				meta: { source: 'polling', timestamp: created.update_time },
			},
		]);
		await waitFor(() => slack.requests.length >= 1, { what: 'the chat notification' });
		expect(slack.requests.map((request) => JSON.parse(request.body))).toEqual([{ text: 'New deal: Polled deal (1200 USD)' }]);

		const scheduled = dealLists().slice(1);
		expect(scheduled[0].query).toEqual({ sort_by: 'update_time', sort_direction: 'asc', updated_since: expect.any(String), limit: '500' });
		const stored = await rest.getWorkflow(polling.id);
		expect(stored.staticData?.[`node:${TRIGGER}`]).toMatchObject({ watermark: Date.parse(created.update_time) });

		await rest.deactivateWorkflow(polling.id);
		await rest.deactivateWorkflow(createDeal.id);
		expect(await rest.listExecutions({ workflowId: polling.id })).toHaveLength(1);
		expect(fake.violations).toEqual([]);
	});
});
