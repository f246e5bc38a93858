// @ts-check
'use strict';

/** Removes this run's copy of dist/ (see global-setup.js), never a folder the caller named. */

const fs = require('node:fs');
const path = require('node:path');
const { SNAPSHOTS_DIR } = require('./helpers');

module.exports = async function globalTeardown() {
	// Global setup and teardown run in the same process: the copy is named after its pid.
	fs.rmSync(path.join(SNAPSHOTS_DIR, String(process.pid)), { recursive: true, force: true });
};
