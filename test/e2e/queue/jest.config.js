/**
 * The queue-mode e2e suite (n8n main + workers + webhook processors on PostgreSQL and Redis):
 * npm run test:e2e:queue. Its own config: one stack for the whole suite, started in the test file
 * (PostgreSQL and Redis come from apt-get on first use, inside the suite's 15-minute beforeAll).
 */
const base = require('../jest.config');

module.exports = {
	...base,
	rootDir: '../../..',
	roots: ['<rootDir>/test/e2e/queue'],
	testPathIgnorePatterns: [],
	// One stack at a time: several would fight over the two cores.
	maxWorkers: 1,
};
