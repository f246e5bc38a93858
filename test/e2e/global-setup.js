// @ts-check
'use strict';

/**
 * Once per e2e run:
 * 1. build the package (unless E2E_NO_BUILD=1). A failing build does not abort the run: tests
 *    that need the nodes skip with a message when the action node is missing;
 * 2. copy dist/ into test/e2e/.dist/<pid> and point every n8n we start at that copy
 *    (PIPEDRIVE_N8N_EXTENSIONS_DIR), so a rebuild while the suite runs (`rimraf dist`) cannot
 *    pull the nodes from under a running n8n. The copy stays inside the repo so `n8n-workflow`
 *    still resolves from the root node_modules. A PIPEDRIVE_N8N_EXTENSIONS_DIR set by the caller
 *    is used as it is (to test another build);
 * 3. make sure the selected n8n runtime is installed (PIPEDRIVE_N8N_RUNTIME: n8n-2.8, the default,
 *    or n8n-2.40 on Node 24; first time: a few minutes, ~2.3-2.8 GB);
 * 4. install playwright-core into test/e2e/browser (its own package.json and lock) for the
 *    editor test. The browser itself is the system Chromium: test/e2e/n8n/install-browser.sh.
 */

const fs = require('node:fs');
const path = require('node:path');
const { ensureRuntime, runNpm, isProcessAlive } = require('./n8n/ensure-runtime');
const { REPO_ROOT, DIST_DIR, ACTION_NODE_FILE, EXTENSIONS_DIR_VARIABLE, RUNTIME, isPackageBuilt } = require('./n8n/cli');
const { BROWSER_PACKAGE_DIR, SNAPSHOTS_DIR } = require('./helpers');

/** @param {string} line */
const log = (line) => process.stdout.write(`[e2e setup] ${line}\n`);

/** @param {string} label @param {string[]} args npm arguments @param {string} cwd @returns {Promise<string | undefined>} why it failed */
const npm = (label, args, cwd) => runNpm(label, args, { cwd, quietOutput: true, log }).then(() => undefined, (/** @type {Error} */ error) => error.message);

/** Removes snapshots left by runs that are gone, then copies dist/ for this run (removed when it ends). */
function snapshotDist() {
	fs.mkdirSync(SNAPSHOTS_DIR, { recursive: true });
	for (const entry of fs.readdirSync(SNAPSHOTS_DIR)) {
		if (/^\d+$/.test(entry) && !isProcessAlive(Number(entry))) fs.rmSync(path.join(SNAPSHOTS_DIR, entry), { recursive: true, force: true });
	}
	const target = path.join(SNAPSHOTS_DIR, String(process.pid));
	fs.cpSync(DIST_DIR, target, { recursive: true });
	// Global setup runs in jest's main process: it exits once the run is over.
	process.once('exit', () => fs.rmSync(target, { recursive: true, force: true }));
	process.env[EXTENSIONS_DIR_VARIABLE] = target;
	log(`n8n loads the package from ${path.relative(REPO_ROOT, target)} (a copy of dist/)`);
}

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	const buildFailure = process.env.E2E_NO_BUILD === '1' ? undefined : await npm('npm run build', ['run', 'build'], REPO_ROOT);
	if (buildFailure) log(`build failed (${buildFailure}); tests use the dist/ that exists.`);
	const given = process.env[EXTENSIONS_DIR_VARIABLE];
	if (given) log(`n8n loads the package from ${given} (${EXTENSIONS_DIR_VARIABLE})`);
	else if (isPackageBuilt()) snapshotDist();
	if (!isPackageBuilt()) log(`${path.relative(REPO_ROOT, ACTION_NODE_FILE)} is missing: node tests will be skipped.`);
	log(`n8n runtime: ${RUNTIME.title} (${path.relative(REPO_ROOT, RUNTIME.dir)}; PIPEDRIVE_N8N_RUNTIME selects another)`);
	await ensureRuntime({ runtime: RUNTIME.name, log });
	if (!fs.existsSync(path.join(BROWSER_PACKAGE_DIR, 'node_modules', 'playwright-core', 'package.json'))) {
		const failure = await npm('npm ci in test/e2e/browser (playwright-core)', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], BROWSER_PACKAGE_DIR);
		if (failure) log(`could not install playwright-core: the editor test will skip.\n${failure}`);
	}
};
