// @ts-check
'use strict';

/**
 * Helpers to drive a pinned local n8n from scripts and e2e tests: .n8n-runtime (n8n 2.8.4, the Node
 * running us) by default, or the runtime PIPEDRIVE_N8N_RUNTIME names (n8n-2.40: n8n 2.40.7 on the
 * pinned Node 24; see runtimes.js):
 * - run n8n CLI commands against a given user folder (import:credentials, import:workflow, execute --id),
 * - start/stop `n8n start` and wait until it is ready,
 * - call the internal REST API (/rest/...) the editor uses: owner setup, login (cookie), workflow
 *   activation, executions.
 *
 * Everything talks to 127.0.0.1 only; `privacyEnv` switches off every n8n feature that phones home.
 * Endpoints and payloads were read from n8n@2.8.4's dist (see comments at each method) and checked
 * against n8n@2.40.7's.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { randomBytes, randomUUID } = require('node:crypto');

const runtimes = require('./runtimes');

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
const TRIGGER_NODE_FILE = path.join(DIST_DIR, 'nodes', 'PipedriveCompleteTrigger', 'PipedriveCompleteTrigger.node.js');
/**
 * The e2e global setup snapshots dist/ and names the copy here, so a rebuild during a run (rimraf dist)
 * cannot pull the nodes from under a running n8n. Default extensions folder when set.
 */
const EXTENSIONS_DIR_VARIABLE = 'PIPEDRIVE_N8N_EXTENSIONS_DIR';

/** Node type names of this package inside n8n when loaded through N8N_CUSTOM_EXTENSIONS. */
const NODE_TYPES = {
	action: 'CUSTOM.pipedriveComplete',
	trigger: 'CUSTOM.pipedriveCompleteTrigger',
	manualTrigger: 'n8n-nodes-base.manualTrigger',
};

const DEFAULT_OWNER = {
	email: 'owner@example.com',
	firstName: 'Local',
	lastName: 'Owner',
	// n8n's password rule: 8-64 chars, at least one digit and one upper-case letter.
	password: 'Pipedrive-e2e-1',
};

/**
 * Forced on every n8n process we start: no telemetry, no version/news/template/banner fetches,
 * no AI assistant, no community-package browsing. With these set, n8n 2.8.4 opens no connection
 * outside 127.0.0.1 (checked with strace + a dns/net hook). Without them it calls
 * telemetry.n8n.io (RudderStack) and us.i.posthog.com right after startup.
 */
const privacyEnv = Object.freeze({
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
});

/** Inherited variables that would make a test instance non-hermetic. */
const INHERITED_PREFIXES = ['N8N_', 'DB_', 'QUEUE_', 'EXECUTIONS_', 'GENERIC_', 'NODES_', 'CREDENTIALS_', 'WEBHOOK_URL'];

/**
 * @typedef {object} N8nEnvOptions
 * @property {string} [userFolder] N8N_USER_FOLDER (n8n keeps `.n8n/` with database.sqlite and the encryption key inside). Default: .n8n-runtime/user
 * @property {number} [port] N8N_PORT (default 5678)
 * @property {number} [brokerPort] N8N_RUNNERS_BROKER_PORT; every n8n process, CLI commands included, needs its own (default port + 1)
 * @property {string | string[] | false} [customExtensions] N8N_CUSTOM_EXTENSIONS (default: <repo>/dist); false to load no custom nodes
 * @property {string} [logLevel] N8N_LOG_LEVEL (default info)
 * @property {boolean} [hermetic] drop inherited N8N_* / DB_* / ... and NODE_ENV variables (default true)
 * @property {Record<string, string | undefined>} [env] extra variables, applied last (undefined deletes)
 */

/**
 * The environment for an n8n process: localhost only, embedded SQLite, our dist as custom extension.
 * @param {N8nEnvOptions} [options]
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv(options = {}) {
	const port = options.port ?? 5678;
	const hermetic = options.hermetic ?? true;
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env };
	if (hermetic) {
		for (const key of Object.keys(env)) {
			if (INHERITED_PREFIXES.some((prefix) => key.startsWith(prefix))) delete env[key];
		}
	}
	// jest sets NODE_ENV=test, which switches n8n into its own unit-test code paths (inTest).
	if (hermetic || env.NODE_ENV === 'test') delete env.NODE_ENV;

	const customExtensions =
		options.customExtensions === false
			? undefined
			: [options.customExtensions ?? extensionsDir()].flat().map((dir) => path.resolve(dir)).join(';');

	/** @type {Record<string, string | undefined>} */
	const runtime = {
		N8N_USER_FOLDER: path.resolve(options.userFolder ?? DEFAULT_USER_FOLDER),
		N8N_CUSTOM_EXTENSIONS: customExtensions,
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
	for (const [key, value] of Object.entries({ ...runtime, ...privacyEnv, ...options.env })) {
		if (value === undefined) delete env[key];
		else env[key] = value;
	}
	return env;
}

/** @returns {boolean} whether the selected runtime has n8n installed (run test/e2e/n8n/ensure-runtime.js otherwise). */
function isRuntimeInstalled() {
	return fs.existsSync(N8N_BIN);
}

/** @returns {string} the folder n8n loads this package from: the e2e snapshot of dist/ when there is one, else dist/ */
function extensionsDir() {
	return process.env[EXTENSIONS_DIR_VARIABLE] || DIST_DIR;
}

/** @returns {boolean} whether the package has been built (the extensions folder holds our action node). */
function isPackageBuilt() {
	return fs.existsSync(path.join(extensionsDir(), path.relative(DIST_DIR, ACTION_NODE_FILE)));
}

function assertRuntime() {
	if (!isRuntimeInstalled()) {
		throw new Error(`n8n runtime missing (${N8N_BIN}). Run: node test/e2e/n8n/ensure-runtime.js --runtime ${RUNTIME.name}`);
	}
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
function getFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** @param {number} port @returns {Promise<boolean>} */
function isPortFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** @param {string} [prefix] @returns {string} a new empty temp directory to use as N8N_USER_FOLDER */
function makeTempUserFolder(prefix = 'n8n-e2e-') {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** @returns {string} a 16-character alphanumeric id, the shape n8n uses for workflow and credential ids */
function newId() {
	const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** @param {string} text */
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

/**
 * @typedef {object} RunOptions
 * @property {number} [timeoutMs] kill the command after this long (default 180 s)
 * @property {string} [cwd]
 */

/**
 * @typedef {object} CommandResult
 * @property {number | null} code
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} durationMs
 */

/**
 * Runs `n8n <args...>` with the runtime's n8n, to completion.
 * @param {string[]} args
 * @param {N8nEnvOptions & RunOptions} [options]
 * @returns {Promise<CommandResult>}
 */
async function runN8n(args, options = {}) {
	assertRuntime();
	// CLI commands that run workflows start their own task-runner broker: never reuse a server's port.
	const brokerPort = options.brokerPort ?? (await getFreePort());
	const env = n8nEnv({ logLevel: 'warn', ...options, brokerPort });
	const started = Date.now();
	// stdout goes to a file: n8n exits right after printing a run, and what a pipe still buffers then is
	// lost (a Return All of 1,200 deals came back cut after 1 MB); writes to a file are synchronous.
	const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-cli-out-'));
	const outputFile = path.join(outputDir, 'stdout');
	const outputFd = fs.openSync(outputFile, 'w');
	return await new Promise((resolve, reject) => {
		const child = spawn(N8N_NODE, [N8N_BIN, ...args], {
			cwd: options.cwd ?? RUNTIME_DIR,
			env,
			stdio: ['ignore', outputFd, 'pipe'],
		});
		fs.closeSync(outputFd);
		let output;
		const readOutput = () => {
			output ??= fs.existsSync(outputFile) ? fs.readFileSync(outputFile, 'utf8') : '';
			fs.rmSync(outputDir, { recursive: true, force: true });
			return output;
		};
		let stderr = '';
		child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
		child.once('error', (error) => {
			clearTimeout(timer);
			readOutput();
			reject(error);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			if (signal) stderr += `\n[killed by ${signal}]`;
			resolve({ code, stdout: readOutput(), stderr, durationMs: Date.now() - started });
		});
	});
}

/**
 * @param {string | object} fileOrData a JSON file, or the data itself (written to a temp file)
 * @returns {{ file: string, cleanup: () => void }}
 */
function asJsonFile(fileOrData) {
	if (typeof fileOrData === 'string') return { file: path.resolve(fileOrData), cleanup: () => {} };
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-import-'));
	const file = path.join(dir, 'import.json');
	fs.writeFileSync(file, JSON.stringify(fileOrData, null, 2));
	return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** @param {string} what @param {CommandResult} result */
function assertCommandOk(what, result) {
	const output = stripAnsi(`${result.stdout}\n${result.stderr}`);
	// import:* commands log their failure and still exit 0 in some paths: check the text too.
	if (result.code !== 0 || /An error occurred while importing/.test(output)) {
		throw new Error(`n8n ${what} failed (exit ${result.code}):\n${output.trim()}`);
	}
}

/**
 * `n8n <command> --input <file>` with the data written to a temp file first.
 * @param {'import:credentials' | 'import:workflow'} command
 * @param {string | object} fileOrData
 * @param {N8nEnvOptions & RunOptions} options
 */
async function importInput(command, fileOrData, options) {
	const { file, cleanup } = asJsonFile(fileOrData);
	try {
		const result = await runN8n([command, `--input=${file}`], { logLevel: 'info', ...options });
		assertCommandOk(command, result);
		return result;
	} finally {
		cleanup();
	}
}

/**
 * `n8n import:credentials --input <file>`. The file holds an array of
 * `{ id, name, type, data }`; a plain-object `data` is encrypted with the user folder's key.
 * Existing ids are overwritten (upsert), so re-importing is idempotent.
 * @param {string | object[]} fileOrCredentials
 * @param {N8nEnvOptions & RunOptions} [options]
 */
async function importCredentials(fileOrCredentials, options = {}) {
	return await importInput('import:credentials', fileOrCredentials, options);
}

/**
 * `n8n import:workflow --input <file>` (one workflow object or an array). Imported workflows are
 * always inactive (n8n 2.x); activate through the REST API (RestClient#activateWorkflow) with the
 * server running. Give workflows an `id` so you can execute/activate them afterwards.
 * @param {string | object | object[]} fileOrWorkflow
 * @param {N8nEnvOptions & RunOptions} [options]
 */
async function importWorkflow(fileOrWorkflow, options = {}) {
	return await importInput('import:workflow', fileOrWorkflow, options);
}

/**
 * Finds the run n8n printed with `JSON.stringify(data, null, 2)`: a document that starts with a line
 * that is exactly "{", ends with a line that is exactly "}" and holds `data.resultData`. Other
 * multi-line JSON n8n may log before it (n8n 2.40 prints more at start-up) is skipped; without a run,
 * the first JSON document found.
 * @param {string} text
 * @returns {any}
 */
function extractRunJson(text) {
	const lines = stripAnsi(text).split(/\r?\n/);
	let firstDocument;
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trim() !== '{') continue;
		for (let end = lines.length - 1; end > start; end--) {
			if (lines[end].trim() !== '}') continue;
			let parsed;
			try {
				parsed = JSON.parse(lines.slice(start, end + 1).join('\n'));
			} catch {
				continue; // not this pair: keep looking
			}
			if (parsed?.data?.resultData) return parsed;
			firstDocument ??= parsed;
			start = end;
			break;
		}
	}
	return firstDocument;
}

/**
 * @typedef {object} ExecuteResult
 * @property {boolean} ok the workflow ran without error
 * @property {any} run the IRun n8n printed: `run.data.resultData.runData[nodeName][0].data.main[0]`; undefined if n8n printed none
 * @property {any} error `run.data.resultData.error` when the execution failed
 * @property {number | null} code exit code of `n8n execute`
 * @property {string} stdout
 * @property {string} stderr
 * @property {number} durationMs
 */

/**
 * `n8n execute --id <id> --rawOutput`: runs a stored workflow once, in-process, and parses the run.
 * The workflow must start with a Manual Trigger. Does not need (and should not share a user
 * folder with) a running server.
 * @param {string} workflowId
 * @param {N8nEnvOptions & RunOptions} [options]
 * @returns {Promise<ExecuteResult>}
 */
async function executeWorkflow(workflowId, options = {}) {
	// info level: on failure n8n only prints the run data through logger.info.
	const result = await runN8n(['execute', `--id=${workflowId}`, '--rawOutput'], { logLevel: 'info', ...options });
	const run = extractRunJson(result.stdout) ?? extractRunJson(`${result.stdout}\n${result.stderr}`);
	const error = run?.data?.resultData?.error;
	return { ok: result.code === 0 && run !== undefined && !error, run, error, ...result };
}

/**
 * Items a node output in a run (from executeWorkflow or RestClient#getExecution).
 * @param {any} run IRun / execution with parsed `data`
 * @param {string} nodeName
 * @param {{ output?: number, runIndex?: number }} [options]
 * @returns {any[]} the `json` of each item
 */
function nodeJson(run, nodeName, options = {}) {
	const runData = run?.data?.resultData?.runData?.[nodeName];
	const task = runData?.[options.runIndex ?? 0];
	if (!task) return [];
	return (task.data?.main?.[options.output ?? 0] ?? []).map((/** @type {any} */ item) => item.json);
}

/**
 * @typedef {object} ServerHandle
 * @property {string} url e.g. http://127.0.0.1:5678
 * @property {number} port
 * @property {string} userFolder
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} logs everything n8n printed so far (empty with stdio 'inherit')
 * @property {() => Promise<number | null>} stop SIGTERM (n8n shuts down gracefully), SIGKILL after 20 s
 * @property {number} startupMs time from spawn until ready
 */

/**
 * Starts `n8n start` and resolves once it is fully up: it printed "Editor is now accessible via"
 * (after REST routes and active workflows are set up) and GET /healthz/readiness and
 * GET /rest/settings answer 200.
 * @param {N8nEnvOptions & { timeoutMs?: number, stdio?: 'pipe' | 'inherit', onOutput?: (chunk: string) => void }} [options]
 * @returns {Promise<ServerHandle>}
 */
async function startServer(options = {}) {
	assertRuntime();
	const port = options.port ?? (await getFreePort());
	const brokerPort = options.brokerPort ?? (await getFreePort());
	if (!(await isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use`);
	const env = n8nEnv({ ...options, port, brokerPort });
	const userFolder = /** @type {string} */ (env.N8N_USER_FOLDER);
	fs.mkdirSync(userFolder, { recursive: true });
	const started = Date.now();
	const inherit = options.stdio === 'inherit';
	const child = spawn(N8N_NODE, [N8N_BIN, 'start'], {
		cwd: RUNTIME_DIR,
		env,
		stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	/** @param {string} chunk */
	const collect = (chunk) => {
		output += chunk;
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		options.onOutput?.(chunk);
	};
	child.stdout?.setEncoding('utf8').on('data', collect);
	child.stderr?.setEncoding('utf8').on('data', collect);
	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
	let hasExited = false;
	void exited.then(() => (hasExited = true));

	const url = `http://127.0.0.1:${port}`;
	const handle = {
		url,
		port,
		userFolder,
		child,
		logs: () => stripAnsi(output),
		startupMs: 0,
		stop: async () => {
			if (hasExited) return await exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};

	const deadline = started + (options.timeoutMs ?? 180_000);
	while (Date.now() < deadline) {
		if (hasExited) {
			throw new Error(`n8n exited during startup (code ${await exited}).\n${tail(handle.logs())}`);
		}
		// /healthz and /healthz/readiness answer as soon as the HTTP server listens, before the REST
		// routes exist and before active workflows are started; n8n prints the editor URL once it is
		// fully up. With stdio 'inherit' we cannot see that line: fall back to the REST settings route.
		if (inherit || /Editor is now accessible via/.test(output)) {
			try {
				const readiness = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
				const settings = readiness.ok && (await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5000) }));
				if (settings && settings.ok) {
					handle.startupMs = Date.now() - started;
					return handle;
				}
			} catch {
				// not listening yet
			}
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await handle.stop();
	throw new Error(`n8n did not become ready within ${options.timeoutMs ?? 180_000} ms.\n${tail(handle.logs())}`);
}

/** @param {string} text @param {number} [lines] */
function tail(text, lines = 60) {
	return text.split('\n').slice(-lines).join('\n');
}

/**
 * Lines of an n8n log that report a problem loading custom nodes/credentials (empty = all good).
 * @param {string} logs
 */
function findLoadProblems(logs) {
	return stripAnsi(logs)
		.split('\n')
		.filter((line) => /\b(error|warn)\b/i.test(line))
		.filter((line) => /CUSTOM|custom|pipedriveComplete|PipedriveComplete|nodes-loader|load(ing)? (node|credential)|Unrecognized|Class could not be found/.test(line));
}

/** Error with the HTTP status and body of a failed REST call. */
class RestError extends Error {
	/** @param {string} message @param {number} status @param {unknown} body */
	constructor(message, status, body) {
		super(message);
		this.name = 'RestError';
		this.status = status;
		this.body = body;
	}
}

/**
 * Client for n8n's internal REST API (`/rest/...`, the one the editor UI uses). Authentication is
 * the `n8n-auth` JWT cookie set by owner setup or login. Responses are unwrapped from `{ data }`.
 */
class RestClient {
	/** @param {string} baseUrl e.g. http://127.0.0.1:5678 */
	constructor(baseUrl) {
		this.baseUrl = baseUrl.replace(/\/+$/, '');
		/** @type {string | undefined} */
		this.cookie = undefined;
	}

	/**
	 * One HTTP call with the session cookie (and keeps the cookie n8n sets). Redirects are not followed.
	 * @param {string} method
	 * @param {string} pathname e.g. /rest/workflows/abc (with query)
	 * @param {{ body?: unknown, headers?: Record<string, string> }} [options] a body is sent as JSON
	 * @returns {Promise<{ status: number, headers: Headers, text: string }>}
	 */
	async send(method, pathname, options = {}) {
		/** @type {Record<string, string>} */
		const headers = { accept: 'application/json', ...options.headers };
		if (options.body !== undefined) headers['content-type'] = 'application/json';
		if (this.cookie) headers.cookie = this.cookie;
		const response = await fetch(`${this.baseUrl}${pathname}`, {
			method,
			headers,
			body: options.body === undefined ? undefined : JSON.stringify(options.body),
			redirect: 'manual',
			signal: AbortSignal.timeout(60_000),
		});
		const setCookie = response.headers.getSetCookie?.() ?? [];
		for (const entry of setCookie) {
			const match = /^n8n-auth=([^;]*)/.exec(entry);
			if (match) this.cookie = match[1] ? `n8n-auth=${match[1]}` : undefined;
		}
		return { status: response.status, headers: response.headers, text: await response.text() };
	}

	/**
	 * @param {string} method
	 * @param {string} pathname e.g. /rest/workflows/abc
	 * @param {unknown} [body]
	 * @returns {Promise<any>} the `data` of the JSON response (or the whole JSON if it has none)
	 */
	async request(method, pathname, body) {
		const { status, text } = await this.send(method, pathname, { body });
		/** @type {any} */
		let json;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			json = text;
		}
		if (status >= 400) {
			const message = (json && typeof json === 'object' && json.message) || text || String(status);
			throw new RestError(`${method} ${pathname} → ${status}: ${message}`, status, json);
		}
		return json && typeof json === 'object' && 'data' in json ? json.data : json;
	}

	/**
	 * POST /rest/owner/setup (skipAuth; OwnerSetupRequestDto: email, firstName, lastName, password)
	 * — only works while the instance has no owner. Logs the client in.
	 * @param {Partial<typeof DEFAULT_OWNER>} [owner]
	 */
	async setupOwner(owner = {}) {
		return await this.request('POST', '/rest/owner/setup', { ...DEFAULT_OWNER, ...owner });
	}

	/**
	 * POST /rest/login (LoginRequestDto: emailOrLdapLoginId, password). Rate-limited by n8n to 5
	 * attempts per minute per login id.
	 * @param {string} [email] @param {string} [password]
	 */
	async login(email = DEFAULT_OWNER.email, password = DEFAULT_OWNER.password) {
		return await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, password });
	}

	/** Owner setup on a fresh instance, login otherwise. @param {Partial<typeof DEFAULT_OWNER>} [owner] */
	async ensureOwnerLoggedIn(owner = {}) {
		const full = { ...DEFAULT_OWNER, ...owner };
		try {
			return await this.setupOwner(full);
		} catch (error) {
			if (!(error instanceof RestError) || error.status !== 400) throw error;
			return await this.login(full.email, full.password);
		}
	}

	/** GET /rest/login: the logged-in user. */
	async currentUser() {
		return await this.request('GET', '/rest/login');
	}

	/** GET /types/nodes.json (auth required): every node type description the server loaded. */
	async nodeTypes() {
		return await this.request('GET', '/types/nodes.json');
	}

	/** GET /types/credentials.json (auth required). */
	async credentialTypes() {
		return await this.request('GET', '/types/credentials.json');
	}

	/** GET /rest/credentials */
	async listCredentials() {
		return await this.request('GET', '/rest/credentials');
	}

	/** GET /rest/workflows/:id (includes versionId, active, activeVersionId). @param {string} id */
	async getWorkflow(id) {
		return await this.request('GET', `/rest/workflows/${encodeURIComponent(id)}`);
	}

	/**
	 * Publishes (activates) a workflow and returns once its triggers are registered.
	 * POST /rest/workflows/:id/activate with ActivateWorkflowDto `{ versionId, name?, description?,
	 * expectedChecksum? }` — `versionId` is required and must be a saved version (import:workflow
	 * stores one). PATCH /rest/workflows/:id no longer accepts `active`.
	 * - n8n 2.8.4 registers the triggers (our trigger's `create`) inside that request; an activation
	 *   error comes back as a 400 with n8n's message.
	 * - n8n 2.40 (workflow publication service, on by default) only queues the publication and answers;
	 *   the registration runs right after, in the background. We wait for it (waitForPublication), and
	 *   a trigger that failed to register is thrown as a RestError with n8n's message, as 2.8.4 would.
	 * @param {string} id
	 * @param {{ versionId?: string, name?: string, description?: string, timeoutMs?: number }} [options]
	 */
	async activateWorkflow(id, options = {}) {
		const { timeoutMs, ...body } = options;
		const versionId = body.versionId ?? (await this.getWorkflow(id)).versionId;
		const workflow = await this.request('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, { ...body, versionId });
		const publication = await this.waitForPublication(id, { timeoutMs });
		if (publication && publication.status !== 'published') {
			const problems = (publication.triggers ?? []).map((/** @type {any} */ trigger) => trigger.errorMessage).filter(Boolean);
			throw new RestError(`activating workflow ${id}: ${publication.status}: ${problems.join('; ') || 'no trigger registered'}`, 400, publication);
		}
		return workflow;
	}

	/**
	 * POST /rest/workflows/:id/deactivate (DeactivateWorkflowDto: expectedChecksum?); returns once the
	 * triggers are removed (n8n 2.40 removes them in the background, see activateWorkflow).
	 * @param {string} id
	 * @param {{ timeoutMs?: number }} [options]
	 */
	async deactivateWorkflow(id, options = {}) {
		const workflow = await this.request('POST', `/rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
		await this.waitForPublication(id, options);
		return workflow;
	}

	/**
	 * n8n ≥ 2.3x: GET /rest/workflows/:id/publication-status → `{ status, liveVersionId,
	 * pendingVersionId, triggers: [{ nodeId, status, errorMessage }] }`, status one of in_progress,
	 * not_published, published, partial, failed. Polls until no publication or unpublication of the
	 * workflow is queued or running (a queued one counts as in progress, so there is no gap right after
	 * the activate call). Returns the settled status, or undefined when this n8n has no publication
	 * service (n8n 2.8.4: 404; activation was synchronous).
	 * @param {string} id
	 * @param {{ timeoutMs?: number }} [options] default 60 s
	 */
	async waitForPublication(id, options = {}) {
		const timeoutMs = options.timeoutMs ?? 60_000;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			let publication;
			try {
				publication = await this.request('GET', `/rest/workflows/${encodeURIComponent(id)}/publication-status`);
			} catch (error) {
				if (error instanceof RestError && error.status === 404) return undefined;
				throw error;
			}
			if (publication?.status !== 'in_progress') return publication;
			if (Date.now() > deadline) throw new Error(`workflow ${id}: publication still in progress after ${timeoutMs} ms`);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	/** GET /rest/active-workflows: ids of active workflows. */
	async activeWorkflowIds() {
		return await this.request('GET', '/rest/active-workflows');
	}

	/**
	 * GET /rest/executions?filter={...}&limit=N. Filter keys n8n accepts: id, finished, mode,
	 * retryOf, retrySuccessId, status (array), workflowId, waitTill, metadata, startedAfter,
	 * startedBefore. Newest first. Summaries only (no run data): use getExecution for that.
	 * @param {{ workflowId?: string, status?: string[], limit?: number, [key: string]: unknown }} [filter]
	 * @returns {Promise<any[]>}
	 */
	async listExecutions(filter = {}) {
		const { limit, ...rest } = filter;
		const query = new URLSearchParams();
		if (Object.keys(rest).length) query.set('filter', JSON.stringify(rest));
		query.set('limit', String(limit ?? 100));
		const page = await this.request('GET', `/rest/executions?${query}`);
		return page?.results ?? [];
	}

	/**
	 * GET /rest/executions/:id, with `data` (stored with `flatted`) parsed into the IRunExecutionData,
	 * so `nodeJson(execution, 'Node name')` works on the result.
	 * @param {string} id
	 */
	async getExecution(id) {
		const execution = await this.request('GET', `/rest/executions/${encodeURIComponent(id)}`);
		if (execution && typeof execution.data === 'string') {
			execution.data = flattedParse(execution.data);
		}
		return execution;
	}

	/**
	 * Polls until the workflow has at least `count` finished executions; returns them with run data,
	 * oldest first.
	 * @param {{ workflowId: string, count: number, timeoutMs?: number }} options
	 */
	async waitForExecutions(options) {
		const timeoutMs = options.timeoutMs ?? 30_000;
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const finished = (await this.listExecutions({ workflowId: options.workflowId })).filter(
				(/** @type {any} */ e) => e.status !== 'running' && e.status !== 'new',
			);
			if (finished.length >= options.count) {
				const oldestFirst = finished.sort((/** @type {any} */ a, /** @type {any} */ b) => Number(a.id) - Number(b.id));
				return await Promise.all(oldestFirst.map((/** @type {any} */ e) => this.getExecution(e.id)));
			}
			if (Date.now() > deadline) {
				throw new Error(`workflow ${options.workflowId}: ${finished.length} of ${options.count} executions within ${timeoutMs} ms`);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/**
	 * GET /rest/oauth2-credential/auth?id=… : the provider's authorization URL for an OAuth2
	 * credential (n8n stores a CSRF secret in the credential and puts it into `state`).
	 * @param {string} credentialId
	 * @returns {Promise<string>}
	 */
	async oauth2AuthorizationUrl(credentialId) {
		return await this.request('GET', `/rest/oauth2-credential/auth?id=${encodeURIComponent(credentialId)}`);
	}

	/**
	 * Polls listExecutions until `predicate` matches one (default: any finished execution of the
	 * workflow), then returns it with run data.
	 * @param {{ workflowId?: string, predicate?: (summary: any) => boolean, timeoutMs?: number, intervalMs?: number }} options
	 */
	async waitForExecution(options) {
		const predicate = options.predicate ?? ((/** @type {any} */ e) => e.status !== 'running' && e.status !== 'new');
		const deadline = Date.now() + (options.timeoutMs ?? 30_000);
		for (;;) {
			const filter = options.workflowId ? { workflowId: options.workflowId } : {};
			const match = (await this.listExecutions(filter)).find(predicate);
			if (match) return await this.getExecution(match.id);
			if (Date.now() > deadline) throw new Error(`no matching execution within ${options.timeoutMs ?? 30_000} ms`);
			await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
		}
	}
}

/** @param {string} text */
function flattedParse(text) {
	// The same `flatted` n8n used to store the data.
	const flatted = require(require.resolve('flatted', { paths: [N8N_PACKAGE_DIR] }));
	return flatted.parse(text);
}

/**
 * @typedef {object} NodeSpec
 * @property {string} [name] default: "Node"
 * @property {string} type e.g. NODE_TYPES.action
 * @property {number} [typeVersion] default 1
 * @property {object} [parameters]
 * @property {object} [credentials] e.g. `{ pipedriveCompleteApi: { id, name } }`
 * @property {string} [webhookId] fixes a trigger's webhook path: /webhook/<webhookId>/<path>
 */

/**
 * A workflow whose nodes run one after the other, in the order given (the first one starts it).
 * @param {{ id?: string, name?: string, nodes: NodeSpec[] }} spec
 */
function chainWorkflow(spec) {
	const nodes = spec.nodes.map(({ name, typeVersion, parameters, ...rest }, index) => ({
		id: randomUUID(),
		name: name ?? 'Node',
		typeVersion: typeVersion ?? 1,
		position: [index * 240, 0],
		parameters: parameters ?? {},
		...rest,
	}));
	/** @type {Record<string, { main: Array<Array<{ node: string, type: string, index: number }>> }>} */
	const connections = {};
	for (let index = 1; index < nodes.length; index++) {
		connections[nodes[index - 1].name] = { main: [[{ node: nodes[index].name, type: 'main', index: 0 }]] };
	}
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
 * A Manual Trigger followed by `nodes` (or the one `node`), ready for importWorkflow + executeWorkflow.
 * @param {{ id?: string, name?: string, node?: NodeSpec, nodes?: NodeSpec[] }} spec
 */
function manualWorkflow(spec) {
	const steps = spec.nodes ?? (spec.node ? [spec.node] : []);
	return chainWorkflow({ id: spec.id, name: spec.name, nodes: [{ name: 'Manual Trigger', type: NODE_TYPES.manualTrigger }, ...steps] });
}

module.exports = {
	REPO_ROOT,
	RUNTIME,
	RUNTIME_DIR,
	N8N_NODE,
	N8N_BIN,
	DIST_DIR,
	DEFAULT_USER_FOLDER,
	ACTION_NODE_FILE,
	TRIGGER_NODE_FILE,
	NODE_TYPES,
	DEFAULT_OWNER,
	privacyEnv,
	n8nEnv,
	isRuntimeInstalled,
	isPackageBuilt,
	extensionsDir,
	EXTENSIONS_DIR_VARIABLE,
	getFreePort,
	isPortFree,
	makeTempUserFolder,
	newId,
	runN8n,
	importCredentials,
	importWorkflow,
	executeWorkflow,
	extractRunJson,
	nodeJson,
	startServer,
	findLoadProblems,
	RestClient,
	RestError,
	manualWorkflow,
	chainWorkflow,
	stripAnsi,
};
