#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * n8n in queue mode on one machine: PostgreSQL + Redis (./queue-services.js), one main instance (editor,
 * REST API, trigger activation, polling), N workers (run every execution, taken from Bull's queue in
 * Redis) and N webhook processors (receive production webhooks, `WEBHOOK_URL` points at the first),
 * this package loaded in each of them, one encryption key for all.
 *
 *   npm run start:queue -- [--workers 2] [--webhooks 1] [--port 5678] [--webhook-port 5688]
 *                          [--postgres-port 54329] [--redis-port 63790] [--fake-port 8787] [--no-fake]
 *                          [--enforce-rate-limit] [--no-build] [--data-dir .queue/default]
 *
 * Library: `startQueueStack(options)` (the queue-mode e2e suite and benchmark use it). The n8n build
 * is one parameter (`runtime`), so another pinned runtime plugs in without changing anything else.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { parseArgs } = require('node:util');
const cli = require('./cli');
const { ensureServices, startPostgres, startRedis } = require('./queue-services');

/** Everything start:queue keeps (database cluster, encryption key, n8n user folders, logs); gitignored. */
const QUEUE_DIR = path.join(cli.REPO_ROOT, '.queue');

/**
 * @typedef {object} Runtime which n8n runs: the node binary, n8n's bin/n8n, and the folder to run it in
 * @property {string} label
 * @property {string} node
 * @property {string} n8nBin
 * @property {string} cwd
 */

/** @type {Runtime} n8n 2.8.4 on the Node running us: the runtime every e2e suite pins (.n8n-runtime). */
const DEFAULT_RUNTIME = Object.freeze({ label: 'n8n 2.8.4 (.n8n-runtime)', node: process.execPath, n8nBin: cli.N8N_BIN, cwd: cli.RUNTIME_DIR });

/**
 * @typedef {object} N8nProcess one n8n process of the stack
 * @property {string} name main, worker-1, webhook-1, …
 * @property {'start' | 'worker' | 'webhook'} command
 * @property {number} [port] HTTP port (main and webhook processors)
 * @property {string} [url] http://127.0.0.1:<port>
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} logs what it printed so far (ANSI colours removed)
 * @property {() => Promise<number | null>} stop SIGTERM (graceful), SIGKILL of its process group after the grace time
 * @property {number} startupMs
 */

/**
 * @typedef {object} QueueStackOptions
 * @property {string} [dataDir] cluster, user folders and key live here (default .queue/default)
 * @property {boolean} [durable] PostgreSQL with fsync (default true; false for throwaway test data)
 * @property {number} [workers] default 2
 * @property {number} [webhookProcessors] default 1
 * @property {number} [workerConcurrency] executions each worker runs at once (default 10, n8n's default)
 * @property {{ main?: number, webhook?: number, postgres?: number, redis?: number }} [ports] free ports when not given
 * @property {string} [encryptionKey] default: kept in <dataDir>/encryption-key (made on first use)
 * @property {Runtime} [runtime]
 * @property {Record<string, string | undefined>} [env] extra variables for every n8n process
 * @property {string} [logLevel] N8N_LOG_LEVEL (default info: workers log each execution they start)
 * @property {(name: string, chunk: string) => void} [onOutput]
 * @property {(line: string) => void} [log] progress lines
 */

/**
 * The variables that make n8n a member of this queue-mode installation. What matters across processes:
 * the same database, Redis and N8N_ENCRYPTION_KEY (workers decrypt credentials the main stored), and
 * WEBHOOK_URL (the address Pipedrive is given, served by the webhook processors).
 * @param {{ postgres: { port: number, database: string, user: string }, redisPort: number, encryptionKey: string, webhookUrl: string }} shared
 */
function queueModeEnv(shared) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(shared.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(shared.postgres.port),
		DB_POSTGRESDB_DATABASE: shared.postgres.database,
		DB_POSTGRESDB_USER: shared.postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: shared.encryptionKey,
		WEBHOOK_URL: shared.webhookUrl,
		// Workers and webhook processors read and write binary data too: it must live where all of them
		// reach it. n8n 2.x defaults to the database in queue mode; said here so nobody sets `filesystem`.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Editor "Execute workflow" runs go to the workers as well, not to the main.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks go to the webhook processors only.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

/**
 * Spawns one n8n process (own process group, so its task runner goes with it) and waits until it says
 * it is ready (and, with a port, answers /healthz/readiness).
 * @param {{ name: string, command: 'start' | 'worker' | 'webhook', args?: string[], env: NodeJS.ProcessEnv, runtime: Runtime, port?: number, ready: RegExp, timeoutMs?: number, onOutput?: (name: string, chunk: string) => void }} spec
 * @returns {Promise<N8nProcess>}
 */
async function startN8nProcess(spec) {
	const started = Date.now();
	const child = spawn(spec.runtime.node, [spec.runtime.n8nBin, spec.command, ...(spec.args ?? [])], {
		cwd: spec.runtime.cwd,
		env: spec.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	const collect = (/** @type {string} */ chunk) => {
		output += chunk;
		if (output.length > 4_000_000) output = output.slice(-2_000_000);
		spec.onOutput?.(spec.name, chunk);
	};
	child.stdout?.setEncoding('utf8').on('data', collect);
	child.stderr?.setEncoding('utf8').on('data', collect);
	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
	let hasExited = false;
	void exited.then(() => {
		hasExited = true;
		killGroup(child.pid, 'SIGKILL');
	});
	const url = spec.port ? `http://127.0.0.1:${spec.port}` : undefined;
	/** @type {N8nProcess} */
	const handle = {
		name: spec.name,
		command: spec.command,
		port: spec.port,
		url,
		child,
		logs: () => cli.stripAnsi(output),
		startupMs: 0,
		stop: async () => {
			if (hasExited) return await exited;
			child.kill('SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 25_000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};
	liveProcesses.add(handle);
	void exited.then(() => liveProcesses.delete(handle));

	const deadline = started + (spec.timeoutMs ?? 240_000);
	while (Date.now() < deadline) {
		if (hasExited) throw new Error(`n8n ${spec.name} exited during startup (code ${await exited}).\n${tail(handle.logs())}`);
		if (spec.ready.test(handle.logs()) && (!url || (await answers(`${url}/healthz/readiness`)))) {
			handle.startupMs = Date.now() - started;
			return handle;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	await handle.stop();
	throw new Error(`n8n ${spec.name} did not become ready within ${spec.timeoutMs ?? 240_000} ms.\n${tail(handle.logs())}`);
}

/** @param {string} url */
async function answers(url) {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
	} catch {
		return false;
	}
}

/** @param {number | undefined} pid @param {NodeJS.Signals} signal */
function killGroup(pid, signal) {
	if (!pid) return;
	try {
		process.kill(-pid, signal);
	} catch {
		// the group is gone already
	}
}

/** Every n8n process any stack of this process started and that still runs: killed if we exit without stopping them. */
const liveProcesses = new Set();
process.once('exit', () => {
	for (const handle of liveProcesses) killGroup(handle.child.pid, 'SIGKILL');
});

/** @param {string} text @param {number} [lines] */
const tail = (text, lines = 40) => text.trim().split('\n').slice(-lines).join('\n');

/** @param {string} file @returns {string} the key stored in `file`, made on first use */
function persistentKey(file) {
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
	}
	return fs.readFileSync(file, 'utf8').trim();
}

/** `Worker started execution 12 (job 7)`: what an n8n worker logs when it takes an execution from the queue. */
const WORKER_STARTED = /Worker started execution (\d+) \(job (\d+)\)/g;

/**
 * Starts PostgreSQL, Redis, the main instance, then the workers and webhook processors.
 * @param {QueueStackOptions} [options]
 */
async function startQueueStack(options = {}) {
	const log = options.log ?? (() => undefined);
	const runtime = options.runtime ?? DEFAULT_RUNTIME;
	const dataDir = path.resolve(options.dataDir ?? path.join(QUEUE_DIR, 'default'));
	const workerCount = options.workers ?? 2;
	const webhookCount = options.webhookProcessors ?? 1;
	const services = ensureServices({ log });

	const ports = {
		postgres: options.ports?.postgres ?? (await cli.getFreePort()),
		redis: options.ports?.redis ?? (await cli.getFreePort()),
		main: options.ports?.main ?? (await cli.getFreePort()),
		webhook: options.ports?.webhook ?? (await cli.getFreePort()),
	};
	for (const [what, port] of Object.entries(ports)) {
		if (!(await cli.isPortFree(port))) throw new Error(`port ${port} (${what}) on 127.0.0.1 is in use`);
	}
	const encryptionKey = options.encryptionKey ?? persistentKey(path.join(dataDir, 'encryption-key'));

	/** @type {Array<{ stop: () => Promise<unknown> }>} stopped in reverse order */
	const started = [];
	const stopAll = async () => {
		for (const handle of started.splice(0).reverse()) await handle.stop();
	};
	try {
		log(`PostgreSQL on 127.0.0.1:${ports.postgres}, Redis on 127.0.0.1:${ports.redis} (data: ${path.relative(cli.REPO_ROOT, dataDir) || dataDir})`);
		const [postgresStart, redisStart] = await Promise.allSettled([
			startPostgres({ postgresBin: services.postgresBin, dataDir: path.join(dataDir, 'postgres'), port: ports.postgres, database: 'n8n', durable: options.durable }),
			startRedis({ redisServer: services.redisServer, dataDir: path.join(dataDir, 'redis'), port: ports.redis }),
		]);
		for (const outcome of [postgresStart, redisStart]) if (outcome.status === 'fulfilled') started.push(outcome.value);
		if (postgresStart.status === 'rejected') throw postgresStart.reason;
		if (redisStart.status === 'rejected') throw redisStart.reason;
		const [postgres, redis] = [postgresStart.value, redisStart.value];

		const webhookUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared = queueModeEnv({ postgres: { port: ports.postgres, database: 'n8n', user: postgres.user }, redisPort: ports.redis, encryptionKey, webhookUrl });
		/** @param {string} name @param {number} [httpPort] */
		const envFor = async (name, httpPort) => {
			const env = cli.n8nEnv({
				userFolder: path.join(dataDir, 'n8n', name),
				port: ports.main,
				brokerPort: await cli.getFreePort(),
				logLevel: options.logLevel ?? 'info',
				env: { ...shared, ...options.env },
			});
			if (httpPort) env.N8N_PORT = String(httpPort);
			return env;
		};

		log(`n8n main on http://localhost:${ports.main} (${runtime.label})`);
		const startMain = async () => {
			const main = await startN8nProcess({ name: 'main', command: 'start', env: await envFor('main'), runtime, port: ports.main, ready: /Editor is now accessible via/, onOutput: options.onOutput });
			started.push(main);
			return main;
		};
		let main = await startMain();

		/** @type {N8nProcess[]} */
		const workers = [];
		/** @type {N8nProcess[]} */
		const webhookProcessors = [];
		let workerSerial = 0;
		const addWorker = async () => {
			const name = `worker-${++workerSerial}`;
			const args = [`--concurrency=${options.workerConcurrency ?? 10}`];
			const worker = await startN8nProcess({ name, command: 'worker', args, env: await envFor(name), runtime, ready: /n8n worker is now ready/, onOutput: options.onOutput });
			workers.push(worker);
			started.push(worker);
			return worker;
		};
		log(`${workerCount} worker(s), ${webhookCount} webhook processor(s); WEBHOOK_URL=${webhookUrl}`);
		await Promise.all([
			...Array.from({ length: workerCount }, () => addWorker()),
			...Array.from({ length: webhookCount }, async (_, index) => {
				const name = `webhook-${index + 1}`;
				const port = index === 0 ? ports.webhook : await cli.getFreePort();
				const processor = await startN8nProcess({ name, command: 'webhook', env: await envFor(name, port), runtime, port, ready: /Webhook listener waiting for requests/, onOutput: options.onOutput });
				webhookProcessors.push(processor);
				started.push(processor);
			}),
		]);

		/**
		 * Runs an n8n CLI command (import:credentials, import:workflow, …) against the stack's database.
		 * @param {string[]} args
		 */
		const runCli = async (args) => {
			const env = await envFor('cli');
			return await new Promise((resolve, reject) => {
				const child = spawn(runtime.node, [runtime.n8nBin, ...args], { cwd: runtime.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
				let output = '';
				child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
				child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
				child.once('error', reject);
				child.once('close', (code) => {
					const text = cli.stripAnsi(output);
					if (code !== 0 || /An error occurred while importing/.test(text)) reject(new Error(`n8n ${args[0]} failed (exit ${code}):\n${tail(text)}`));
					else resolve(text);
				});
			});
		};
		/** @param {'import:credentials' | 'import:workflow'} command @param {object[]} data */
		const importData = async (command, data) => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-import-'));
			try {
				const file = path.join(dir, 'import.json');
				fs.writeFileSync(file, JSON.stringify(data));
				await runCli([command, `--input=${file}`]);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};

		return {
			runtime,
			dataDir,
			ports,
			encryptionKey,
			webhookUrl,
			postgres,
			redis,
			/** @returns {N8nProcess} the main instance now running */
			get main() {
				return main;
			},
			/** Stops the main instance and starts a new one on the same port (a deploy, or a leader failover). */
			async restartMain() {
				await main.stop();
				started.splice(started.indexOf(main), 1);
				main = await startMain();
				return main;
			},
			/** Every worker started, stopped ones included (their logs stay readable). */
			workers,
			webhookProcessors,
			addWorker,
			/** @param {object[]} credentials `{ id, name, type, data }` each; `data` is encrypted with the shared key */
			importCredentials: (credentials) => importData('import:credentials', credentials),
			/** @param {object[]} workflows imported inactive; activate through the main's REST API */
			importWorkflows: (workflows) => importData('import:workflow', workflows),
			/** A REST client for the main instance, logged in as the owner (set up on first use). */
			async rest() {
				const rest = new cli.RestClient(/** @type {string} */ (main.url));
				await rest.ensureOwnerLoggedIn();
				return rest;
			},
			/**
			 * Which worker took each execution, from the workers' own logs (n8n does not store it with the
			 * execution): execution id → worker name.
			 * @returns {Map<string, string>}
			 */
			executionWorkers() {
				/** @type {Map<string, string>} */
				const byExecution = new Map();
				for (const worker of workers) {
					for (const match of worker.logs().matchAll(WORKER_STARTED)) {
						const previous = byExecution.get(match[1]);
						byExecution.set(match[1], previous ? `${previous}+${worker.name}` : worker.name);
					}
				}
				return byExecution;
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

/** @typedef {Awaited<ReturnType<typeof startQueueStack>>} QueueStack */

/** The API-token credential start:queue imports, pointing at the fake Pipedrive it starts. */
const FAKE_CREDENTIAL = Object.freeze({ id: 'pdLocalFakeCred1', name: 'Pipedrive (local fake)', type: 'pipedriveCompleteApi' });
const FAKE_API_TOKEN = 'test-token';

const USAGE = `usage: npm run start:queue -- [--workers 2] [--webhooks 1] [--concurrency 10] [--port 5678] [--webhook-port 5688]
       [--postgres-port 54329] [--redis-port 63790] [--fake-port 8787] [--no-fake] [--enforce-rate-limit] [--no-build]
       [--data-dir .queue/default]`;

function readArguments() {
	const { values } = parseArgs({
		options: {
			workers: { type: 'string', default: '2' },
			webhooks: { type: 'string', default: '1' },
			concurrency: { type: 'string', default: '10' },
			port: { type: 'string', default: '5678' },
			'webhook-port': { type: 'string', default: '5688' },
			'postgres-port': { type: 'string', default: '54329' },
			'redis-port': { type: 'string', default: '63790' },
			'fake-port': { type: 'string', default: '8787' },
			'no-fake': { type: 'boolean', default: false },
			'enforce-rate-limit': { type: 'boolean', default: false },
			'no-build': { type: 'boolean', default: false },
			'data-dir': { type: 'string', default: path.join(QUEUE_DIR, 'default') },
			help: { type: 'boolean', short: 'h', default: false },
		},
	});
	return values;
}

/** @param {string} message */
const step = (message) => console.log(`\n▶ ${message}`);

/** `npm run build`; a failure is reported, and the dist/ there is (if any) is used. */
async function build() {
	step('Building the package (npm run build)');
	const { npmCommand } = require('./ensure-runtime');
	const npm = npmCommand();
	const code = await new Promise((resolve) => {
		const child = spawn(npm.command, [...npm.prefixArgs, 'run', 'build'], { cwd: cli.REPO_ROOT, stdio: 'inherit' });
		child.once('error', () => resolve(1));
		child.once('close', resolve);
	});
	if (code !== 0) console.warn(`⚠ build failed (exit ${code}); continuing with the existing dist/.`);
}

async function main() {
	const args = readArguments();
	if (args.help) {
		console.log(USAGE);
		return;
	}
	require('../../../scripts/ensure-deps').ensureDependencies();
	if (!args['no-build']) await build();
	step('Checking the n8n runtime (.n8n-runtime)');
	await require('./ensure-runtime').ensureRuntime();

	/** @type {any} */
	let fake;
	/** @type {QueueStack | undefined} */
	let stack;
	let stopping = false;
	const shutdown = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping the webhook processors, workers, main, Redis and PostgreSQL…');
		await stack?.stop();
		await fake?.close();
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	// `npm run` may exit on SIGTERM without passing it on: stop too when our parent is gone.
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && void shutdown(0), 1000).unref();

	if (!args['no-fake']) {
		const fakePort = Number(args['fake-port']);
		if (!(await cli.isPortFree(fakePort))) throw new Error(`port ${fakePort} is in use (choose another with --fake-port, or --no-fake)`);
		const { startFakePipedrive, REAL_WEBHOOK_RETRY_DELAYS_MS } = require(path.join(cli.REPO_ROOT, 'test', 'fake-pipedrive'));
		fake = await startFakePipedrive({
			port: fakePort,
			apiToken: FAKE_API_TOKEN,
			autoWebhooks: true,
			webhookRetryDelaysMs: REAL_WEBHOOK_RETRY_DELAYS_MS,
			rateLimit: { enforce: args['enforce-rate-limit'] },
		});
		step(`Fake Pipedrive on ${fake.url} (API token ${FAKE_API_TOKEN}${args['enforce-rate-limit'] ? ', 80 requests / 2 s enforced' : ''})`);
	}

	step('Starting PostgreSQL, Redis and n8n in queue mode');
	const dataDir = path.resolve(args['data-dir']);
	const logDir = path.join(dataDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	try {
		stack = await startQueueStack({
			dataDir,
			workers: Number(args.workers),
			webhookProcessors: Number(args.webhooks),
			workerConcurrency: Number(args.concurrency),
			ports: { main: Number(args.port), webhook: Number(args['webhook-port']), postgres: Number(args['postgres-port']), redis: Number(args['redis-port']) },
			log: (line) => console.log(`  ${line}`),
			onOutput: (name, chunk) => fs.appendFileSync(path.join(logDir, `${name}.log`), chunk),
		});
	} catch (error) {
		await fake?.close();
		throw error;
	}
	for (const member of [stack.main, ...stack.workers, ...stack.webhookProcessors]) {
		member.child.once('exit', (code) => {
			if (stopping) return;
			console.error(`\nn8n ${member.name} exited (code ${code}):\n${tail(member.logs(), 20)}`);
			void shutdown(1);
		});
	}

	const lines = [];
	if (fake) {
		await stack.importCredentials([{ ...FAKE_CREDENTIAL, data: { apiToken: FAKE_API_TOKEN, domain: fake.url } }]);
		const marker = path.join(dataDir, 'demo-imported');
		if (!fs.existsSync(marker)) {
			await stack.importWorkflows(require('./demo').demoWorkflows(FAKE_CREDENTIAL));
			fs.writeFileSync(marker, new Date().toISOString());
		}
		lines.push(
			`  • Fake Pipedrive: ${fake.url}; credential "${FAKE_CREDENTIAL.name}". Its webhooks go to the webhook processor.`,
			'  • Demo: publish "Demo: new or moved deal → message", run "Demo: create a deal": both executions run on a worker.',
		);
	}
	const processes = [stack.main, ...stack.workers, ...stack.webhookProcessors];
	console.log(
		[
			'',
			'────────────────────────────────────────────────────────────────────',
			`n8n (queue mode) is ready: http://localhost:${stack.ports.main}   (first visit: create the owner account)`,
			`  • main: editor, REST API, activation, polling    ${processes.map((p) => `${p.name} ${(p.startupMs / 1000).toFixed(0)} s`).join(', ')}`,
			`  • ${stack.workers.length} worker(s) run the executions; ${stack.webhookProcessors.length} webhook processor(s) at ${stack.webhookUrl} (WEBHOOK_URL)`,
			`  • PostgreSQL 127.0.0.1:${stack.ports.postgres}, Redis 127.0.0.1:${stack.ports.redis}, data in ${path.relative(cli.REPO_ROOT, dataDir) || dataDir}`,
			`  • Logs: ${path.relative(cli.REPO_ROOT, logDir)}/<process>.log (a worker logs "Worker started execution <id>" for each one it runs)`,
			...lines,
			'  • Ctrl-C stops everything this command started.',
			'────────────────────────────────────────────────────────────────────',
		].join('\n'),
	);
}

module.exports = { QUEUE_DIR, DEFAULT_RUNTIME, startQueueStack, queueModeEnv };

if (require.main === module) {
	main().catch((error) => {
		console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	});
}
