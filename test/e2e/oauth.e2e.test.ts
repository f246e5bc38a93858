/**
 * OAuth2 with a real n8n 2.8.4: n8n's own authorization-code flow (`/rest/oauth2-credential/auth`
 * and `/callback`) against the fake as the OAuth provider, then API calls with the stored token.
 *
 * The provider sits on its own host (a forwarder in front of the fake, like oauth.pipedrive.com in
 * front of a company domain); the token response's `api_domain` is the fake itself. The OAuth2
 * credential has no domain of its own, so every API call reaching the fake directly shows that
 * the node followed `api_domain`.
 *
 * The tests run in order: the flow stores the token that the later tests use.
 *
 * Run: npm run test:e2e -- oauth
 */
import * as cli from './n8n/cli';
import { describeIfBuilt, N8nInstance, pipedriveNode, startFake, startForwarder } from './helpers';

type Json = Record<string, any>;

const CLIENT = { id: 'test-client-id', secret: 'test-client-secret' };
const OAUTH_CREDENTIAL = { id: 'pdFakeOAuth2Cred1', name: 'Pipedrive OAuth2 (fake)', type: 'pipedriveCompleteOAuth2Api' };

const currentUserWorkflow = cli.manualWorkflow({
	name: 'e2e OAuth2 current user',
	node: pipedriveNode('Current user', { resource: 'user', operation: 'getCurrentUser' }, OAUTH_CREDENTIAL),
});
const triggerWorkflow = cli.chainWorkflow({
	name: 'e2e OAuth2 trigger',
	nodes: [
		pipedriveNode('Deal created', { events: ['deal.create'] }, OAUTH_CREDENTIAL, {
			type: cli.NODE_TYPES.trigger,
			webhookId: '0c9e8f7a-6b5d-4c3e-9f1a-2b3c4d5e6f70',
		}),
	],
});

const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describeIfBuilt('OAuth2 credential: the fake as the provider, calls to its api_domain', () => {
	let fake: any;
	let oauthHost: Awaited<ReturnType<typeof startForwarder>>;
	let rest: InstanceType<typeof cli.RestClient>;
	let editorUrl: string;
	const n8n = new N8nInstance('n8n-e2e-oauth-');

	beforeAll(async () => {
		fake = await startFake();
		oauthHost = await startForwarder(fake.url);
		await n8n.importCredentials([
			{
				...OAUTH_CREDENTIAL,
				data: {
					clientId: CLIENT.id,
					clientSecret: CLIENT.secret,
					authUrl: `${oauthHost.url}/oauth/authorize`,
					accessTokenUrl: `${oauthHost.url}/oauth/token`,
				},
			},
		]);
		await n8n.importWorkflows([currentUserWorkflow, triggerWorkflow]);
		const started = await n8n.startServer();
		rest = started.rest;
		editorUrl = `http://localhost:${started.server.port}`;
	});
	afterAll(async () => {
		await n8n.dispose();
		await oauthHost?.close();
		await fake?.close();
	});

	const tokenRequests = () => oauthHost.requests.filter((request) => request.method === 'POST' && request.url === '/oauth/token');
	const bearerOf = (request: Json) => request.headers.authorization;

	test("n8n's authorization-code flow: authorize redirect, code exchange with Basic client auth, token stored", async () => {
		const authorizationUrl = new URL(await rest.request('GET', `/rest/oauth2-credential/auth?id=${OAUTH_CREDENTIAL.id}`));
		expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(`${oauthHost.url}/oauth/authorize`);
		const callbackUrl = `${editorUrl}/rest/oauth2-credential/callback`;
		expect(Object.fromEntries(authorizationUrl.searchParams)).toMatchObject({ client_id: CLIENT.id, redirect_uri: callbackUrl, response_type: 'code', state: expect.any(String) });

		// The user's browser: the provider answers with a redirect back to n8n, carrying code and state.
		const consent = await fetch(authorizationUrl, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const back = new URL(consent.headers.get('location')!);
		expect(`${back.origin}${back.pathname}`).toBe(callbackUrl);
		expect(back.searchParams.get('state')).toBe(authorizationUrl.searchParams.get('state'));

		const callback = await rest.send('GET', `${back.pathname}${back.search}`);
		expect(callback.status).toBe(200);
		expect(callback.text).toContain('Connection successful');

		const [exchange] = tokenRequests();
		expect(exchange.headers.authorization).toBe(basicAuth(CLIENT.id, CLIENT.secret));
		expect(exchange.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
		expect(Object.fromEntries(new URLSearchParams(exchange.body))).toMatchObject({
			grant_type: 'authorization_code',
			code: back.searchParams.get('code'),
			redirect_uri: callbackUrl,
		});
		expect(fake.violations).toEqual([]);
	});

	test('activating a trigger with the OAuth2 credential registers its webhook at the api_domain with the Bearer token', async () => {
		await rest.activateWorkflow(triggerWorkflow.id);

		const registration = fake.requests.find((request: Json) => request.method === 'POST' && request.path === '/v1/webhooks');
		expect(bearerOf(registration)).toMatch(/^Bearer v1u:/);
		expect(registration.headers['x-api-token']).toBeUndefined();
		expect(registration.body).toMatchObject({ event_object: 'deal', event_action: 'create', version: '2.0' });

		await rest.deactivateWorkflow(triggerWorkflow.id);
		expect(fake.store.all('webhooks')).toEqual([]);
		expect(oauthHost.requests.every((request) => request.url.startsWith('/oauth/'))).toBe(true);
		expect(fake.violations).toEqual([]);
	});

	const userCalls = () => fake.requests.filter((request: Json) => request.path === '/v1/users/me');

	test('n8n execute with the stored token calls the api_domain with the Bearer token', async () => {
		await n8n.stopServer();
		const before = userCalls().length;

		const { run } = await n8n.execute(currentUserWorkflow.id);

		expect(cli.nodeJson(run, 'Current user')).toEqual([expect.objectContaining({ id: 1, name: 'Test User' })]);
		const calls = userCalls().slice(before);
		expect(calls).toHaveLength(1);
		expect(bearerOf(calls[0])).toMatch(/^Bearer v1u:/);
		expect(oauthHost.requests.every((request) => request.url.startsWith('/oauth/'))).toBe(true);
		expect(fake.violations).toEqual([]);
	});

	test('an expired access token is renewed at the token endpoint (Basic client auth), the call replayed, the new token stored', async () => {
		const exchanges = tokenRequests().length;
		const before = userCalls().length;
		fake.expireOAuthTokens();

		const { run } = await n8n.execute(currentUserWorkflow.id);

		expect(cli.nodeJson(run, 'Current user')).toEqual([expect.objectContaining({ id: 1 })]);
		// The node sends the call once more when it gets a 401, so that n8n sees the 401 and renews the token.
		const calls = userCalls().slice(before);
		expect(calls.map((call: Json) => call.status)).toEqual([401, 401, 200]);
		const [expired, retried] = [bearerOf(calls[0]), bearerOf(calls[2])];
		expect(bearerOf(calls[1])).toBe(expired);
		expect(retried).toMatch(/^Bearer v1u:/);
		expect(retried).not.toBe(expired);
		const refreshes = tokenRequests().slice(exchanges);
		expect(refreshes).toHaveLength(1);
		expect(refreshes[0].headers.authorization).toBe(basicAuth(CLIENT.id, CLIENT.secret));
		expect(new URLSearchParams(refreshes[0].body).get('grant_type')).toBe('refresh_token');

		// n8n stored the renewed token: the next run uses it straight away.
		await n8n.execute(currentUserWorkflow.id);
		expect(userCalls().slice(before + calls.length).map((call: Json) => [call.status, bearerOf(call)])).toEqual([[200, retried]]);
		expect(tokenRequests()).toHaveLength(exchanges + 1);
		expect(fake.violations).toEqual([]);
	});
});
