// @ts-check
'use strict';

/** Picks, once per operation, what answers it: a custom handler, search, generic CRUD, or the spec's example. */

const { crudHandler, archivedDeals } = require('./crud');
const { searchHandler } = require('./search');
const files = require('./files');
const webhooks = require('./webhooks');
const { cannedBody } = require('../synth');
const { ApiError, send, sendJson } = require('../http');

/** @typedef {import('../context').Ctx} Ctx */

/**
 * @typedef {object} Call
 * @property {import('http').IncomingMessage} req
 * @property {import('http').ServerResponse} res
 * @property {import('../spec').Operation} op
 * @property {Record<string, any>} params typed path parameters
 * @property {Record<string, any>} query typed query parameters
 * @property {any} body typed body (multipart: `{ fields, files }`)
 * @property {{ token: string, userId: number }} auth
 */

/**
 * @typedef {object} Handler
 * @property {(ctx: Ctx, call: Call) => unknown} handle may throw ApiError
 * @property {(errors: string[]) => unknown} [formatErrors] body of a 400 for spec violations
 * @property {(requestBody: any) => any} [documentedRequestBody] the request body schema as Pipedrive's guides
 *   document it, where the spec lags (a copy: the loaded spec is shared)
 */

/** `GET /v1/users/me`: the user behind the token. @type {Handler} */
const me = {
	handle(ctx, call) {
		const user = ctx.store.get('users', call.auth.userId);
		if (!user) throw new ApiError(404, 'User not found');
		sendJson(call.res, 200, { success: true, data: { ...user, is_you: true } });
	},
};

/** @type {Map<string, Handler>} */
const CUSTOM = new Map([
	['v1 GET /users/me', me],
	['v1 POST /webhooks', webhooks.create],
	['v1 GET /webhooks', webhooks.list],
	['v1 DELETE /webhooks/{id}', webhooks.remove],
	['v1 POST /files', files.upload],
	['v1 GET /files/{id}/download', files.download],
	['v2 GET /deals/archived', archivedDeals],
]);

/** Operations without state: the spec's example (or a body synthesized from the schema). @type {Handler} */
const canned = {
	handle(_ctx, call) {
		send(call.res, call.op.successStatus, cannedBody(call.op), 'application/json');
	},
};

/** @param {import('../spec').Operation} op @returns {Handler} */
function resolveHandler(op) {
	const handler = CUSTOM.get(op.key) ?? searchHandler(op) ?? crudHandler(op) ?? canned;
	if (handler.documentedRequestBody) op.requestBody = handler.documentedRequestBody(op.requestBody);
	return handler;
}

module.exports = { resolveHandler };
