// @ts-check
'use strict';

/**
 * One request's way through the fake:
 * log → injected fault → OAuth host | (api_token check → auth → rate limit → route → validate → handler).
 */

const { ApiError, ERROR_INFO, errorBody, sendJson, queryObject, parseBody } = require('./http');
const { applyFault } = require('./faults');
const { handleOAuth } = require('./oauth');
const { prepareRequest } = require('./validate-request');

/** @typedef {import('./context').Ctx} Ctx */
/** @typedef {import('http').IncomingMessage} IncomingMessage */
/** @typedef {import('http').ServerResponse} ServerResponse */

/**
 * @typedef {object} RequestLogEntry
 * @property {string} method
 * @property {string} path pathname, prefix included
 * @property {Record<string, string | string[]>} query
 * @property {import('http').IncomingHttpHeaders} headers
 * @property {unknown} body parsed JSON, form fields, or `{ fields, files }` for multipart
 * @property {Buffer} rawBody
 * @property {number} time ms since epoch
 * @property {string} [version] `v1` or `v2` once routed
 * @property {string} [operationId] once routed
 * @property {number} [status] once answered
 */

/** @type {Array<[string, import('./spec').Version]>} */
const API_PREFIXES = [['/api/v2/', 'v2'], ['/api/v1/', 'v1'], ['/v1/', 'v1']];
const UNAUTHORIZED = { success: false, error: 'unauthorized access', errorCode: 401, error_info: ERROR_INFO };
const TOO_MANY_REQUESTS = { success: false, error: 'Too many requests', errorCode: 429 };

/** @param {string} pathname */
function splitApiPath(pathname) {
	const prefix = API_PREFIXES.find(([start]) => pathname.startsWith(start));
	return prefix ? { version: prefix[1], path: pathname.slice(prefix[0].length - 1) } : null;
}

/** @param {Ctx} ctx @param {IncomingMessage} req @returns {{ token: string, userId: number } | null} */
function authenticate(ctx, req) {
	const apiToken = req.headers['x-api-token'];
	if (typeof apiToken === 'string' && apiToken === ctx.options.apiToken) return { token: apiToken, userId: 1 };
	const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
	const userId = bearer ? ctx.oauth.userFor(bearer) : null;
	return bearer && userId ? { token: bearer, userId } : null;
}

/**
 * @typedef {object} Exchange
 * @property {IncomingMessage} req
 * @property {ServerResponse} res
 * @property {URL} url
 * @property {import('./http').ParsedBody} parsed
 * @property {RequestLogEntry} entry
 */

/** @param {Ctx} ctx @param {Exchange} exchange @param {string} message */
function violate(ctx, { entry }, message) {
	const { method, path, operationId } = entry;
	ctx.recordViolation(operationId ? { method, path, message, operationId } : { method, path, message });
}

/** @param {Ctx} ctx @param {IncomingMessage} req @param {ServerResponse} res */
async function handleRequest(ctx, req, res) {
	const rawBody = Buffer.concat(await req.toArray());
	const url = new URL(req.url ?? '/', 'http://127.0.0.1');
	const parsed = await parseBody(rawBody, req.headers['content-type'] ?? '');
	/** @type {RequestLogEntry} */
	const entry = { method: req.method ?? 'GET', path: url.pathname, query: queryObject(url.searchParams), headers: req.headers, body: parsed.value, rawBody, time: Date.now() };
	ctx.requests.push(entry);
	ctx.stats.requests += 1;
	res.on('finish', () => {
		entry.status = res.statusCode;
	});
	const fault = ctx.faults.take(entry.method, url.pathname);
	if (fault) {
		ctx.stats.faults += 1;
		if (await applyFault(fault, res, (ms) => ctx.lifecycle.sleep(ms))) return;
	}
	if (url.pathname.startsWith('/oauth/')) return handleOAuth(ctx, { req, res, url, parsed });
	return handleApi(ctx, { req, res, url, parsed, entry });
}

/** @param {Ctx} ctx @param {Exchange} exchange */
async function handleApi(ctx, exchange) {
	const { req, res, url, entry } = exchange;
	const api = splitApiPath(url.pathname);
	if (!api) return notFound(ctx, exchange, false);
	if (url.searchParams.has('api_token')) violate(ctx, exchange, 'api_token must not be sent in the query string; use the x-api-token header');
	const auth = authenticate(ctx, req);
	if (!auth) {
		ctx.stats.unauthorized += 1;
		return sendJson(res, 401, UNAUTHORIZED, ctx.rate.peek('anonymous'));
	}
	const match = ctx.routes.match(api.version, entry.method, api.path);
	const limit = ctx.rate.take(auth.token, match.op?.cost ?? 0);
	for (const [name, value] of Object.entries(limit.headers)) res.setHeader(name, value);
	if (!limit.allowed) {
		ctx.stats.tooManyRequests += 1;
		return sendJson(res, 429, TOO_MANY_REQUESTS);
	}
	if (!match.op) return notFound(ctx, exchange, match.pathKnown);
	entry.version = match.op.version;
	entry.operationId = match.op.operationId;
	return runOperation(ctx, exchange, match.op, match.params, auth);
}

/** @param {Ctx} ctx @param {Exchange} exchange @param {boolean} pathKnown */
function notFound(ctx, exchange, pathKnown) {
	const { method, path } = exchange.entry;
	const message = pathKnown ? `${method} is not documented for ${path}` : `${method} ${path} is not a documented endpoint`;
	if (ctx.options.validate) violate(ctx, exchange, message);
	return sendJson(exchange.res, 404, errorBody(message));
}

/**
 * @param {Ctx} ctx
 * @param {Exchange} exchange
 * @param {import('./spec').Operation} op
 * @param {Record<string, string>} rawParams
 * @param {{ token: string, userId: number }} auth
 */
async function runOperation(ctx, exchange, op, rawParams, auth) {
	const { req, res, url, parsed } = exchange;
	const handler = /** @type {import('./handlers').Handler} */ (op.handler);
	const prepared = prepareRequest(op, rawParams, queryObject(url.searchParams), parsed);
	if (ctx.options.validate && prepared.errors.length) {
		for (const message of prepared.errors) violate(ctx, exchange, message);
		return sendJson(res, 400, handler.formatErrors?.(prepared.errors) ?? errorBody(prepared.errors.join('; ')));
	}
	try {
		await handler.handle(ctx, { req, res, op, params: prepared.params, query: prepared.query, body: prepared.body, auth });
	} catch (error) {
		if (!(error instanceof ApiError)) throw error;
		if (error.violation) violate(ctx, exchange, error.message);
		sendJson(res, error.status, error.body ?? errorBody(error.message));
	}
}

/**
 * The server's request listener; a failure inside the fake answers 500 and is recorded as a violation
 * so a test sees it.
 * @param {Ctx} ctx
 * @returns {(req: IncomingMessage, res: ServerResponse) => void}
 */
function requestListener(ctx) {
	return (req, res) => {
		handleRequest(ctx, req, res).catch((error) => {
			const message = `fake-pipedrive internal error: ${error?.stack ?? error}`;
			ctx.recordViolation({ method: req.method ?? '', path: req.url ?? '', message });
			sendJson(res, 500, errorBody(message));
		});
	};
}

module.exports = { requestListener };
