// @ts-check
'use strict';

/**
 * Paths, and the process set-up every bench worker shares:
 * - one engine per worker: `n8n-core` and `n8n-workflow` (and their subpaths) resolve from
 *   BENCH_ENGINE_MODULES, whoever asks (our node, n8n-nodes-base, the bench), as inside n8n, where a
 *   node loads the n8n-workflow copy of the n8n it runs in. Default: the repo's node_modules
 *   (n8n-core 2.8.1, n8n-workflow 2.8.0);
 * - the built-in node from BENCH_BUILTIN_MODULES (a node_modules folder holding n8n-nodes-base);
 * - n8n-core's user folder in a temp dir (it writes instance settings there), and quiet logs.
 * bench/run.js sets both variables per engine (bench/lib/engines.js).
 */

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
	root: ROOT,
	engineModules: ENGINE_MODULES,
	builtinModules: BUILTIN_MODULES,
	ourDist: OUR_DIST,
	ourNode: path.join(OUR_DIST, 'nodes', 'Pipedrive', 'PipedriveComplete.node.js'),
	ourTrigger: path.join(OUR_DIST, 'nodes', 'PipedriveCompleteTrigger', 'PipedriveCompleteTrigger.node.js'),
	ourApiCredential: path.join(OUR_DIST, 'credentials', 'PipedriveCompleteApi.credentials.js'),
	builtinNode: path.join(BASE, 'nodes', 'Pipedrive', 'Pipedrive.node.js'),
	builtinTrigger: path.join(BASE, 'nodes', 'Pipedrive', 'PipedriveTrigger.node.js'),
	builtinApiCredential: path.join(BASE, 'credentials', 'PipedriveApi.credentials.js'),
	builtinBasicAuthCredential: path.join(BASE, 'credentials', 'HttpBasicAuth.credentials.js'),
};

const ALIASED = ['n8n-core', 'n8n-workflow'];

let aliased = false;

/** Resolves `n8n-core` and `n8n-workflow` (and their subpaths) from ENGINE_MODULES, whoever asks. */
function aliasEngine() {
	if (aliased) return;
	aliased = true;
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

function prepareProcess() {
	aliasEngine();
	const folder = path.join(os.tmpdir(), `n8n-pipedrive-bench-${process.pid}`);
	fs.mkdirSync(folder, { recursive: true });
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

module.exports = { PATHS, ROOT, prepareProcess };
