// @ts-check
'use strict';

/**
 * PostgreSQL and Redis for n8n's queue mode, from the Debian packages (apt-get on first use), each run
 * as a child process of ours: data in a folder we name, TCP on 127.0.0.1 only, no system service.
 * PostgreSQL refuses to run as root: then initdb and postgres run as the Debian package's `postgres` user.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { startProcess } = require('./process');

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
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {{ postgresBin: string, redisServer: string, installedMs: number }} installedMs: 0 when nothing was installed
 */
function ensureServices(options = {}) {
	const log = options.log ?? console.log;
	let found = findServices();
	let installedMs = 0;
	if (!found.postgresBin || !found.redisServer) {
		const missing = [!found.postgresBin && 'PostgreSQL', !found.redisServer && 'Redis'].filter(Boolean).join(' and ');
		const command = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
		if (!isRoot()) throw new Error(`${missing} not installed. Run as root: ${command}`);
		log(`${missing} not installed: ${command}`);
		const started = Date.now();
		for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...APT_PACKAGES]]) {
			const result = runQuiet('apt-get', args, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
			if (!result.ok) throw new Error(`apt-get ${args.join(' ')} failed:\n${result.output.split('\n').slice(-20).join('\n')}`);
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
		port,
		user: POSTGRES_USER,
		/** Runs one statement in `database` (tests make the database refuse a write for a moment). @param {string} statement */
		sql: (statement) => sql(database, statement),
	});
}

/** @param {number} port @returns {Promise<boolean>} whether Redis answers PING */
function redisAnswers(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1').setTimeout(1000);
		const done = (/** @type {boolean} */ ok) => {
			socket.destroy();
			resolve(ok);
		};
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
		socket.once('error', () => done(false));
		socket.once('timeout', () => done(false));
	});
}

/**
 * Starts Redis on 127.0.0.1:`port`, without persistence (Bull's queue is rebuilt from n8n's database).
 * @param {{ redisServer: string, dataDir: string, port: number }} options
 */
async function startRedis(options) {
	fs.mkdirSync(options.dataDir, { recursive: true });
	const server = await startProcess({
		name: 'Redis',
		command: options.redisServer,
		args: ['--bind', '127.0.0.1', '--port', String(options.port), '--dir', options.dataDir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
		graceMs: 15_000,
		timeoutMs: 60_000,
		isReady: () => redisAnswers(options.port),
	});
	return Object.assign(server, { port: options.port });
}

module.exports = { ensureServices, startPostgres, startRedis };
