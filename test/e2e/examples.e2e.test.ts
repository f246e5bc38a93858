/**
 * The workflows in examples/ are fixtures too: each is imported with the n8n CLI as it is shipped
 * (only the chat webhook URL is pointed at a local receiver), then run with `n8n execute`, or
 * activated on a running n8n for the trigger example, against the loopback fake Pipedrive. The
 * `npm start` trigger demo (test/e2e/n8n/demo.js: the trigger example bound to the fake, and a
 * Create Deal workflow) runs the way a newcomer runs it: publish, execute, an execution appears.
 *
 * Run: npm run test:e2e -- examples
 */
import * as cli from './n8n/cli';
import { DEMO_IDS, demoWorkflows } from './n8n/demo';
import { describeIfBuilt, EXAMPLE_CREDENTIAL, listExamples, loadExample, N8nInstance, startExampleFixtures, waitFor } from './helpers';

type Json = Record<string, any>;

const EXAMPLES = {
	notification: 'new-deal-slack-notification.json',
	export: 'nightly-deal-export.json',
	leadToDeal: 'lead-to-deal-conversion.json',
	fileAttachment: 'deal-file-attachment.json',
};
/** Examples another e2e file runs (a polling workflow needs n8n's scheduler: test/e2e/polling.e2e.test.ts). */
const RUN_ELSEWHERE = ['polling-new-deal-notification.json'];
const workflows = Object.fromEntries(Object.entries(EXAMPLES).map(([key, file]) => [key, loadExample(file)])) as Record<keyof typeof EXAMPLES, Json>;

/** The deal the file-attachment example attaches to (its "Proposal" node's dealId). */
const ATTACHMENT_DEAL_ID = 1;
/** In-memory binary data, so n8n prints binaries inline (filesystem-mode files of a CLI run are gone when it ends). */
const INLINE_BINARIES = { N8N_DEFAULT_BINARY_DATA_MODE: 'default' };

describeIfBuilt('examples/ imported and run by n8n', () => {
	let fake: any;
	let slack: Awaited<ReturnType<typeof startExampleFixtures>>['slack'];
	const n8n = new N8nInstance('n8n-e2e-examples-');

	/** One n8n server for the tests that need one, started by the first. */
	let server: ReturnType<typeof n8n.startServer> | undefined;
	const restClient = async () => (await (server ??= n8n.startServer())).rest;

	beforeAll(async () => {
		// As Pipedrive does (and as `npm start` runs it): API writes notify the matching webhooks.
		({ fake, slack } = await startExampleFixtures(n8n, [...Object.values(workflows), ...demoWorkflows(EXAMPLE_CREDENTIAL)], { autoWebhooks: true }));
	});
	beforeEach(() => fake.reset());
	afterAll(async () => {
		await n8n.dispose();
		await slack?.close();
		await fake?.close();
	});

	const key = (name: string) => fake.customFieldKey('dealFields', name);
	const sent = (method: string, path: string) => fake.requests.find((request: Json) => request.method === method && request.path === path);

	test('examples/ holds exactly the workflows this suite runs', () => {
		expect(listExamples()).toEqual([...Object.values(EXAMPLES), ...RUN_ELSEWHERE].sort());
	});

	test(`${EXAMPLES.export}: every open deal (Return All) with custom fields by name, as a CSV file`, async () => {
		fake.seedMany('deals', 1300, (i: number) => ({
			title: `Deal ${i}`,
			value: i * 10,
			currency: 'EUR',
			status: i % 13 === 0 ? 'won' : 'open',
			custom_fields: { [key('Region')]: i % 2 ? 'EU' : 'US', [key('Tier')]: 1, [key('Tags')]: [3, 4] },
		}));
		const openDeals = fake.store.all('deals').filter((deal: Json) => deal.status === 'open').length;

		const { run } = await n8n.execute(workflows.export.id, INLINE_BINARIES);

		expect(cli.nodeJson(run, 'All open deals')).toHaveLength(openDeals);
		const pages = fake.requests.filter((request: Json) => request.path === '/api/v2/deals');
		expect(pages.length).toBe(Math.ceil(openDeals / 500));
		expect(pages.every((page: Json) => page.query.status === 'open' && page.query.limit === '500')).toBe(true);
		const [first] = cli.nodeJson(run, 'Pick columns');
		expect(first).toEqual({ id: 1, title: 'Deal 1', value: 10, currency: 'EUR', region: 'EU', tier: 'Gold', tags: 'VIP; Partner' });

		const [file] = run.data.resultData.runData['Deals CSV'][0].data.main[0];
		expect(file.binary.data).toMatchObject({ fileName: expect.stringMatching(/^open-deals-\d{4}-\d{2}-\d{2}\.csv$/), mimeType: 'text/csv' });
		const lines = Buffer.from(file.binary.data.data, 'base64').toString('utf8').trim().split('\n');
		expect(lines).toHaveLength(openDeals + 1);
		expect(lines.slice(0, 3)).toEqual(['id,title,value,currency,region,tier,tags', '1,Deal 1,10,EUR,EU,Gold,VIP; Partner', '2,Deal 2,20,EUR,US,Gold,VIP; Partner']);
		expect(fake.violations).toEqual([]);
	});

	test(`${EXAMPLES.leadToDeal}: person, then a lead with a custom field by name, converted to a deal`, async () => {
		const { run } = await n8n.execute(workflows.leadToDeal.id);

		const [person] = cli.nodeJson(run, 'Create person');
		expect(person).toMatchObject({ id: expect.any(Number), name: 'Grace Hopper' });
		const [lead] = cli.nodeJson(run, 'Create lead');
		expect(lead).toMatchObject({ title: 'Compiler consulting for Hopper Labs', person_id: person.id, Region: 'EMEA' });
		expect(sent('POST', '/v1/leads').body).toEqual({ title: 'Compiler consulting for Hopper Labs', person_id: person.id, [key('Region')]: 'EMEA' });
		const [conversion] = cli.nodeJson(run, 'Convert to deal');
		expect(sent('POST', `/api/v2/leads/${lead.id}/convert/deal`)).toBeDefined();
		expect(sent('GET', `/api/v2/leads/${lead.id}/convert/status/${conversion.conversion_id}`)).toBeDefined();
		expect(cli.nodeJson(run, 'Conversion status')).toEqual([expect.objectContaining({ status: 'completed', deal_id: expect.any(Number) })]);
		expect(fake.violations).toEqual([]);
	});

	test(`${EXAMPLES.fileAttachment}: a binary item uploaded to a deal as a multipart file`, async () => {
		fake.seed('deals', [{ id: ATTACHMENT_DEAL_ID, title: 'Deal that gets a proposal' }]);

		const { run } = await n8n.execute(workflows.fileAttachment.id);

		const fileName = `proposal-${ATTACHMENT_DEAL_ID}.txt`;
		const [file] = cli.nodeJson(run, 'Attach to deal');
		expect(file).toMatchObject({ id: expect.any(Number), name: fileName, deal_id: ATTACHMENT_DEAL_ID });
		expect(sent('POST', '/v1/files').body).toMatchObject({
			fields: { deal_id: String(ATTACHMENT_DEAL_ID) },
			files: [{ field: 'file', filename: fileName, contentType: expect.stringMatching(/^text\/plain/) }],
		});
		const download = await fetch(`${fake.url}/v1/files/${file.id}/download`, { headers: { 'x-api-token': fake.apiToken } });
		expect(await download.text()).toMatch(/^Proposal, prepared on \d{4}-\d{2}-\d{2}\nScope: onboarding/);
		expect(fake.violations).toEqual([]);
	});

	test(`${EXAMPLES.notification}: activated, a new deal and a stage change post to the chat; other changes do not`, async () => {
		const rest = await restClient();
		await rest.activateWorkflow(workflows.notification.id);
		// Newer n8n may answer the activation before the trigger's webhooks exist.
		await waitFor(() => fake.store.all('webhooks').length === 2, { what: 'the trigger’s two webhooks at the fake' });
		expect(fake.store.all('webhooks').map((webhook: Json) => `${webhook.event_object}.${webhook.event_action}`).sort()).toEqual(['deal.change', 'deal.create']);

		const deal = { id: 7, title: 'Acme rollout', value: 900, currency: 'EUR', stage_id: 1 };
		await fake.fireWebhookEvent({ object: 'deal', action: 'create', data: deal });
		await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { ...deal, title: 'Acme rollout (EU)' }, previous: { title: 'Acme rollout' } });
		await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { ...deal, stage_id: 2 }, previous: { stage_id: 1 } });

		await rest.waitForExecutions({ workflowId: workflows.notification.id, count: 2 });
		await waitFor(() => slack.requests.length >= 2, { what: 'two chat notifications' });
		// n8n answers each delivery before it runs the workflow, so the two executions may finish in either order.
		expect(slack.requests.map((request) => JSON.parse(request.body).text).sort()).toEqual([
			'Deal moved: Acme rollout is now in stage Contact Made',
			'New deal: Acme rollout (900 EUR) in stage Qualified',
		]);
		expect(await rest.listExecutions({ workflowId: workflows.notification.id })).toHaveLength(2);

		await rest.deactivateWorkflow(workflows.notification.id);
		expect(fake.store.all('webhooks')).toEqual([]);
		expect(fake.violations).toEqual([]);
	});

	test('npm start demo: publish "Demo: new or moved deal → message", run "Demo: create a deal" (the action node), an execution appears', async () => {
		const rest = await restClient();
		await rest.activateWorkflow(DEMO_IDS.alert);
		await waitFor(() => fake.store.all('webhooks').length === 2, { what: 'the demo trigger’s webhooks at the fake' });

		// What the editor's "Execute workflow" button sends.
		const createDeal = await rest.getWorkflow(DEMO_IDS.createDeal);
		await rest.request('POST', `/rest/workflows/${DEMO_IDS.createDeal}/run`, { workflowData: createDeal, triggerToStartFrom: { name: 'Manual Trigger' } });

		const [execution] = await rest.waitForExecutions({ workflowId: DEMO_IDS.alert, count: 1 });
		const created = sent('POST', '/api/v2/deals');
		expect(created.body).toEqual({ title: expect.stringMatching(/^Demo deal \d{2}:\d{2}:\d{2}$/) });
		const [deal] = fake.store.all('deals');
		expect(execution.status).toBe('success');
		expect(cli.nodeJson(execution, 'Deal created or moved')).toEqual([
			expect.objectContaining({ action: 'create', object: 'deal', id: deal.id, current: expect.objectContaining({ title: deal.title }) }),
		]);
		expect(cli.nodeJson(execution, 'Compose message')).toEqual([{ text: `New deal: ${deal.title} (0 USD) in stage Qualified` }]);
		// The fake delivered it like Pipedrive: v2, Basic auth, answered with an empty 200.
		const delivery = fake.deliveries.find((attempt: Json) => attempt.body.meta?.entity === 'deal');
		expect(delivery).toMatchObject({ status: 200, responseBody: '', attempt: 1, body: { meta: { action: 'create', version: '2.0', change_source: 'api' } } });
		expect(delivery.headers.authorization).toMatch(/^Basic /);

		await rest.deactivateWorkflow(DEMO_IDS.alert);
		expect(fake.store.all('webhooks')).toEqual([]);
		expect(fake.violations).toEqual([]);
	});
});
