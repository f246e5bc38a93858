// @ts-check
'use strict';

/**
 * n8n in queue mode on one machine: PostgreSQL + Redis (from the Debian packages, apt-get on first use,
 * each run as a child process of ours: data in a folder we name, TCP on 127.0.0.1 only, no system
 * service), one main instance (editor, REST API, trigger activation, polling), N workers (run every
 * execution, taken from Bull's queue in Redis) and N webhook processors (receive production webhooks,
 * `WEBHOOK_URL` points at the first), this package loaded in each of them, one encryption key for all.
 * The n8n is the selected runtime (PIPEDRIVE_N8N_RUNTIME, see cli.js). Used by `npm run start:queue`
 * (start.js --queue), the queue-mode e2e suite and the queue benchmark.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const cli = require('./cli');
const { startProcess } = require('./process');

/** Everything start:queue keeps (database cluster, encryption key, n8n user folders, logs); gitignored. */
const QUEUE_DIR = path.join(cli.REPO_ROOT, '.queue');

const APT_PACKAGES = ['postgresql', 'redis-server'];
const POSTGRES_USER = 'postgres';

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options] */
function runQuiet(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', cwd: '/', ...options });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/** @returns {{ postgresBin?: string, redisServer?: string }} Debian's newest /usr/lib/postgresql/<major>/bin, and redis-server */
function findServices() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((entry) => /^\d+$/.test(entry)) : [];
	const postgresBin = majors
		.sort((a, b) => Number(b) - Number(a))
		.map((major) => path.join(root, major, 'bin'))
		.find((dir) => fs.existsSync(path.join(dir, 'postgres')) && fs.existsSync(path.join(dir, 'initdb')));
	const redis = runQuiet('sh', ['-c', 'command -v redis-server']);
	return { postgresBin, redisServer: redis.ok ? redis.output : undefined };
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Makes sure PostgreSQL and Redis are installed: `apt-get install` when either is missing (root only).
 * @param {(line: string) => void} log
 * @returns {{ postgresBin: string, redisServer: string }}
 */
function ensureServices(log) {
	const found = findServices();
	if (found.postgresBin && found.redisServer) return { postgresBin: found.postgresBin, redisServer: found.redisServer };
	const missing = [!found.postgresBin && 'PostgreSQL', !found.redisServer && 'Redis'].filter(Boolean).join(' and ');
	const command = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
	if (!isRoot()) throw new Error(`${missing} not installed. Run as root: ${command}`);
	log(`${missing} not installed: ${command}`);
	const started = Date.now();
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...APT_PACKAGES]]) {
		const result = runQuiet('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (!result.ok) throw new Error(`apt-get ${args.join(' ')} failed:\n${result.output.split('\n').slice(-20).join('\n')}`);
	}
	log(`  installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	const installed = findServices();
	if (!installed.postgresBin || !installed.redisServer) throw new Error('PostgreSQL or Redis still missing after apt-get install');
	return { postgresBin: installed.postgresBin, redisServer: installed.redisServer };
}

/** @returns {{ uid: number, gid: number } | undefined} who runs PostgreSQL: the postgres user when we are root */
function postgresIdentity() {
	if (!isRoot()) return undefined;
	const [uid, gid] = ['-u', '-g'].map((flag) => runQuiet('id', [flag, POSTGRES_USER]));
	if (!uid.ok || !gid.ok) throw new Error(`running as root, and there is no "${POSTGRES_USER}" user to run PostgreSQL as`);
	return { uid: Number(uid.output), gid: Number(gid.output) };
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its cluster in `dataDir` (initdb on first use; trust
 * authentication, which only the loopback listener can reach) and makes sure `database` exists.
 * @param {{ postgresBin: string, dataDir: string, port: number, database: string, durable?: boolean }} options
 *   durable false: no fsync (throwaway test clusters)
 */
async function startPostgres(options) {
	const identity = postgresIdentity();
	const { postgresBin, dataDir, port, database } = options;
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	if (identity) fs.chownSync(dataDir, identity.uid, identity.gid);
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		const init = runQuiet(path.join(postgresBin, 'initdb'), ['-D', dataDir, '-U', POSTGRES_USER, '--auth=trust', '-E', 'UTF8', '--locale=C'], identity);
		if (!init.ok) throw new Error(`initdb ${dataDir} failed:\n${init.output}`);
	}
	const settings = {
		listen_addresses: '127.0.0.1',
		port: String(port),
		// TCP only: no socket file in a system folder we may not own.
		unix_socket_directories: '',
		max_connections: '200',
		...(options.durable === false && { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
	};
	const connection = ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_USER];
	const server = await startProcess({
		name: 'PostgreSQL',
		command: path.join(postgresBin, 'postgres'),
		args: ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
		options: { ...identity, cwd: '/' },
		// SIGINT: "fast" shutdown (disconnect clients, write a checkpoint).
		stopSignal: 'SIGINT',
		graceMs: 15_000,
		timeoutMs: 60_000,
		isReady: () => runQuiet(path.join(postgresBin, 'pg_isready'), connection).ok,
	});
	/** @param {string} db @param {string} statement @returns {string} psql's unaligned output */
	const sql = (db, statement) => {
		const result = runQuiet(path.join(postgresBin, 'psql'), [...connection, '-d', db, '-v', 'ON_ERROR_STOP=1', '-tAc', statement]);
		if (!result.ok) throw new Error(`psql: ${statement}\n${result.output}`);
		return result.output;
	};
	try {
		if (sql('postgres', `SELECT 1 FROM pg_database WHERE datname = '${database.replace(/'/g, "''")}'`) !== '1') {
			sql('postgres', `CREATE DATABASE "${database.replace(/"/g, '""')}"`);
		}
	} catch (error) {
		await server.stop();
		throw error;
	}
	return Object.assign(server, {
		/** Runs one statement in `database` (tests make the database refuse a write for a moment). @param {string} statement */
		sql: (statement) => sql(database, statement),
	});
}

/**
 * Starts Redis on 127.0.0.1:`port`, without persistence (Bull's queue is rebuilt from n8n's database).
 * @param {{ redisServer: string, dataDir: string, port: number }} options
 */
async function startRedis(options) {
	fs.mkdirSync(options.dataDir, { recursive: true });
	return await startProcess({
		name: 'Redis',
		command: options.redisServer,
		args: ['--bind', '127.0.0.1', '--port', String(options.port), '--dir', options.dataDir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		graceMs: 15_000,
		timeoutMs: 60_000,
		// redis-cli comes with redis-server (Debian's redis-tools).
		isReady: () => runQuiet(path.join(path.dirname(options.redisServer), 'redis-cli'), ['-h', '127.0.0.1', '-p', String(options.port), 'ping']).output === 'PONG',
	});
}

/**
 * @typedef {object} QueueStackOptions
 * @property {string} [dataDir] cluster, user folders and key live here; none: a throwaway stack (temp folder
 *   removed by stop(), a fresh key, PostgreSQL without fsync)
 * @property {boolean} [durable] PostgreSQL with fsync (default: with a dataDir)
 * @property {number} [workers] default 2
 * @property {number} [webhookProcessors] default 1
 * @property {number} [workerConcurrency] executions each worker runs at once (default 10, n8n's default)
 * @property {{ main?: number, webhook?: number, postgres?: number, redis?: number }} [ports] free ports when not given
 * @property {string} [encryptionKey] default: kept in <dataDir>/encryption-key (made on first use)
 * @property {(name: string, chunk: string) => void} [onOutput]
 * @property {(line: string) => void} [log] progress lines
 */

/**
 * The variables that make n8n a member of this queue-mode installation. What matters across processes:
 * the same database, Redis and N8N_ENCRYPTION_KEY (workers decrypt credentials the main stored), and
 * WEBHOOK_URL (the address Pipedrive is given, served by the webhook processors).
 * @param {{ postgresPort: number, redisPort: number, encryptionKey: string, webhookUrl: string }} shared
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
		DB_POSTGRESDB_USER: POSTGRES_USER,
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
	const services = ensureServices(log);
	const ports = {
		postgres: options.ports?.postgres ?? (await cli.getFreePort()),
		redis: options.ports?.redis ?? (await cli.getFreePort()),
		main: options.ports?.main ?? (await cli.getFreePort()),
		webhook: options.ports?.webhook ?? (await cli.getFreePort()),
	};
	for (const [what, port] of Object.entries(ports)) {
		if (!(await cli.isPortFree(port))) throw new Error(`port ${port} (${what}) on 127.0.0.1 is in use`);
	}
	const throwaway = !options.dataDir;
	const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	// PostgreSQL runs as the postgres user when we are root: it must reach its folder inside this one.
	if (throwaway) fs.chmodSync(dataDir, 0o755);
	const encryptionKey = options.encryptionKey ?? (throwaway ? randomBytes(24).toString('base64url') : persistentKey(path.join(dataDir, 'encryption-key')));

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
		if (throwaway) fs.rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		log(`PostgreSQL on 127.0.0.1:${ports.postgres}, Redis on 127.0.0.1:${ports.redis} (data: ${path.relative(cli.REPO_ROOT, dataDir) || dataDir})`);
		const postgresStart = track(startPostgres({ postgresBin: services.postgresBin, dataDir: path.join(dataDir, 'postgres'), port: ports.postgres, database: 'n8n', durable: options.durable ?? !throwaway }));
		const redisStart = track(startRedis({ redisServer: services.redisServer, dataDir: path.join(dataDir, 'redis'), port: ports.redis }));
		// Both settle before a failure of one stops the other.
		await Promise.allSettled([postgresStart, redisStart]);
		const [postgres] = await Promise.all([postgresStart, redisStart]);
		const webhookUrl = `http://127.0.0.1:${ports.webhook}/`;
		const shared = queueModeEnv({ postgresPort: ports.postgres, redisPort: ports.redis, encryptionKey, webhookUrl });
		// info: workers log each execution they start.
		/** @param {string} name @returns {import('./cli').N8nEnvOptions} */
		const envOptions = (name) => ({ userFolder: path.join(dataDir, 'n8n', name), port: ports.main, logLevel: 'info', env: shared });
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

		return {
			runtime: { label: `${cli.RUNTIME.title} (${path.relative(cli.REPO_ROOT, cli.RUNTIME_DIR)})` },
			ports,
			webhookUrl,
			postgres,
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
			importCredentials: (credentials) => cli.importCredentials(credentials, envOptions('cli')),
			/** @param {object[]} workflows imported inactive; activate through the main's REST API */
			importWorkflows: (workflows) => cli.importWorkflow(workflows, envOptions('cli')),
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

module.exports = { QUEUE_DIR, startQueueStack };
