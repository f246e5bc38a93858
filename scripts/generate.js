#!/usr/bin/env node
// `npm run generate [-- --check]`, in three steps, each failing when stale:
// 1. the operation catalogue from the official specs (generate-operations.js);
// 2. the action node's description ahead of time: catalogue + designed surface (surface/) become
//    nodes/Pipedrive/generated/description.json (what users see, reviewed as a diff) and operations.json
//    (what the executor needs). The builders are TypeScript and run only here and in tests, never when
//    n8n loads the node;
// 3. the interface saved workflows depend on (interface/pipedriveComplete.json) against that description:
//    compatible additions are recorded, incompatible changes fail and are not.
// `--check` writes nothing and fails when a committed file differs from a fresh build.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { catalogueFiles } = require('./generate-operations');
const { root, formatJson, writeChanged } = require('./lib/output');
const { registerTypeScript } = require('./lib/require-ts');

const GENERATED = path.join(root, 'nodes/Pipedrive/generated');
const SNAPSHOT = path.join(root, 'interface/pipedriveComplete.json');

/** With --check, files that differ from a fresh build fail the run (without, they were just written). */
function failIfStale(stale, check) {
	if (!check || !stale.length) return;
	console.error(`Stale generated files; run npm run generate:\n  ${stale.join('\n  ')}`);
	process.exit(1);
}

function generateCatalogue(check) {
	const { files, obsolete, summary } = catalogueFiles();
	const stale = writeChanged(files, check);
	if (check) stale.push(...obsolete.map((file) => path.relative(root, file)));
	else for (const file of obsolete) fs.rmSync(file);
	failIfStale(stale, check);
	console.log(summary);
}

function generateDescription(check) {
	const { buildDescription, buildOperationTable } = require('../nodes/Pipedrive/builders/artifact.ts');
	const files = { [path.join(GENERATED, 'description.json')]: formatJson(buildDescription()), [path.join(GENERATED, 'operations.json')]: formatJson(buildOperationTable()) };
	failIfStale(writeChanged(files, check), check);
}

/** The interface as n8n would load it now, against the recorded one: additions are recorded, incompatible changes refused. */
function interfaceGate(check) {
	const { interfaceOf, descriptionsByVersion, incompatibilities, gateReport } = require('../nodes/Pipedrive/builders/interface.ts');
	const { PipedriveComplete } = require('../nodes/Pipedrive/PipedriveComplete.node.ts');
	const node = new PipedriveComplete();
	const current = interfaceOf(node.description.name, descriptionsByVersion(node));
	const recorded = fs.existsSync(SNAPSHOT) ? JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) : undefined;
	const found = recorded ? incompatibilities(recorded, current) : [];
	if (found.length) {
		console.error(gateReport(found));
		process.exit(1);
	}
	if (!writeChanged({ [SNAPSHOT]: formatJson(current) }, check).length) return;
	const snapshot = path.relative(root, SNAPSHOT);
	failIfStale([`${snapshot} (lacks compatible additions)`], check);
	console.log(`${snapshot} ${recorded ? 'updated with compatible additions' : 'written'}`);
}

const check = process.argv.includes('--check');
generateCatalogue(check);
registerTypeScript();
generateDescription(check);
interfaceGate(check);
