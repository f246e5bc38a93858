#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Installs the pinned local n8n (.n8n-runtime: n8n@2.8.4, ~2.3 GB) on first use:
 *
 *   node scripts/n8n/ensure-runtime.js [--force]
 *
 * 1. `npm ci --ignore-scripts` in .n8n-runtime (from its committed package-lock.json). Dependency
 *    install scripts stay off: none is needed except sqlite3's, and one (@scarf/scarf) is a
 *    telemetry ping. The repo root's `ignore-scripts=true` .npmrc does not reach this folder, so
 *    the flag is explicit here and in .n8n-runtime/.npmrc.
 * 2. Builds sqlite3's native binding with node-gyp from its bundled sources. Its normal install
 *    script (`prebuild-install -r napi || node-gyp rebuild`) first tries to download a prebuilt
 *    binary from GitHub, which is unreachable here; `buildFromSource` skips that. node-gyp needs
 *    Node's headers: we point it at the ones installed next to the node binary so it does not try
 *    to download them from nodejs.org either. Needs python3, make and a C++ compiler.
 * 3. Checks that n8n's bin and sqlite3 load, and writes a stamp (hash of package.json +
 *    package-lock.json) into node_modules. Later runs skip everything while the stamp matches.
 *
 * Also usable as a module: `await ensureRuntime()`.
 */

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const RUNTIME_DIR = path.resolve(__dirname, '..', '..', '.n8n-runtime');
const NODE_MODULES = path.join(RUNTIME_DIR, 'node_modules');
const STAMP_FILE = path.join(NODE_MODULES, '.pipedrive-runtime-stamp.json');
const N8N_BIN = path.join(NODE_MODULES, 'n8n', 'bin', 'n8n');
const SQLITE_DIR = path.join(NODE_MODULES, 'sqlite3');
const SQLITE_BINDING = path.join(SQLITE_DIR, 'build', 'Release', 'node_sqlite3.node');
const LOCK_DIR = path.join(os.tmpdir(), `n8n-runtime-install-${hash(RUNTIME_DIR).slice(0, 12)}.lock`);

/** @param {string} text */
function hash(text) {
	return crypto.createHash('sha256').update(text).digest('hex');
}

function fingerprint() {
	const read = (/** @type {string} */ file) => fs.readFileSync(path.join(RUNTIME_DIR, file), 'utf8');
	return hash([read('package.json'), read('package-lock.json'), process.platform, process.arch].join('\0'));
}

/** @returns {{ upToDate: boolean, reason: string }} */
function status() {
	if (!fs.existsSync(N8N_BIN)) return { upToDate: false, reason: 'not installed yet' };
	if (!fs.existsSync(SQLITE_BINDING)) return { upToDate: false, reason: 'sqlite3 native binding missing' };
	let stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(STAMP_FILE, 'utf8'));
	} catch {
		return { upToDate: false, reason: 'no install stamp' };
	}
	if (stamp.fingerprint !== fingerprint()) return { upToDate: false, reason: 'package-lock.json changed' };
	return { upToDate: true, reason: `installed ${stamp.installedAt}` };
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/**
 * Runs a command; prints a heartbeat every 20 s so long steps do not look stuck.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, quietOutput?: boolean, log: (line: string) => void }} options
 * @returns {Promise<void>}
 */
function run(label, command, args, options) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: RUNTIME_DIR,
			env: options.env ?? process.env,
			stdio: options.quietOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		});
		let output = '';
		child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		const heartbeat = setInterval(() => options.log(`  … ${label}: ${seconds(Date.now() - started)}`), 20_000);
		child.once('error', (error) => {
			clearInterval(heartbeat);
			reject(error);
		});
		child.once('close', (code) => {
			clearInterval(heartbeat);
			if (code === 0) {
				options.log(`  ✓ ${label} (${seconds(Date.now() - started)})`);
				resolve();
			} else {
				const tail = output.split('\n').slice(-40).join('\n');
				reject(new Error(`${label} failed (exit ${code}) after ${seconds(Date.now() - started)}${tail ? `:\n${tail}` : ''}`));
			}
		});
	});
}

/** @returns {{ command: string, prefixArgs: string[] }} how to run the npm that is running us, or the one on PATH */
function npmCommand() {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) {
		return { command: process.execPath, prefixArgs: [execPath] };
	}
	return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefixArgs: [] };
}

/** Node's C headers next to the running node binary (e.g. /usr/include/node), for node-gyp. */
function localNodeHeadersDir() {
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/** @param {(line: string) => void} log */
async function buildSqlite(log) {
	const npm = npmCommand();
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...process.env, 'prebuild-install_buildFromSource': 'true' };
	const nodedir = env.npm_config_nodedir || localNodeHeadersDir();
	if (nodedir) env.npm_config_nodedir = nodedir;
	else log('  ! Node headers not found next to node: node-gyp will try to download them from nodejs.org');
	fs.rmSync(path.join(SQLITE_DIR, 'build'), { recursive: true, force: true });
	// Explicit --ignore-scripts=false overrides .n8n-runtime/.npmrc for this one package;
	// package.json's allowScripts (npm ≥11) approves sqlite3 and denies the rest.
	await run('sqlite3 native binding built from source', npm.command, [...npm.prefixArgs, 'rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
		env,
		quietOutput: true,
		log,
	});
	if (!fs.existsSync(SQLITE_BINDING)) throw new Error(`sqlite3 build produced no ${SQLITE_BINDING}`);
}

function verify() {
	const check = spawnSync(
		process.execPath,
		['-e', "const s=require('sqlite3');new s.Database(':memory:').get('select 1 as ok',(e,r)=>{if(e||!r)process.exit(1)})"],
		{ cwd: RUNTIME_DIR, encoding: 'utf8' },
	);
	if (check.status !== 0) throw new Error(`sqlite3 does not load:\n${check.stderr}`);
	const version = spawnSync(process.execPath, [N8N_BIN, '--version'], { cwd: RUNTIME_DIR, encoding: 'utf8' });
	if (version.status !== 0) throw new Error(`n8n does not start:\n${version.stdout}${version.stderr}`);
	return version.stdout.trim();
}

/** Cross-process lock so `npm start` and the e2e tests never install at the same time. */
async function withLock(/** @type {() => Promise<any>} */ fn, /** @type {(line: string) => void} */ log) {
	let waitingSince = 0;
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(path.join(LOCK_DIR, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (owner && !isAlive(owner)) {
				fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (!waitingSince) {
				waitingSince = Date.now();
				log(`Another process (pid ${owner || '?'}) is installing the n8n runtime; waiting…`);
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Makes sure .n8n-runtime is installed and matches its lockfile.
 * @param {{ force?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<{ installed: boolean, durationMs: number, version?: string }>} installed: whether this call (re)installed
 */
async function ensureRuntime(options = {}) {
	const log = options.log ?? ((line) => console.log(line));
	const started = Date.now();
	const before = status();
	if (before.upToDate && !options.force) {
		log(`n8n runtime up to date (.n8n-runtime, ${before.reason}).`);
		return { installed: false, durationMs: Date.now() - started };
	}
	return await withLock(async () => {
		// Someone else may have finished the job while we waited for the lock.
		const now = status();
		if (now.upToDate && !options.force) {
			log('n8n runtime up to date (installed by another process).');
			return { installed: false, durationMs: Date.now() - started };
		}
		const n8nVersion = JSON.parse(fs.readFileSync(path.join(RUNTIME_DIR, 'package.json'), 'utf8')).dependencies.n8n;
		log(`Installing n8n ${n8nVersion} into .n8n-runtime (${options.force ? 'forced' : now.reason}).`);
		log('  First install downloads ~2,100 packages (~2.3 GB on disk): about 2-4 minutes, then ~1 minute to compile sqlite3.');
		const npm = npmCommand();
		await run('npm ci --ignore-scripts', npm.command, [...npm.prefixArgs, 'ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { log });
		await buildSqlite(log);
		const version = verify();
		fs.writeFileSync(STAMP_FILE, JSON.stringify({ fingerprint: fingerprint(), n8n: version, installedAt: new Date().toISOString() }, null, 2));
		log(`n8n ${version} runtime ready in ${seconds(Date.now() - started)}.`);
		return { installed: true, durationMs: Date.now() - started, version };
	}, log);
}

module.exports = { ensureRuntime, runtimeStatus: status, npmCommand, isProcessAlive: isAlive, RUNTIME_DIR };

if (require.main === module) {
	ensureRuntime({ force: process.argv.includes('--force') }).catch((error) => {
		console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
		process.exit(1);
	});
}
