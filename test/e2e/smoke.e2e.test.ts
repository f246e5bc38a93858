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
 * Run: npm run test:e2e -- smoke
 */
import * as cli from './n8n/cli';
import { describeIfBuilt, removeDir, startFake, startStandIn } from './helpers';

const CURRENT_USER = { id: 4242, name: 'Ann Example', email: 'ann@example.com', company_id: 7, company_domain: 'example' };

describeIfBuilt(`n8n execute (CLI) with ${cli.NODE_TYPES.action}`, () => {
	let userFolder: string;
	const cleanups: Array<() => Promise<void> | void> = [];

	beforeAll(() => {
		expect(cli.isRuntimeInstalled()).toBe(true);
		userFolder = cli.makeTempUserFolder('n8n-e2e-smoke-');
		cleanups.push(() => removeDir(userFolder));
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

	test('against the fake Pipedrive (test/fake-pipedrive)', async () => {
		const fake = await startFake({ apiToken: 'fake-token' });
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
		removeDir(userFolder);
	});

	test('serves our node and credential types without load problems; owner setup and login work', async () => {
		const rest = new cli.RestClient(server!.url);
		const owner = await rest.setupOwner();
		expect(owner.role).toBe('global:owner');
		expect((await new cli.RestClient(server!.url).login()).email).toBe(cli.DEFAULT_OWNER.email);

		const nodeTypes: Array<{ name: string }> = await rest.request('GET', '/types/nodes.json');
		const names = nodeTypes.map((type) => type.name);
		expect(names).toEqual(expect.arrayContaining([cli.NODE_TYPES.action, cli.NODE_TYPES.trigger]));
		const credentialTypes: Array<{ name: string }> = await rest.request('GET', '/types/credentials.json');
		expect(credentialTypes.map((type) => type.name)).toEqual(
			expect.arrayContaining(['pipedriveCompleteApi', 'pipedriveCompleteOAuth2Api']),
		);
		expect(cli.findLoadProblems(server!.logs())).toEqual([]);
	});
});
