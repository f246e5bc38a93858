// @ts-check
'use strict';

/**
 * Drives a pinned local n8n (PIPEDRIVE_N8N_RUNTIME, default n8n 2.8.4 in .n8n-runtime; see runtimes.js)
 * for the e2e tests, `npm start`, queue mode and the bench:
 * - n8n CLI commands on a user folder (import:credentials, import:workflow, execute --id),
 * - `n8n start` / `worker` / `webhook` processes, resolved once ready,
 * - the internal REST API the editor uses (/rest/...): owner setup, login cookie, activation, executions.
 * Everything talks to 127.0.0.1 only. Endpoints and payloads were read from n8n 2.8.4's dist and checked
 * against 2.40.7's.
 */

const { spawn } = require('node:child_process');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes, randomUUID } = require('node:crypto');
const runtimes = require('./runtimes');
const { waitFor, getFreePort, isPortFree, stripAnsi, tail, answers, startProcess } = require('./process');

const REPO_ROOT = runtimes.REPO_ROOT;
/** The n8n runtime this process drives (PIPEDRIVE_N8N_RUNTIME, default n8n-2.8). */
const RUNTIME = runtimes.selectedN8nRuntime();
const RUNTIME_DIR = RUNTIME.dir;
/** The Node binary n8n runs on: the one running us for n8n 2.8.4, the pinned Node 24 for n8n 2.40. */
const N8N_NODE = runtimes.nodeBinaryFor(RUNTIME);
const N8N_PACKAGE_DIR = path.join(RUNTIME_DIR, 'node_modules', 'n8n');
const N8N_BIN = path.join(N8N_PACKAGE_DIR, 'bin', 'n8n');
const DIST_DIR = path.join(REPO_ROOT, 'dist');
const DEFAULT_USER_FOLDER = path.join(RUNTIME_DIR, 'user');
const ACTION_NODE_FILE = path.join(DIST_DIR, 'nodes', 'Pipedrive', 'PipedriveComplete.node.js');
/** Set by the e2e global setup to its snapshot of dist/, so a rebuild during a run cannot pull the nodes from under n8n. */
const EXTENSIONS_DIR_VARIABLE = 'PIPEDRIVE_N8N_EXTENSIONS_DIR';

/** Node type names of this package inside n8n when loaded through N8N_CUSTOM_EXTENSIONS. */
const NODE_TYPES = {
	action: 'CUSTOM.pipedriveComplete',
	trigger: 'CUSTOM.pipedriveCompleteTrigger',
	manualTrigger: 'n8n-nodes-base.manualTrigger',
};

// n8n's password rule: 8-64 chars, at least one digit and one upper-case letter.
const DEFAULT_OWNER = { email: 'owner@example.com', firstName: 'Local', lastName: 'Owner', password: 'Pipedrive-e2e-1' };

/**
 * Forced on every n8n process: with these, n8n opens no connection outside 127.0.0.1 (checked with
 * strace + a dns/net hook); without them it calls telemetry.n8n.io and us.i.posthog.com at startup.
 */
const privacyEnv = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
	N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	EXTERNAL_FRONTEND_HOOKS_URLS: '',
	N8N_AI_ENABLED: 'false',
	N8N_COMMUNITY_PACKAGES_ENABLED: 'false',
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
	N8N_REINSTALL_MISSING_PACKAGES: 'false',
	N8N_SENTRY_DSN: '',
	N8N_FRONTEND_SENTRY_DSN: '',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
};

/** Inherited variables that would make a test instance non-hermetic. */
const INHERITED_PREFIXES = ['N8N_', 'DB_', 'QUEUE_', 'EXECUTIONS_', 'GENERIC_', 'NODES_', 'CREDENTIALS_', 'WEBHOOK_URL'];

/**
 * @typedef {object} N8nEnvOptions
 * @property {string} [userFolder] N8N_USER_FOLDER (database.sqlite and the encryption key live in its .n8n/); default .n8n-runtime/user
 * @property {number} [port] N8N_PORT (default 5678)
 * @property {number} [brokerPort] N8N_RUNNERS_BROKER_PORT; every n8n process, CLI commands included, needs its own (default port + 1)
 * @property {string} [logLevel] N8N_LOG_LEVEL (default info)
 * @property {boolean} [hermetic] drop inherited N8N_* / DB_* / ... and NODE_ENV variables (default true)
 * @property {Record<string, string | undefined>} [env] extra variables, applied last (undefined deletes)
 */

/**
 * The environment for an n8n process: localhost only, embedded SQLite, our dist/ as custom extension.
 * @param {N8nEnvOptions} [options]
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(options = {}) {
	const port = options.port ?? 5678;
	const hermetic = options.hermetic ?? true;
	const env = { ...process.env };
	if (hermetic) {
		for (const key of Object.keys(env)) if (INHERITED_PREFIXES.some((prefix) => key.startsWith(prefix))) delete env[key];
	}
	// jest sets NODE_ENV=test, which switches n8n into its own unit-test code paths (inTest).
	if (hermetic || env.NODE_ENV === 'test') delete env.NODE_ENV;
	/** @type {Record<string, string | undefined>} */
	const settings = {
		N8N_USER_FOLDER: path.resolve(options.userFolder ?? DEFAULT_USER_FOLDER),
		N8N_CUSTOM_EXTENSIONS: path.resolve(extensionsDir()),
		DB_TYPE: 'sqlite',
		N8N_HOST: 'localhost',
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		// Production webhook URLs (what our trigger registers at Pipedrive) on the loopback address n8n listens on.
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
		N8N_EDITOR_BASE_URL: `http://localhost:${port}/`,
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_BROKER_PORT: String(options.brokerPort ?? port + 1),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_OUTPUT: 'console',
		N8N_LOG_LEVEL: options.logLevel ?? (hermetic ? undefined : env.N8N_LOG_LEVEL) ?? 'info',
		// bin/n8n points this at its own config folder when unset.
		NODE_CONFIG_DIR: undefined,
	};
	for (const [key, value] of Object.entries({ ...settings, ...privacyEnv, ...options.env })) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

/** @returns {boolean} whether the selected runtime has n8n installed (run test/e2e/n8n/ensure-runtime.js otherwise) */
const isRuntimeInstalled = () => fs.existsSync(N8N_BIN);

/** @returns {string} the folder n8n loads this package from: the e2e snapshot of dist/ when there is one, else dist/ */
const extensionsDir = () => process.env[EXTENSIONS_DIR_VARIABLE] || DIST_DIR;

/** @returns {boolean} whether the package has been built (the extensions folder holds our action node) */
const isPackageBuilt = () => fs.existsSync(path.join(extensionsDir(), path.relative(DIST_DIR, ACTION_NODE_FILE)));

function assertRuntime() {
	if (!isRuntimeInstalled()) throw new Error(`n8n runtime missing (${N8N_BIN}). Run: node test/e2e/n8n/ensure-runtime.js --runtime ${RUNTIME.name}`);
}

/** @param {string} [prefix] @returns {string} a new empty temp directory to use as N8N_USER_FOLDER */
const makeTempUserFolder = (prefix = 'n8n-e2e-') => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

/** @returns {string} a 16-character alphanumeric id, the shape n8n uses for workflow and credential ids */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** @template T @param {(dir: string) => Promise<T>} use @returns {Promise<T>} what `use` returns in a new temp folder (removed after) */
async function inTempDir(use) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cli-'));
	try {
		return await use(dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/** @typedef {{ code: number | null, signal: string | null, stdout: string, stderr: string }} CommandResult */

/**
 * Runs `n8n <args...>` with the runtime's n8n, to completion (killed after `timeoutMs`, default 180 s).
 * @param {string[]} args
 * @param {N8nEnvOptions & { timeoutMs?: number }} [options]
 * @returns {Promise<CommandResult>}
 */
async function runN8n(args, options = {}) {
	assertRuntime();
	// CLI commands that run workflows start their own task-runner broker: never reuse a server's port.
	const env = n8nEnv({ logLevel: 'warn', ...options, brokerPort: options.brokerPort ?? (await getFreePort()) });
	// stdout goes to a file: n8n exits right after printing a run, and what a pipe still buffers then is
	// lost (a Return All of 1,200 deals came back cut after 1 MB); writes to a file are synchronous.
	return await inTempDir(async (dir) => {
		const outputFd = fs.openSync(path.join(dir, 'stdout'), 'w');
		const child = spawn(N8N_NODE, [N8N_BIN, ...args], { cwd: RUNTIME_DIR, env, stdio: ['ignore', outputFd, 'pipe'] });
		fs.closeSync(outputFd); // the child has its own copy
		let stderr = '';
		child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
		const [code, signal] = await once(child, 'close').finally(() => clearTimeout(timer));
		if (signal) stderr += `\n[killed by ${signal}]`;
		return { code, signal, stdout: fs.readFileSync(path.join(dir, 'stdout'), 'utf8'), stderr };
	});
}

/**
 * `n8n import:credentials|import:workflow --input <file>` with `data` written to a temp file. Credentials:
 * `{ id, name, type, data }` each, `data` encrypted with the user folder's key; existing ids are overwritten.
 * Workflows are imported inactive (n8n 2.x): activate with RestClient#activateWorkflow.
 * @param {'import:credentials' | 'import:workflow'} command
 * @param {object | object[]} data
 * @param {N8nEnvOptions} [options]
 */
async function importData(command, data, options = {}) {
	const result = await inTempDir(async (dir) => {
		fs.writeFileSync(path.join(dir, 'import.json'), JSON.stringify(data));
		return await runN8n([command, `--input=${path.join(dir, 'import.json')}`], { logLevel: 'info', ...options });
	});
	const output = stripAnsi(`${result.stdout}\n${result.stderr}`);
	// import:* commands log their failure and still exit 0 in some paths: check the text too.
	if (result.code !== 0 || /An error occurred while importing/.test(output)) throw new Error(`n8n ${command} failed (exit ${result.code}):\n${output.trim()}`);
	return result;
}

/** @param {object[]} credentials @param {N8nEnvOptions} [options] */
const importCredentials = (credentials, options) => importData('import:credentials', credentials, options);
/** @param {object | object[]} workflows @param {N8nEnvOptions} [options] */
const importWorkflow = (workflows, options) => importData('import:workflow', workflows, options);

/**
 * The run n8n printed with `JSON.stringify(data, null, 2)`: top-level documents start with a line that
 * is exactly "{" and end with the next line that is exactly "}" (nested ones are indented). Other JSON
 * n8n logs first (n8n 2.40 prints more at start-up) is skipped; without a run, the first document.
 * @param {string} text
 * @returns {any}
 */
function extractRunJson(text) {
	const lines = stripAnsi(text).split(/\r?\n/);
	const documents = [];
	for (let start = lines.indexOf('{'); start !== -1; start = lines.indexOf('{', start + 1)) {
		const end = lines.indexOf('}', start);
		try {
			if (end !== -1) documents.push(JSON.parse(lines.slice(start, end + 1).join('\n')));
		} catch {
			// a "{" line of something else
		}
	}
	return documents.find((document) => document?.data?.resultData) ?? documents[0];
}

/**
 * @typedef {CommandResult & { ok: boolean, run: any, error: any }} ExecuteResult
 *   ok: the workflow ran without error; run: the IRun n8n printed (undefined if none); error: its `data.resultData.error`
 */

/**
 * `n8n execute --id <id> --rawOutput`: runs a stored workflow (starting with a Manual Trigger) once,
 * in-process, and parses the run. Should not share a user folder with a running server.
 * @param {string} workflowId
 * @param {N8nEnvOptions & { timeoutMs?: number }} [options]
 * @returns {Promise<ExecuteResult>}
 */
async function executeWorkflow(workflowId, options = {}) {
	// info level: on failure n8n only prints the run data through logger.info.
	const result = await runN8n(['execute', `--id=${workflowId}`, '--rawOutput'], { logLevel: 'info', ...options });
	const run = extractRunJson(result.stdout) ?? extractRunJson(`${result.stdout}\n${result.stderr}`);
	const error = run?.data?.resultData?.error;
	// n8n 2.40.7 on Node 24 now and then dies with SIGSEGV while exiting, after printing a finished run:
	// the run stands (its items are still asserted); the crash is reported, not hidden.
	const crashedAfterRun = result.signal === 'SIGSEGV' && run?.finished === true;
	if (crashedAfterRun) console.warn('n8n execute: n8n crashed (SIGSEGV) while exiting, after printing a finished run');
	return { ok: (result.code === 0 || crashedAfterRun) && run !== undefined && !error, run, error, ...result };
}

/**
 * The `json` of each item a node's first run output (in a run from executeWorkflow or RestClient#getExecution).
 * @param {any} run IRun / execution with parsed `data` @param {string} nodeName @returns {any[]}
 */
const nodeJson = (run, nodeName) => (run?.data?.resultData?.runData?.[nodeName]?.[0]?.data?.main?.[0] ?? []).map((/** @type {any} */ item) => item.json);

/** What each n8n command prints once it is up. */
const READY_LINES = {
	// After REST routes and active workflows are set up (/healthz answers long before).
	start: /Editor is now accessible via/,
	worker: /n8n worker is now ready/,
	webhook: /Webhook listener waiting for requests/,
};

/** @typedef {import('./process').ServerProcess & { url?: string, port?: number }} N8nProcess */

/**
 * Spawns one n8n process and resolves once it is ready (printed its ready line; with a port, answers
 * /healthz/readiness, and `start` also /rest/settings).
 * @param {{ name: string, command: 'start' | 'worker' | 'webhook', args?: string[], env: NodeJS.ProcessEnv, port?: number, timeoutMs?: number, onOutput?: (chunk: string) => void }} spec
 * @returns {Promise<N8nProcess>}
 */
async function startN8nProcess(spec) {
	assertRuntime();
	const url = spec.port ? `http://127.0.0.1:${spec.port}` : undefined;
	const handle = await startProcess({
		name: `n8n ${spec.name}`,
		command: N8N_NODE,
		args: [N8N_BIN, spec.command, ...(spec.args ?? [])],
		options: { cwd: RUNTIME_DIR, env: spec.env },
		timeoutMs: spec.timeoutMs,
		onOutput: spec.onOutput,
		isReady: async (logs) =>
			READY_LINES[spec.command].test(logs) &&
			(!url || ((await answers(`${url}/healthz/readiness`)) && (spec.command !== 'start' || (await answers(`${url}/rest/settings`))))),
	});
	return Object.assign(handle, { name: spec.name, url, port: spec.port });
}

/** @typedef {N8nProcess & { url: string, port: number, userFolder: string }} ServerHandle */

/**
 * Starts `n8n start` on a user folder (free ports unless given) and resolves once it is fully up.
 * @param {N8nEnvOptions & { timeoutMs?: number, onOutput?: (chunk: string) => void }} [options]
 * @returns {Promise<ServerHandle>}
 */
async function startServer(options = {}) {
	const port = options.port ?? (await getFreePort());
	if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
	const env = n8nEnv({ ...options, port, brokerPort: options.brokerPort ?? (await getFreePort()) });
	const userFolder = /** @type {string} */ (env.N8N_USER_FOLDER);
	fs.mkdirSync(userFolder, { recursive: true });
	const server = await startN8nProcess({ name: 'main', command: 'start', env, port, timeoutMs: options.timeoutMs ?? 180_000, onOutput: options.onOutput });
	return Object.assign(server, { url: `http://127.0.0.1:${port}`, port, userFolder });
}

/** Lines of an n8n log that report a problem loading custom nodes/credentials (empty = all good). @param {string} logs */
const findLoadProblems = (logs) =>
	stripAnsi(logs)
		.split('\n')
		.filter((line) => /\b(error|warn)\b/i.test(line) && /custom|pipedriveComplete|nodes-loader|load(ing)? (node|credential)|Unrecognized|Class could not be found/i.test(line));

/** An Error with the HTTP status and body of a failed REST call. @param {string} message @param {number} status @param {unknown} body */
const restError = (message, status, body) => Object.assign(new Error(message), { status, body });

/** @param {string} id */
const workflowPath = (id) => `/rest/workflows/${encodeURIComponent(id)}`;

/**
 * Client for n8n's internal REST API (`/rest/...`, the one the editor uses), authenticated by the
 * `n8n-auth` cookie owner setup or login sets. Responses are unwrapped from `{ data }`.
 */
class RestClient {
	/** @param {string} baseUrl e.g. http://127.0.0.1:5678 */
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		/** @type {string | undefined} */
		this.cookie = undefined;
	}

	/**
	 * One HTTP call with the session cookie (keeping the one n8n sets); redirects are not followed.
	 * @param {string} method
	 * @param {string} pathname with query
	 * @param {unknown} [body] sent as JSON
	 * @returns {Promise<{ status: number, text: string }>}
	 */
	async send(method, pathname, body) {
		const json = body !== undefined;
		const response = await fetch(`${this.baseUrl}${pathname}`, {
			method,
			headers: { accept: 'application/json', ...(json && { 'content-type': 'application/json' }), ...(this.cookie && { cookie: this.cookie }) },
			body: json ? JSON.stringify(body) : undefined,
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000),
		});
		for (const entry of response.headers.getSetCookie()) {
			const match = /^n8n-auth=([^;]*)/.exec(entry);
			if (match) this.cookie = match[1] ? `n8n-auth=${match[1]}` : undefined;
		}
		return { status: response.status, text: await response.text() };
	}

	/**
	 * @param {string} method
	 * @param {string} pathname
	 * @param {unknown} [body]
	 * @returns {Promise<any>} the `data` of the JSON response (or the whole JSON if it has none); restError on ≥ 400
	 */
	async request(method, pathname, body) {
		const { status, text } = await this.send(method, pathname, body);
		// Required here: `npm start` loads this file before it installs the dev dependencies.
		/** @type {any} */
		const json = text ? require('n8n-workflow').jsonParse(text, { fallbackValue: text }) : undefined;
		if (status >= 400) throw restError(`${method} ${pathname} → ${status}: ${json?.message || text || status}`, status, json);
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/** POST /rest/owner/setup: only while the instance has no owner; logs the client in. */
	async setupOwner() {
		return await this.request('POST', '/rest/owner/setup', DEFAULT_OWNER);
	}

	/** POST /rest/login as the owner (n8n allows 5 attempts a minute per login id). */
	async login() {
		return await this.request('POST', '/rest/login', { emailOrLdapLoginId: DEFAULT_OWNER.email, password: DEFAULT_OWNER.password });
	}

	/** Owner setup on a fresh instance, login otherwise. */
	async ensureOwnerLoggedIn() {
		try {
			return await this.setupOwner();
		} catch (error) {
			if (error.status !== 400) throw error;
			return await this.login();
		}
	}

	/** @param {string} id @returns {Promise<any>} the workflow with versionId, active, activeVersionId */
	async getWorkflow(id) {
		return await this.request('GET', workflowPath(id));
	}

	/**
	 * Publishes (activates) a workflow's saved version and returns once its triggers are registered. n8n
	 * 2.8.4 registers them inside the request (an error is a 400); n8n 2.40 queues the publication: we wait
	 * for it and throw a failed registration as a restError with n8n's message, as 2.8.4 would.
	 * @param {string} id
	 */
	async activateWorkflow(id) {
		const { versionId } = await this.getWorkflow(id);
		await this.request('POST', `${workflowPath(id)}/activate`, { versionId });
		const publication = await this.waitForPublication(id);
		if (publication && publication.status !== 'published') {
			const problems = (publication.triggers ?? []).map((/** @type {any} */ trigger) => trigger.errorMessage).filter(Boolean);
			throw restError(`activating workflow ${id}: ${publication.status}: ${problems.join('; ') || 'no trigger registered'}`, 400, publication);
		}
	}

	/** Unpublishes a workflow; returns once its triggers are removed. @param {string} id */
	async deactivateWorkflow(id) {
		await this.request('POST', `${workflowPath(id)}/deactivate`, {});
		await this.waitForPublication(id);
	}

	/**
	 * n8n ≥ 2.3x: polls GET /rest/workflows/:id/publication-status (`{ status, triggers: [{ errorMessage }] }`)
	 * until nothing is queued or running for the workflow (60 s at most), and returns it; undefined on n8n 2.8.4 (404).
	 * @param {string} id
	 */
	async waitForPublication(id) {
		/** @type {any} */
		let publication;
		const read = () =>
			this.request('GET', `${workflowPath(id)}/publication-status`).catch((error) => {
				if (error.status === 404) return undefined;
				throw error;
			});
		await waitFor(async () => (publication = await read())?.status !== 'in_progress', { timeoutMs: 60_000, intervalMs: 100, what: `workflow ${id}'s publication` });
		return publication;
	}

	/**
	 * GET /rest/executions, newest first, summaries only (getExecution has the run data). Filter keys: id,
	 * finished, mode, status (array), workflowId, startedAfter, startedBefore, …
	 * @param {{ limit?: number, [key: string]: unknown }} [filter]
	 * @returns {Promise<any[]>}
	 */
	async listExecutions(filter = {}) {
		const { limit = 100, ...rest } = filter;
		const query = new URLSearchParams({ ...(Object.keys(rest).length && { filter: JSON.stringify(rest) }), limit: String(limit) });
		return (await this.request('GET', `/rest/executions?${query}`))?.results ?? [];
	}

	/** GET /rest/executions/:id with `data` (stored with `flatted`) parsed, for nodeJson. @param {string} id */
	async getExecution(id) {
		const execution = await this.request('GET', `/rest/executions/${encodeURIComponent(id)}`);
		// The same `flatted` n8n stored the data with.
		const flatted = require(require.resolve('flatted', { paths: [N8N_PACKAGE_DIR] }));
		if (typeof execution?.data === 'string') execution.data = flatted.parse(execution.data);
		return execution;
	}

	/**
	 * Polls until the workflow has at least `count` finished executions; returns them with run data, oldest first.
	 * @param {{ workflowId: string, count: number, timeoutMs?: number }} options
	 */
	async waitForExecutions({ workflowId, count, timeoutMs = 30_000 }) {
		/** @type {any[]} */
		const finished = await waitFor(
			async () => {
				const done = (await this.listExecutions({ workflowId })).filter((/** @type {any} */ e) => e.status !== 'running' && e.status !== 'new');
				return done.length >= count ? done : undefined;
			},
			{ timeoutMs, intervalMs: 250, what: `${count} finished executions of workflow ${workflowId}` },
		);
		const oldestFirst = finished.sort((/** @type {any} */ a, /** @type {any} */ b) => Number(a.id) - Number(b.id));
		return await Promise.all(oldestFirst.map((/** @type {any} */ e) => this.getExecution(e.id)));
	}
}

/** @param {{ id: string, name: string, type: string }} credential @returns a node's `credentials` entry for it */
const credentialsOf = (credential) => ({ [credential.type]: { id: credential.id, name: credential.name } });

/**
 * @typedef {object} NodeSpec
 * @property {string} [name] default: "Node"
 * @property {string} type e.g. NODE_TYPES.action
 * @property {number} [typeVersion] default 1
 * @property {object} [parameters]
 * @property {object} [credentials] e.g. credentialsOf(credential)
 * @property {string} [webhookId] fixes a trigger's webhook path: /webhook/<webhookId>/<path>
 */

/**
 * A workflow whose nodes run one after the other, in the order given (the first one starts it).
 * @param {{ id?: string, name?: string, nodes: NodeSpec[] }} spec
 */
function chainWorkflow(spec) {
	const nodes = spec.nodes.map(({ name = 'Node', typeVersion = 1, parameters = {}, ...rest }, index) => ({
		id: randomUUID(),
		name,
		typeVersion,
		position: [index * 240, 0],
		parameters,
		...rest,
	}));
	const connections = Object.fromEntries(nodes.slice(1).map((node, index) => [nodes[index].name, { main: [[{ node: node.name, type: 'main', index: 0 }]] }]));
	return {
		id: spec.id ?? newId(),
		name: spec.name ?? `e2e ${nodes.map((node) => node.name).join(' → ')}`,
		active: false,
		settings: { executionOrder: 'v1' },
		connections,
		nodes,
	};
}

/**
 * An n8n Webhook node (POST to /webhook/<path>) that answers with what the workflow's last node output.
 * @param {{ name?: string, path: string, webhookId?: string, responseData?: 'allEntries' }} spec responseData: default the first item's json
 * @returns {NodeSpec}
 */
const webhookNode = ({ name = 'Request', path: webhookPath, webhookId = randomUUID(), responseData }) => ({
	name,
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId,
	parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'lastNode', ...(responseData && { responseData }), options: {} },
});

/**
 * A Manual Trigger followed by `nodes` (or the one `node`), ready for importWorkflow + executeWorkflow.
 * @param {{ id?: string, name?: string, node?: NodeSpec, nodes?: NodeSpec[] }} spec
 */
function manualWorkflow(spec) {
	const steps = spec.nodes ?? (spec.node ? [spec.node] : []);
	return chainWorkflow({ id: spec.id, name: spec.name, nodes: [{ name: 'Manual Trigger', type: NODE_TYPES.manualTrigger }, ...steps] });
}

module.exports = {
	REPO_ROOT, RUNTIME, RUNTIME_DIR, DIST_DIR, DEFAULT_USER_FOLDER, ACTION_NODE_FILE, EXTENSIONS_DIR_VARIABLE, NODE_TYPES, DEFAULT_OWNER,
	n8nEnv, isRuntimeInstalled, isPackageBuilt, getFreePort, isPortFree, makeTempUserFolder, newId, stripAnsi, tail,
	runN8n, importCredentials, importWorkflow, executeWorkflow, nodeJson, startN8nProcess, startServer, findLoadProblems,
	RestClient, credentialsOf, chainWorkflow, webhookNode, manualWorkflow,
};
