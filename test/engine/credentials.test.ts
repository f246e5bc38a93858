/**
 * The API-token credential's "Test" button, through n8n-core's RoutingNode as n8n's credential tester
 * runs it: it reaches the same address the node uses for every form of Company Domain, and a wrong
 * token shows Pipedrive's own words.
 */
import { apiDomainFrom } from '../../nodes/Pipedrive/transport/credentials';
import { testApiTokenCredential } from '../harness/credential-test';
import { TEST_API_TOKEN } from '../harness/credentials';
import type { FakePipedrive } from '../harness/fake';
import { startFake } from '../harness/fake';
import { blockRealNetwork, PipedriveMock, resetMocks } from '../harness/mock';

const ME = { success: true, data: { id: 1, name: 'Ann', email: 'ann@example.com' } };

beforeAll(blockRealNetwork);
afterEach(resetMocks);

describe('Company Domain: the test reaches the address the node uses', () => {
	test.each([
		['', 'https://api.pipedrive.com'],
		['   ', 'https://api.pipedrive.com'],
		['acme', 'https://acme.pipedrive.com'],
		[' acme ', 'https://acme.pipedrive.com'],
		['acme.pipedrive.com', 'https://acme.pipedrive.com'],
		['acme.pipedrive.com/', 'https://acme.pipedrive.com'],
		['https://acme.pipedrive.com', 'https://acme.pipedrive.com'],
		['https://acme.pipedrive.com/', 'https://acme.pipedrive.com'],
		['https://acme.pipedrive.com/v1', 'https://acme.pipedrive.com'],
		['https://acme.pipedrive.com/api/v2/', 'https://acme.pipedrive.com'],
		['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
	])('"%s" → %s', async (domain, origin) => {
		expect(apiDomainFrom({ domain })).toBe(origin);
		const api = new PipedriveMock(origin).on('GET', '/v1/users/me', { body: ME });
		const result = await testApiTokenCredential({ apiToken: TEST_API_TOKEN, domain });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers['x-api-token']).toBe(TEST_API_TOKEN);
		expect(api.requests[0].query).toEqual({});
	});
});

describe('what the test says, against the fake Pipedrive', () => {
	let fake: FakePipedrive;
	beforeAll(async () => {
		fake = await startFake();
	});
	afterAll(async () => await fake.close());

	test('the right token passes', async () => {
		expect(await testApiTokenCredential({ apiToken: TEST_API_TOKEN, domain: fake.url })).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(fake.violations).toEqual([]);
	});

	test("a wrong token shows Pipedrive's message and what to do", async () => {
		const result = await testApiTokenCredential({ apiToken: 'not-the-token', domain: `${fake.url}/` });
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Pipedrive: "unauthorized access". The API token is wrong or was regenerated; copy it again from Personal preferences → API in Pipedrive.',
		);
		expect(result.message).not.toContain('not-the-token');
	});
});

describe('answers that are not from Pipedrive', () => {
	test('a web page at the Company Domain is not taken for success', async () => {
		new PipedriveMock('https://example.com').on('GET', '/v1/users/me', { body: '<html><body>Welcome</body></html>', headers: { 'content-type': 'text/html' } });
		const result = await testApiTokenCredential({ apiToken: TEST_API_TOKEN, domain: 'https://example.com' });
		expect(result).toEqual({
			status: 'Error',
			message: 'No Pipedrive API answered at this Company Domain. Use your company name (acme), acme.pipedrive.com, or leave it empty.',
		});
	});

	test('another unsuccessful Pipedrive answer is reported as refused', async () => {
		new PipedriveMock('https://acme.pipedrive.com').on('GET', '/v1/users/me', {
			status: 403,
			body: { success: false, error: 'You do not have permissions', errorCode: 403 },
		});
		const result = await testApiTokenCredential({ apiToken: TEST_API_TOKEN, domain: 'acme' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('Pipedrive refused the request');
	});
});
