import type {
	IDataObject,
	IExecuteFunctions,
	IExecuteSingleFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { ApiVersion, HttpMethod } from '../types';
import { tryParseJson } from '../validation';
import { apiDomainFrom, credentialTypeFor, PIPEDRIVE_APP_CREDENTIAL, versionPrefix } from './credentials';
import type { ErrorContext, FailedResponse } from './errors';
import { networkError, pipedriveApiError, redact } from './errors';
import { numberHeader, pacerFor, resetDelayMs } from './pacer';

export type PipedriveContext =
	| IExecuteSingleFunctions
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IHookFunctions
	| IWebhookFunctions
	| IPollFunctions;

export interface PipedriveRequest {
	method: HttpMethod;
	version: ApiVersion;
	/** Path below the version prefix, values already filled in: `/deals/42`. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/** The response is a file, not JSON. */
	binaryResponse?: boolean;
	itemIndex?: number;
	/** The path as documented (`/deals/{id}`), for error messages. */
	pathTemplate?: string;
	pathValues?: Record<string, string>;
	scopes?: string[];
	timeout?: number;
	/** Requests of one credential allowed in flight at once. */
	maxInFlight?: number;
	/**
	 * Sees a successful response's text before it is parsed (the pager reads the next page's position);
	 * returns true when it sent a request, which then leaves before this text is parsed.
	 */
	peekText?: (text: string) => boolean;
}

export interface PipedriveResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

export const DEFAULT_MAX_IN_FLIGHT = 8;
const MAX_RATE_LIMIT_RETRIES = 6;
const MAX_TRANSIENT_RETRIES = 3;
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** getNode() deep-copies the whole node (every parameter) on every call: one copy per context at most. */
const nodeCopies = new WeakMap<PipedriveContext, ReturnType<PipedriveContext['getNode']>>();

/**
 * The node, for reading only. n8n-core's contexts keep it as `node` and getNode() returns a deep copy
 * of it, per item here; the kept one is read where a context has it (never changed), else one copy.
 */
export function nodeOf(ctx: PipedriveContext): ReturnType<PipedriveContext['getNode']> {
	const kept = (ctx as unknown as { node?: ReturnType<PipedriveContext['getNode']> }).node;
	if (kept && typeof kept === 'object' && typeof kept.type === 'string' && kept.parameters && typeof kept.parameters === 'object') return kept;
	let node = nodeCopies.get(ctx);
	if (!node) {
		node = ctx.getNode();
		nodeCopies.set(ctx, node);
	}
	return node;
}

function readParameter(ctx: PipedriveContext, name: string, fallback: unknown): unknown {
	const get = ctx.getNodeParameter as (parameterName: string, fallbackValue?: unknown) => unknown;
	try {
		return get.call(ctx, name, fallback);
	} catch {
		// IExecuteFunctions needs an item index; every other context takes (name, fallback).
		return (ctx as IExecuteFunctions).getNodeParameter(name, 0, fallback);
	}
}

function secretsOf(credentials: IDataObject): string[] {
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	return [credentials.apiToken, credentials.clientSecret, tokenData.access_token, tokenData.refresh_token].filter(
		(value): value is string => typeof value === 'string' && value.length > 0,
	);
}

interface CredentialFacts {
	domain: string;
	secrets: string[];
	expires: number;
}

const FACTS_TTL_MS = 60_000;
const credentialFactsCache = new Map<string, Promise<CredentialFacts>>();

/**
 * The credential's API domain and the secrets to keep out of errors. Read once per execution and
 * credential (n8n decrypts credentials on every read; a 2,000-item run would do it 2,000 times).
 */
async function credentialFacts(ctx: PipedriveContext, { credentialType, credentialId }: { credentialType: string; credentialId: string }): Promise<CredentialFacts> {
	const execution = 'getExecutionId' in ctx ? ctx.getExecutionId() : undefined;
	const load = async (): Promise<CredentialFacts> => {
		const credentials = (await ctx.getCredentials(credentialType)) as IDataObject;
		return { domain: apiDomainFrom(credentials), secrets: secretsOf(credentials), expires: Date.now() + FACTS_TTL_MS };
	};
	if (!execution) return await load();
	const key = `${execution}|${credentialType}|${credentialId}`;
	const cached = credentialFactsCache.get(key);
	if (cached && (await cached).expires > Date.now()) return await cached;
	if (credentialFactsCache.size > 100) credentialFactsCache.clear();
	const facts = load();
	credentialFactsCache.set(key, facts);
	facts.catch(() => credentialFactsCache.delete(key));
	return await facts;
}

/** The API domain of the node's selected credential (for links to the Pipedrive web app). */
export async function apiDomainOf(ctx: PipedriveContext): Promise<string> {
	return (await credentialFacts(ctx, credentialOf(ctx, nodeOf(ctx)))).domain;
}

/** JSON bodies arrive parsed; a string body is either JSON the server mislabelled, or not JSON at all. */
function parseBody(body: unknown): { parsed: unknown; isJson: boolean } {
	if (typeof body !== 'string') return { parsed: body, isJson: true };
	if (body.trim() === '') return { parsed: {}, isJson: true };
	const json = tryParseJson(body);
	return json.ok ? { parsed: json.value, isJson: true } : { parsed: body, isJson: false };
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** Pipedrive wants a JSON body on every write, even an empty one; n8n would drop `{}` altogether. */
function bodyFor(request: PipedriveRequest): IHttpRequestOptions['body'] {
	if (request.method === 'GET') return undefined;
	const body = request.body;
	const isEmptyObject = !!body && typeof body === 'object' && body.constructor === Object && Object.keys(body).length === 0;
	if (isEmptyObject && WRITE_METHODS.has(request.method)) return '{}';
	return body as IHttpRequestOptions['body'];
}

/** The selected credential type, and the id its pacing is shared by. */
function credentialOf(ctx: PipedriveContext, node: ReturnType<PipedriveContext['getNode']>): { credentialType: string; credentialId: string } {
	// A plain stored authentication needs no trip through n8n's parameter resolution.
	const stored = node.parameters?.authentication;
	const credentialType = credentialTypeFor(typeof stored === 'string' && !stored.startsWith('=') ? stored : readParameter(ctx, 'authentication', 'apiToken'));
	return { credentialType, credentialId: node.credentials?.[credentialType]?.id ?? credentialType };
}

/** One HTTP exchange; a connection-level failure comes back as a value for the retry policy to judge. */
async function send(
	ctx: PipedriveContext,
	credentialType: string,
	options: IHttpRequestOptions,
): Promise<{ response: PipedriveResponse } | { failure: unknown }> {
	try {
		return { response: (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, { ...options })) as PipedriveResponse };
	} catch (failure) {
		return { failure };
	}
}

function isUnauthorized(outcome: { response: PipedriveResponse } | { failure: unknown }): boolean {
	return 'response' in outcome && outcome.response.statusCode === 401;
}

/** An HTTP error thrown by n8n carries the response in its cause: treat it as a response again. */
function asResponse(outcome: { response: PipedriveResponse } | { failure: unknown }): { response: PipedriveResponse } | { failure: unknown } {
	if ('response' in outcome) return outcome;
	const failed = outcome.failure as { cause?: { response?: { status: number; headers: Record<string, unknown>; data: unknown } } };
	const response = failed.cause?.response;
	if (!response) return outcome;
	return { response: { statusCode: response.status, headers: response.headers ?? {}, body: response.data } };
}

function backoffMs(attempt: number): number {
	return 250 * 2 ** attempt + Math.floor(Math.random() * 100);
}

/**
 * The one way this package talks to Pipedrive: auth from the selected credential, base URL from its
 * domain (or OAuth `api_domain`), per-credential pacing, bounded retries (429 for every method, since
 * Pipedrive did not process the call; 5xx and connection failures only for GET, so no write is ever
 * sent twice) and errors mapped to NodeApiError with Pipedrive's own message and no secrets.
 */
export async function pipedriveRequest(ctx: PipedriveContext, request: PipedriveRequest): Promise<PipedriveResponse> {
	const node = nodeOf(ctx);
	const credential = credentialOf(ctx, node);
	const { credentialType, credentialId } = credential;
	const { domain, secrets } = await credentialFacts(ctx, credential);
	const url = `${domain}${versionPrefix(request.version)}${request.path}`;
	const errorContext: ErrorContext = {
		itemIndex: request.itemIndex,
		endpoint: `${request.method} ${versionPrefix(request.version)}${request.pathTemplate ?? request.path}`,
		pathValues: request.pathValues,
		scopes: request.scopes,
		secrets,
	};
	const options: IHttpRequestOptions = {
		method: request.method,
		url,
		qs: request.qs,
		body: bodyFor(request),
		json: !request.binaryResponse,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: request.timeout ?? 120_000,
	};
	if (request.binaryResponse) options.encoding = 'arraybuffer';
	else if (request.peekText) options.encoding = 'text';
	if (options.body === '{}') options.headers = { 'Content-Type': 'application/json' };
	const pacer = pacerFor(credentialId, request.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
	const isRead = request.method === 'GET';

	let oauthRefreshed = false;
	for (let attempt = 0; ; attempt++) {
		const release = await pacer.acquire();
		let outcome = await send(ctx, credentialType, options).finally(release);
		if (isUnauthorized(outcome) && credentialType === PIPEDRIVE_APP_CREDENTIAL && !oauthRefreshed) {
			// n8n renews an expired OAuth token (and stores it) only when the request fails with 401,
			// so send it once more without ignoring HTTP errors. A 401 was not processed: safe to repeat.
			oauthRefreshed = true;
			outcome = asResponse(await send(ctx, credentialType, { ...options, ignoreHttpStatusErrors: false }));
		}
		if ('failure' in outcome) {
			// n8n may wrap the failure; its message can quote the request (headers included): never pass it on.
			const { failure } = outcome as { failure: { code?: string; message?: string; cause?: { code?: string } } };
			const code = failure.code ?? failure.cause?.code ?? (failure instanceof NodeApiError ? failure.httpCode ?? undefined : undefined);
			if (isRead && code && RETRYABLE_NETWORK.has(code) && attempt < MAX_TRANSIENT_RETRIES) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw networkError(node, { code: code ?? undefined, message: redact(String(failure.message ?? '').split('\n')[0], secrets) }, errorContext);
		}
		const raw = outcome.response;
		const headers = raw.headers ?? {};
		pacer.observe(headers);
		const status = raw.statusCode;
		if (request.binaryResponse && status < 400) {
			return { statusCode: status, headers, body: raw.body };
		}
		if (request.peekText && status < 300 && typeof raw.body === 'string' && request.peekText(raw.body)) {
			// The read-ahead is only queued: two turns of the event loop let n8n send it and its connection
			// open before parsing this page blocks the loop for milliseconds (measured: it otherwise left
			// after the parse, and paging was no faster than one page after another).
			await sleep(0);
			await sleep(0);
		}
		const { parsed, isJson } = parseBody(
			request.binaryResponse && Buffer.isBuffer(raw.body) ? raw.body.toString('utf8') : raw.body,
		);
		const failure: FailedResponse = { statusCode: status, body: parsed, headers };

		if (status === 429) {
			if (numberHeader(headers, 'x-daily-ratelimit-token-remaining') === 0) {
				throw dailyBudgetError(node, failure, errorContext);
			}
			if (attempt < MAX_RATE_LIMIT_RETRIES) {
				pacer.pauseFor(resetDelayMs(headers));
				continue;
			}
			throw pipedriveApiError(node, failure, errorContext);
		}
		if (isRead && RETRYABLE_STATUS.has(status) && attempt < MAX_TRANSIENT_RETRIES) {
			await sleep(backoffMs(attempt));
			continue;
		}
		const unsuccessful = !!parsed && typeof parsed === 'object' && (parsed as IDataObject).success === false;
		if (status >= 400 || unsuccessful) {
			throw pipedriveApiError(node, { ...failure, statusCode: status >= 400 ? status : 400 }, errorContext);
		}
		if (!isJson) {
			if (isRead && attempt < MAX_TRANSIENT_RETRIES) {
				await sleep(backoffMs(attempt));
				continue;
			}
			throw pipedriveApiError(node, { ...failure, statusCode: status, body: 'Pipedrive answered with a body that is not valid JSON.' }, errorContext);
		}
		return { statusCode: status, headers, body: parsed };
	}
}

function dailyBudgetError(node: ReturnType<PipedriveContext['getNode']>, failure: FailedResponse, context: ErrorContext) {
	return pipedriveApiError(
		node,
		{
			...failure,
			body: {
				error:
					'The company’s daily API token budget is used up; Pipedrive resets it at midnight (server time). Retrying sooner cannot succeed.',
			},
		},
		context,
	);
}

export type PagingStyle = 'cursor' | 'offset';

/** Records of one page: `data` as a list, or a search result's `data.items`. */
export function recordsOf(body: unknown): unknown[] {
	const data = (body as IDataObject | undefined)?.data;
	if (Array.isArray(data)) return data;
	if (data && typeof data === 'object' && Array.isArray((data as IDataObject).items)) {
		return (data as IDataObject).items as unknown[];
	}
	if (data === null || data === undefined) return [];
	return [data];
}

/** The paging style a response shows, if any (for requests whose endpoint we do not know). */
export function pagingStyleOf(body: unknown): PagingStyle | undefined {
	const additional = (body as IDataObject | undefined)?.additional_data as IDataObject | undefined;
	if (!additional || typeof additional !== 'object') return undefined;
	if ('next_cursor' in additional) return 'cursor';
	if ('pagination' in additional || 'more_items_in_collection' in additional) return 'offset';
	return undefined;
}

export function nextPage(style: PagingStyle, body: unknown): { cursor?: string; start?: number } | undefined {
	const additional = ((body as IDataObject | undefined)?.additional_data ?? {}) as IDataObject;
	if (style === 'cursor') {
		return typeof additional.next_cursor === 'string' && additional.next_cursor ? { cursor: additional.next_cursor } : undefined;
	}
	const pagination = (additional.pagination ?? additional) as IDataObject;
	if (!pagination.more_items_in_collection) return undefined;
	const start = Number(pagination.next_start);
	return Number.isFinite(start) ? { start } : undefined;
}

/**
 * The `additional_data` object at the end of a page's text, read without parsing the page: a quoted key
 * cannot occur unescaped inside a string value, and the object is cut out by matching its braces.
 */
export function additionalDataOf(text: string): IDataObject | undefined {
	const key = text.lastIndexOf('"additional_data":');
	const open = key < 0 ? -1 : text.indexOf('{', key);
	if (open < 0) return undefined;
	let depth = 0;
	let inString = false;
	for (let i = open; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') inString = true;
		else if (char === '{') depth++;
		else if (char === '}' && --depth === 0) {
			const parsed = tryParseJson(text.slice(open, i + 1));
			return parsed.ok ? (parsed.value as IDataObject) : undefined;
		}
	}
	return undefined;
}

/**
 * Follows Pipedrive's paging (v2 `cursor`/`next_cursor`, v1 `start`/`more_items_in_collection`) until
 * `max` records or the end, handing each page's records to `onRecords` so callers keep one copy only.
 * Reads one page ahead: the next position is read from the tail of a page's text and that request is
 * sent before the page is parsed, so Pipedrive prepares page n+1 while this process parses page n. The
 * parsed page decides: a read-ahead for any other position is dropped and the right page requested.
 */
export async function pipedriveRequestPages(
	ctx: PipedriveContext,
	request: PipedriveRequest,
	style: PagingStyle,
	options: {
		max?: number;
		pageSize?: number;
		/** Where to begin, when the caller already has the first page. */
		from?: { cursor?: string; start?: number };
		onRecords: (records: unknown[]) => void;
	},
): Promise<void> {
	const pageSize = options.pageSize ?? 500;
	let received = 0;
	const wantedAfter = (count: number) => (options.max === undefined ? pageSize : Math.min(pageSize, options.max - count));
	type Position = { cursor?: string; start?: number };
	type Page = { position: Position; wanted: number; response: Promise<PipedriveResponse> };
	let readAhead: Page | undefined;
	let current: Page;
	const fetchPage = (position: Position, wanted: number): Page => {
		const qs: IDataObject = { ...(request.qs ?? {}), limit: wanted };
		if (position.cursor) qs.cursor = position.cursor;
		if (position.start !== undefined) qs.start = position.start;
		const page = { position, wanted } as Page;
		const peekText = (text: string) => {
			// Only the page being waited for reads ahead, once, and only if more records would still be
			// wanted after it (assuming it is full).
			if (page !== current || readAhead || received + wanted >= (options.max ?? Infinity)) return false;
			const additional = additionalDataOf(text);
			const next = additional && nextPage(style, { additional_data: additional });
			if (next) readAhead = fetchPage(next, wantedAfter(received + wanted));
			return !!next;
		};
		page.response = pipedriveRequest(ctx, { ...request, qs, peekText });
		// A read-ahead nobody awaits in the end must not become an unhandled rejection.
		page.response.catch(() => undefined);
		return page;
	};
	let wanted = wantedAfter(0);
	if (wanted <= 0) return;
	current = fetchPage(options.from ?? (style === 'offset' ? { start: 0 } : {}), wanted);
	for (;;) {
		readAhead = undefined;
		const { body } = await current.response;
		let records = recordsOf(body);
		if (options.max !== undefined && received + records.length > options.max) {
			records = records.slice(0, options.max - received);
		}
		received += records.length;
		options.onRecords(records);
		const next = nextPage(style, body);
		wanted = wantedAfter(received);
		if (!next || records.length === 0 || wanted <= 0) return;
		const ahead = readAhead as Page | undefined;
		const aheadIsRight = ahead && ahead.wanted === wanted && ahead.position.cursor === next.cursor && ahead.position.start === next.start;
		current = aheadIsRight ? ahead : fetchPage(next, wanted);
	}
}
