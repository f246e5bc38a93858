// @ts-check
'use strict';

/**
 * The OAuth host (oauth.pipedrive.com): `GET /oauth/authorize` redirects back with a code and
 * `POST /oauth/token` (HTTP Basic client credentials, form body) issues and refreshes tokens.
 */

const { randomHex } = require('./util');
const { sendJson, send } = require('./http');

/** @typedef {import('./context').Ctx} Ctx */

/**
 * @typedef {object} OAuthConfig
 * @property {string} clientId
 * @property {string} clientSecret
 * @property {number} expiresIn seconds
 * @property {string} scope
 */

/** @type {OAuthConfig} */
const OAUTH_DEFAULTS = { clientId: 'test-client-id', clientSecret: 'test-client-secret', expiresIn: 3599, scope: 'base admin' };

class OAuthProvider {
	/** @param {Partial<OAuthConfig>} [config] @param {string} [staticToken] always accepted as Bearer */
	constructor(config = {}, staticToken) {
		/** @type {OAuthConfig} */
		this.config = { ...OAUTH_DEFAULTS, ...config };
		this.staticToken = staticToken;
		/** @type {Map<string, { clientId: string, redirectUri: string }>} */
		this.codes = new Map();
		/** @type {Map<string, { expiresAt: number, userId: number }>} */
		this.accessTokens = new Map();
		/** @type {Map<string, { clientId: string }>} */
		this.refreshTokens = new Map();
	}

	/** @param {string} clientId @param {string} [refreshToken] keep this refresh token (refresh grant) */
	issue(clientId, refreshToken = `1:1:${randomHex(20)}`) {
		const accessToken = `v1u:${randomHex(24)}`;
		this.accessTokens.set(accessToken, { expiresAt: Date.now() + this.config.expiresIn * 1000, userId: 1 });
		this.refreshTokens.set(refreshToken, { clientId });
		const { expiresIn, scope } = this.config;
		return { access_token: accessToken, token_type: 'Bearer', expires_in: expiresIn, refresh_token: refreshToken, scope };
	}

	/** @param {string} token @returns {number | null} the user id the token acts as */
	userFor(token) {
		if (this.staticToken && token === this.staticToken) return 1;
		const entry = this.accessTokens.get(token);
		return entry && entry.expiresAt > Date.now() ? entry.userId : null;
	}

	/** Makes every issued access token expired (refresh tokens stay valid). */
	expireAll() {
		for (const entry of this.accessTokens.values()) entry.expiresAt = 0;
	}
}

/** @param {string | undefined} header @returns {{ id: string, secret: string } | null} */
function basicCredentials(header) {
	const match = /^Basic\s+(.+)$/i.exec(header ?? '');
	const parts = match && /^([^:]*):(.*)$/s.exec(Buffer.from(match[1], 'base64').toString('utf8'));
	return parts ? { id: parts[1], secret: parts[2] } : null;
}

/** @typedef {Omit<import('./pipeline').Exchange, 'entry'>} OAuthCall */

/** @param {Ctx} ctx @param {OAuthCall} call */
function authorize(ctx, { res, url }) {
	const clientId = url.searchParams.get('client_id');
	const redirectUri = url.searchParams.get('redirect_uri');
	if (!clientId || !redirectUri) return sendJson(res, 400, { error: 'invalid_request', error_description: 'client_id and redirect_uri are required' });
	if (clientId !== ctx.oauth.config.clientId) return sendJson(res, 400, { error: 'invalid_client', error_description: 'Unknown client_id' });
	if (!URL.canParse(redirectUri)) return sendJson(res, 400, { error: 'invalid_request', error_description: 'redirect_uri is not a URL' });
	const code = randomHex(16);
	ctx.oauth.codes.set(code, { clientId, redirectUri });
	const target = new URL(redirectUri);
	target.searchParams.set('code', code);
	const state = url.searchParams.get('state');
	if (state !== null) target.searchParams.set('state', state);
	return send(res, 302, '', 'text/plain', { location: target.toString() });
}

/** @param {Ctx} ctx @param {OAuthCall} call @param {string} message */
function violate(ctx, { req, url }, message) {
	ctx.recordViolation({ method: req.method ?? 'POST', path: url.pathname, message, operationId: 'oauth-token' });
}

/**
 * Client credentials: HTTP Basic, as Pipedrive requires (credentials in the body are a violation).
 * @param {Ctx} ctx @param {OAuthCall} call @param {Record<string, any>} form
 */
function clientOf(ctx, call, form) {
	const basic = basicCredentials(call.req.headers.authorization);
	if (basic) return basic;
	if (form.client_id) violate(ctx, call, 'client credentials must be sent with HTTP Basic auth, not in the body');
	return { id: String(form.client_id ?? ''), secret: String(form.client_secret ?? '') };
}

/** @param {Ctx} ctx @param {OAuthCall} call */
function token(ctx, call) {
	const { res, parsed } = call;
	if (parsed.kind !== 'form') violate(ctx, call, 'token requests must be application/x-www-form-urlencoded');
	const form = parsed.value && typeof parsed.value === 'object' ? parsed.value : {};
	const client = clientOf(ctx, call, form);
	const { clientId, clientSecret } = ctx.oauth.config;
	if (client.id !== clientId || client.secret !== clientSecret) {
		return sendJson(res, 401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
	}
	const grant = grantFor(ctx, form, client.id);
	return 'error' in grant ? sendJson(res, 400, grant) : sendJson(res, 200, { ...grant, api_domain: ctx.url });
}

/**
 * The grant's tokens, or its OAuth error (answered with 400).
 * @param {Ctx} ctx
 * @param {Record<string, any>} form
 * @param {string} clientId
 * @returns {ReturnType<OAuthProvider['issue']> | { error: string, error_description: string }}
 */
function grantFor(ctx, form, clientId) {
	const { oauth } = ctx;
	if (form.grant_type === 'authorization_code') {
		const code = oauth.codes.get(form.code);
		oauth.codes.delete(form.code);
		const valid = code && code.clientId === clientId && (!form.redirect_uri || form.redirect_uri === code.redirectUri);
		return valid ? oauth.issue(clientId) : { error: 'invalid_grant', error_description: 'Invalid authorization code' };
	}
	if (form.grant_type === 'refresh_token') {
		const valid = oauth.refreshTokens.get(form.refresh_token)?.clientId === clientId;
		return valid ? oauth.issue(clientId, form.refresh_token) : { error: 'invalid_grant', error_description: 'Invalid refresh token' };
	}
	return { error: 'unsupported_grant_type', error_description: `Unsupported grant_type ${form.grant_type}` };
}

/**
 * Answers `/oauth/...` requests.
 * @param {Ctx} ctx
 * @param {OAuthCall} call
 */
function handleOAuth(ctx, call) {
	const { req, res, url } = call;
	if (req.method === 'GET' && url.pathname === '/oauth/authorize') return authorize(ctx, call);
	if (req.method === 'POST' && /^\/oauth\/token\/?$/.test(url.pathname)) return token(ctx, call);
	violate(ctx, call, 'unknown OAuth endpoint');
	return sendJson(res, 404, { error: 'not_found' });
}

module.exports = { OAuthProvider, handleOAuth };
