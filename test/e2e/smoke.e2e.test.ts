/**
 * Smoke test against a real n8n 2.8.4 (.n8n-runtime), with this package loaded from dist/ through
 * N8N_CUSTOM_EXTENSIONS (types CUSTOM.pipedriveComplete / CUSTOM.pipedriveCompleteTrigger).
 *
 * 1. CLI path: import a credential and a Manual Trigger → Pipedrive Complete workflow into a temp
 *    user folder, run it with `n8n execute --id`, and check the node's output and the request a
 *    stand-in Pipedrive on 127.0.0.1 received (plus the error path, and the fake Pipedrive when
 *    test/fake-pipedrive exists).
 * 2. Server path: `n8n start`, owner setup + login over the REST API, our node and credential
 *    types are served, and the log shows no load problems.
 *
 * Run: npx jest -c test/e2e/jest.config.js
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';

import * as cli from '../../scripts/n8n/cli';

interface ReceivedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
}

/** A minimal Pipedrive stand-in: answers every request with `reply` and records it. */
async function startStandIn(reply: { status: number; body: unknown }) {
	const requests: ReceivedRequest[] = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
		req.resume();
		res.writeHead(reply.status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(reply.body));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url,
		requests,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

const built = cli.isPackageBuilt();
const SKIP_REASON = `skipped: ${path.relative(cli.REPO_ROOT, cli.ACTION_NODE_FILE)} is missing (npm run build did not produce the action node)`;
if (!built) {
	// eslint-disable-next-line no-console
	console.warn(`[e2e] ${SKIP_REASON}`);
}
const describeIfBuilt = built ? describe : describe.skip;
const fakeModule = path.join(cli.REPO_ROOT, 'test', 'fake-pipedrive', 'index.js');
const testIfFake = fs.existsSync(fakeModule) ? test : test.skip;

const CURRENT_USER = { id: 4242, name: 'Ann Example', email: 'ann@example.com', company_id: 7, company_domain: 'example' };

describeIfBuilt(`n8n execute (CLI) with ${cli.NODE_TYPES.action}`, () => {
	let userFolder: string;
	const cleanups: Array<() => Promise<void> | void> = [];

	beforeAll(() => {
		expect(cli.isRuntimeInstalled()).toBe(true);
		userFolder = cli.makeTempUserFolder('n8n-e2e-smoke-');
		cleanups.push(() => fs.rmSync(userFolder, { recursive: true, force: true }));
	});

	afterAll(async () => {
		for (const cleanup of cleanups.reverse()) await cleanup();
	});

	/** Imports an API-token credential for `domain` and a Manual Trigger → getCurrentUser workflow. */
	async function importGetCurrentUser(domain: string, apiToken: string) {
		const credential = { id: cli.newId(), name: `Pipedrive ${domain}`, type: 'pipedriveCompleteApi' };
		await cli.importCredentials([{ ...credential, data: { apiToken, domain } }], { userFolder });
		const workflow = cli.manualWorkflow({
			name: `getCurrentUser via ${domain}`,
			node: {
				name: 'Pipedrive',
				type: cli.NODE_TYPES.action,
				parameters: { authentication: 'apiToken', resource: 'user', operation: 'getCurrentUser' },
				credentials: { pipedriveCompleteApi: { id: credential.id, name: credential.name } },
			},
		});
		await cli.importWorkflow(workflow, { userFolder });
		return workflow.id;
	}

	test('user → getCurrentUser returns the user and sends GET /v1/users/me with the token header', async () => {
		const standIn = await startStandIn({ status: 200, body: { success: true, data: CURRENT_USER } });
		cleanups.push(standIn.close);
		const workflowId = await importGetCurrentUser(standIn.url, 'smoke-token-123');

		const result = await cli.executeWorkflow(workflowId, { userFolder });

		if (!result.ok) throw new Error(`execution failed: ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}`);
		expect(cli.nodeJson(result.run, 'Pipedrive')).toEqual([CURRENT_USER]);
		expect(standIn.requests).toHaveLength(1);
		expect(standIn.requests[0]).toMatchObject({ method: 'GET', url: '/v1/users/me' });
		expect(standIn.requests[0].headers['x-api-token']).toBe('smoke-token-123');
		expect(standIn.requests[0].url).not.toContain('api_token');
	});

	test('a 401 from Pipedrive fails the execution with a node error', async () => {
		const standIn = await startStandIn({ status: 401, body: { success: false, error: 'unauthorized access', errorCode: 401 } });
		cleanups.push(standIn.close);
		const workflowId = await importGetCurrentUser(standIn.url, 'wrong-token');

		const result = await cli.executeWorkflow(workflowId, { userFolder });

		expect(result.ok).toBe(false);
		expect(result.code).not.toBe(0);
		expect(result.error).toBeDefined();
		expect(result.error.node?.type).toBe(cli.NODE_TYPES.action);
		expect(standIn.requests.length).toBeGreaterThanOrEqual(1);
		expect(standIn.requests[0].url).toBe('/v1/users/me');
	});

	testIfFake('against the fake Pipedrive (test/fake-pipedrive)', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { startFakePipedrive } = require(fakeModule);
		const fake = await startFakePipedrive({ port: 0, apiToken: 'fake-token' });
		cleanups.push(() => fake.close());
		const workflowId = await importGetCurrentUser(fake.url, 'fake-token');

		const result = await cli.executeWorkflow(workflowId, { userFolder });

		if (!result.ok) throw new Error(`execution failed: ${result.error?.message ?? ''}\n${result.stdout}\n${result.stderr}`);
		const [user] = cli.nodeJson(result.run, 'Pipedrive');
		expect(typeof user.id).toBe('number');
		const calls = fake.requests.filter((request: { path: string }) => request.path === '/v1/users/me');
		expect(calls).toHaveLength(1);
		expect(calls[0].headers['x-api-token']).toBe('fake-token');
		expect(fake.violations).toEqual([]);
	});
});

describeIfBuilt('n8n start (server) with this package loaded', () => {
	let userFolder: string;
	let server: Awaited<ReturnType<typeof cli.startServer>> | undefined;

	beforeAll(async () => {
		userFolder = cli.makeTempUserFolder('n8n-e2e-server-');
		server = await cli.startServer({ userFolder });
	});

	afterAll(async () => {
		await server?.stop();
		fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('serves our node and credential types without load problems; owner setup and login work', async () => {
		const rest = new cli.RestClient(server!.url);
		const owner = await rest.setupOwner();
		expect(owner.role).toBe('global:owner');
		expect((await new cli.RestClient(server!.url).login()).email).toBe(cli.DEFAULT_OWNER.email);

		const nodeTypes: Array<{ name: string }> = await rest.nodeTypes();
		const names = nodeTypes.map((type) => type.name);
		expect(names).toEqual(expect.arrayContaining([cli.NODE_TYPES.action, cli.NODE_TYPES.trigger]));
		const credentialTypes: Array<{ name: string }> = await rest.credentialTypes();
		expect(credentialTypes.map((type) => type.name)).toEqual(
			expect.arrayContaining(['pipedriveCompleteApi', 'pipedriveCompleteOAuth2Api']),
		);
		expect(cli.findLoadProblems(server!.logs())).toEqual([]);
	});
});

if (!built) {
	test.skip(SKIP_REASON, () => undefined);
}
