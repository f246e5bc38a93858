// Installs the package's own dev dependencies (`npm ci`) when they are missing, so `npm start` and
// `npm test` work as the first commands on a fresh clone.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function ensureDependencies() {
	if (fs.existsSync(path.join(root, 'node_modules', '.bin', 'jest')) && fs.existsSync(path.join(root, 'node_modules', 'n8n-core'))) return;
	console.log('▶ Installing dependencies (npm ci) on first use');
	const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

module.exports = { ensureDependencies, root };
