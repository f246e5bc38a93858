/**
 * Fault-injection suite: the action node, through n8n's engine, against the loopback fake Pipedrive with
 * rate limits, server faults, broken bodies and bad input. Each scenario asserts its own expectations and
 * adds a row (scenario, expected, observed) to the table printed at the end.
 */
import type { IDataObject } from 'n8n-workflow';

import { TEST_API_TOKEN } from '../harness/credentials';
import type { FakePipedrive } from '../harness/fake';
import { runAgainst, startFake } from '../harness/fake';
import { blockRealNetwork } from '../harness/mock';
import type { RunNodeOptions, RunNodeResult } from '../harness/run';
import { jsonOf } from '../harness/run';

let fake: FakePipedrive;
const table: Array<{ scenario: string; expected: string; observed: string }> = [];

beforeAll(async () => {
	blockRealNetwork();
	fake = await startFake();
});
afterAll(async () => {
	await fake.close();
	const widths = [46, 44, 44];
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]).slice(0, widths[i])).join(' | ');
	const rows = [line(['scenario', 'expected', 'observed']), widths.map((w) => '-'.repeat(w)).join('-|-'), ...table.map((r) => line([r.scenario, r.expected, r.observed]))];
	// The table is the suite's report (issue: fault-injection proof).
	console.log(`\nFault-injection scenarios: ${table.length}\n${rows.join('\n')}`);
});
beforeEach(() => {
	fake.reset();
	fake.setRateLimit({ enforce: false });
});

function requestsTo(method: string, path: string | RegExp) {
	return fake.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
}

/** Every error and output of a run, as text, must not contain the token. */
function leaksToken(result: RunNodeResult): boolean {
	const error = result.error ? JSON.stringify({ ...result.error, message: result.error.message, description: result.error.description }) : '';
	return `${JSON.stringify(result.items)}${error}`.includes(TEST_API_TOKEN);
}

function record(scenario: string, expected: string, observed: string) {
	table.push({ scenario, expected, observed });
}

const getDeal = (id: number, extra: Partial<RunNodeOptions> = {}) =>
	runAgainst(fake, { parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: String(id) } }, ...extra });
const createDeal = (title: string, extra: Partial<RunNodeOptions> = {}) =>
	runAgainst(fake, { parameters: { resource: 'deal', operation: 'addDeal', title }, ...extra });
const listDeals = (extra: IDataObject = {}) =>
	runAgainst(fake, { parameters: { resource: 'deal', operation: 'getDeals', returnAll: true, ...extra } });

describe('rate limits', () => {
	test('429 with Retry-After, then 200: waits and succeeds', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, status: 429, json: { success: false, error: 'Too many requests' }, headers: { 'retry-after': '1' } });
		const started = Date.now();
		const result = await getDeal(deal.id as number);
		const waited = Date.now() - started;
		expect(result.error).toBeUndefined();
		expect(requestsTo('GET', `/api/v2/deals/${deal.id}`)).toHaveLength(2);
		expect(waited).toBeGreaterThanOrEqual(900);
		record('429 + Retry-After: 1, then 200', 'retried once after ≥1 s, item ok', `2 requests, waited ${waited} ms, ok`);
	});

	test('429 with x-ratelimit-reset only', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, status: 429, json: { success: false, error: 'Too many requests' }, headers: { 'x-ratelimit-reset': '1', 'x-ratelimit-remaining': '0' } });
		const result = await getDeal(deal.id as number);
		expect(result.error).toBeUndefined();
		expect(requestsTo('GET', `/api/v2/deals/${deal.id}`)).toHaveLength(2);
		record('429 + x-ratelimit-reset: 1', 'retried after reset, ok', '2 requests, ok');
	});

	test('429 without any header: waits one 2 s window', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, status: 429, json: { success: false, error: 'Too many requests' } });
		const started = Date.now();
		const result = await getDeal(deal.id as number);
		expect(result.error).toBeUndefined();
		expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
		record('429 without headers', 'waits the 2 s window, ok', `ok after ${Date.now() - started} ms`);
	});

	test('429 on a write is retried (Pipedrive did not process it) and writes once', async () => {
		fake.injectFault({ method: 'POST', path: '/api/v2/deals', status: 429, json: { success: false, error: 'Too many requests' }, headers: { 'retry-after': '0' } });
		const result = await createDeal('Once');
		expect(result.error).toBeUndefined();
		expect(fake.store.all('deals').filter((d) => d.title === 'Once')).toHaveLength(1);
		record('429 on POST', 'retried, exactly one deal created', '1 deal created');
	});

	test('429 that never ends: bounded retries, then a clear error', async () => {
		fake.injectFault({ method: 'GET', path: /\/api\/v2\/deals\/\d+/, times: 20, status: 429, json: { success: false, error: 'Too many requests' }, headers: { 'retry-after': '0' } });
		const result = await getDeal(1);
		const attempts = requestsTo('GET', /\/api\/v2\/deals\/\d+/).length;
		expect(attempts).toBe(7);
		expect(result.error?.message).toMatch(/429.*Too many requests/);
		record('429 forever', 'gives up after bounded retries, clear error', `${attempts} attempts, "${result.error?.message}"`);
	});

	test('daily token budget exhausted: fails at once, says it resets at midnight', async () => {
		fake.setRateLimit({ dailyRemaining: 0 });
		const result = await getDeal(1);
		expect(fake.requests).toHaveLength(1);
		expect(result.error?.message).toMatch(/daily API token budget.*midnight/);
		record('daily budget exhausted', '1 request, fail fast, mentions midnight', `${fake.requests.length} request, fail fast`);
	});

	test('burst limit: 60 items against 20 requests / 2 s, all succeed', async () => {
		fake.setRateLimit({ enforce: true, limit: 20, windowMs: 2000 });
		const items = Array.from({ length: 60 }, (_, i) => ({ json: { title: `Deal ${i}` } }));
		const result = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'addDeal', title: '={{ $json.title }}' }, items });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(60);
		expect(fake.store.all('deals').filter((d) => String(d.title).startsWith('Deal '))).toHaveLength(60);
		record('burst: 60 writes at 20 req / 2 s', '0 failed, 60 deals, no duplicates', `0 failed, 60 deals, ${fake.stats.tooManyRequests} × 429 absorbed`);
	});

	test('slows down when x-ratelimit-remaining runs low instead of running into 429', async () => {
		fake.setRateLimit({ enforce: true, limit: 10, windowMs: 2000 });
		fake.seedMany('deals', 30, (i) => ({ title: `D${i}` }));
		const items = Array.from({ length: 30 }, (_, i) => ({ json: { id: i + 1 } }));
		const result = await runAgainst(fake, {
			parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, requestOptions: { maxConcurrency: 1 } },
			items,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(30);
		expect(fake.stats.tooManyRequests).toBe(0);
		record('pacing on x-ratelimit-remaining (sequential)', '0 × 429, 30 items', `${fake.stats.tooManyRequests} × 429, ${result.items.length} items`);
	});
});

describe('server faults and transport', () => {
	test.each([500, 502, 503, 504])('GET: %i then 200 is retried', async (status) => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, status, json: { success: false, error: 'Internal' } });
		const result = await getDeal(deal.id as number);
		expect(result.error).toBeUndefined();
		expect(jsonOf(result)[0].title).toBe('A');
		record(`GET ${status} then 200`, 'retried, ok', `${requestsTo('GET', `/api/v2/deals/${deal.id}`).length} requests, ok`);
	});

	test('POST 500: not retried, no duplicate write', async () => {
		fake.injectFault({ method: 'POST', path: '/api/v2/deals', status: 500, json: { success: false, error: 'Internal server error' } });
		const result = await createDeal('X');
		expect(requestsTo('POST', '/api/v2/deals')).toHaveLength(1);
		expect(result.error?.message).toMatch(/500.*Internal server error/);
		record('POST 500', '1 request, clear error', `${requestsTo('POST', '/api/v2/deals').length} request, "${result.error?.message}"`);
	});

	test('PATCH 503: not retried', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'PATCH', path: `/api/v2/deals/${deal.id}`, status: 503, json: { success: false, error: 'Service unavailable' } });
		const result = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'updateDeal', dealId: { __rl: true, mode: 'id', value: String(deal.id) }, updateFields: { title: 'B' } } });
		expect(requestsTo('PATCH', `/api/v2/deals/${deal.id}`)).toHaveLength(1);
		expect(result.error).toBeDefined();
		record('PATCH 503', '1 request, error', '1 request, error');
	});

	test('GET timeout then answer: retried', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, delayMs: 1500 });
		const result = await getDeal(deal.id as number, { parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: String(deal.id) }, requestOptions: { timeout: 300 } } });
		expect(result.error).toBeUndefined();
		record('GET timeout, then fast answer', 'retried after timeout, ok', `${requestsTo('GET', `/api/v2/deals/${deal.id}`).length} requests, ok`);
	});

	test('POST timeout: not retried, so never written twice', async () => {
		fake.injectFault({ method: 'POST', path: '/api/v2/deals', delayMs: 1000 });
		const result = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'addDeal', title: 'Slow', requestOptions: { timeout: 300 } } });
		await new Promise((resolve) => setTimeout(resolve, 1200));
		expect(result.error?.message).toMatch(/Could not reach Pipedrive|connection/i);
		expect(fake.store.all('deals').filter((d) => d.title === 'Slow')).toHaveLength(1);
		expect(requestsTo('POST', '/api/v2/deals')).toHaveLength(1);
		record('POST timeout', 'error, 1 request (no replay)', `1 request, "${result.error?.message}"`);
	});

	test('GET connection reset: retried', async () => {
		const [deal] = fake.seed('deals', [{ title: 'A' }]);
		fake.injectFault({ method: 'GET', path: `/api/v2/deals/${deal.id}`, dropConnection: true });
		const result = await getDeal(deal.id as number);
		expect(result.error).toBeUndefined();
		record('GET connection reset', 'retried, ok', 'ok');
	});

	test('POST connection reset: error, not replayed', async () => {
		fake.injectFault({ method: 'POST', path: '/api/v2/deals', dropConnection: true });
		const result = await createDeal('Reset');
		expect(result.error?.message).toMatch(/Could not reach Pipedrive|connection/i);
		expect(requestsTo('POST', '/api/v2/deals').length).toBeLessThanOrEqual(1);
		record('POST connection reset', 'clear error, no replay', `"${result.error?.message}"`);
	});

	test('malformed JSON on GET: retried, then a clear error if it persists', async () => {
		fake.injectFault({ method: 'GET', path: '/api/v2/deals/1', malformedJson: true, times: 10 });
		const result = await getDeal(1);
		expect(result.error?.message).toMatch(/not valid JSON/);
		record('malformed JSON (persistent)', 'bounded retries, clear error', `${requestsTo('GET', '/api/v2/deals/1').length} requests, "${result.error?.message}"`);
	});

	test('HTML error page (403 from the edge) still gives a clear error', async () => {
		fake.injectFault({ method: 'GET', path: '/api/v2/deals/1', html: true });
		const result = await getDeal(1);
		expect(result.error?.message).toMatch(/Pipedrive error 403/);
		expect(result.error?.message).not.toMatch(/<html|<body/i);
		record('HTML 403 page', 'clear 403 error, no HTML', `"${result.error?.message?.slice(0, 60)}"`);
	});

	test('a page failing mid Return All is retried and the result is complete', async () => {
		fake.seedMany('deals', 1200, (i) => ({ title: `D${i}` }));
		// The second page fails once.
		fake.injectFault({ method: 'GET', path: '/api/v2/deals', status: 502, json: { success: false, error: 'Bad gateway' }, skip: 1 });
		const result = await listDeals();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1200);
		expect(new Set(jsonOf(result).map((d) => d.id)).size).toBe(1200);
		expect(requestsTo('GET', '/api/v2/deals')).toHaveLength(4);
		record('502 on a page mid Return All', 'page retried, 1200 unique items', `${result.items.length} items`);
	});

	test('a page failing for good fails the item (no silent partial result)', async () => {
		fake.seedMany('deals', 700, (i) => ({ title: `D${i}` }));
		fake.injectFault({ method: 'GET', path: '/api/v2/deals', status: 500, json: { success: false, error: 'Boom' }, times: 10 });
		const result = await listDeals();
		expect(result.error?.message).toMatch(/500.*Boom/);
		record('500 on every page', 'error, no partial output', `error: "${result.error?.message}"`);
	});

	test('empty collection: zero items, no error', async () => {
		const result = await listDeals();
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(0);
		record('empty list', '0 items', `${result.items.length} items`);
	});

	test('very large record round-trips', async () => {
		const big = 'x'.repeat(200_000);
		const result = await runAgainst(fake, { parameters: { resource: 'note', operation: 'addNote', content: big, additionalFields: { deal_id: { __rl: true, mode: 'id', value: '1' } } } });
		expect(result.error).toBeUndefined();
		expect(String(jsonOf(result)[0].content)).toHaveLength(200_000);
		record('200 kB note', 'sent and returned intact', `${String(jsonOf(result)[0].content).length} chars back`);
	});

	test('Unicode survives both ways', async () => {
		const title = 'Café – 東京 – مرحبا – 🚀';
		const result = await createDeal(title);
		expect(jsonOf(result)[0].title).toBe(title);
		expect(fake.store.all('deals').some((d) => d.title === title)).toBe(true);
		record('Unicode title', 'identical after round trip', 'identical');
	});

	test('2xx with success:false is an error', async () => {
		fake.injectFault({ method: 'GET', path: '/api/v2/deals/1', status: 200, json: { success: false, error: 'Something is off' } });
		const result = await getDeal(1);
		expect(result.error?.message).toMatch(/Something is off/);
		record('200 with success:false', 'error with Pipedrive text', `"${result.error?.message}"`);
	});
});

describe('Pipedrive errors', () => {
	test('401: check the credential, no token in the error', async () => {
		const result = await runAgainst(fake, { parameters: { resource: 'user', operation: 'getCurrentUser' }, credentials: { apiToken: 'wrong-token-value-123', domain: fake.url } });
		expect(result.error?.message).toMatch(/401.*unauthorized access/);
		expect(result.error?.description).toMatch(/Check the credential/);
		expect(JSON.stringify(result.error)).not.toContain('wrong-token-value-123');
		record('401 wrong token', 'Pipedrive text + check credential, no token', `"${result.error?.message}"`);
	});

	test('404: names the record that was not found', async () => {
		const result = await getDeal(424242);
		expect(result.error?.message).toMatch(/404/);
		expect(result.error?.description).toMatch(/id 424242/);
		record('404 unknown deal', 'names id 424242', `"${result.error?.description?.slice(0, 60)}"`);
	});

	test('400 from a spec violation names the field', async () => {
		const result = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'getDeals', returnAll: false, limit: 5, filters: { status: '={{ "bogus" }}' } } });
		expect(result.error?.message).toMatch(/Status.*must be one of/);
		expect(fake.requests).toHaveLength(0);
		record('enum value not allowed', 'rejected before sending, names Status', `"${result.error?.message}"`);
	});
});

describe('bad input is caught before any request', () => {
	const cases: Array<[string, RunNodeOptions['parameters'], RegExp]> = [
		['ID not a number', { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '={{ "abc" }}' } }, /dealId.*whole number/],
		['ID zero / negative', { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '={{ -3 }}' } }, /dealId.*positive/],
		['date', { resource: 'deal', operation: 'addDeal', title: 'x', additionalFields: { expected_close_date: '={{ "next tuesday" }}' } }, /Expected Close Date.*date/],
		['email', { resource: 'person', operation: 'addPerson', name: 'Ann', additionalFields: { emails: 'not-an-email' } }, /Emails.*not an email/],
		['JSON field', { resource: 'person', operation: 'addPerson', name: 'Ann', additionalFields: { postal_address: '{oops' } }, /Postal Address.*not valid JSON/],
		['empty required value', { resource: 'deal', operation: 'addDeal', title: '={{ "" }}' }, /Title.*required/],
		['custom field option unknown', { resource: 'deal', operation: 'addDeal', title: 'x', customFieldsUi: { field: [{ key: 'Tier', value: 'Platinum' }] } }, /Tier.*no option "Platinum"/],
	];
	test.each(cases)('%s', async (name, parameters, pattern) => {
		const result = await runAgainst(fake, { parameters });
		expect(result.error?.message).toMatch(pattern);
		expect(result.error?.message).toMatch(/item 0/);
		const writes = fake.requests.filter((r) => r.method !== 'GET');
		expect(writes).toHaveLength(0);
		record(`bad input: ${name}`, 'error names field + item, nothing written', `"${result.error?.message?.slice(0, 70)}"`);
	});
});

describe('continue on fail and secrets', () => {
	test('mixed items: each input yields exactly one output, later items still run', async () => {
		const [deal] = fake.seed('deals', [{ title: 'Exists' }]);
		const items = [{ json: { id: deal.id as number } }, { json: { id: 'abc' } }, { json: { id: 999999 } }, { json: { id: deal.id as number } }];
		const result = await runAgainst(fake, {
			parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			items,
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		const out = jsonOf(result);
		expect(out).toHaveLength(4);
		expect(out[0].title).toBe('Exists');
		expect(out[1].error).toMatch(/whole number/);
		expect(out[2].error).toMatch(/404/);
		expect(out[3].title).toBe('Exists');
		expect(result.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		record('continue on fail, 4 mixed items', '4 outputs: ok, error, error, ok', out.map((o) => (o.error ? 'error' : 'ok')).join(', '));
	});

	test('without continue on fail the error names the failing item', async () => {
		const items = [{ json: { id: 1 } }, { json: { id: 'x' } }];
		fake.seed('deals', [{ title: 'A' }]);
		const result = await runAgainst(fake, { parameters: { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, items });
		expect(result.error?.message).toMatch(/item 1/);
		record('failure without continue on fail', 'error names item 1', `"${result.error?.message}"`);
	});

	test('the token appears in no output and no error across faults', async () => {
		const runs = [
			await getDeal(1),
			await getDeal(999),
			await runAgainst(fake, { parameters: { resource: 'user', operation: 'getCurrentUser' } }),
		];
		fake.injectFault({ method: 'GET', path: '/api/v2/deals/1', dropConnection: true, times: 5 });
		runs.push(await getDeal(1));
		for (const run of runs) expect(leaksToken(run)).toBe(false);
		record('token never in outputs/errors', 'absent from 4 runs', 'absent');
	});
});
