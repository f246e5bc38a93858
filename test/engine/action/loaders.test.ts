import { PipedriveComplete } from '../../../nodes/Pipedrive/PipedriveComplete.node';
import { blockRealNetwork, PipedriveMock, resetMocks } from '../../harness/mock';
import { loadOptionsContext } from '../../harness/run';

beforeAll(blockRealNetwork);
afterEach(resetMocks);

const { loadOptions, listSearch } = new PipedriveComplete().methods;

describe('dropdowns load every page', () => {
	test('pipelines follow the v2 cursor across pages, sorted by name', async () => {
		const api = new PipedriveMock()
			.ok('GET', '/api/v2/pipelines', [{ id: 2, name: 'Sales' }], { next_cursor: 'p2' })
			.ok('GET', '/api/v2/pipelines', [{ id: 1, name: 'Partners' }], { next_cursor: null });
		const choices = await loadOptions.getPipelines.call(loadOptionsContext({ parameters: { resource: 'deal', operation: 'addDeal' } }));
		expect(choices).toEqual([
			{ name: 'Partners', value: 1 },
			{ name: 'Sales', value: 2 },
		]);
		expect(api.requests.map((r) => r.query)).toEqual([{ limit: '500' }, { limit: '500', cursor: 'p2' }]);
	});

	test('stages are filtered by the pipeline chosen in Additional Fields, named after it', async () => {
		const api = new PipedriveMock()
			.ok('GET', '/api/v2/pipelines', [{ id: 3, name: 'Renewals', order_nr: 1 }], { next_cursor: null })
			.ok('GET', '/api/v2/stages', [{ id: 7, name: 'Won', order_nr: 1, pipeline_id: 3 }], { next_cursor: null });
		const context = loadOptionsContext({ parameters: { resource: 'deal', operation: 'addDeal', additionalFields: { pipeline_id: 3 } } });
		const choices = await loadOptions.getStages.call(context);
		expect(choices).toEqual([{ name: 'Renewals › Won', value: 7 }]);
		expect(api.requests.find((r) => r.path === '/api/v2/stages')!.query).toEqual({ pipeline_id: '3', limit: '500' });
	});

	test('users come in one request: GET /v1/users takes no paging parameters', async () => {
		const api = new PipedriveMock().ok('GET', '/v1/users', [
			{ id: 1, name: 'Bo', email: 'bo@x.io', active_flag: true },
			{ id: 2, name: 'Al', email: 'al@x.io', active_flag: false },
		]);
		const choices = await loadOptions.getUsers.call(loadOptionsContext({ parameters: { resource: 'deal', operation: 'addDeal' } }));
		expect(choices).toEqual([
			{ name: 'Al', value: 2, description: 'al@x.io (deactivated)' },
			{ name: 'Bo', value: 1, description: 'bo@x.io' },
		]);
		expect(api.requests.map((r) => r.query)).toEqual([{}]);
	});

	test('custom fields of the selected resource, by name, keyed by field code', async () => {
		new PipedriveMock().ok(
			'GET',
			'/api/v2/personFields',
			[
				{ field_code: 'name', field_name: 'Name', field_type: 'varchar', is_custom_field: false },
				{ field_code: 'abc123', field_name: 'Shoe Size', field_type: 'double', is_custom_field: true },
			],
			{ next_cursor: null },
		);
		const choices = await loadOptions.getCustomFields.call(loadOptionsContext({ parameters: { resource: 'person', operation: 'addPerson' } }));
		expect(choices).toEqual([{ name: 'Shoe Size', value: 'abc123', description: 'Numerical' }]);
	});
});

describe('resource locators', () => {
	test('typing searches with the v2 search endpoint and links to the web app', async () => {
		const api = new PipedriveMock().ok('GET', '/api/v2/deals/search', { items: [{ result_score: 1, item: { id: 5, title: 'Acme' } }] }, { next_cursor: 'n' });
		const page = await listSearch.searchDeals.call(loadOptionsContext({ parameters: { resource: 'deal', operation: 'getDeal' } }), 'Ac');
		expect(api.requests[0].query).toEqual({ term: 'Ac', limit: '50' });
		expect(page).toEqual({ results: [{ name: 'Acme', value: 5, url: 'https://app.pipedrive.com/deal/5' }], paginationToken: 'n' });
	});

	test('without a filter it pages through the list', async () => {
		const api = new PipedriveMock().ok('GET', '/api/v2/persons', [{ id: 9, name: 'Ann' }], { next_cursor: null });
		const page = await listSearch.searchPersons.call(loadOptionsContext({ parameters: { resource: 'person', operation: 'getPerson' } }), undefined, 'c1');
		expect(api.requests[0].query).toEqual({ limit: '50', cursor: 'c1' });
		expect(page.results).toEqual([{ name: 'Ann', value: 9, url: 'https://app.pipedrive.com/person/9' }]);
		expect(page.paginationToken).toBeUndefined();
	});

	test('leads list with v1 offsets', async () => {
		const id = '3f2a1c4e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
		new PipedriveMock().ok('GET', '/v1/leads', [{ id, title: 'Lead A' }], { pagination: { more_items_in_collection: true, next_start: 50 } });
		const page = await listSearch.searchLeads.call(loadOptionsContext({ parameters: { resource: 'lead', operation: 'getLead' } }));
		expect(page).toEqual({ results: [{ name: 'Lead A', value: id, url: `https://app.pipedrive.com/leads/inbox/${id}` }], paginationToken: '50' });
	});
});
