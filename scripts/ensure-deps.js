// Installs the package's own dev dependencies (`npm ci`) when they are missing, so `npm start` and
// `npm test` work as the first commands on a fresh clone.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

const installed = () => fs.existsSync(path.join(root, 'node_modules', '.bin', 'jest')) && fs.existsSync(path.join(root, 'node_modules', 'n8n-core'));
const NPM_CI = ['ci', '--no-audit', '--no-fund'];

function ensureDependencies() {
	if (installed()) return;
	console.log('▶ Installing dependencies (npm ci) on first use');
	const result = spawnSync('npm', NPM_CI, { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The same, without blocking: `npm start` runs it beside the n8n runtime install. */
async function ensureDependenciesInBackground() {
	if (installed()) return;
	console.log('▶ Installing the package\'s dev dependencies (npm ci, root node_modules) on first use');
	const started = Date.now();
	const code = await new Promise((resolve) => spawn('npm', [...NPM_CI, '--loglevel=error'], { cwd: root, stdio: 'inherit' }).once('close', resolve));
	if (code !== 0) throw new Error(`npm ci failed (exit ${code})`);
	console.log(`  ✓ dev dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { ensureDependencies, ensureDependenciesInBackground, root };
