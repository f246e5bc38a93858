import { apiTokenCredentials, TEST_ACCESS_TOKEN, TEST_API_TOKEN } from '../../harness/credentials';
import { blockRealNetwork, PipedriveMock, resetMocks } from '../../harness/mock';
import { jsonOf, runNode } from '../../harness/run';

beforeAll(blockRealNetwork);
afterEach(resetMocks);

const FIELD_REGION = 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const FIELD_TIER = 'b1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const FIELD_TAGS = 'c1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2';
const dealFields = [
	{ field_code: 'title', field_name: 'Title', field_type: 'varchar', is_custom_field: false },
	{ field_code: FIELD_REGION, field_name: 'Region', field_type: 'varchar', is_custom_field: true },
	{ field_code: FIELD_TIER, field_name: 'Tier', field_type: 'enum', is_custom_field: true, options: [{ id: 1, label: 'Gold' }, { id: 2, label: 'Silver' }] },
	{ field_code: FIELD_TAGS, field_name: 'Tags', field_type: 'set', is_custom_field: true, options: [{ id: 3, label: 'vip' }, { id: 4, label: 'new' }] },
];

describe('credentials on the wire', () => {
	test('API token goes in the x-api-token header, never in the query', async () => {
		const api = new PipedriveMock().ok('GET', '/v1/users/me', { id: 1, name: 'Ann' });
		const result = await runNode({ parameters: { resource: 'user', operation: 'getCurrentUser' } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 1, name: 'Ann' }]);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['x-api-token']).toBe(TEST_API_TOKEN);
		expect(api.requests[0].query).toEqual({});
		expect(api.requests[0].headers.authorization).toBeUndefined();
	});

	test('company domain is used as the base URL', async () => {
		const api = new PipedriveMock('https://acme.pipedrive.com').ok('GET', '/v1/users/me', { id: 2 });
		const result = await runNode({
			parameters: { resource: 'user', operation: 'getCurrentUser' },
			credentials: apiTokenCredentials('acme'),
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].path).toBe('/v1/users/me');
	});

	test('OAuth2 sends a Bearer token to the api_domain from the token response', async () => {
		const api = new PipedriveMock('https://acme.pipedrive.com').ok('GET', '/api/v2/deals/7', { id: 7, title: 'Big' });
		const result = await runNode({
			authentication: 'oAuth2',
			parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '7' } },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 7, title: 'Big' }]);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
		expect(api.requests[0].headers['x-api-token']).toBeUndefined();
	});
});

describe('deals (v2)', () => {
	test('Return All follows next_cursor with 500 per page; one item per record, envelope removed', async () => {
		const fields = new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const api = new PipedriveMock()
			.on('GET', '/api/v2/deals', { body: { success: true, data: [{ id: 1 }, { id: 2 }], additional_data: { next_cursor: 'c2' } } })
			.on('GET', '/api/v2/deals', { body: { success: true, data: [{ id: 3 }], additional_data: { next_cursor: 'c3' } } })
			.on('GET', '/api/v2/deals', { body: { success: true, data: [{ id: 4 }], additional_data: { next_cursor: null } } });
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'getDeals', returnAll: true, filters: { status: 'open', owner_id: 5 } },
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }]);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ limit: '500', status: 'open', owner_id: '5' },
			{ limit: '500', status: 'open', owner_id: '5', cursor: 'c2' },
			{ limit: '500', status: 'open', owner_id: '5', cursor: 'c3' },
		]);
		// No record carries custom fields, so their definitions are never fetched.
		expect(fields.requests).toHaveLength(0);
	});

	test('Limit asks only for what is needed and stops', async () => {
		new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const api = new PipedriveMock().on('GET', '/api/v2/deals', {
			body: { success: true, data: [{ id: 1 }, { id: 2 }, { id: 3 }], additional_data: { next_cursor: 'more' } },
		});
		const result = await runNode({ parameters: { resource: 'deal', operation: 'getDeals', returnAll: false, limit: 3 } });
		expect(jsonOf(result)).toHaveLength(3);
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].query).toEqual({ limit: '3' });
	});

	test('Return All reads one page ahead from the page text; a guess the parsed page contradicts is dropped', async () => {
		// A nested "additional_data" after the real one makes the text-level guess (cursor "guess") wrong.
		const api = new PipedriveMock()
			.on('GET', '/api/v2/deals', {
				body: { success: true, data: [{ id: 1 }], additional_data: { next_cursor: 'real' }, related_objects: { x: { additional_data: { next_cursor: 'guess' } } } },
			})
			.on('GET', '/api/v2/deals', { body: { success: true, data: [{ id: 99 }], additional_data: { next_cursor: null } } })
			.on('GET', '/api/v2/deals', { body: { success: true, data: [{ id: 2 }], additional_data: { next_cursor: null } } });
		const result = await runNode({ parameters: { resource: 'deal', operation: 'getDeals', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 1 }, { id: 2 }]);
		expect(api.requests.map((r) => r.query)).toEqual([{ limit: '500' }, { limit: '500', cursor: 'guess' }, { limit: '500', cursor: 'real' }]);
	});

	test('a Limit beyond one page reads ahead only what is still wanted', async () => {
		new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const api = new PipedriveMock()
			.on('GET', '/api/v2/deals', { body: { success: true, data: Array.from({ length: 500 }, (_, i) => ({ id: i + 1 })), additional_data: { next_cursor: 'p2' } } })
			.on('GET', '/api/v2/deals', { body: { success: true, data: Array.from({ length: 100 }, (_, i) => ({ id: i + 501 })), additional_data: { next_cursor: 'p3' } } });
		const result = await runNode({ parameters: { resource: 'deal', operation: 'getDeals', returnAll: false, limit: 600 } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toHaveLength(600);
		expect(api.requests.map((r) => r.query)).toEqual([{ limit: '500' }, { limit: '100', cursor: 'p2' }]);
	});

	test('create with custom fields by name and option labels; output shows names', async () => {
		const fields = new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const created = { id: 11, title: 'Deal A', custom_fields: { [FIELD_REGION]: 'EU', [FIELD_TIER]: 1, [FIELD_TAGS]: [3, 4] } };
		const api = new PipedriveMock().on('POST', '/api/v2/deals', { status: 201, body: { success: true, data: created } });
		const result = await runNode({
			parameters: {
				resource: 'deal',
				operation: 'addDeal',
				title: 'Deal A',
				additionalFields: { value: 1500, owner_id: 3, expected_close_date: '2026-12-31T00:00:00', person_id: { __rl: true, mode: 'id', value: '9' } },
				customFieldsUi: { field: [{ key: FIELD_REGION, value: 'EU' }, { key: 'Tier', value: 'gold' }, { key: FIELD_TAGS, value: 'vip, new' }] },
			},
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].body).toEqual({
			title: 'Deal A',
			value: 1500,
			owner_id: 3,
			person_id: 9,
			expected_close_date: '2026-12-31',
			custom_fields: { [FIELD_REGION]: 'EU', [FIELD_TIER]: 1, [FIELD_TAGS]: [3, 4] },
		});
		expect(jsonOf(result)).toEqual([{ id: 11, title: 'Deal A', custom_fields: { Region: 'EU', Tier: 'Gold', Tags: ['vip', 'new'] } }]);
		expect(fields.requests).toHaveLength(1);
	});

	test('raw custom field keys on request', async () => {
		const api = new PipedriveMock().ok('GET', '/api/v2/deals/3', { id: 3, custom_fields: { [FIELD_TIER]: 2 } });
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'url', value: 'https://acme.pipedrive.com/deal/3' }, options: { rawCustomFieldKeys: true } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].path).toBe('/api/v2/deals/3');
		expect(jsonOf(result)).toEqual([{ id: 3, custom_fields: { [FIELD_TIER]: 2 } }]);
	});

	test('expressions per item: $json paths (read from the item) and any other expression (n8n) give the same request', async () => {
		const api = new PipedriveMock()
			.on('POST', '/api/v2/deals', { status: 201, body: { success: true, data: { id: 21 } } })
			.on('POST', '/api/v2/deals', { status: 201, body: { success: true, data: { id: 22 } } });
		const result = await runNode({
			parameters: {
				resource: 'deal',
				operation: 'addDeal',
				title: '={{ $json.title }}',
				additionalFields: {
					value: '={{ $json.deal["the value"] }}',
					owner_id: '={{ $json.owner + 1 }}',
					person_id: { __rl: true, mode: 'id', value: "={{ $json.people[1]['id'] }}" },
				},
			},
			items: [
				{ json: { title: 'First', deal: { 'the value': 100 }, owner: 2, people: [{ id: 1 }, { id: 5 }] } },
				{ json: { title: 'Second', deal: { 'the value': 250.5 }, owner: 4, people: [{ id: 1 }, { id: 6 }] } },
			],
		});
		expect(result.error).toBeUndefined();
		expect(api.requests.map((r) => r.body)).toEqual([
			{ title: 'First', value: 100, owner_id: 3, person_id: 5 },
			{ title: 'Second', value: 250.5, owner_id: 5, person_id: 6 },
		]);
		expect(jsonOf(result)).toEqual([{ id: 21 }, { id: 22 }]);
	});

	test('a $json path that does not lead to a value goes through n8n, as any expression', async () => {
		const api = new PipedriveMock().ok('PATCH', '/api/v2/deals/8', { id: 8, status: 'won' });
		const result = await runNode({
			parameters: {
				resource: 'deal',
				operation: 'updateDeal',
				dealId: { __rl: true, mode: 'id', value: '={{ $json.deal.id }}' },
				updateFields: { status: '={{ $json.status }}', title: '={{ $json.missing }}' },
			},
			items: [{ json: { deal: { id: 8 }, status: 'won' } }, { json: { deal: 'not an object', status: 'lost' } }],
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v2/deals/8', body: { status: 'won' } });
		const out = jsonOf(result);
		expect(out[0]).toEqual({ id: 8, status: 'won' });
		expect(out[1].error).toBe('Invalid value for "dealId" (item 1): is required but empty');
	});

	test('update uses PATCH with only the changed fields', async () => {
		new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const api = new PipedriveMock().ok('PATCH', '/api/v2/deals/8', { id: 8, status: 'won' });
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'updateDeal', dealId: { __rl: true, mode: 'list', value: 8 }, updateFields: { status: 'won' } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0]).toMatchObject({ method: 'PATCH', path: '/api/v2/deals/8', body: { status: 'won' } });
		expect(jsonOf(result)).toEqual([{ id: 8, status: 'won' }]);
	});

	test('delete returns a confirmation', async () => {
		const api = new PipedriveMock().ok('DELETE', '/api/v2/deals/8', { id: 8 });
		const result = await runNode({ parameters: { resource: 'deal', operation: 'deleteDeal', dealId: { __rl: true, mode: 'id', value: '8' } } });
		expect(api.requests[0].method).toBe('DELETE');
		expect(jsonOf(result)).toEqual([{ deleted: true, id: 8 }]);
	});

	test('search uses v2 and outputs the matched items with their score', async () => {
		new PipedriveMock().ok('GET', '/api/v2/dealFields', dealFields, { next_cursor: null });
		const api = new PipedriveMock().ok(
			'GET',
			'/api/v2/deals/search',
			{ items: [{ result_score: 0.9, item: { id: 4, title: 'Acme deal' } }] },
			{ next_cursor: null },
		);
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'searchDeals', term: 'Acme', returnAll: true, filters: { fields: ['title', 'notes'], exact_match: true } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].query).toEqual({ term: 'Acme', fields: 'title,notes', exact_match: 'true', limit: '500' });
		expect(jsonOf(result)).toEqual([{ id: 4, title: 'Acme deal', result_score: 0.9 }]);
	});

	test('sub-resource: add a follower', async () => {
		const api = new PipedriveMock().ok('POST', '/api/v2/deals/5/followers', { user_id: 2, add_time: '2026-01-01T00:00:00Z' });
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'addDealFollower', dealId: { __rl: true, mode: 'id', value: '5' }, user_id: 2 },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].body).toEqual({ user_id: 2 });
		expect(jsonOf(result)).toEqual([{ user_id: 2, add_time: '2026-01-01T00:00:00Z' }]);
	});

	test('merge two deals (v1 PUT)', async () => {
		const api = new PipedriveMock().ok('PUT', '/v1/deals/5/merge', { id: 6, title: 'merged' });
		const result = await runNode({
			parameters: { resource: 'deal', operation: 'mergeDeals', dealId: { __rl: true, mode: 'id', value: '5' }, merge_with_id: 6 },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0]).toMatchObject({ method: 'PUT', path: '/v1/deals/5/merge', body: { merge_with_id: 6 } });
	});
});

describe('leads and notes (v1)', () => {
	const leadId = '3f2a1c4e-1b2c-4d5e-8f90-a1b2c3d4e5f6';

	test('convert a lead to a deal (v2)', async () => {
		const api = new PipedriveMock().ok('POST', `/api/v2/leads/${leadId}/convert/deal`, { conversion_id: 'abc' });
		const result = await runNode({
			parameters: { resource: 'lead', operation: 'convertLeadToDeal', leadId: { __rl: true, mode: 'url', value: `https://acme.pipedrive.com/leads/inbox/${leadId}` } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].path).toBe(`/api/v2/leads/${leadId}/convert/deal`);
		expect(jsonOf(result)).toEqual([{ conversion_id: 'abc' }]);
	});

	test('lead ID must be a UUID: nothing is sent', async () => {
		const api = new PipedriveMock().ok('GET', /.*/, {});
		const result = await runNode({ parameters: { resource: 'lead', operation: 'getLead', leadId: { __rl: true, mode: 'id', value: '={{ "42" }}' } } });
		expect(result.error?.message).toMatch(/leadId.*item 0.*UUID/);
		expect(api.requests).toHaveLength(0);
	});

	test('notes list follows v1 start/more_items_in_collection paging', async () => {
		new PipedriveMock().ok('GET', '/v1/noteFields', [], { pagination: { more_items_in_collection: false } });
		const api = new PipedriveMock()
			.ok('GET', '/v1/notes', [{ id: 1 }, { id: 2 }], { pagination: { start: 0, limit: 500, more_items_in_collection: true, next_start: 500 } })
			.ok('GET', '/v1/notes', [{ id: 3 }], { pagination: { start: 500, limit: 500, more_items_in_collection: false } });
		const result = await runNode({ parameters: { resource: 'note', operation: 'getNotes', returnAll: true } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result).map((r) => r.id)).toEqual([1, 2, 3]);
		expect(api.requests.map((r) => r.query)).toEqual([
			{ start: '0', limit: '500' },
			{ start: '500', limit: '500' },
		]);
	});

	test('lead custom fields go as top-level hash keys and come back by name', async () => {
		const leadFields = [{ key: FIELD_REGION, name: 'Region', field_type: 'varchar', edit_flag: true }];
		new PipedriveMock().ok('GET', '/v1/leadFields', leadFields, { pagination: { more_items_in_collection: false } });
		const api = new PipedriveMock().ok('POST', '/v1/leads', { id: leadId, title: 'L', [FIELD_REGION]: 'APAC' });
		const result = await runNode({
			parameters: { resource: 'lead', operation: 'addLead', title: 'L', customFieldsUi: { field: [{ key: 'Region', value: 'APAC' }] } },
		});
		expect(result.error).toBeUndefined();
		expect(api.requests[0].body).toEqual({ title: 'L', [FIELD_REGION]: 'APAC' });
		expect(jsonOf(result)).toEqual([{ id: leadId, title: 'L', Region: 'APAC' }]);
	});
});

describe('OAuth2 token renewal', () => {
	test('an expired access token is renewed once and the request replayed', async () => {
		const api = new PipedriveMock('https://acme.pipedrive.com')
			.on('GET', '/v1/users/me', { status: 401, body: { success: false, error: 'unauthorized access', errorCode: 401 } })
			.on('GET', '/v1/users/me', { status: 401, body: { success: false, error: 'unauthorized access', errorCode: 401 } })
			.ok('GET', '/v1/users/me', { id: 1, name: 'Ann' });
		const oauth = new PipedriveMock('https://oauth.pipedrive.com').on('POST', '/oauth/token', {
			body: { access_token: 'renewed-access-token', token_type: 'Bearer', expires_in: 3599, refresh_token: 'r2', api_domain: 'https://acme.pipedrive.com' },
		});
		const result = await runNode({ authentication: 'oAuth2', parameters: { resource: 'user', operation: 'getCurrentUser' } });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)).toEqual([{ id: 1, name: 'Ann' }]);
		expect(oauth.requests).toHaveLength(1);
		expect(oauth.requests[0].body).toMatch(/grant_type=refresh_token/);
		expect(api.requests.map((r) => r.headers.authorization)).toEqual([
			`Bearer ${TEST_ACCESS_TOKEN}`,
			`Bearer ${TEST_ACCESS_TOKEN}`,
			'Bearer renewed-access-token',
		]);
	});
});
