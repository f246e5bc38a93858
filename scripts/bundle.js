#!/usr/bin/env node
// Last step of `npm run build`: turns tsc's output (one file per module) into what n8n loads fast.
// - All three nodes share one bundle (nodes/pipedriveComplete.bundle.js), so n8n resolves and compiles
//   one file instead of ~40, and the nodes keep sharing module state (one request pacer per credential).
//   Each node file stays where package.json points and only re-exports its class from the bundle.
// - The generated description and operation table stay JSON (JSON.parse is faster than the same data
//   as JavaScript), minified: they are committed formatted for review.
// Usage: node scripts/bundle.js [compiled dir, default dist]
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const BUNDLE = 'nodes/pipedriveComplete.bundle.js';
const NODES = {
	'nodes/Pipedrive/PipedriveComplete.node.js': 'PipedriveComplete',
	'nodes/PipedriveCompleteTrigger/PipedriveCompleteTrigger.node.js': 'PipedriveCompleteTrigger',
	'nodes/PipedriveCompletePollingTrigger/PipedriveCompletePollingTrigger.node.js': 'PipedriveCompletePollingTrigger',
};
const GENERATED_JSON = /[\\/]generated[\\/][^\\/]+\.json$/;

/** Every file and folder under `dir`, folders before what they hold. */
const walk = (dir) => fs.readdirSync(dir, { recursive: true }).map((entry) => path.join(dir, entry));

/** Keeps the generated JSON out of the bundle, required from the bundle's own folder. */
function generatedJsonStaysExternal(outDir) {
	return {
		name: 'generated-json-external',
		setup(build) {
			build.onResolve({ filter: GENERATED_JSON }, (args) => {
				const target = path.resolve(args.resolveDir, args.path);
				const fromBundle = path.relative(path.dirname(path.join(outDir, BUNDLE)), target).split(path.sep).join('/');
				return { path: `./${fromBundle}`, external: true };
			});
		},
	};
}

async function bundle(outDir = path.join(root, 'dist')) {
	const esbuild = require('esbuild');
	const entry = Object.entries(NODES)
		// A getter each: loading one node evaluates only the modules it uses.
		.map(([file, name]) => `Object.defineProperty(exports, ${JSON.stringify(name)}, { enumerable: true, get: () => require(${JSON.stringify(`./${file}`)}).${name} });`)
		.join('\n');
	await esbuild.build({
		stdin: { contents: entry, resolveDir: outDir, sourcefile: 'entry.js', loader: 'js' },
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['n8n-workflow'],
		outfile: path.join(outDir, BUNDLE),
		plugins: [generatedJsonStaysExternal(outDir)],
		logLevel: 'error',
		legalComments: 'none',
	});
	const bundled = new Set([path.join(outDir, BUNDLE)]);
	for (const [file, name] of Object.entries(NODES)) {
		const full = path.join(outDir, file);
		const fromNode = path.relative(path.dirname(full), path.join(outDir, BUNDLE)).split(path.sep).join('/');
		fs.writeFileSync(full, `"use strict";\n// The node's code is in the package's one bundle (scripts/bundle.js).\nexports.${name} = require("${fromNode}").${name};\n`);
		bundled.add(full);
	}
	// What the bundle now holds is removed; credentials, icons, codex and generated JSON stay.
	for (const file of walk(path.join(outDir, 'nodes'))) {
		if (/\.js(\.map)?$/.test(file) && !bundled.has(file)) fs.rmSync(file);
		else if (GENERATED_JSON.test(file)) fs.writeFileSync(file, JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))));
	}
	// Folders left empty, deepest first.
	for (const dir of walk(path.join(outDir, 'nodes')).reverse()) if (fs.statSync(dir).isDirectory() && !fs.readdirSync(dir).length) fs.rmdirSync(dir);
}

module.exports = { bundle };

if (require.main === module) {
	bundle(process.argv[2] ? path.resolve(process.argv[2]) : undefined).catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
