// @ts-check
'use strict';

/**
 * Paths, and the set-up every bench worker shares: `n8n-core`/`n8n-workflow` (and subpaths) resolve from
 * BENCH_ENGINE_MODULES whoever asks, as inside n8n (default: the repo's node_modules); the built-in node
 * from BENCH_BUILTIN_MODULES; n8n-core's user folder in a temp dir; quiet logs. bench/run.js sets both
 * variables per engine (bench/lib/engines.js).
 */

const { execFileSync } = require('child_process');
const fs = require('fs');
const Module = require('module');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const ENGINE_MODULES = process.env.BENCH_ENGINE_MODULES || path.join(ROOT, 'node_modules');
const BUILTIN_MODULES = process.env.BENCH_BUILTIN_MODULES || path.join(ROOT, '.n8n-runtime', 'node_modules');
const BASE = path.join(BUILTIN_MODULES, 'n8n-nodes-base', 'dist');
/** Our compiled package: bench/run.js compiles the current sources here (see buildOurs in run.js). */
const OUR_DIST = process.env.BENCH_OUR_DIST || path.join(ROOT, 'bench', '.build');

const PATHS = {
	ourDist: OUR_DIST,
	ourNode: path.join(OUR_DIST, 'nodes', 'Pipedrive', 'PipedriveComplete.node.js'),
	ourTrigger: path.join(OUR_DIST, 'nodes', 'PipedriveCompleteTrigger', 'PipedriveCompleteTrigger.node.js'),
	ourPollingTrigger: path.join(OUR_DIST, 'nodes', 'PipedriveCompletePollingTrigger', 'PipedriveCompletePollingTrigger.node.js'),
	ourApiCredential: path.join(OUR_DIST, 'credentials', 'PipedriveCompleteApi.credentials.js'),
	builtinNode: path.join(BASE, 'nodes', 'Pipedrive', 'Pipedrive.node.js'),
	builtinTrigger: path.join(BASE, 'nodes', 'Pipedrive', 'PipedriveTrigger.node.js'),
	builtinApiCredential: path.join(BASE, 'credentials', 'PipedriveApi.credentials.js'),
	builtinBasicAuthCredential: path.join(BASE, 'credentials', 'HttpBasicAuth.credentials.js'),
};

const ALIASED = ['n8n-core', 'n8n-workflow'];

/** Resolves `n8n-core` and `n8n-workflow` (and their subpaths) from ENGINE_MODULES, whoever asks (once per process). */
function aliasEngine() {
	const from = path.dirname(ENGINE_MODULES);
	const cache = new Map();
	const moduleAny = /** @type {any} */ (Module);
	const original = moduleAny._resolveFilename;
	moduleAny._resolveFilename = function (/** @type {string} */ request, /** @type {any[]} */ ...rest) {
		if (ALIASED.some((name) => request === name || request.startsWith(`${name}/`))) {
			let resolved = cache.get(request);
			if (!resolved) {
				resolved = original.call(this, request, { id: from, filename: path.join(from, 'index.js'), paths: [ENGINE_MODULES] }, false, { paths: [from] });
				cache.set(request, resolved);
			}
			return resolved;
		}
		return original.call(this, request, ...rest);
	};
}

/**
 * Compiles our package (tsc -p tsconfig.build.json) and the engine harness the tests use
 * (test/harness/engine.ts, transpiled) into `outDir`, once per bench run; workers load both from there.
 * tsc still emits on type errors: only a missing output is fatal. @param {string} outDir
 */
function buildOurs(outDir) {
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	if (!fs.existsSync(tsc)) throw new Error('node_modules is missing: run `npm ci` first');
	fs.rmSync(outDir, { recursive: true, force: true });
	try {
		execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: ROOT, stdio: 'pipe' });
	} catch (error) {
		const output = String(/** @type {any} */ (error).stdout ?? '').split('\n').slice(0, 5).join('\n');
		if (!fs.existsSync(path.join(outDir, 'nodes'))) throw new Error(`compiling our node failed:\n${output}`);
		console.log(`tsc reported errors (output emitted anyway):\n${output}`);
	}
	const { transpile } = require('../../scripts/lib/require-ts');
	fs.mkdirSync(path.join(outDir, 'harness'), { recursive: true });
	fs.writeFileSync(path.join(outDir, 'harness', 'engine.js'), transpile(path.join(ROOT, 'test', 'harness', 'engine.ts')));
}

/** The engine harness (test/harness/engine.ts) as buildOurs compiled it, on this worker's engine. @returns {{ Engine: new (setup: any) => any }} */
function loadHarness() {
	return require(path.join(OUR_DIST, 'harness', 'engine.js'));
}

function prepareProcess() {
	aliasEngine();
	const folder = path.join(os.tmpdir(), `n8n-pipedrive-bench-${process.pid}`);
	fs.mkdirSync(folder, { recursive: true });
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

module.exports = { PATHS, ROOT, buildOurs, loadHarness, prepareProcess };
