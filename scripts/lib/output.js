// Writing the generated files people review (catalogue, description, interface record, docs).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const WIDTH = 140;

/**
 * JSON where a value that fits on one line stays on one line and larger ones open up one entry per line,
 * so a diff shows the field, option or parameter that changed.
 */
function formatValue(value, indent = '') {
	const flat = JSON.stringify(value);
	if (value === null || typeof value !== 'object' || flat.length + indent.length <= WIDTH) return flat;
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => inner + formatValue(entry, inner)).join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
	if (entries.length === 0) return '{}';
	return `{\n${entries.map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${formatValue(entry, inner)}`).join(',\n')}\n${indent}}`;
}

const formatJson = (value) => `${formatValue(value)}\n`;

/** Writes each file whose text differs (with `check`, none); returns those files, relative to the repo. */
function writeChanged(texts, check) {
	const changed = [];
	for (const [file, text] of Object.entries(texts)) {
		if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
		changed.push(path.relative(root, file));
		if (check) continue;
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
	}
	return changed;
}

module.exports = { root, formatJson, writeChanged };
