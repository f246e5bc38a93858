import { blockRealNetwork, PipedriveMock, resetMocks } from '../../harness/mock';
import { jsonOf, runNode } from '../../harness/run';

beforeAll(blockRealNetwork);
afterEach(resetMocks);

const apiRequest = (parameters: Record<string, unknown>) => ({ resource: 'apiRequest', operation: 'send', ...parameters });

test('GET with Return All follows the cursor the response shows', async () => {
	const api = new PipedriveMock()
		.ok('GET', '/api/v2/activities', [{ id: 1 }], { next_cursor: 'x' })
		.ok('GET', '/api/v2/activities', [{ id: 2 }], { next_cursor: null });
	const result = await runNode({
		parameters: apiRequest({ method: 'GET', apiVersion: 'v2', path: '/activities', queryJson: '{"done": false}', returnAll: true }),
	});
	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toEqual([{ id: 1 }, { id: 2 }]);
	expect(api.requests.map((r) => r.query)).toEqual([{ done: 'false' }, { done: 'false', limit: '500', cursor: 'x' }]);
});

test('GET with Return All follows v1 offsets', async () => {
	const api = new PipedriveMock()
		.ok('GET', '/v1/callLogs', [{ id: 'a' }], { pagination: { more_items_in_collection: true, next_start: 1 } })
		.ok('GET', '/v1/callLogs', [{ id: 'b' }], { pagination: { more_items_in_collection: false } });
	const result = await runNode({ parameters: apiRequest({ method: 'GET', apiVersion: 'v1', path: 'callLogs', returnAll: true }) });
	expect(jsonOf(result)).toEqual([{ id: 'a' }, { id: 'b' }]);
	expect(api.requests[1].query).toEqual({ limit: '500', start: '1' });
});

test('POST sends the JSON body with the credential; the version prefix in the path is tolerated', async () => {
	const api = new PipedriveMock().ok('POST', '/api/v2/deals', { id: 3, title: 'T' });
	const result = await runNode({ parameters: apiRequest({ method: 'POST', apiVersion: 'v2', path: '/api/v2/deals', bodyJson: '{"title":"T"}' }) });
	expect(jsonOf(result)).toEqual([{ id: 3, title: 'T' }]);
	expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/api/v2/deals', body: { title: 'T' } });
	expect(api.requests[0].headers['x-api-token']).toBeDefined();
});

test('invalid JSON and absolute URLs are refused before sending', async () => {
	const api = new PipedriveMock().ok('POST', /.*/, {});
	const badJson = await runNode({ parameters: apiRequest({ method: 'POST', path: '/deals', bodyJson: '={{ "{nope" }}' }) });
	expect(badJson.error?.message).toMatch(/Body.*not valid JSON/);
	const absolute = await runNode({ parameters: apiRequest({ method: 'GET', path: 'https://evil.example.com/steal' }) });
	expect(absolute.error?.message).toMatch(/Path.*relative/);
	expect(api.requests).toHaveLength(0);
});

test('errors are mapped like any operation', async () => {
	new PipedriveMock().on('DELETE', '/v1/webhooks/9', { status: 404, body: { success: false, error: 'Webhook not found' } });
	const result = await runNode({ parameters: apiRequest({ method: 'DELETE', apiVersion: 'v1', path: '/webhooks/9' }) });
	expect(result.error?.message).toBe('Pipedrive error 404 (item 0): Webhook not found');
});
