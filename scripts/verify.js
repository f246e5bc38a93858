#!/usr/bin/env node
// `npm run verify`: what n8n's community-package scanner checks after publishing, run here.
// 1. The source leg: package.json and nodes/ + credentials/ (.ts, .json), with the scanner's rule sets.
// 2. The tarball leg: it packs the package, checks that only dist/ and the docs ship, and lints the
//    packed JavaScript and package.json the same way.
// Rule sets: @n8n/eslint-plugin-community-nodes recommended, no-console, and eslint-plugin-n8n-nodes-base
// (community on package.json, credentials and nodes on their sources). Inline eslint-disable is ignored.
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
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...n8nNodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json', '**/*.ts'], languageOptions: { parser } },
	];
}

async function lint(cwd, files) {
	const { ESLint } = require('eslint');
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: await scanConfig() });
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	if (errors) console.log(await (await eslint.loadFormatter('stylish')).format(results));
	return errors;
}

function sourceFiles() {
	const under = (dir) => fs.readdirSync(path.join(root, dir), { recursive: true }).filter((file) => /\.(js|ts|json)$/.test(file)).map((file) => path.join(dir, file));
	return ['package.json', ...under('nodes'), ...under('credentials')].map((f) => path.join(root, f));
}

async function main() {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pipedrive-verify-'));
	try {
		const { dir, files } = pack(work);
		const stray = files.filter((f) => !ALLOWED_TOP_LEVEL.has(f.split('/')[0]));
		if (stray.length) throw new Error(`The tarball ships files outside dist/: ${stray.join(', ')}`);
		const sources = sourceFiles();
		const sourceErrors = await lint(root, sources);
		if (sourceErrors) throw new Error(`${sourceErrors} finding(s) in the source`);
		const targets = files.filter((f) => f.endsWith('.js') || f.endsWith('.json')).map((f) => path.join(dir, f));
		const tarballErrors = await lint(dir, targets);
		if (tarballErrors) throw new Error(`${tarballErrors} finding(s) in the packed tarball`);
		console.log(
			`verify: source ${sources.length} files, tarball ${files.length} files (dist, package.json, README, LICENSE only; ${targets.length} linted): 0 findings with the scanner's rules`,
		);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`verify failed: ${error.message}`);
	process.exit(1);
});
