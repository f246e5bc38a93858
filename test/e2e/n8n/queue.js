#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * n8n in queue mode on one machine: PostgreSQL + Redis (./queue-services.js), one main instance (editor,
 * REST API, trigger activation, polling), N workers (run every execution, taken from Bull's queue in
 * Redis) and N webhook processors (receive production webhooks, `WEBHOOK_URL` points at the first),
 * this package loaded in each of them, one encryption key for all. The n8n is the selected runtime
 * (PIPEDRIVE_N8N_RUNTIME, see cli.js).
 * `npm run start:queue -- --help` lists the options.
 * Library: `startQueueStack(options)` (the queue-mode e2e suite and benchmark use it).
 */

const fs = require('node:fs');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { parseArgs } = require('node:util');
const cli = require('./cli');
const { tail } = require('./process');
const { ensureServices, startPostgres, startRedis } = require('./queue-services');

/** Everything start:queue keeps (database cluster, encryption key, n8n user folders, logs); gitignored. */
const QUEUE_DIR = path.join(cli.REPO_ROOT, '.queue');

/**
 * @typedef {object} QueueStackOptions
 * @property {string} [dataDir] cluster, user folders and key live here (default .queue/default)
 * @property {boolean} [durable] PostgreSQL with fsync (default true; false for throwaway test data)
 * @property {number} [workers] default 2
 * @property {number} [webhookProcessors] default 1
 * @property {number} [workerConcurrency] executions each worker runs at once (default 10, n8n's default)
 * @property {{ main?: number, webhook?: number, postgres?: number, redis?: number }} [ports] free ports when not given
 * @property {string} [encryptionKey] default: kept in <dataDir>/encryption-key (made on first use)
 * @property {Record<string, string | undefined>} [env] extra variables for every n8n process
 * @property {string} [logLevel] N8N_LOG_LEVEL (default info: workers log each execution they start)
 * @property {(name: string, chunk: string) => void} [onOutput]
 * @property {(line: string) => void} [log] progress lines
 */

/**
 * The variables that make n8n a member of this queue-mode installation. What matters across processes:
 * the same database, Redis and N8N_ENCRYPTION_KEY (workers decrypt credentials the main stored), and
 * WEBHOOK_URL (the address Pipedrive is given, served by the webhook processors).
 * @param {{ postgresPort: number, postgresUser: string, redisPort: number, encryptionKey: string, webhookUrl: string }} shared
 */
function queueModeEnv(shared) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(shared.redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(shared.postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: shared.postgresUser,
		DB_POSTGRESDB_PASSWORD: '',
		N8N_ENCRYPTION_KEY: shared.encryptionKey,
		WEBHOOK_URL: shared.webhookUrl,
		// Workers and webhook processors read and write binary data too: it must live where all of them
		// reach it (n8n 2.x's queue-mode default, said here so nobody sets `filesystem`).
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Editor "Execute workflow" runs go to the workers as well, not to the main.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
		// Production webhooks go to the webhook processors only.
		N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
		QUEUE_HEALTH_CHECK_ACTIVE: 'false',
	};
}

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
	const dataDir = path.resolve(options.dataDir ?? path.join(QUEUE_DIR, 'default'));
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
	/** @template {{ stop: () => Promise<unknown> }} T @param {Promise<T>} starting @returns {Promise<T>} */
	const track = async (starting) => {
		const handle = await starting;
		started.push(handle);
		return handle;
	};
	const stopAll = async () => {
		for (const handle of started.splice(0).reverse()) await handle.stop();
	};
	try {
		log(`PostgreSQL on 127.0.0.1:${ports.postgres}, Redis on 127.0.0.1:${ports.redis} (data: ${path.relative(cli.REPO_ROOT, dataDir) || dataDir})`);
		const postgresStart = track(startPostgres({ postgresBin: services.postgresBin, dataDir: path.join(dataDir, 'postgres'), port: ports.postgres, database: 'n8n', durable: options.durable }));
		const redisStart = track(startRedis({ redisServer: services.redisServer, dataDir: path.join(dataDir, 'redis'), port: ports.redis }));
		// Both settle before a failure of one stops the other.
		await Promise.allSettled([postgresStart, redisStart]);
		const [postgres, redis] = await Promise.all([postgresStart, redisStart]);
		const webhookUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared = queueModeEnv({ postgresPort: ports.postgres, postgresUser: postgres.user, redisPort: ports.redis, encryptionKey, webhookUrl });
		/** @param {string} name @returns {import('./cli').N8nEnvOptions} */
		const envOptions = (name) => ({ userFolder: path.join(dataDir, 'n8n', name), port: ports.main, logLevel: options.logLevel ?? 'info', env: { ...shared, ...options.env } });
		/**
		 * @param {string} name
		 * @param {'start' | 'worker' | 'webhook'} command
		 * @param {{ port?: number, args?: string[] }} [extra]
		 */
		const startMember = async (name, command, extra = {}) => {
			const env = cli.n8nEnv({ ...envOptions(name), brokerPort: await cli.getFreePort() });
			if (extra.port) env.N8N_PORT = String(extra.port);
			const onOutput = options.onOutput && ((/** @type {string} */ chunk) => options.onOutput?.(name, chunk));
			return await track(cli.startN8nProcess({ name, command, env, ...extra, onOutput }));
		};

		log(`n8n main on http://localhost:${ports.main} (${cli.RUNTIME.title})`);
		let main = await startMember('main', 'start', { port: ports.main });
		/** @type {import('./cli').N8nProcess[]} */
		const workers = [];
		/** @type {import('./cli').N8nProcess[]} */
		const webhookProcessors = [];
		let workerSerial = 0;
		const addWorker = async () => {
			const worker = await startMember(`worker-${++workerSerial}`, 'worker', { args: [`--concurrency=${options.workerConcurrency ?? 10}`] });
			workers.push(worker);
			return worker;
		};
		const workerCount = options.workers ?? 2;
		const webhookCount = options.webhookProcessors ?? 1;
		log(`${workerCount} worker(s), ${webhookCount} webhook processor(s); WEBHOOK_URL=${webhookUrl}`);
		await Promise.all([
			...Array.from({ length: workerCount }, () => addWorker()),
			...Array.from({ length: webhookCount }, async (_, index) => {
				const port = index === 0 ? ports.webhook : await cli.getFreePort();
				webhookProcessors.push(await startMember(`webhook-${index + 1}`, 'webhook', { port }));
			}),
		]);
		/** @param {'import:credentials' | 'import:workflow'} command @param {object[]} data */
		const importData = (command, data) => cli.importData(command, data, envOptions('cli'));

		return {
			runtime: { label: `${cli.RUNTIME.title} (${path.relative(cli.REPO_ROOT, cli.RUNTIME_DIR)})` },
			dataDir,
			ports,
			encryptionKey,
			webhookUrl,
			postgres,
			redis,
			/** @returns {import('./cli').N8nProcess} the main instance now running */
			get main() {
				return main;
			},
			/** Stops the main instance and starts a new one on the same port (a deploy, or a leader failover). */
			async restartMain() {
				await main.stop();
				started.splice(started.indexOf(main), 1);
				main = await startMember('main', 'start', { port: ports.main });
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
			 * execution): execution id → worker name ("worker-1+worker-2" when a retry ran elsewhere).
			 * @returns {Map<string, string>}
			 */
			executionWorkers() {
				/** @type {Map<string, string>} */
				const byExecution = new Map();
				for (const worker of workers) {
					for (const [, id] of worker.logs().matchAll(WORKER_STARTED)) {
						const previous = byExecution.get(id);
						byExecution.set(id, previous ? `${previous}+${worker.name}` : worker.name);
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

const USAGE = `usage: npm run start:queue -- [--workers 2] [--webhooks 1] [--concurrency 10] [--port 5678] [--webhook-port 5688]
       [--postgres-port 54329] [--redis-port 63790] [--fake-port 8787] [--no-fake] [--enforce-rate-limit] [--no-build]
       [--data-dir .queue/default]`;

async function main() {
	const { values: args } = parseArgs({
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
	if (args.help) return console.log(USAGE);
	const demo = require('./demo');
	require('../../../scripts/ensure-deps').ensureDependencies();
	if (!args['no-build']) await demo.buildPackage();
	console.log('\n▶ Checking the n8n runtime (.n8n-runtime)');
	await require('./ensure-runtime').ensureRuntime({ runtime: cli.RUNTIME.name });

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
		fake = await demo.startLocalFake(Number(args['fake-port']), { rateLimit: { enforce: args['enforce-rate-limit'] } });
		console.log(`\n▶ Fake Pipedrive on ${fake.url} (API token ${demo.LOCAL_API_TOKEN}${args['enforce-rate-limit'] ? ', 80 requests / 2 s enforced' : ''})`);
	}

	console.log('\n▶ Starting PostgreSQL, Redis and n8n in queue mode');
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
	const processes = [stack.main, ...stack.workers, ...stack.webhookProcessors];
	for (const member of processes) {
		member.child.once('exit', (code) => {
			if (stopping) return;
			console.error(`\nn8n ${member.name} exited (code ${code}):\n${tail(member.logs(), 20)}`);
			void shutdown(1);
		});
	}

	const lines = [];
	if (fake) {
		await stack.importCredentials([demo.localCredentialRecord(fake.url)]);
		await demo.importDemoOnce(dataDir, stack.importWorkflows);
		lines.push(
			`  • Fake Pipedrive: ${fake.url}; credential "${demo.LOCAL_CREDENTIAL.name}". Its webhooks go to the webhook processor.`,
			'  • Demo: publish "Demo: new or moved deal → message", run "Demo: create a deal": both executions run on a worker.',
		);
	}
	demo.printBanner([
		`n8n (queue mode) is ready: http://localhost:${stack.ports.main}   (first visit: create the owner account)`,
		`  • main: editor, REST API, activation, polling    ${processes.map((p) => `${p.name} ${(p.startupMs / 1000).toFixed(0)} s`).join(', ')}`,
		`  • ${stack.workers.length} worker(s) run the executions; ${stack.webhookProcessors.length} webhook processor(s) at ${stack.webhookUrl} (WEBHOOK_URL)`,
		`  • PostgreSQL 127.0.0.1:${stack.ports.postgres}, Redis 127.0.0.1:${stack.ports.redis}, data in ${path.relative(cli.REPO_ROOT, dataDir) || dataDir}`,
		`  • Logs: ${path.relative(cli.REPO_ROOT, logDir)}/<process>.log (a worker logs "Worker started execution <id>" for each one it runs)`,
		...lines,
		'  • Ctrl-C stops everything this command started.',
	]);
}

module.exports = { QUEUE_DIR, startQueueStack };

if (require.main === module) {
	main().catch((error) => {
		console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	});
}
