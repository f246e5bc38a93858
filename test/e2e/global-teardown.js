// @ts-check
'use strict';

/** Removes this run's copy of dist/ (see global-setup.js). */

const fs = require('node:fs');
const { EXTENSIONS_DIR_VARIABLE } = require('../../scripts/n8n/cli');

module.exports = async function globalTeardown() {
	const snapshot = process.env[EXTENSIONS_DIR_VARIABLE];
	if (snapshot) fs.rmSync(snapshot, { recursive: true, force: true });
};
