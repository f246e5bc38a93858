/**
 * End-to-end tests against a real n8n (2.8.4, installed in .n8n-runtime on first run by
 * test/e2e/n8n/ensure-runtime.js). Run with: npx jest -c test/e2e/jest.config.js
 *
 * globalSetup builds the package (set E2E_NO_BUILD=1 to skip) and installs the runtime (first
 * time: a few minutes, ~2.3 GB). Each test file uses its own temp N8N_USER_FOLDER and free ports.
 */
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// Queue mode has its own config and stack: npm run test:e2e:queue.
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/queue/'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	// This run's copy of dist/ (global-setup.js) is for n8n, not for jest.
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/\\.dist/'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/tsconfig.test.json' }] },
	// Each n8n CLI command takes 2-3 s, a server start 5-15 s; machines with 2 cores get slow
	// with several n8n processes at once.
	testTimeout: 300_000,
	maxWorkers: 2,
};
