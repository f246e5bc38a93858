import { jsonOf, runNode } from '../harness/run';
import { blockRealNetwork, PipedriveMock, resetMocks } from '../harness/mock';

beforeAll(blockRealNetwork);
afterEach(resetMocks);

test('get current user', async () => {
	const api = new PipedriveMock().ok('GET', '/v1/users/me', { id: 1, name: 'Ann' });
	const result = await runNode({ parameters: { resource: 'user', operation: 'getCurrentUser' } });
	expect(result.error).toBeUndefined();
	expect(jsonOf(result)).toEqual([{ id: 1, name: 'Ann' }]);
	expect(api.requests[0].headers['x-api-token']).toBe('test-token-0123456789abcdef');
});
