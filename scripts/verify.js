#!/usr/bin/env node
// `npm run verify`: what n8n's community-package scanner checks after publishing, run here on the
// real tarball. It packs the package, checks what ships, and lints the packed JavaScript and
// package.json with the scanner's rule sets (@n8n/eslint-plugin-community-nodes recommended,
// no-console, eslint-plugin-n8n-nodes-base community rules). Inline eslint-disable comments are ignored.
'use strict';

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const { createRequire } = require('node:module');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const ALLOWED_TOP_LEVEL = new Set(['dist', 'package.json', 'README.md', 'LICENSE', 'LICENSE.md']);

function pack(into) {
	const output = execFileSync('npm', ['pack', '--json', '--pack-destination', into], { cwd: root, encoding: 'utf8' });
	const [info] = JSON.parse(output);
	execFileSync('tar', ['xzf', path.join(into, info.filename), '-C', into]);
	return { dir: path.join(into, 'package'), files: info.files.map((f) => f.path) };
}

async function scanConfig() {
	const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
	// The TypeScript parser comes with @n8n/node-cli's typescript-eslint (the scanner uses the same one).
	const fromNodeCli = createRequire(require.resolve('@n8n/node-cli/eslint'));
	const parser = fromNodeCli('typescript-eslint').parser;
	const n8nNodesBase = require('eslint-plugin-n8n-nodes-base');
	return [
		n8nCommunityNodesPlugin.configs.recommended,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
		{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
		{ files: ['**/*.json'], languageOptions: { parser } },
	];
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pipedrive-verify-'));
	try {
		const { dir, files } = pack(work);
		const stray = files.filter((f) => !ALLOWED_TOP_LEVEL.has(f.split('/')[0]));
		if (stray.length) throw new Error(`The tarball ships files outside dist/: ${stray.join(', ')}`);
		const { ESLint } = require('eslint');
		const eslint = new ESLint({ cwd: dir, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanConfig() });
		const targets = files.filter((f) => f.endsWith('.js') || f === 'package.json').map((f) => path.join(dir, f));
		const results = await eslint.lintFiles(targets);
		const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
		if (errors) {
			console.log(await (await eslint.loadFormatter('stylish')).format(results));
			throw new Error(`${errors} finding(s) in the packed tarball`);
		}
		console.log(`verify: ${files.length} files packed (dist, package.json, README, LICENSE only); ${targets.length} linted with the scanner's rules: 0 findings`);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`verify failed: ${error.message}`);
	process.exit(1);
});
