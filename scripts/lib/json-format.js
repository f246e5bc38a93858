// JSON for generated files people review: a value that fits on one line stays on one line, larger ones
// open up one entry per line, so a diff shows the field, option or parameter that changed.
'use strict';

const WIDTH = 140;

function formatJson(value, indent = '') {
	const flat = JSON.stringify(value);
	if (value === null || typeof value !== 'object' || flat.length + indent.length <= WIDTH) return flat;
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => inner + formatJson(entry, inner)).join(',\n')}\n${indent}]`;
	}
	const entries = Object.entries(value).filter(([, entry]) => entry !== undefined);
	if (entries.length === 0) return '{}';
	return `{\n${entries.map(([key, entry]) => `${inner}${JSON.stringify(key)}: ${formatJson(entry, inner)}`).join(',\n')}\n${indent}}`;
}

module.exports = { formatJson: (value) => `${formatJson(value)}\n` };
