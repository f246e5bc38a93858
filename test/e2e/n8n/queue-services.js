// @ts-check
'use strict';

/**
 * PostgreSQL and Redis for n8n's queue mode, from the Debian packages (installed with apt-get on first
 * use), each run as a child process of ours: data in a folder we name, TCP on 127.0.0.1 only, a port
 * we choose, no system service involved.
 *
 * PostgreSQL refuses to run as root: when we are root, initdb and postgres run as the `postgres`
 * user the Debian package creates (spawned with its uid/gid, so the pid we hold is postgres itself),
 * in a data folder owned by that user.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const APT_PACKAGES = ['postgresql', 'redis-server'];
const POSTGRES_SUPERUSER = 'postgres';

/** @param {string} file */
const isExecutable = (file) => {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
};

/** @param {string} name @returns {string | undefined} the program's path on PATH */
function onPath(name) {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
	}
	return undefined;
}

/** @returns {string | undefined} the folder with initdb and postgres: Debian's newest /usr/lib/postgresql/<major>/bin, else PATH */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((entry) => /^\d+$/.test(entry)).sort((a, b) => Number(b) - Number(a)) : [];
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (isExecutable(path.join(dir, 'postgres')) && isExecutable(path.join(dir, 'initdb'))) return dir;
	}
	const initdb = onPath('initdb');
	return initdb && isExecutable(path.join(path.dirname(fs.realpathSync(initdb)), 'postgres')) ? path.dirname(fs.realpathSync(initdb)) : undefined;
}

/** @returns {{ postgresBin?: string, redisServer?: string }} */
function findServices() {
	return { postgresBin: postgresBinDir(), redisServer: onPath('redis-server') ?? (isExecutable('/usr/bin/redis-server') ? '/usr/bin/redis-server' : undefined) };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Makes sure PostgreSQL and Redis are installed: `apt-get update && apt-get install -y postgresql
 * redis-server` when either is missing (root only; otherwise it says what to run).
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ postgresBin: string, redisServer: string, installedMs: number }} installedMs: 0 when nothing was installed
 */
function ensureServices(options = {}) {
	const log = options.log ?? ((line) => console.log(line));
	let found = findServices();
	let installedMs = 0;
	if (!found.postgresBin || !found.redisServer) {
		const missing = [!found.postgresBin && 'PostgreSQL', !found.redisServer && 'Redis'].filter(Boolean).join(' and ');
		const command = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
		if (!isRoot()) throw new Error(`${missing} not installed. Run as root: ${command}`);
		log(`${missing} not installed: ${command}`);
		const started = Date.now();
		/** @type {NodeJS.ProcessEnv} */
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...APT_PACKAGES]]) {
			const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
			if (result.status !== 0) {
				throw new Error(`apt-get ${args.join(' ')} failed (exit ${result.status}):\n${`${result.stdout}${result.stderr}`.split('\n').slice(-20).join('\n')}`);
			}
		}
		installedMs = Date.now() - started;
		log(`  installed in ${(installedMs / 1000).toFixed(1)} s`);
		found = findServices();
	}
	if (!found.postgresBin || !found.redisServer) throw new Error('PostgreSQL or Redis still missing after apt-get install');
	return { postgresBin: found.postgresBin, redisServer: found.redisServer, installedMs };
}

/** @returns {{ uid: number, gid: number } | undefined} who runs PostgreSQL: the postgres user when we are root */
function postgresIdentity() {
	if (!isRoot()) return undefined;
	const lookup = (/** @type {string} */ flag) => spawnSync('id', [flag, POSTGRES_SUPERUSER], { encoding: 'utf8' });
	const [uid, gid] = [lookup('-u'), lookup('-g')];
	if (uid.status !== 0 || gid.status !== 0) throw new Error(`running as root, and there is no "${POSTGRES_SUPERUSER}" user to run PostgreSQL as`);
	return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * @typedef {object} ServiceProcess
 * @property {number} port
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} logs
 * @property {() => Promise<void>} stop
 */

/** Servers started by this process and still running: killed if we exit without stopping them. */
/** @type {Set<import('node:child_process').ChildProcess>} */
const liveServices = new Set();
process.once('exit', () => {
	for (const child of liveServices) child.kill('SIGKILL');
});

/**
 * Spawns a server and resolves once `isReady` says so; the handle stops it with `stopSignal`.
 * @param {{ name: string, command: string, args: string[], spawnOptions?: import('node:child_process').SpawnOptions, isReady: () => Promise<boolean>, stopSignal: NodeJS.Signals, port: number, timeoutMs?: number }} spec
 * @returns {Promise<ServiceProcess>}
 */
async function startService(spec) {
	const child = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'], ...spec.spawnOptions });
	let output = '';
	const collect = (/** @type {Buffer} */ chunk) => {
		output = (output + chunk.toString('utf8')).slice(-200_000);
	};
	child.stdout?.on('data', collect);
	child.stderr?.on('data', collect);
	/** @type {Promise<void>} */
	const exited = new Promise((resolve) => child.once('exit', () => resolve()));
	let hasExited = false;
	void exited.then(() => (hasExited = true));
	liveServices.add(child);
	void exited.then(() => liveServices.delete(child));
	const handle = {
		port: spec.port,
		child,
		logs: () => output,
		stop: async () => {
			if (hasExited) return;
			child.kill(spec.stopSignal);
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
	const deadline = Date.now() + (spec.timeoutMs ?? 60_000);
	while (Date.now() < deadline) {
		if (hasExited) throw new Error(`${spec.name} exited during startup (code ${child.exitCode}):\n${output.split('\n').slice(-30).join('\n')}`);
		if (await spec.isReady()) return handle;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	await handle.stop();
	throw new Error(`${spec.name} did not become ready on 127.0.0.1:${spec.port}:\n${output.split('\n').slice(-30).join('\n')}`);
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ identity?: { uid: number, gid: number } }} [options]
 */
function runQuiet(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...(options.identity ?? {}), cwd: '/' });
	return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

/**
 * Starts PostgreSQL on 127.0.0.1:`port` with its cluster in `dataDir` (initdb on first use; trust
 * authentication, which only the loopback listener can reach) and makes sure `database` exists.
 * @param {{ postgresBin: string, dataDir: string, port: number, database: string, durable?: boolean }} options
 *   durable false: no fsync (throwaway test clusters)
 * @returns {Promise<ServiceProcess & { user: string, sql: (statement: string) => string }>}
 */
async function startPostgres(options) {
	const identity = postgresIdentity();
	const { postgresBin, dataDir, port } = options;
	fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
	if (identity) fs.chownSync(dataDir, identity.uid, identity.gid);
	if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
		const init = runQuiet(path.join(postgresBin, 'initdb'), ['-D', dataDir, '-U', POSTGRES_SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C'], { identity });
		if (!init.ok) throw new Error(`initdb ${dataDir} failed:\n${init.output}`);
	}
	const settings = {
		listen_addresses: '127.0.0.1',
		port: String(port),
		// TCP only: no socket file in a system folder we may not own.
		unix_socket_directories: '',
		max_connections: '200',
		...(options.durable === false ? { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } : {}),
	};
	const args = ['-D', dataDir, ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
	const pgIsReady = path.join(postgresBin, 'pg_isready');
	const server = await startService({
		name: 'PostgreSQL',
		command: path.join(postgresBin, 'postgres'),
		args,
		spawnOptions: { ...(identity ?? {}), cwd: '/' },
		port,
		// SIGINT: "fast" shutdown (disconnect clients, write a checkpoint).
		stopSignal: 'SIGINT',
		isReady: async () => runQuiet(pgIsReady, ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_SUPERUSER]).ok,
	});
	const psql = (/** @type {string} */ sql) => runQuiet(path.join(postgresBin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_SUPERUSER, '-d', 'postgres', '-tAc', sql]);
	const exists = psql(`SELECT 1 FROM pg_database WHERE datname = '${options.database.replace(/'/g, "''")}'`);
	if (exists.ok && exists.output !== '1') {
		const created = psql(`CREATE DATABASE "${options.database.replace(/"/g, '""')}"`);
		if (!created.ok) {
			await server.stop();
			throw new Error(`CREATE DATABASE ${options.database} failed:\n${created.output}`);
		}
	}
	return {
		...server,
		user: POSTGRES_SUPERUSER,
		/**
		 * Runs one SQL statement in `database` (tests use it to make the database refuse a write for a moment).
		 * @param {string} statement
		 * @returns {string} psql's unaligned output
		 */
		sql(statement) {
			const result = runQuiet(path.join(postgresBin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', POSTGRES_SUPERUSER, '-d', options.database, '-v', 'ON_ERROR_STOP=1', '-tAc', statement]);
			if (!result.ok) throw new Error(`psql: ${statement}\n${result.output}`);
			return result.output;
		},
	};
}

/**
 * Starts Redis on 127.0.0.1:`port`, without persistence (Bull's queue is rebuilt from n8n's database).
 * @param {{ redisServer: string, dataDir: string, port: number }} options
 * @returns {Promise<ServiceProcess>}
 */
async function startRedis(options) {
	fs.mkdirSync(options.dataDir, { recursive: true });
	const args = ['--bind', '127.0.0.1', '--port', String(options.port), '--dir', options.dataDir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--daemonize', 'no'];
	const ping = () =>
		new Promise((resolve) => {
			const socket = net.connect(options.port, '127.0.0.1');
			socket.setTimeout(1000);
			socket.once('connect', () => socket.write('PING\r\n'));
			socket.once('data', (data) => {
				socket.destroy();
				resolve(data.toString().startsWith('+PONG'));
			});
			socket.once('error', () => resolve(false));
			socket.once('timeout', () => {
				socket.destroy();
				resolve(false);
			});
		});
	return await startService({
		name: 'Redis',
		command: options.redisServer,
		args,
		port: options.port,
		stopSignal: 'SIGTERM',
		isReady: async () => /** @type {boolean} */ (await ping()),
	});
}

/**
 * Removes a data folder of ours (a PostgreSQL cluster belongs to the postgres user).
 * @param {string} dir
 */
function removeDataDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

module.exports = { APT_PACKAGES, ensureServices, findServices, startPostgres, startRedis, removeDataDir };
