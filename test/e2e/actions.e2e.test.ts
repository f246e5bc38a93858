/**
 * The action node inside a real n8n 2.8.4: credentials and workflows imported with the n8n CLI,
 * each workflow run by `n8n execute --id`, against the loopback fake Pipedrive. Every test checks
 * the node outputs n8n printed, what the fake received and stored, and that the fake recorded no
 * spec violation.
 *
 * Run: npm run test:e2e -- actions
 */
import * as cli from './n8n/cli';
import { apiTokenCredential, byId, describeIfBuilt, N8nInstance, pipedriveNode, startFake } from './helpers';

type Json = Record<string, any>;

const DEAL_NAMED_FIELDS = {
	field: [
		{ key: 'Region', value: 'EU' },
		{ key: 'Tier', value: 'Gold' },
		{ key: 'Tags', value: 'VIP, Partner' },
	],
};
/** A resource locator "By ID" whose value is the incoming item's id. */
const incomingId = byId('={{ $json.id }}');

const crudWorkflow = cli.manualWorkflow({
	name: 'e2e deal CRUD',
	nodes: [
		pipedriveNode('Create deal', {
			resource: 'deal',
			operation: 'addDeal',
			title: 'E2E Rocket deal',
			additionalFields: { value: 4200, currency: 'EUR' },
			customFieldsUi: DEAL_NAMED_FIELDS,
		}),
		pipedriveNode('Get deal', { resource: 'deal', operation: 'getDeal', dealId: incomingId }),
		pipedriveNode('Update deal', {
			resource: 'deal',
			operation: 'updateDeal',
			dealId: incomingId,
			updateFields: { status: 'won', value: 5000 },
			customFieldsUi: { field: [{ key: 'Region', value: 'APAC' }] },
		}),
		pipedriveNode('Search deals', { resource: 'deal', operation: 'searchDeals', term: 'Rocket', returnAll: true }),
		pipedriveNode('Delete deal', { resource: 'deal', operation: 'deleteDeal', dealId: incomingId }),
	],
});

const returnAllWorkflow = cli.manualWorkflow({
	name: 'e2e Return All deals',
	node: pipedriveNode('All deals', { resource: 'deal', operation: 'getDeals', returnAll: true }),
});

const FILE_DEAL_ID = 501;
const PROPOSAL_TEXT = 'Proposal for the Rocket deal — 5,000 EUR ✓';
const fileWorkflow = cli.manualWorkflow({
	name: 'e2e file upload and download',
	nodes: [
		{
			name: 'Proposal',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { assignments: { assignments: [{ id: 'text', name: 'text', type: 'string', value: PROPOSAL_TEXT }] } },
		},
		{
			name: 'Convert to File',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: { operation: 'toText', sourceProperty: 'text', options: { fileName: 'proposal.txt' } },
		},
		pipedriveNode('Upload file', {
			resource: 'file',
			operation: 'addFile',
			binaryPropertyName: 'data',
			additionalFields: { deal_id: byId(FILE_DEAL_ID) },
		}),
		pipedriveNode('Download file', { resource: 'file', operation: 'downloadFile', fileId: '={{ $json.id }}', binaryPropertyName: 'downloaded' }),
	],
});

const API_REQUEST_DEAL_ID = 77;
const apiRequestWorkflow = cli.manualWorkflow({
	name: 'e2e API Request',
	nodes: [
		pipedriveNode('Rename deal', {
			resource: 'apiRequest',
			operation: 'send',
			method: 'PATCH',
			apiVersion: 'v2',
			path: `/deals/${API_REQUEST_DEAL_ID}`,
			bodyJson: '{ "title": "Renamed through API Request" }',
		}),
		pipedriveNode('List leads', {
			resource: 'apiRequest',
			operation: 'send',
			method: 'GET',
			apiVersion: 'v1',
			path: '/leads',
			queryJson: '{ "limit": 100 }',
			returnAll: true,
		}),
	],
});

describeIfBuilt('action node workflows run by `n8n execute`', () => {
	let fake: any;
	const n8n = new N8nInstance('n8n-e2e-actions-');

	beforeAll(async () => {
		fake = await startFake();
		await n8n.importCredentials([apiTokenCredential(fake)]);
		await n8n.importWorkflows([crudWorkflow, returnAllWorkflow, fileWorkflow, apiRequestWorkflow]);
	});
	beforeEach(() => fake.reset());
	afterAll(async () => {
		await n8n.dispose();
		await fake?.close();
	});

	const requestsTo = (pattern: RegExp) =>
		fake.requests.filter((request: Json) => pattern.test(request.path)).map((request: Json) => `${request.method} ${request.path}`);

	test('create → get → update → search → delete a deal, custom fields written and read by name', async () => {
		const { run } = await n8n.execute(crudWorkflow.id);

		const [created] = cli.nodeJson(run, 'Create deal');
		expect(created).toMatchObject({
			title: 'E2E Rocket deal',
			value: 4200,
			currency: 'EUR',
			custom_fields: { Region: 'EU', Tier: 'Gold', Tags: ['VIP', 'Partner'] },
		});
		const id = created.id;
		const key = (name: string) => fake.customFieldKey('dealFields', name);
		const create = fake.requests.find((request: Json) => request.method === 'POST' && request.path === '/api/v2/deals');
		expect(create.body.custom_fields).toEqual({ [key('Region')]: 'EU', [key('Tier')]: 1, [key('Tags')]: [3, 4] });

		expect(cli.nodeJson(run, 'Get deal')).toEqual([expect.objectContaining({ id, title: 'E2E Rocket deal' })]);
		expect(cli.nodeJson(run, 'Update deal')).toEqual([
			expect.objectContaining({ id, status: 'won', value: 5000, custom_fields: expect.objectContaining({ Region: 'APAC', Tier: 'Gold' }) }),
		]);
		expect(cli.nodeJson(run, 'Search deals')).toEqual([expect.objectContaining({ id, title: 'E2E Rocket deal', result_score: expect.any(Number) })]);
		expect(cli.nodeJson(run, 'Delete deal')).toEqual([{ deleted: true, id }]);

		expect(requestsTo(/^\/api\/v2\/deals/)).toEqual([
			'POST /api/v2/deals',
			`GET /api/v2/deals/${id}`,
			`PATCH /api/v2/deals/${id}`,
			'GET /api/v2/deals/search',
			`DELETE /api/v2/deals/${id}`,
		]);
		expect(fake.store.get('deals', id)).toBeUndefined();
		expect(fake.violations).toEqual([]);
	});

	test('Return All reads 1,200 deals in three cursor pages of 500, custom fields by name', async () => {
		const [region, tier] = [fake.customFieldKey('dealFields', 'Region'), fake.customFieldKey('dealFields', 'Tier')];
		fake.seedMany('deals', 1200, (i: number) => ({ title: `Deal ${i}`, custom_fields: { [region]: i % 2 ? 'EU' : 'US', [tier]: i % 2 ? 1 : 2 } }));

		const result = await n8n.execute(returnAllWorkflow.id);

		const deals = cli.nodeJson(result.run, 'All deals');
		// A short read once came from a lost end of n8n's output: say what n8n printed.
		if (deals.length !== 1200) throw new Error(`"All deals" output ${deals.length} items, not 1,200. n8n printed:\n${`${result.stdout}\n${result.stderr}`.slice(-3000)}`);
		expect(new Set(deals.map((deal) => deal.id)).size).toBe(1200);
		expect(deals[0]).toMatchObject({ title: 'Deal 1', custom_fields: { Region: 'EU', Tier: 'Gold' } });
		expect(deals[1199]).toMatchObject({ title: 'Deal 1200', custom_fields: { Region: 'US', Tier: 'Silver' } });
		const pages = fake.requests.filter((request: Json) => request.path === '/api/v2/deals');
		expect(pages.map((page: Json) => page.query)).toEqual([
			{ limit: '500' },
			{ limit: '500', cursor: expect.any(String) },
			{ limit: '500', cursor: expect.any(String) },
		]);
		expect(fake.violations).toEqual([]);
	});

	test('a binary item made by Convert to File is attached to a deal and downloaded again', async () => {
		fake.seed('deals', [{ id: FILE_DEAL_ID, title: 'Deal with a proposal' }]);

		// Binary data in memory ("default" mode) so n8n prints it inline: in filesystem mode a CLI
		// run's files are gone once the run is over.
		const { run } = await n8n.execute(fileWorkflow.id, { N8N_DEFAULT_BINARY_DATA_MODE: 'default' });

		const [uploaded] = cli.nodeJson(run, 'Upload file');
		expect(uploaded).toMatchObject({ id: expect.any(Number), name: 'proposal.txt', deal_id: FILE_DEAL_ID });
		const upload = fake.requests.find((request: Json) => request.method === 'POST' && request.path === '/v1/files');
		expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect(upload.body).toMatchObject({
			fields: { deal_id: String(FILE_DEAL_ID) },
			files: [{ field: 'file', filename: 'proposal.txt', contentType: expect.stringMatching(/^text\/plain/), size: Buffer.byteLength(PROPOSAL_TEXT) }],
		});

		const download = run.data.resultData.runData['Download file'][0].data.main[0][0];
		expect(download.binary.downloaded).toMatchObject({ fileName: 'proposal.txt', mimeType: expect.stringMatching(/^text\/plain/) });
		expect(Buffer.from(download.binary.downloaded.data, 'base64').toString('utf8')).toBe(PROPOSAL_TEXT);
		expect(requestsTo(/^\/v1\/files/)).toEqual(['POST /v1/files', `GET /v1/files/${uploaded.id}/download`]);
		expect(fake.violations).toEqual([]);
	});

	test('API Request: v2 PATCH with a JSON body, then v1 GET with Return All over offset paging', async () => {
		fake.seed('deals', [{ id: API_REQUEST_DEAL_ID, title: 'Old title' }]);
		fake.seedMany('leads', 250, (i: number) => ({ title: `Lead ${i}` }));

		const { run } = await n8n.execute(apiRequestWorkflow.id);

		expect(cli.nodeJson(run, 'Rename deal')).toEqual([expect.objectContaining({ id: API_REQUEST_DEAL_ID, title: 'Renamed through API Request' })]);
		expect(fake.store.get('deals', API_REQUEST_DEAL_ID).title).toBe('Renamed through API Request');
		const leads = cli.nodeJson(run, 'List leads');
		expect(leads.map((lead) => lead.title)).toEqual(Array.from({ length: 250 }, (_, i) => `Lead ${i + 1}`));
		// The first page is the one asked for; Return All then continues from next_start with pages of 500.
		const pages = fake.requests.filter((request: Json) => request.path === '/v1/leads');
		expect(pages.map((page: Json) => page.query)).toEqual([{ limit: '100' }, { limit: '500', start: '100' }]);
		expect(fake.violations).toEqual([]);
	});
});
