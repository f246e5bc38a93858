/**
 * The queue-mode e2e suite (n8n main + workers + webhook processors on PostgreSQL and Redis):
 * npm run test:e2e:queue. Its own config: one stack for the whole suite, started in the test file.
 * The global setup is the e2e one (build, dist snapshot, runtime), plus PostgreSQL and Redis from apt.
 */
const base = require('../jest.config');

module.exports = {
	...base,
	rootDir: '../../..',
	roots: ['<rootDir>/test/e2e/queue'],
	testPathIgnorePatterns: [],
	globalSetup: '<rootDir>/test/e2e/queue/global-setup.js',
	// One stack at a time: several would fight over the two cores.
	maxWorkers: 1,
	testTimeout: 300_000,
};
