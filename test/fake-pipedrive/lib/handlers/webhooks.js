// @ts-check
'use strict';

/** `POST /v1/webhooks`, `GET /v1/webhooks`, `DELETE /v1/webhooks/{id}`, with Pipedrive's `errors{}` error shape. */

const { entityFor } = require('../entities');
const { ApiError, sendJson } = require('../http');
const { insertRow } = require('../seed');
const { WEBHOOK_OBJECTS } = require('../webhook-delivery');

/** @typedef {import('./index').Handler} Handler */

/** @param {Record<string, string[]>} errors */
function errorsBody(errors) {
	return { status: 'error', success: false, errors };
}

/**
 * Groups messages like `"subscription_url" is required` by field.
 * @param {string[]} messages
 */
function groupByField(messages) {
	/** @type {Record<string, string[]>} */
	const errors = {};
	for (const message of messages) {
		const field = /^"([^".[]+)/.exec(message)?.[1] ?? 'request';
		(errors[field] ??= []).push(message);
	}
	return errorsBody(errors);
}

/** @param {unknown} value */
function isAcceptableUrl(value) {
	const url = URL.canParse(String(value)) ? new URL(String(value)) : null;
	return Boolean(url && /^https?:$/.test(url.protocol) && !/(^|\.)pipedrive\.com$/i.test(url.hostname));
}

/** @type {Handler} */
const create = {
	handle(ctx, call) {
		const body = call.body ?? {};
		if (!isAcceptableUrl(body.subscription_url)) {
			throw new ApiError(400, 'invalid or non-reachable URL', { body: errorsBody({ subscription_url: ['invalid or non-reachable URL'] }) });
		}
		const userId = body.user_id ?? call.auth.userId;
		const owned = ctx.store.all('webhooks').filter((webhook) => webhook.user_id === userId).length;
		if (owned >= ctx.options.webhookLimit) {
			const message = `Webhooks limit of ${ctx.options.webhookLimit} per user reached`;
			throw new ApiError(400, message, { body: errorsBody({ subscription_url: [message] }) });
		}
		const webhook = insertRow(ctx, entityFor('webhooks'), {
			company_id: 1, owner_id: userId, user_id: userId, admin_id: 1,
			event_action: body.event_action, event_object: body.event_object, subscription_url: body.subscription_url,
			name: body.name, version: body.version ?? '2.0', is_active: 1, type: 'general',
			http_auth_user: body.http_auth_user ?? null, http_auth_password: body.http_auth_password ?? null,
			add_time: new Date().toISOString(), remove_time: null, remove_reason: null, last_delivery_time: null, last_http_status: null,
		});
		sendJson(call.res, 201, { status: 'ok', success: true, data: webhook });
	},
	formatErrors: groupByField,
	/** `event_object` takes every object the webhooks v2 guide lists (the spec's enum lacks the April 2026 ones). */
	documentedRequestBody(requestBody) {
		const amended = structuredClone(requestBody);
		for (const media of Object.values(amended?.content ?? {})) {
			const eventObject = /** @type {any} */ (media).schema?.properties?.event_object;
			if (eventObject?.enum) eventObject.enum = [...WEBHOOK_OBJECTS, '*'];
		}
		return amended;
	},
};

/** @type {Handler} */
const list = {
	handle(ctx, call) {
		sendJson(call.res, 200, { status: 'ok', success: true, data: ctx.store.all('webhooks') });
	},
};

/** @type {Handler} */
const remove = {
	handle(ctx, call) {
		if (!ctx.store.collection('webhooks').remove(call.params.id)) {
			throw new ApiError(404, 'not found', { body: errorsBody({ id: ['not found'] }) });
		}
		sendJson(call.res, 200, { status: 'ok', success: true });
	},
};

module.exports = { create, list, remove };
