/** Unit and engine-level tests; the real-n8n e2e suite has its own config (test/e2e/jest.config.js). */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	setupFiles: ['<rootDir>/test/setup.js'],
	setupFilesAfterEnv: ['<rootDir>/test/setup-after-env.js'],
	transform: { '^.+\\.tsx?$': ['ts-jest', { diagnostics: false, tsconfig: '<rootDir>/tsconfig.test.json' }] },
	testTimeout: 60000,
	// n8n-core leaves process-wide handles (instance settings, DI services) open after a run.
	forceExit: true,
};
