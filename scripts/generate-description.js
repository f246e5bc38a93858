#!/usr/bin/env node
// Builds the action node's description ahead of time (part of `npm run generate`): the catalogue
// (nodes/Pipedrive/operations/) with its designed surface (surface/) becomes
//   nodes/Pipedrive/generated/description.json  what users see (properties, subtitle), reviewed as a diff;
//   nodes/Pipedrive/generated/operations.json   what the executor needs to run each operation.
// The builders stay TypeScript beside the surface they read and run only here (and in tests), never
// when n8n loads the node. Then the interface snapshot (interface/pipedriveComplete.json) is compared
// with the description: compatible additions are recorded, incompatible changes fail and are not.
// `--check` fails when the committed files differ from a fresh build.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { formatJson } = require('./lib/json-format');
const { updateSnapshot } = require('./lib/interface-snapshot');
const { registerTypeScript } = require('./lib/require-ts');

const root = path.resolve(__dirname, '..');
const GENERATED = path.join(root, 'nodes/Pipedrive/generated');

/** The files this step owns, from the current sources. */
function generatedFiles() {
	registerTypeScript();
	const { buildDescription, buildOperationTable } = require('../nodes/Pipedrive/builders/artifact.ts');
	return {
		[path.join(GENERATED, 'description.json')]: formatJson(buildDescription()),
		[path.join(GENERATED, 'operations.json')]: formatJson(buildOperationTable()),
	};
}

function main(check) {
	const stale = [];
	for (const [file, text] of Object.entries(generatedFiles())) {
		const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
		if (current === text) continue;
		if (check) stale.push(path.relative(root, file));
		else {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, text);
		}
	}
	if (stale.length) {
		console.error(`The generated description is stale; run npm run generate:\n  ${stale.join('\n  ')}`);
		process.exitCode = 1;
		return false;
	}
	// The interface saved workflows depend on: additions are recorded, incompatible changes refused.
	const gate = updateSnapshot(check);
	if (gate.message) (gate.ok ? console.log : console.error)(gate.message);
	if (!gate.ok) process.exitCode = 1;
	return gate.ok;
}

module.exports = { generatedFiles, main };

if (require.main === module) main(process.argv.includes('--check'));
