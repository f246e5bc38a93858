// @ts-check
'use strict';

/**
 * Paths, and the process set-up every bench worker shares:
 * - one copy of n8n-workflow for everything (the repo's, which n8n-core 2.8.1 uses): the runtime's
 *   n8n-nodes-base would otherwise load its own copy (same version 2.8.0) from .n8n-runtime;
 * - n8n-core's user folder in a temp dir (it writes instance settings there), and quiet logs.
 */

const fs = require('fs');
const Module = require('module');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNTIME_MODULES = path.join(ROOT, '.n8n-runtime', 'node_modules');
const BASE = path.join(RUNTIME_MODULES, 'n8n-nodes-base', 'dist');
/** Our compiled package: bench/run.js compiles the current sources here (see buildOurs in run.js). */
const OUR_DIST = process.env.BENCH_OUR_DIST || path.join(ROOT, 'bench', '.build');

const PATHS = {
	root: ROOT,
	runtimeModules: RUNTIME_MODULES,
	ourDist: OUR_DIST,
	ourNode: path.join(OUR_DIST, 'nodes', 'Pipedrive', 'PipedriveComplete.node.js'),
	ourTrigger: path.join(OUR_DIST, 'nodes', 'PipedriveCompleteTrigger', 'PipedriveCompleteTrigger.node.js'),
	ourApiCredential: path.join(OUR_DIST, 'credentials', 'PipedriveCompleteApi.credentials.js'),
	builtinNode: path.join(BASE, 'nodes', 'Pipedrive', 'Pipedrive.node.js'),
	builtinTrigger: path.join(BASE, 'nodes', 'Pipedrive', 'PipedriveTrigger.node.js'),
	builtinApiCredential: path.join(BASE, 'credentials', 'PipedriveApi.credentials.js'),
	builtinBasicAuthCredential: path.join(BASE, 'credentials', 'HttpBasicAuth.credentials.js'),
};

function runtimeAvailable() {
	return fs.existsSync(PATHS.builtinNode) && fs.existsSync(PATHS.builtinTrigger);
}

let aliased = false;

/** Resolves `n8n-workflow` (and its subpaths) from the repo root, whoever asks. */
function aliasN8nWorkflow() {
	if (aliased) return;
	aliased = true;
	const paths = [ROOT];
	const cache = new Map();
	const moduleAny = /** @type {any} */ (Module);
	const original = moduleAny._resolveFilename;
	moduleAny._resolveFilename = function (/** @type {string} */ request, /** @type {any[]} */ ...rest) {
		if (request === 'n8n-workflow' || request.startsWith('n8n-workflow/')) {
			let resolved = cache.get(request);
			if (!resolved) {
				resolved = original.call(this, request, { id: ROOT, filename: path.join(ROOT, 'index.js'), paths: moduleAny._nodeModulePaths(ROOT) }, false, { paths });
				cache.set(request, resolved);
			}
			return resolved;
		}
		return original.call(this, request, ...rest);
	};
}

function prepareProcess() {
	aliasN8nWorkflow();
	const folder = path.join(os.tmpdir(), `n8n-pipedrive-bench-${process.pid}`);
	fs.mkdirSync(folder, { recursive: true });
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
	process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
}

function versions() {
	const read = (/** @type {string} */ file) => {
		try {
			return JSON.parse(fs.readFileSync(file, 'utf8')).version;
		} catch {
			return undefined;
		}
	};
	return {
		node: process.version,
		n8n: read(path.join(RUNTIME_MODULES, 'n8n', 'package.json')),
		n8nNodesBase: read(path.join(RUNTIME_MODULES, 'n8n-nodes-base', 'package.json')),
		n8nCore: read(path.join(ROOT, 'node_modules', 'n8n-core', 'package.json')),
		n8nWorkflow: read(path.join(ROOT, 'node_modules', 'n8n-workflow', 'package.json')),
		package: read(path.join(ROOT, 'package.json')),
	};
}

module.exports = { PATHS, ROOT, runtimeAvailable, aliasN8nWorkflow, prepareProcess, versions };
