#!/usr/bin/env node
// `npm test`: the unit and engine-level suite (jest) on n8n-core 2.8.1, the repo's dev dependency.
// `npm run test:current` (`node scripts/test.js --engine current`): the same suite on n8n-core 2.40.3 /
// n8n-workflow 2.40.1 under Node 24 (jest.current.config.js); installs both on first use.
// Other arguments are passed to jest.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./ensure-deps');

const args = process.argv.slice(2);
const at = args.indexOf('--engine');
const engine = at < 0 ? 'default' : args.splice(at, 2)[1];

async function main() {
	ensureDependencies();
	const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
	let node = process.execPath;
	const jestArgs = [...args];
	if (engine === 'current' || engine === '2.40') {
		const { ensureRuntime } = require('../test/e2e/n8n/ensure-runtime');
		const { nodeBinaryFor, runtimeSpec } = require('../test/e2e/n8n/runtimes');
		await ensureRuntime({ runtime: 'n8n-core-2.40' });
		node = nodeBinaryFor(runtimeSpec('n8n-core-2.40'));
		jestArgs.unshift('-c', path.join(root, 'jest.current.config.js'));
	} else if (engine !== 'default' && engine !== '2.8') {
		throw new Error(`unknown --engine "${engine}" (use current / 2.40, or leave it out for n8n-core 2.8.1)`);
	}
	const result = spawnSync(node, [jest, ...jestArgs], { cwd: root, stdio: 'inherit' });
	process.exit(result.status ?? 1);
}

main().catch((error) => {
	console.error(`✗ ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
