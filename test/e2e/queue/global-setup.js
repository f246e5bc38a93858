// @ts-check
'use strict';

/** The e2e global setup (build, dist snapshot, n8n runtime), then PostgreSQL and Redis (apt-get on first use). */

const e2eSetup = require('../global-setup');
const { ensureServices } = require('../n8n/queue-services');

module.exports = async function globalSetup() {
	await e2eSetup();
	const { installedMs } = ensureServices({ log: (line) => process.stdout.write(`[e2e queue setup] ${line}\n`) });
	if (!installedMs) process.stdout.write('[e2e queue setup] PostgreSQL and Redis are installed\n');
};
