/**
 * The one place tests reach nock: for the few cases that shape a reply the fake Pipedrive
 * (test/fake-pipedrive) would never give (an HTML page, a scripted run of statuses, a company domain).
 * Everything else runs against the fake.
 */
import { jsonParse } from 'n8n-workflow';
import nock from 'nock';

import { TEST_ACCESS_TOKEN, TEST_API_TOKEN } from './credentials';

export interface RecordedRequest {
	method: string;
	/** Path without the query string. */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	/** Parsed JSON body, or the raw text for other encodings. */
	body: unknown;
}

export interface MockReply {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** How many requests this reply answers (default 1). */
	times?: number;
}

const flattenHeaders = (headers: Record<string, string | string[]>): Record<string, string> =>
	Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value)]));

const parseBody = (body: unknown): unknown => (typeof body === 'string' ? jsonParse(body, { fallbackValue: body }) : body);

/** Scripted replies for one Pipedrive origin that record every request they answer. */
export class PipedriveMock {
	readonly requests: RecordedRequest[] = [];

	private readonly scope: nock.Scope;

	constructor(readonly origin = 'https://api.pipedrive.com') {
		this.scope = nock(origin);
	}

	on(method: string, path: string | RegExp, reply: MockReply = {}): this {
		const requests = this.requests;
		this.scope
			.intercept(path, method.toUpperCase())
			.query(true)
			.times(reply.times ?? 1)
			.reply(function (uri, body) {
				const url = new URL(uri, 'http://placeholder');
				const headers = flattenHeaders(this.req.headers as Record<string, string | string[]>);
				requests.push({ method: method.toUpperCase(), path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body: parseBody(body) });
				return [reply.status ?? 200, reply.body ?? { success: true, data: null }, reply.headers ?? {}];
			});
		return this;
	}

	/** Shorthand for `{ success: true, data, additional_data }` replies. */
	ok(method: string, path: string | RegExp, data: unknown, additional?: unknown, times?: number): this {
		return this.on(method, path, { body: { success: true, data, additional_data: additional ?? null }, times });
	}
}

/**
 * A nock scope that answers only requests carrying the credential's auth: the API token in the
 * `x-api-token` header (never `authorization`), or with `oAuth2` the Bearer token (never the API token).
 */
export function pipedriveScope(origin = 'https://api.pipedrive.com', authentication: 'apiToken' | 'oAuth2' = 'apiToken'): nock.Scope {
	return authentication === 'oAuth2'
		? nock(origin, { reqheaders: { authorization: `Bearer ${TEST_ACCESS_TOKEN}` }, badheaders: ['x-api-token'] })
		: nock(origin, { reqheaders: { 'x-api-token': TEST_API_TOKEN }, badheaders: ['authorization'] });
}

export function resetMocks(): void {
	nock.cleanAll();
}

/** Only loopback (the fake) is reachable; everything else must be mocked. */
export function blockRealNetwork(): void {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
}

/** For the file: no real network, and after each test every mocked call must have been made. */
export function expectEveryMockedCall(): void {
	beforeAll(blockRealNetwork);
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
}
