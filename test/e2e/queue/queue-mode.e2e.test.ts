/**
 * This package in n8n's queue mode (n8n 2.8.4): a main instance, two workers and two webhook processors
 * on PostgreSQL and Redis (test/e2e/n8n/queue.js), against the loopback fake Pipedrive.
 *
 * What runs where: the main serves the REST API, activates workflows (our trigger registers its
 * webhooks there) and runs the polling trigger's polls; production webhooks reach the webhook
 * processors, which run our trigger's delivery check and put the execution in Bull's queue; the
 * workers run every execution. n8n does not store which worker ran an execution: each worker logs
 * "Worker started execution <id>", and the tests read that from the workers' own output.
 *
 * The tests run in order on one stack (starting it takes a minute or two).
 *
 * Run: npm run test:e2e:queue
 */
import { randomUUID } from 'crypto';

import * as cli from '../n8n/cli';
import { apiTokenCredential, byId, describeIfBuilt, FAKE_CREDENTIAL, pipedriveNode, startFake, waitFor } from '../helpers';
import { countWorkerStarts, postJson, startTestStack } from './stack';

type Json = Record<string, any>;

const OAUTH_CREDENTIAL = { id: 'pdQueueOAuth2Cred', name: 'Pipedrive OAuth2 (fake)', type: 'pipedriveCompleteOAuth2Api' };
const POLLING_TRIGGER = 'CUSTOM.pipedriveCompletePollingTrigger';

const PATHS = {
	createDeal: 'queue-create-deal',
	createDeals: 'queue-create-deals',
	allDeals: 'queue-all-deals',
	file: 'queue-file',
	currentUser: 'queue-current-user',
};

const createDeal = cli.chainWorkflow({
	name: 'queue: create a deal',
	nodes: [cli.webhookNode({ path: PATHS.createDeal }), pipedriveNode('Create deal', { resource: 'deal', operation: 'addDeal', title: '={{ $json.body.title }}' })],
});
/** `{ deals: [{ title }] }` → one item per deal → one create request per item. */
const createDeals = cli.chainWorkflow({
	name: 'queue: create deals',
	nodes: [
		cli.webhookNode({ path: PATHS.createDeals, responseData: 'allEntries' }),
		{ name: 'One item per deal', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.deals', options: {} } },
		pipedriveNode('Create deal', { resource: 'deal', operation: 'addDeal', title: '={{ $json.title }}' }),
	],
});
const allDeals = cli.chainWorkflow({
	name: 'queue: every deal',
	nodes: [cli.webhookNode({ path: PATHS.allDeals, responseData: 'allEntries' }), pipedriveNode('All deals', { resource: 'deal', operation: 'getDeals', returnAll: true })],
});
const FILE_DEAL_ID = 501;
const fileRoundTrip = cli.chainWorkflow({
	name: 'queue: file up and down',
	nodes: [
		cli.webhookNode({ path: PATHS.file }),
		{
			name: 'Convert to File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: { operation: 'toText', sourceProperty: 'body.text', options: { fileName: 'proposal.txt' } },
		},
		pipedriveNode('Upload file', { resource: 'file', operation: 'addFile', binaryPropertyName: 'data', additionalFields: { deal_id: byId(FILE_DEAL_ID) } }),
		pipedriveNode('Download file', { resource: 'file', operation: 'downloadFile', fileId: '={{ $json.id }}', binaryPropertyName: 'downloaded' }),
		{
			name: 'Read file',
			type: 'n8n-nodes-base.extractFromFile',
			typeVersion: 1,
			// UTF-8 said explicitly: n8n would guess the encoding of a short text otherwise.
			parameters: { operation: 'text', binaryPropertyName: 'downloaded', options: { encoding: 'utf8' } },
		},
	],
});
const currentUser = cli.chainWorkflow({
	name: 'queue: current user (OAuth2)',
	nodes: [cli.webhookNode({ path: PATHS.currentUser }), pipedriveNode('Current user', { resource: 'user', operation: 'getCurrentUser' }, OAUTH_CREDENTIAL)],
});
const TRIGGER_EVENTS = ['deal.create', 'deal.change'];
const TRIGGER_WEBHOOK_ID = '8d2f4e6a-1b3c-4d5e-9f70-a1b2c3d4e5f6';
const dealEvents = cli.chainWorkflow({
	name: 'queue: deal events',
	nodes: [
		pipedriveNode('Deal events', { events: TRIGGER_EVENTS }, FAKE_CREDENTIAL, { type: cli.NODE_TYPES.trigger, webhookId: TRIGGER_WEBHOOK_ID }),
		{ name: 'Received', type: 'n8n-nodes-base.noOp' },
	],
});
const POLL = 'Deal changes (polled)';
const polledDeals = cli.chainWorkflow({
	name: 'queue: polled deal changes',
	nodes: [
		pipedriveNode(
			POLL,
			// Every 10 s (n8n refuses a `*` in the seconds field, not a list of seconds).
			{ pollTimes: { item: [{ mode: 'custom', cronExpression: '0,10,20,30,40,50 * * * * *' }] }, object: 'deal', event: 'createdOrUpdated' },
			FAKE_CREDENTIAL,
			{ type: POLLING_TRIGGER },
		),
		{ name: 'Received', type: 'n8n-nodes-base.noOp' },
	],
});

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describeIfBuilt('n8n queue mode: main, 2 workers, 2 webhook processors, PostgreSQL, Redis', () => {
	let fake: any;
	let stack: Awaited<ReturnType<typeof startTestStack>>;
	let rest: InstanceType<typeof cli.RestClient>;

	beforeAll(async () => {
		fake = await startFake();
		const started = Date.now();
		stack = await startTestStack({ log: (line) => console.log(`[queue stack +${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`) });
		await stack.importCredentials([
			apiTokenCredential(fake),
			{
				...OAUTH_CREDENTIAL,
				data: {
					clientId: 'test-client-id',
					clientSecret: 'test-client-secret',
					authUrl: `${fake.url}/oauth/authorize`,
					accessTokenUrl: `${fake.url}/oauth/token`,
					oauthTokenData: fake.issueOAuthToken(),
				},
			},
		]);
		await stack.importWorkflows([createDeal, createDeals, allDeals, fileRoundTrip, currentUser, dealEvents, polledDeals]);
		rest = await stack.rest();
		for (const workflow of [createDeal, createDeals, allDeals, fileRoundTrip, currentUser]) await rest.activateWorkflow(workflow.id);
		console.log(`[queue stack] ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
	}, 900_000);
	afterAll(async () => {
		await stack?.stop();
		await fake?.close();
	});

	const webhookUrl = (path: string, processor = 0) => `${stack.webhookProcessors[processor].url}/webhook/${path}`;
	const requestsTo = (method: string, pattern: RegExp) => fake.requests.filter((request: Json) => request.method === method && pattern.test(request.path));

	/** The newest `count` executions of a workflow, oldest first, with run data. */
	async function latestExecutions(workflowId: string, count: number) {
		const summaries = (await rest.listExecutions({ workflowId, limit: count })).slice(0, count).reverse();
		return await Promise.all(summaries.map((summary: Json) => rest.getExecution(summary.id)));
	}

	/** Executions of a workflow with a given status: `{ count }` from n8n's list endpoint. */
	async function countExecutions(workflowId: string, status: string) {
		const query = new URLSearchParams({ filter: JSON.stringify({ workflowId, status: [status] }), limit: '1' });
		return (await rest.request('GET', `/rest/executions?${query}`)).count as number;
	}

	/** The worker whose log names the execution: exactly one, and a worker. */
	const workerOf = (executionId: string) => stack.executionWorkers().get(String(executionId));

	describe('action node on the workers', () => {
		test('a create started at a webhook processor runs on one worker, which decrypts the credential with the shared key', async () => {
			const response = await postJson(webhookUrl(PATHS.createDeal), { title: 'Queued deal' });

			expect(response).toEqual({ status: 200, body: expect.objectContaining({ id: expect.any(Number), title: 'Queued deal' }) });
			const [execution] = await latestExecutions(createDeal.id, 1);
			expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
			expect(cli.nodeJson(execution, 'Create deal')).toEqual([response.body]);
			expect(workerOf(execution.id)).toMatch(/^worker-[12]$/);
			const [sent] = requestsTo('POST', /^\/api\/v2\/deals$/);
			expect(sent.headers['x-api-token']).toBe(fake.apiToken);
			expect(sent.body).toEqual({ title: 'Queued deal' });
			expect(fake.violations).toEqual([]);
		});

		test('Return All on a worker: 1,200 deals in three cursor pages', async () => {
			fake.seedMany('deals', 1200, (i: number) => ({ title: `Listed deal ${i}` }));
			const pagesBefore = requestsTo('GET', /^\/api\/v2\/deals$/).length;

			const response = await postJson(webhookUrl(PATHS.allDeals), {});

			expect(response.status).toBe(200);
			const titles = (response.body as Json[]).map((deal) => deal.title).filter((title: string) => title.startsWith('Listed deal'));
			expect(titles).toHaveLength(1200);
			expect(new Set(titles).size).toBe(1200);
			const pages = requestsTo('GET', /^\/api\/v2\/deals$/).slice(pagesBefore);
			expect(pages.map((page: Json) => page.query)).toEqual([{ limit: '500' }, { limit: '500', cursor: expect.any(String) }, { limit: '500', cursor: expect.any(String) }]);
			const [execution] = await latestExecutions(allDeals.id, 1);
			expect(execution.status).toBe('success');
			expect(workerOf(execution.id)).toMatch(/^worker-[12]$/);
		});

		test("binary data in the database: a worker uploads and downloads a file, the main serves the worker's bytes", async () => {
			fake.seed('deals', [{ id: FILE_DEAL_ID, title: 'Deal with a proposal' }]);
			const text = 'Proposal, queue edition — 5,000 EUR ✓';

			const response = await postJson(webhookUrl(PATHS.file), { text });

			// Extract from File read the downloaded bytes on the worker.
			expect(response).toEqual({ status: 200, body: { data: text } });
			const upload = requestsTo('POST', /^\/v1\/files$/).at(-1);
			expect(upload.body).toMatchObject({ fields: { deal_id: String(FILE_DEAL_ID) }, files: [{ field: 'file', filename: 'proposal.txt', size: Buffer.byteLength(text) }] });
			const [execution] = await latestExecutions(fileRoundTrip.id, 1);
			expect(workerOf(execution.id)).toMatch(/^worker-[12]$/);
			const [uploaded] = cli.nodeJson(execution, 'Upload file');
			expect(requestsTo('GET', /^\/v1\/files\/\d+\/download$/).at(-1).path).toBe(`/v1/files/${uploaded.id}/download`);
			const downloaded = execution.data.resultData.runData['Download file'][0].data.main[0][0].binary.downloaded;
			// The worker stored the file in PostgreSQL; the main (another process) reads it back from there.
			expect(downloaded).toMatchObject({ fileName: 'proposal.txt', id: expect.stringMatching(/^database:/) });
			const bytes = await rest.send('GET', `/rest/binary-data?${new URLSearchParams({ id: downloaded.id, action: 'download' })}`);
			expect(bytes).toMatchObject({ status: 200, text });
			expect(fake.violations).toEqual([]);
		});
	});

	describe('webhook trigger: activation on the main, deliveries at the webhook processors', () => {
		const registrations = () => requestsTo('POST', /^\/v1\/webhooks$/);
		const deliveryUrl = (processor = 0) => `${stack.webhookProcessors[processor].url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

		test('activation registers each webhook once (not once per process), at the webhook processor URL', async () => {
			await rest.activateWorkflow(dealEvents.id);

			await waitFor(() => fake.store.all('webhooks').length === TRIGGER_EVENTS.length, { what: 'the webhooks at the fake' });
			const bodies = registrations().map((request: Json) => request.body);
			expect(bodies.map((body: Json) => `${body.event_object}.${body.event_action}`).sort()).toEqual([...TRIGGER_EVENTS].sort());
			expect(new Set(bodies.map((body: Json) => body.subscription_url))).toEqual(new Set([`${stack.webhookUrl}webhook/${TRIGGER_WEBHOOK_ID}/webhook`]));
		});

		test('each delivery starts exactly one execution, on a worker', async () => {
			const deal = { id: 7001, title: 'Webhook deal', stage_id: 1 };

			const attempts = [
				...(await fake.fireWebhookEvent({ object: 'deal', action: 'create', data: deal })),
				...(await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { ...deal, stage_id: 2 }, previous: { stage_id: 1 } })),
				...(await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { ...deal, stage_id: 3 }, previous: { stage_id: 2 } })),
			];

			expect(attempts.map((attempt: Json) => [attempt.attempt, attempt.status])).toEqual([[1, 200], [1, 200], [1, 200]]);
			const executions = await rest.waitForExecutions({ workflowId: dealEvents.id, count: 3 });
			expect(executions).toHaveLength(3);
			expect(executions.map((execution: Json) => cli.nodeJson(execution, 'Deal events').map((item) => [item.action, item.current?.stage_id]))).toEqual([
				[['create', 1]],
				[['change', 2]],
				[['change', 3]],
			]);
			for (const execution of executions) expect(workerOf(execution.id)).toMatch(/^worker-[12]$/);
		});

		test('a retried delivery (same event, attempt 2) starts nothing, whichever webhook processor gets it', async () => {
			const [first] = fake.deliveries.filter((delivery: Json) => delivery.status === 200);
			const retry = { ...first.body, meta: { ...first.body.meta, attempt: 2 } };

			// The retry reaches the other webhook processor: the event id it finds was saved in the database.
			const answers = [
				await fake.deliverRaw(deliveryUrl(1), { headers: { authorization: first.headers.authorization }, body: retry }),
				await fake.deliverRaw(deliveryUrl(0), { headers: { authorization: first.headers.authorization }, body: { ...retry, meta: { ...retry.meta, attempt: 3 } } }),
			];

			expect(answers.map((answer: Json) => [answer.status, JSON.parse(answer.responseBody).message])).toEqual(
				Array(2).fill([200, expect.stringMatching(/^Ignored: event .* was already received$/)]),
			);
			// A new event after the retries: once it has run, everything before it has too.
			await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { id: 7001, title: 'Webhook deal', stage_id: 1 }, previous: { stage_id: 3 } });
			await rest.waitForExecutions({ workflowId: dealEvents.id, count: 4 });
			expect(await countExecutions(dealEvents.id, 'success')).toBe(4);
			expect(registrations()).toHaveLength(TRIGGER_EVENTS.length);
		});

		test('a delivery n8n could not start an execution for (500) runs when Pipedrive retries it', async () => {
			const [first] = fake.deliveries.filter((delivery: Json) => delivery.status === 200);
			const event = { ...first.body, meta: { ...first.body.meta, id: randomUUID(), timestamp: new Date().toISOString(), attempt: 1 }, data: { id: 7002, title: 'Refused once', stage_id: 1 } };
			const headers = { authorization: first.headers.authorization };
			const executions = await countExecutions(dealEvents.id, 'success');

			// For a moment PostgreSQL refuses new executions (a database restart, a full disk): n8n answers 500.
			stack.postgres.sql('ALTER TABLE execution_entity ADD CONSTRAINT queue_e2e_refuse_executions CHECK (false) NOT VALID');
			const refused = await fake.deliverRaw(deliveryUrl(0), { headers, body: event }).finally(() =>
				stack.postgres.sql('ALTER TABLE execution_entity DROP CONSTRAINT queue_e2e_refuse_executions'),
			);
			expect(refused.status).toBe(500);

			// The same webhook processor gets the retry: it must not remember the event it could not run.
			const retried = await fake.deliverRaw(deliveryUrl(0), { headers, body: { ...event, meta: { ...event.meta, attempt: 2 } } });
			expect([retried.status, retried.responseBody]).toEqual([200, '']);
			const [execution] = (await rest.waitForExecutions({ workflowId: dealEvents.id, count: executions + 1 })).slice(-1);
			expect(cli.nodeJson(execution, 'Deal events')).toEqual([expect.objectContaining({ action: 'create', id: 7002, current: expect.objectContaining({ title: 'Refused once' }) })]);
			expect(await countExecutions(dealEvents.id, 'success')).toBe(executions + 1);
		});

		test('deactivation removes the webhooks at Pipedrive; the webhook processors stop serving the URL', async () => {
			const [{ http_auth_user: user, http_auth_password: password }] = fake.store.all('webhooks');

			await rest.deactivateWorkflow(dealEvents.id);

			await waitFor(() => fake.store.all('webhooks').length === 0, { what: 'the webhooks to be deleted' });
			expect(requestsTo('DELETE', /^\/v1\/webhooks\/\d+$/)).toHaveLength(TRIGGER_EVENTS.length);
			const late = await postJson(deliveryUrl(0), { meta: { action: 'create', entity: 'deal' } }, { authorization: basicAuth(user, password) });
			expect(late.status).toBe(404);
			expect(registrations()).toHaveLength(TRIGGER_EVENTS.length);
			expect(fake.violations).toEqual([]);
		});
	});

	describe('polling trigger: polls on the main, executions on the workers', () => {
		const stored = async () => (await rest.getWorkflow(polledDeals.id)).staticData?.[`node:${POLL}`];
		const polledItems = (execution: Json) =>
			cli.nodeJson(execution, POLL)
				.map((item) => [item.action, item.current.title])
				.sort((a, b) => String(a[1]).localeCompare(String(b[1])));

		test('the watermark carries over from one worker to the other and across a restart of the main', async () => {
			await rest.activateWorkflow(polledDeals.id);
			const [first] = fake.seed('deals', [{ title: 'Polled A' }]);

			const [one] = await rest.waitForExecutions({ workflowId: polledDeals.id, count: 1, timeoutMs: 60_000 });
			expect(polledItems(one)).toEqual([['create', 'Polled A']]);
			const firstWorker = workerOf(one.id);
			expect(firstWorker).toMatch(/^worker-[12]$/);
			expect(await stored()).toMatchObject({ watermark: Date.parse(first.update_time) });

			// Only the other worker is left to take the next execution.
			await stack.workers.find((worker) => worker.name === firstWorker)!.stop();
			fake.changeRow('deals', first.id, { title: 'Polled A, renamed' });
			fake.seed('deals', [{ title: 'Polled B' }]);
			const two = (await rest.waitForExecutions({ workflowId: polledDeals.id, count: 2, timeoutMs: 60_000 }))[1];
			expect(polledItems(two)).toEqual([
				['change', 'Polled A, renamed'],
				['create', 'Polled B'],
			]);
			expect(workerOf(two.id)).toMatch(/^worker-[12]$/);
			expect(workerOf(two.id)).not.toBe(firstWorker);

			// A new main (a deploy, or another main taking over) polls on from the watermark in the database.
			const watermark = (await stored()).watermark;
			await Promise.all([stack.restartMain(), stack.addWorker()]);
			rest = await stack.rest();
			fake.changeRow('deals', first.id, { title: 'Polled A, third name' });
			const three = (await rest.waitForExecutions({ workflowId: polledDeals.id, count: 3, timeoutMs: 60_000 }))[2];
			expect(polledItems(three)).toEqual([['change', 'Polled A, third name']]);
			expect((await stored()).watermark).toBeGreaterThan(watermark);

			await rest.deactivateWorkflow(polledDeals.id);
			expect(await countExecutions(polledDeals.id, 'success')).toBe(3);
			expect(fake.violations).toEqual([]);
		});
	});

	describe('rate limit shared by two workers', () => {
		test('20 parallel executions of 30 creates each under 80 requests / 2 s: every deal created once, 0 failed', async () => {
			const [executions, perExecution] = [20, 30];
			fake.setRateLimit({ enforce: true });
			const startsPerWorker = countWorkerStarts(stack);
			const [limited, creates] = [fake.stats.tooManyRequests, requestsTo('POST', /^\/api\/v2\/deals$/).length];
			const batches = Array.from({ length: executions }, (_, e) => Array.from({ length: perExecution }, (_, i) => ({ title: `Paced deal ${e}.${i}` })));

			const responses = await Promise.all(batches.map((deals, e) => postJson(webhookUrl(PATHS.createDeals, e % 2), { deals })));
			fake.setRateLimit({ enforce: false });

			expect(responses.map((response) => [response.status, Array.isArray(response.body) ? response.body.length : response.body])).toEqual(Array(executions).fill([200, perExecution]));
			const titles = fake.store.all('deals').map((deal: Json) => deal.title).filter((title: string) => title.startsWith('Paced deal'));
			expect(titles).toHaveLength(executions * perExecution);
			expect(new Set(titles).size).toBe(executions * perExecution);
			expect(await countExecutions(createDeals.id, 'error')).toBe(0);
			const perWorker = startsPerWorker();
			expect(Object.values(perWorker).filter((started) => started > 0)).toHaveLength(2);
			// Each worker paces itself by the x-ratelimit-* headers, which count both workers' requests: few
			// or no 429s. (A pacer that kept 8 in flight until the window was nearly spent got 429 on 8–19%
			// of its requests here: the other worker's 8 were in flight too.)
			const sent = requestsTo('POST', /^\/api\/v2\/deals$/).length - creates;
			const rateLimited = fake.stats.tooManyRequests - limited;
			console.log(`[queue rate limit] executions per worker ${JSON.stringify(perWorker)}; ${sent} create requests, ${rateLimited} answered 429`);
			expect(rateLimited).toBeLessThan(sent / 20);
			expect(fake.violations).toEqual([]);
		});
	});

	describe('OAuth2 on two workers', () => {
		const tokenRequests = () => fake.requests.filter((request: Json) => request.method === 'POST' && /^\/oauth\/token\/?$/.test(request.path));

		test('an expired token refreshed by both workers at once: every execution succeeds, the stored token is valid', async () => {
			expect(await postJson(webhookUrl(PATHS.currentUser), {})).toEqual({ status: 200, body: expect.objectContaining({ id: 1 }) });
			const refreshesBefore = tokenRequests().length;
			fake.expireOAuthTokens();
			const startsPerWorker = countWorkerStarts(stack);

			const responses = await Promise.all(Array.from({ length: 30 }, (_, i) => postJson(webhookUrl(PATHS.currentUser, i % 2), {})));

			expect(responses.map((response) => [response.status, response.body?.id])).toEqual(Array(30).fill([200, 1]));
			expect(Object.values(startsPerWorker()).filter((started) => started > 0)).toHaveLength(2);
			expect(tokenRequests().length).toBeGreaterThan(refreshesBefore);
			expect(await countExecutions(currentUser.id, 'error')).toBe(0);

			// The token n8n kept works as it is: no 401, no refresh.
			const refreshes = tokenRequests().length;
			const userCalls = requestsTo('GET', /^\/v1\/users\/me$/).length;
			expect(await postJson(webhookUrl(PATHS.currentUser), {})).toEqual({ status: 200, body: expect.objectContaining({ id: 1 }) });
			expect(requestsTo('GET', /^\/v1\/users\/me$/).slice(userCalls).map((call: Json) => call.status)).toEqual([200]);
			expect(tokenRequests()).toHaveLength(refreshes);
			expect(fake.violations).toEqual([]);
		});
	});
});
