// @ts-check
'use strict';

/**
 * Once per e2e run: build the package (unless E2E_NO_BUILD=1) and make sure the pinned n8n
 * runtime is installed. A failing build does not abort the run: tests that need dist/ skip with
 * a message when the action node is missing.
 */

const { spawnSync } = require('node:child_process');
const { ensureRuntime, npmCommand } = require('../../scripts/n8n/ensure-runtime');
const { REPO_ROOT, isPackageBuilt, ACTION_NODE_FILE } = require('../../scripts/n8n/cli');

/** @param {string} line */
const log = (line) => process.stdout.write(`[e2e setup] ${line}\n`);

module.exports = async function globalSetup() {
	process.stdout.write('\n');
	if (process.env.E2E_NO_BUILD !== '1') {
		const npm = npmCommand();
		log('npm run build');
		const result = spawnSync(npm.command, [...npm.prefixArgs, 'run', 'build'], { cwd: REPO_ROOT, encoding: 'utf8' });
		if (result.status !== 0) {
			log(`build failed (exit ${result.status}); tests use the dist/ that exists.\n${(result.stdout + result.stderr).split('\n').slice(-20).join('\n')}`);
		}
	}
	if (!isPackageBuilt()) log(`${ACTION_NODE_FILE} is missing: node tests will be skipped.`);
	await ensureRuntime({ log });
};
