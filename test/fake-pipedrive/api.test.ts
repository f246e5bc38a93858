import { startFakePipedrive } from '.';
import { buildRouteTable } from './lib/spec';
import { synthesize } from './lib/synth';
import { startReceiver } from './receiver';

type Fake = Awaited<ReturnType<typeof startFakePipedrive>>;
type Json = Record<string, any>;

const TOKEN = 'test-token';

let fake: Fake;

beforeAll(async () => {
	fake = await startFakePipedrive({ port: 0, apiToken: TOKEN, validate: true, webhookLimit: 3 });
});

afterAll(async () => {
	await fake.close();
});

beforeEach(() => {
	fake.reset();
	fake.setRateLimit({ limit: 80, windowMs: 2000, enforce: false, retryAfterHeader: false, dailyRemaining: 1_000_000 });
});

async function call(path: string, init: RequestInit = {}, headers: Record<string, string> = { 'x-api-token': TOKEN }) {
	const response = await fetch(`${fake.url}${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });
	const text = await response.text();
	return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Json };
}

function send(method: string, path: string, body: unknown) {
	return call(path, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
}

describe('authentication', () => {
	const unauthorized = {
		success: false,
		error: 'unauthorized access',
		errorCode: 401,
		error_info: 'Please check developers.pipedrive.com for more information about Pipedrive API.',
	};

	it('rejects missing, wrong and unknown tokens with Pipedrive 401 body', async () => {
		expect(await call('/api/v2/deals', {}, {})).toMatchObject({ status: 401, body: unauthorized });
		expect(await call('/api/v2/deals', {}, { 'x-api-token': 'nope' })).toMatchObject({ status: 401, body: unauthorized });
		expect(await call('/v1/users/me', {}, { authorization: 'Bearer made-up' })).toMatchObject({ status: 401 });
		expect(fake.stats.unauthorized).toBe(3);
	});

	it('records api_token in the query string as a violation', async () => {
		const response = await call(`/api/v2/deals?api_token=${TOKEN}`, {}, {});
		expect(response.status).toBe(401);
		expect(fake.violations.map((v) => v.message)).toContainEqual(expect.stringContaining('api_token'));
	});

	it('serves v1 under both /v1 and /api/v1, and logs requests', async () => {
		expect((await call('/v1/users/me')).body.data).toMatchObject({ id: 1, name: 'Test User' });
		expect((await call('/api/v1/users/me')).status).toBe(200);
		expect(fake.requests.map((r) => r.path)).toEqual(['/v1/users/me', '/api/v1/users/me']);
		expect(fake.requests[0]).toMatchObject({ method: 'GET', operationId: 'getCurrentUser', status: 200 });
	});
});

describe('v2 entities', () => {
	it('pages 1,200 deals with cursor and limit 500', async () => {
		fake.seedMany('deals', 1200, (i) => ({ title: `Deal ${i}`, owner_id: i % 2 ? 1 : 2 }));
		const ids: number[] = [];
		const pageSizes: number[] = [];
		let cursor: string | null = null;
		do {
			const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
			const { status, body } = await call(`/api/v2/deals?limit=500${query}`);
			expect(status).toBe(200);
			pageSizes.push(body.data.length);
			ids.push(...body.data.map((deal: Json) => deal.id));
			cursor = body.additional_data.next_cursor;
		} while (cursor);
		expect(pageSizes).toEqual([500, 500, 200]);
		expect(ids).toEqual(Array.from({ length: 1200 }, (_, i) => i + 1));
	});

	it('filters, sorts descending, and rejects limit above 500', async () => {
		fake.seedMany('deals', 30, (i) => ({ title: `Deal ${i}`, owner_id: i % 3 === 0 ? 7 : 1 }));
		const owned = await call('/api/v2/deals?owner_id=7&limit=4');
		expect(owned.body.data.map((d: Json) => d.id)).toEqual([3, 6, 9, 12]);
		const desc = await call('/api/v2/deals?sort_direction=desc&limit=2');
		expect(desc.body.data.map((d: Json) => d.id)).toEqual([30, 29]);
		const next = await call(`/api/v2/deals?sort_direction=desc&limit=2&cursor=${desc.body.additional_data.next_cursor}`);
		expect(next.body.data.map((d: Json) => d.id)).toEqual([28, 27]);
		expect((await call('/api/v2/deals?ids=2,5')).body.data.map((d: Json) => d.id)).toEqual([2, 5]);
		const tooMany = await call('/api/v2/deals?limit=501');
		expect(tooMany).toMatchObject({ status: 400, body: { success: false } });
		expect(fake.violations).toHaveLength(1);
	});

	it('creates, reads, updates and deletes a deal with custom fields', async () => {
		const tier = fake.customFieldKey('dealFields', 'Tier');
		const created = await send('POST', '/api/v2/deals', { title: 'Big one', value: 5000, custom_fields: { [tier]: 1 } });
		expect(created.status).toBe(200);
		expect(created.body.data).toMatchObject({ id: 1, title: 'Big one', value: 5000, status: 'open', custom_fields: { [tier]: 1 } });
		expect(created.body.data).toHaveProperty('expected_close_date', null);
		const patched = await send('PATCH', '/api/v2/deals/1', { status: 'won' });
		expect(patched.body.data).toMatchObject({ status: 'won', custom_fields: { [tier]: 1 } });
		expect((await call('/api/v2/deals/1')).body.data.status).toBe('won');
		expect((await call('/api/v2/deals/1', { method: 'DELETE' })).body).toEqual({ success: true, data: { id: 1 } });
		expect(await call('/api/v2/deals/1')).toMatchObject({ status: 404, body: { success: false, error: 'Deal not found' } });
		expect(fake.violations).toEqual([]);
	});

	it('searches deals and items by title or name', async () => {
		fake.seed('deals', [{ title: 'Acme renewal' }, { title: 'Globex' }]);
		fake.seed('persons', [{ name: 'Acme Buyer' }]);
		const deals = await call('/api/v2/deals/search?term=acme');
		expect(deals.body.data.items).toEqual([expect.objectContaining({ result_score: expect.any(Number), item: expect.objectContaining({ id: 1, type: 'deal', title: 'Acme renewal' }) })]);
		expect(deals.body.additional_data).toEqual({ next_cursor: null });
		const items = await call('/api/v2/itemSearch?term=acme&item_types=deal,person');
		expect(items.body.data.items.map((r: Json) => r.item.type).sort()).toEqual(['deal', 'person']);
	});
});

describe('fields', () => {
	it('serves seeded custom deal fields in v2 and v1 shapes', async () => {
		const v2 = (await call('/api/v2/dealFields?limit=500')).body.data as Json[];
		const custom = v2.filter((f) => f.is_custom_field);
		expect(custom.map((f) => [f.field_name, f.field_type])).toEqual([['Region', 'varchar'], ['Tier', 'enum'], ['Tags', 'set']]);
		expect(custom[0].field_code).toMatch(/^[0-9a-f]{40}$/);
		expect(custom[1].options).toEqual([{ id: 1, label: 'Gold' }, { id: 2, label: 'Silver' }]);
		const v1 = (await call('/v1/dealFields')).body.data as Json[];
		expect(v1.find((f) => f.name === 'Tier')).toMatchObject({ key: custom[1].field_code, field_type: 'enum', options: custom[1].options });
		const leadFields = (await call('/v1/leadFields')).body.data as Json[];
		expect(leadFields.map((f) => f.name)).toContain('Region');
	});

	it('accepts seeded fields and rejects bad custom field values', async () => {
		const [score] = fake.seed('dealFields', [{ name: 'Score', field_type: 'double' }]);
		expect(score.key).toBe(fake.customFieldKey('dealFields', 'Score'));
		const tags = fake.customFieldKey('dealFields', 'Tags');
		expect((await send('POST', '/api/v2/deals', { title: 'ok', custom_fields: { [score.key]: 3.5, [tags]: [3, 4] } })).status).toBe(200);
		expect((await send('POST', '/api/v2/deals', { title: 'bad', custom_fields: { [tags]: [] } })).status).toBe(400);
		expect((await send('POST', '/api/v2/deals', { title: 'bad', custom_fields: { ['f'.repeat(40)]: 'x' } })).status).toBe(400);
		expect(fake.violations.map((v) => v.message)).toEqual([
			expect.stringContaining('cannot be []'),
			expect.stringContaining('unknown custom field'),
		]);
	});
});

describe('v1 entities', () => {
	it('pages leads with start and limit', async () => {
		fake.seedMany('leads', 250, (i) => ({ title: `Lead ${i}` }));
		const first = await call('/v1/leads?start=0&limit=100');
		expect(first.body.data).toHaveLength(100);
		expect(first.body.data[0].id).toMatch(/^[0-9a-f-]{36}$/);
		expect(first.body.additional_data.pagination).toEqual({ start: 0, limit: 100, more_items_in_collection: true, next_start: 100 });
		const last = await call('/api/v1/leads?start=200&limit=100');
		expect(last.body.data.map((l: Json) => l.title)).toEqual(Array.from({ length: 50 }, (_, i) => `Lead ${i + 201}`));
		expect(last.body.additional_data.pagination).toEqual({ start: 200, limit: 100, more_items_in_collection: false });
	});

	it('keeps v1 custom fields as top-level hash keys on notes', async () => {
		const region = fake.customFieldKey('dealFields', 'Region');
		const lead = await send('POST', '/v1/leads', { title: 'L', person_id: 1, [region]: 'EMEA' });
		expect(lead.status).toBe(201);
		expect(lead.body.data[region]).toBe('EMEA');
		const note = await send('POST', '/v1/notes', { content: 'hello', lead_id: lead.body.data.id });
		expect(note.body.data).toMatchObject({ id: 1, content: 'hello' });
		expect((await send('PUT', '/v1/notes/1', { content: 'edited' })).body.data.content).toBe('edited');
		expect((await call('/v1/notes/1', { method: 'DELETE' })).body).toEqual({ success: true, data: true });
	});
});

describe('spec validation', () => {
	it('rejects unknown body properties', async () => {
		const response = await send('POST', '/api/v2/deals', { title: 'x', colour: 'red' });
		expect(response).toMatchObject({ status: 400, body: { success: false, error: '"colour" is not allowed', data: null, additional_data: null } });
		expect(fake.violations).toEqual([expect.objectContaining({ method: 'POST', path: '/api/v2/deals', message: '"colour" is not allowed' })]);
	});

	it('rejects bad enums, types and missing required values', async () => {
		expect((await call('/api/v2/deals?status=closed')).status).toBe(400);
		expect((await call('/api/v2/deals?owner_id=abc')).status).toBe(400);
		expect((await send('POST', '/api/v2/deals', { value: 'a lot' })).status).toBe(400);
		expect(fake.violations.map((v) => v.message)).toEqual([
			'"status" must be one of [open, won, lost, deleted]',
			'"owner_id" must be an integer',
			'"title" is required',
			'"value" must be a number',
		]);
		expect((await call('/api/v2/deals?status=open,won')).status).toBe(200);
	});

	it('answers unknown and removed endpoints with 404 and a violation', async () => {
		expect((await call('/v1/deals')).status).toBe(404);
		expect((await call('/api/v2/deals/1/nothing')).status).toBe(404);
		expect((await call('/api/v2/deals', { method: 'PUT' })).status).toBe(404);
		expect(fake.violations).toHaveLength(3);
	});

	it('rejects undocumented query parameters (v1 paging on a v2 list)', async () => {
		expect((await call('/api/v2/deals?start=0')).status).toBe(400);
		expect(fake.violations[0].message).toBe('query parameter "start" is not allowed');
	});

	it('answers every documented operation without a server error', async () => {
		const sample = (schema: Json): string => (schema.type === 'array' ? '1' : String(synthesize(schema)));
		for (const op of buildRouteTable().operations) {
			const path = op.template.replace(/\{([^}]+)\}/g, (_: string, name: string) => sample(op.pathParams.find((p) => p.name === name)?.schema ?? {}));
			const query = new URLSearchParams([...op.queryParams.values()].filter((p) => p.required).map((p): [string, string] => [p.name, sample(p.schema)]));
			const response = await fetch(`${fake.url}${op.version === 'v2' ? '/api/v2' : '/v1'}${path}?${query}`, {
				method: op.method,
				headers: { 'x-api-token': TOKEN },
			});
			expect([op.key, response.status < 500]).toEqual([op.key, true]);
		}
		expect(fake.violations.filter((v) => v.message.includes('internal error'))).toEqual([]);
	});
});

describe('rate limits', () => {
	it('sends rate limit headers on every response', async () => {
		const { headers } = await call('/v1/users/me');
		expect(headers.get('x-ratelimit-limit')).toBe('80');
		expect(headers.get('x-ratelimit-remaining')).toBe('79');
		expect(Number(headers.get('x-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
		expect(headers.get('x-daily-ratelimit-token-limit')).toBe('1000000');
		expect(headers.get('x-daily-ratelimit-token-remaining')).toBe(String(1_000_000 - 2));
	});

	it('answers 429 beyond the burst limit when enforced', async () => {
		fake.setRateLimit({ limit: 3, windowMs: 60_000, enforce: true, retryAfterHeader: true });
		const statuses = [];
		for (let i = 0; i < 4; i++) statuses.push((await call('/v1/users/me')).status);
		expect(statuses).toEqual([200, 200, 200, 429]);
		const limited = await call('/v1/users/me');
		expect(limited.body).toEqual({ success: false, error: 'Too many requests', errorCode: 429 });
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBe('60');
		expect(fake.stats.tooManyRequests).toBe(2);
	});

	it('answers 429 to everything when the daily budget is used up', async () => {
		fake.setRateLimit({ dailyRemaining: 0 });
		const response = await call('/api/v2/deals');
		expect(response.status).toBe(429);
		expect(response.headers.get('x-daily-ratelimit-token-remaining')).toBe('0');
	});
});

describe('webhooks', () => {
	const registration = (url: string, extra: Json = {}) => ({ subscription_url: url, event_action: 'create', event_object: 'deal', name: 'n8n', http_auth_user: 'user', http_auth_password: 'secret', ...extra });

	it('registers, lists and deletes webhooks', async () => {
		const created = await send('POST', '/v1/webhooks', registration('http://127.0.0.1:9/hook'));
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ status: 'ok', success: true, data: { id: 1, version: '2.0', is_active: 1, user_id: 1, http_auth_user: 'user', type: 'general' } });
		expect((await call('/v1/webhooks')).body.data).toHaveLength(1);
		expect((await call('/v1/webhooks/1', { method: 'DELETE' })).body).toEqual({ status: 'ok', success: true });
		expect(await call('/v1/webhooks/1', { method: 'DELETE' })).toMatchObject({ status: 404, body: { errors: { id: ['not found'] } } });
	});

	it('rejects invalid registrations with the errors{} shape and enforces the limit', async () => {
		const badAction = await send('POST', '/v1/webhooks', registration('http://127.0.0.1:9/hook', { event_action: 'added' }));
		expect(badAction).toMatchObject({ status: 400, body: { success: false, errors: { event_action: [expect.stringContaining('must be one of')] } } });
		const noName = await send('POST', '/v1/webhooks', { ...registration('http://127.0.0.1:9/hook'), name: undefined });
		expect(noName.body.errors).toEqual({ name: ['"name" is required'] });
		for (let i = 0; i < 3; i++) expect((await send('POST', '/v1/webhooks', registration('http://127.0.0.1:9/hook'))).status).toBe(201);
		expect((await send('POST', '/v1/webhooks', registration('http://127.0.0.1:9/hook'))).status).toBe(400);
	});

	it('delivers v2 events with Basic auth and retries after failures', async () => {
		const receiver = await startReceiver([500, 503]);
		try {
			await send('POST', '/v1/webhooks', registration(receiver.url));
			const [last] = await fake.fireWebhookEvent({ object: 'deal', action: 'create', data: { id: 42, title: 'New' } });
			expect(last).toMatchObject({ status: 200, attempt: 3, webhookId: 1 });
			expect(fake.deliveries.map((d) => d.status)).toEqual([500, 503, 200]);
			expect(receiver.received).toHaveLength(3);
			const { headers, body } = receiver.received[2];
			expect(headers.authorization).toBe(`Basic ${Buffer.from('user:secret').toString('base64')}`);
			expect(body.meta).toMatchObject({ action: 'create', entity: 'deal', entity_id: '42', version: '2.0', webhook_id: '1', attempt: 3, type: 'general' });
			expect(body.meta.id).toBe(receiver.received[0].body.meta.id);
			expect(body).toMatchObject({ data: { id: 42, title: 'New' }, previous: null });
			await fake.fireWebhookEvent({ object: 'person', action: 'create', data: { id: 1 } });
			expect(receiver.received).toHaveLength(3);
		} finally {
			await receiver.close();
		}
	});

	it('sends the legacy payload to webhooks registered with version 1.0', async () => {
		const receiver = await startReceiver();
		try {
			await send('POST', '/v1/webhooks', registration(receiver.url, { version: '1.0', event_action: '*' }));
			await fake.fireWebhookEvent({ object: 'deal', action: 'change', data: { id: 5, title: 'B' }, previous: { title: 'A' } });
			expect(receiver.received[0].body).toMatchObject({ v: 1, event: 'updated.deal', meta: { action: 'updated', object: 'deal', id: 5 }, current: { id: 5 }, previous: { title: 'A' }, retry: 0 });
		} finally {
			await receiver.close();
		}
	});

	it('forges raw deliveries, refuses non-loopback URLs, and deletes webhooks remotely', async () => {
		const receiver = await startReceiver();
		try {
			const raw = await fake.deliverRaw(receiver.url, { headers: { authorization: 'Basic bad' }, body: { meta: {} } });
			expect(raw.status).toBe(200);
			expect(receiver.received[0].headers.authorization).toBe('Basic bad');
			const refused = await fake.deliverRaw('http://example.com/hook', { body: {} });
			expect(refused).toMatchObject({ status: 0, error: expect.stringContaining('loopback') });
			await send('POST', '/v1/webhooks', registration(receiver.url));
			expect(fake.deleteWebhookRemotely(1)).toMatchObject({ id: 1 });
			expect((await call('/v1/webhooks')).body.data).toEqual([]);
		} finally {
			await receiver.close();
		}
	});
});

describe('OAuth', () => {
	it('runs the authorization code flow and accepts the issued token', async () => {
		const authorize = await fetch(`${fake.url}/oauth/authorize?client_id=test-client-id&redirect_uri=${encodeURIComponent('http://127.0.0.1:5678/callback')}&state=xyz`, { redirect: 'manual' });
		expect(authorize.status).toBe(302);
		const location = new URL(authorize.headers.get('location') ?? '');
		expect(location.searchParams.get('state')).toBe('xyz');
		const basic = `Basic ${Buffer.from('test-client-id:test-client-secret').toString('base64')}`;
		const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: basic };
		const tokenBody = new URLSearchParams({ grant_type: 'authorization_code', code: location.searchParams.get('code') ?? '', redirect_uri: 'http://127.0.0.1:5678/callback' });
		const tokens = await call('/oauth/token', { method: 'POST', body: tokenBody }, form);
		expect(tokens.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3599, refresh_token: expect.any(String), scope: 'base admin', api_domain: fake.url });
		expect((await call('/v1/users/me', {}, { authorization: `Bearer ${tokens.body.access_token}` })).status).toBe(200);

		fake.expireOAuthTokens();
		expect((await call('/v1/users/me', {}, { authorization: `Bearer ${tokens.body.access_token}` })).status).toBe(401);
		const refreshBody = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.body.refresh_token });
		const refreshed = await call('/oauth/token', { method: 'POST', body: refreshBody }, form);
		expect(refreshed.body.refresh_token).toBe(tokens.body.refresh_token);
		expect((await call('/v1/users/me', {}, { authorization: `Bearer ${refreshed.body.access_token}` })).status).toBe(200);
	});

	it('rejects bad client credentials and reused codes', async () => {
		const wrong = `Basic ${Buffer.from('test-client-id:nope').toString('base64')}`;
		const body = new URLSearchParams({ grant_type: 'authorization_code', code: 'x' });
		expect((await call('/oauth/token', { method: 'POST', body }, { authorization: wrong })).body.error).toBe('invalid_client');
		const right = `Basic ${Buffer.from('test-client-id:test-client-secret').toString('base64')}`;
		expect((await call('/oauth/token', { method: 'POST', body }, { authorization: right })).body.error).toBe('invalid_grant');
		const issued = fake.issueOAuthToken();
		expect((await call('/api/v2/deals', {}, { authorization: `Bearer ${issued.access_token}` })).status).toBe(200);
	});
});

describe('files', () => {
	it('round-trips a multipart upload and download', async () => {
		const bytes = Buffer.from([0, 1, 2, 250, 255, 13, 10, 45, 45]);
		const form = new FormData();
		form.append('file', new Blob([bytes], { type: 'application/pdf' }), 'report 2026.pdf');
		form.append('deal_id', '7');
		const uploaded = await call('/v1/files', { method: 'POST', body: form });
		expect(uploaded.status).toBe(200);
		expect(uploaded.body.data).toMatchObject({ id: 1, name: 'report 2026.pdf', file_type: 'pdf', file_size: bytes.length, deal_id: 7 });
		expect(fake.requests[0].body).toEqual({ fields: { deal_id: '7' }, files: [{ field: 'file', filename: 'report 2026.pdf', contentType: 'application/pdf', size: bytes.length }] });

		const download = await fetch(`${fake.url}/v1/files/1/download`, { headers: { 'x-api-token': TOKEN } });
		expect(download.headers.get('content-type')).toBe('application/pdf');
		expect(download.headers.get('content-disposition')).toContain('attachment; filename="report 2026.pdf"');
		expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
	});

	it('requires the file part', async () => {
		const form = new FormData();
		form.append('deal_id', '7');
		expect((await call('/v1/files', { method: 'POST', body: form })).status).toBe(400);
		expect(fake.violations[0].message).toBe('"file" is required');
	});
});

describe('fault injection', () => {
	it('answers the next matching requests with the fault, then normally', async () => {
		fake.injectFault({ method: 'GET', path: /\/api\/v2\/deals/, times: 2, status: 503, json: { success: false, error: 'down' }, headers: { 'retry-after': '1' } });
		const first = await call('/api/v2/deals');
		expect(first).toMatchObject({ status: 503, body: { error: 'down' } });
		expect(first.headers.get('retry-after')).toBe('1');
		expect((await call('/v1/users/me')).status).toBe(200);
		expect((await call('/api/v2/deals')).status).toBe(503);
		expect((await call('/api/v2/deals')).status).toBe(200);
	});

	it('drops connections, delays, and sends malformed JSON and HTML', async () => {
		fake.injectFault({ path: '/api/v2/deals', dropConnection: true });
		await expect(fetch(`${fake.url}/api/v2/deals`, { headers: { 'x-api-token': TOKEN } })).rejects.toThrow();

		fake.injectFault({ path: '/api/v2/deals', delayMs: 300 });
		await expect(fetch(`${fake.url}/api/v2/deals`, { headers: { 'x-api-token': TOKEN }, signal: AbortSignal.timeout(50) })).rejects.toThrow();

		fake.injectFault({ path: '/api/v2/deals', malformedJson: true });
		const malformed = await fetch(`${fake.url}/api/v2/deals`, { headers: { 'x-api-token': TOKEN } });
		expect(malformed.status).toBe(200);
		await expect(malformed.json()).rejects.toThrow();

		fake.injectFault({ path: '/api/v2/deals', html: true });
		const html = await fetch(`${fake.url}/api/v2/deals`, { headers: { 'x-api-token': TOKEN } });
		expect([html.status, html.headers.get('content-type')]).toEqual([403, 'text/html; charset=utf-8']);
		expect(fake.stats.faults).toBe(4);
	});
});

describe('options', () => {
	it('fires webhooks on API writes with autoWebhooks, and skips validation with validate: false', async () => {
		const lenient = await startFakePipedrive({ validate: false, autoWebhooks: true });
		const receiver = await startReceiver();
		try {
			const post = (path: string, body: Json) =>
				fetch(`${lenient.url}${path}`, { method: 'POST', headers: { 'x-api-token': 'test-token', 'content-type': 'application/json' }, body: JSON.stringify(body) });
			await post('/v1/webhooks', { subscription_url: receiver.url, event_action: 'create', event_object: 'deal', name: 'auto' });
			expect((await post('/api/v2/deals', { title: 'Auto', colour: 'red' })).status).toBe(200);
			for (let i = 0; i < 50 && receiver.received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
			expect(receiver.received[0].body).toMatchObject({ meta: { action: 'create', entity: 'deal', entity_id: '1' }, data: { title: 'Auto', colour: 'red' } });
			expect(lenient.violations).toEqual([]);
		} finally {
			await receiver.close();
			await lenient.close();
		}
	});
});

describe('scale', () => {
	it('pages 50,000 deals with limit 500 in linear work (each row read about once)', async () => {
		fake.seedMany('deals', 50_000, (i) => ({ title: `Deal ${i}` }));
		// Rows read by id while paging: a cursor that rescans from the start would read ~n²/500 of them.
		// (Counted rather than timed: a wall-clock bound fails on a busy machine.)
		const rows = (fake.store as unknown as { collection(name: string): { byId: Map<unknown, unknown> } }).collection('deals').byId;
		const read = rows.get.bind(rows);
		let lookups = 0;
		rows.get = (id) => (lookups++, read(id));
		let count = 0;
		let cursor: string | null = null;
		do {
			const response: { body: Json } = await call(`/api/v2/deals?limit=500${cursor ? `&cursor=${cursor}` : ''}`);
			count += response.body.data.length;
			cursor = response.body.additional_data.next_cursor;
		} while (cursor);
		expect(count).toBe(50_000);
		expect(lookups).toBeGreaterThanOrEqual(50_000);
		expect(lookups).toBeLessThan(2 * 50_000);
	});
});
