import nock from 'nock';

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

function flattenHeaders(headers: Record<string, string | string[]>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	return out;
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * A nock-backed stand-in for one Pipedrive domain that records every request it answers, so a test can
 * assert the exact method, path, query, headers and body the node sent.
 */
export class PipedriveMock {
	readonly requests: RecordedRequest[] = [];

	private readonly scope: nock.Scope;

	constructor(readonly origin = 'https://api.pipedrive.com') {
		this.scope = nock(origin);
	}

	on(method: string, path: string | RegExp, reply: MockReply = {}): this {
		const requests = this.requests;
		const interceptor = this.scope
			.intercept(path, method.toUpperCase())
			.query(true)
			.times(reply.times ?? 1);
		interceptor.reply(function (uri, body) {
			const url = new URL(uri, 'http://placeholder');
			requests.push({
				method: method.toUpperCase(),
				path: url.pathname,
				query: Object.fromEntries(url.searchParams.entries()),
				headers: flattenHeaders(this.req.headers as Record<string, string | string[]>),
				body: parseBody(body),
			});
			return [reply.status ?? 200, reply.body ?? { success: true, data: null }, reply.headers ?? {}];
		});
		return this;
	}

	/** Shorthand for `{ success: true, data, additional_data }` replies. */
	ok(method: string, path: string | RegExp, data: unknown, additional?: unknown, times?: number): this {
		return this.on(method, path, { body: { success: true, data, additional_data: additional ?? null }, times });
	}

	get pending(): string[] {
		return this.scope.pendingMocks();
	}
}

export function resetMocks(): void {
	nock.cleanAll();
}

export function blockRealNetwork(): void {
	nock.disableNetConnect();
	nock.enableNetConnect('127.0.0.1');
}
