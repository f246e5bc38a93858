// The interface snapshot (interface/<node>.json) and its gate, shared by `npm run generate` and the tests.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { formatJson } = require('./json-format');
const { registerTypeScript } = require('./require-ts');

const root = path.resolve(__dirname, '..', '..');
const SNAPSHOT = path.join(root, 'interface', 'pipedriveComplete.json');

/** The action node's interface as n8n would load it now (from the committed generated description). */
function currentInterface() {
	registerTypeScript();
	const { interfaceOf, descriptionsByVersion } = require('../../nodes/Pipedrive/builders/interface.ts');
	const { PipedriveComplete } = require('../../nodes/Pipedrive/PipedriveComplete.node.ts');
	const node = new PipedriveComplete();
	return interfaceOf(node.description.name, descriptionsByVersion(node));
}

/**
 * Compares with the recorded snapshot: incompatible changes fail (and leave the snapshot as it is),
 * additions are recorded (or, with check, reported as not yet recorded).
 */
function updateSnapshot(check) {
	const { incompatibilities, gateReport } = require('../../nodes/Pipedrive/builders/interface.ts');
	const current = currentInterface();
	const text = formatJson(current);
	const recorded = fs.existsSync(SNAPSHOT) ? JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) : undefined;
	const found = recorded ? incompatibilities(recorded, current) : [];
	if (found.length) return { ok: false, message: gateReport(found) };
	if (recorded && fs.readFileSync(SNAPSHOT, 'utf8') === text) return { ok: true };
	if (check) return { ok: false, message: `${path.relative(root, SNAPSHOT)} lacks compatible additions; run npm run generate` };
	fs.mkdirSync(path.dirname(SNAPSHOT), { recursive: true });
	fs.writeFileSync(SNAPSHOT, text);
	return { ok: true, message: `${path.relative(root, SNAPSHOT)} ${recorded ? 'updated with compatible additions' : 'written'}` };
}

module.exports = { SNAPSHOT, currentInterface, updateSnapshot };
