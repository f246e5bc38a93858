// @ts-check
'use strict';

/** Helpers for the e2e tests, in JS: global-setup.js and editor-page.js load them too. */

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const cli = require('./n8n/cli');
const { waitFor } = require('./n8n/process');
const { DEFAULT_N8N_RUNTIME } = require('./n8n/runtimes');

const { REPO_ROOT, ACTION_NODE_FILE, NODE_TYPES, credentialsOf } = cli;

/** Per-run copies of dist/ (global-setup.js). */
const SNAPSHOTS_DIR = path.join(__dirname, '.dist');
/** playwright-core's own package (package.json + lock), installed by global-setup.js. */
const BROWSER_PACKAGE_DIR = path.join(__dirname, 'browser');
const EXAMPLES_DIR = path.join(REPO_ROOT, 'examples');
/**
 * The editor test's screenshots: the README's (docs/screenshots) on the default n8n, a git-ignored
 * folder per runtime on the others, so the current-n8n leg does not rewrite the documentation.
 */
const SCREENSHOTS_DIR =
	cli.RUNTIME.name === DEFAULT_N8N_RUNTIME ? path.join(REPO_ROOT, 'docs', 'screenshots') : path.join(__dirname, '.screenshots', cli.RUNTIME.name);

const FAKE_API_TOKEN = 'e2e-api-token';

/** @typedef {{ method: string, url: string, headers: http.IncomingHttpHeaders, body: string }} ReceivedRequest url: path + query */
/** @typedef {{ status: number, headers: Record<string, string>, body: Buffer | string }} Reply */

/**
 * An HTTP server on 127.0.0.1 that records every request and answers it with `respond`.
 * @param {(request: ReceivedRequest, rawBody: Buffer) => Reply | Promise<Reply>} respond
 */
async function startRecorder(respond) {
	/** @type {ReceivedRequest[]} */
	const requests = [];
	const server = http.createServer(async (req, res) => {
		const rawBody = Buffer.concat(await req.toArray());
		const request = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: rawBody.toString('utf8') };
		requests.push(request);
		try {
			const reply = await respond(request, rawBody);
			res.writeHead(reply.status, reply.headers).end(reply.body);
		} catch (error) {
			res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	return {
		url: `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`,
		requests,
		/** @returns {Promise<void>} */
		close: () => new Promise((resolve) => server.close(() => resolve()).closeAllConnections()),
	};
}

/** A minimal Pipedrive or Slack stand-in: answers every request with `reply` as JSON. @param {{ status: number, body: unknown }} reply */
const startStandIn = (reply) => startRecorder(() => ({ status: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) }));

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive']);

/** @param {Iterable<[string, string | string[] | undefined]>} headers @returns {Record<string, string>} */
const endToEndHeaders = (headers) =>
	Object.fromEntries([...headers].filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())).map(([name, value]) => [name, [value].flat().join(', ')]));

/**
 * A second host in front of `target` (e.g. oauth.pipedrive.com in front of the fake): forwards
 * every request as it is, redirects included, and records it.
 * @param {string} target base URL
 */
async function startForwarder(target) {
	return await startRecorder(async (request, rawBody) => {
		const upstream = await fetch(`${target}${request.url}`, {
			method: request.method,
			headers: endToEndHeaders(Object.entries(request.headers)),
			body: rawBody.length ? rawBody : undefined,
			redirect: 'manual',
		});
		return { status: upstream.status, headers: endToEndHeaders(upstream.headers), body: Buffer.from(await upstream.arrayBuffer()) };
	});
}

/** The fake Pipedrive (test/fake-pipedrive/index.js) on a free port. @param {Record<string, unknown>} [options] @returns {Promise<any>} */
const startFake = (options = {}) => require('../fake-pipedrive').startFakePipedrive({ port: 0, apiToken: FAKE_API_TOKEN, ...options });

/** @param {string} dir */
const removeDir = (dir) => fs.rmSync(dir, { recursive: true, force: true });

/**
 * `describe`, or `describe.skip` plus a skipped test that states why when the package is not built
 * (or `requirement` gives another reason to skip, e.g. a missing browser).
 * @param {string} name
 * @param {() => void} body
 * @param {string} [requirement]
 */
function describeIfBuilt(name, body, requirement) {
	const reason = cli.isPackageBuilt() ? requirement : `skipped: ${path.relative(REPO_ROOT, ACTION_NODE_FILE)} is missing (npm run build did not produce the action node yet)`;
	if (!reason) return describe(name, body);
	console.warn(`[e2e] ${reason}`);
	describe.skip(name, body);
	test.skip(reason, () => undefined);
}

/** @typedef {{ id: string, name: string, type: string }} CredentialIdentity what a workflow's node refers to */
/** @typedef {CredentialIdentity & { data: Record<string, unknown> }} CredentialRecord what `n8n import:credentials` takes */

/** The API-token credential the tests' workflows use (imported with apiTokenCredential). */
const FAKE_CREDENTIAL = Object.freeze({ id: 'pdFakeApiToken01', name: 'Pipedrive (fake)', type: 'pipedriveCompleteApi' });

/**
 * An API-token credential that points at the fake.
 * @param {{ url: string, apiToken: string }} fake
 * @param {CredentialIdentity} [identity]
 * @returns {CredentialRecord}
 */
const apiTokenCredential = (fake, identity = FAKE_CREDENTIAL) => ({ ...identity, data: { apiToken: fake.apiToken, domain: fake.url } });

/**
 * A node of ours (action, or trigger with `type: NODE_TYPES.trigger` in `extra`) that uses `credential`.
 * @param {string} name
 * @param {Record<string, unknown>} parameters
 * @param {CredentialIdentity} [credential]
 * @param {Partial<import('./n8n/cli').NodeSpec>} [extra]
 * @returns {import('./n8n/cli').NodeSpec}
 */
function pipedriveNode(name, parameters, credential = FAKE_CREDENTIAL, extra = {}) {
	const authentication = credential.type === 'pipedriveCompleteOAuth2Api' ? 'oAuth2' : 'apiToken';
	return { name, type: NODE_TYPES.action, parameters: { authentication, ...parameters }, credentials: credentialsOf(credential), ...extra };
}

/** A resource locator value in "By ID" mode. @param {string | number} value */
const byId = (value) => ({ __rl: true, mode: 'id', value: String(value) });

/** @param {import('./n8n/cli').ExecuteResult} result */
function describeFailure(result) {
	const { error } = result;
	const where = error?.node?.name ? ` in node "${error.node.name}"` : '';
	const description = error?.description ? `\n${error.description}` : '';
	return `n8n execute failed${where}: ${error?.message ?? `exit code ${result.code}`}${description}\n--- n8n output ---\n${cli.tail(`${result.stdout}\n${result.stderr}`)}`;
}

/**
 * One n8n user folder (SQLite database + encryption key) for a test file: CLI imports and
 * `n8n execute`, or a server on it (never both at once).
 */
class N8nInstance {
	/** @param {string} prefix temp folder name prefix */
	constructor(prefix) {
		this.prefix = prefix;
		/** @type {string | undefined} made on first use (a skipped test file makes none) */
		this.folder = undefined;
		/** @type {import('./n8n/cli').ServerHandle | undefined} */
		this.server = undefined;
	}

	get userFolder() {
		this.folder ??= cli.makeTempUserFolder(this.prefix);
		return this.folder;
	}

	/** @param {CredentialRecord[]} credentials */
	importCredentials(credentials) {
		return cli.importCredentials(credentials, { userFolder: this.userFolder });
	}

	/** @param {object[]} workflows each with an `id` */
	importWorkflows(workflows) {
		return cli.importWorkflow(workflows, { userFolder: this.userFolder });
	}

	/**
	 * `n8n execute --id`; throws with n8n's error and output unless the run succeeded.
	 * @param {string} workflowId
	 * @param {Record<string, string>} [env] extra variables for n8n
	 */
	async execute(workflowId, env) {
		const result = await cli.executeWorkflow(workflowId, { userFolder: this.userFolder, env });
		if (!result.ok) throw new Error(describeFailure(result));
		return result;
	}

	/** Starts `n8n start` on this folder and logs in as the owner (set up on first start). */
	async startServer() {
		this.server = await cli.startServer({ userFolder: this.userFolder });
		const rest = new cli.RestClient(this.server.url);
		await rest.ensureOwnerLoggedIn();
		return { server: this.server, rest };
	}

	async stopServer() {
		await this.server?.stop();
		this.server = undefined;
	}

	/** Stops the server if one runs and removes the folder. */
	async dispose() {
		await this.stopServer();
		if (this.folder) removeDir(this.folder);
	}
}

/** The credential every workflow in examples/ refers to (import it with apiTokenCredential). */
const EXAMPLE_CREDENTIAL = Object.freeze({ id: 'pdExampleApiToken', name: 'Pipedrive account', type: 'pipedriveCompleteApi' });

/** @returns {string[]} the workflow files in examples/, sorted */
const listExamples = () => fs.readdirSync(EXAMPLES_DIR).filter((file) => file.endsWith('.json')).sort();

/** A workflow from examples/, as n8n's import takes it. @param {string} file e.g. nightly-deal-export.json @returns {any} */
const loadExample = (file) => JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, file), 'utf8'));

/**
 * What the example workflows run on: the fake Pipedrive, and a chat receiver their "Post to Slack" step
 * is pointed at; `workflows` are imported into `n8n` with the examples' credential.
 * @param {N8nInstance} n8n
 * @param {any[]} workflows
 * @param {Record<string, unknown>} [fakeOptions]
 */
async function startExampleFixtures(n8n, workflows, fakeOptions) {
	const fake = await startFake(fakeOptions);
	const slack = await startStandIn({ status: 200, body: 'ok' });
	for (const node of workflows.flatMap((workflow) => workflow.nodes)) {
		if (node.name === 'Post to Slack') node.parameters.url = `${slack.url}/slack/incoming-webhook`;
	}
	await n8n.importCredentials([apiTokenCredential(fake, EXAMPLE_CREDENTIAL)]);
	await n8n.importWorkflows(workflows);
	return { fake, slack };
}

module.exports = {
	SNAPSHOTS_DIR, BROWSER_PACKAGE_DIR, EXAMPLES_DIR, SCREENSHOTS_DIR, FAKE_API_TOKEN, FAKE_CREDENTIAL, EXAMPLE_CREDENTIAL,
	startStandIn, startForwarder, startFake, removeDir, describeIfBuilt, waitFor,
	apiTokenCredential, credentialsOf, pipedriveNode, byId, N8nInstance, listExamples, loadExample, startExampleFixtures,
};
