/**
 * The unit and engine-level suite on the current n8n engine: the same tests as jest.config.js, with
 * `n8n-core` and `n8n-workflow` resolved from .runtimes/n8n-core-2.40 (n8n-core 2.40.3, n8n-workflow
 * 2.40.1) instead of the repo's n8n-core 2.8.1. Our node's own `n8n-workflow` imports map to the same
 * copy the engine loads, so classes (NodeApiError, Workflow, …) are shared as in a real n8n.
 * Run with `npm run test:current` (installs Node 24 and the engine on first use, runs jest on Node 24).
 * PIPEDRIVE_ENGINE_DIR=<folder with node_modules/n8n-core> points it at another engine.
 */
const path = require('node:path');
const base = require('./jest.config');

const engineDir = process.env.PIPEDRIVE_ENGINE_DIR || path.join(__dirname, '.runtimes', 'n8n-core-2.40');
const engineModules = path.join(engineDir, 'node_modules');

module.exports = {
	...base,
	moduleNameMapper: {
		'^n8n-core$': path.join(engineModules, 'n8n-core'),
		'^n8n-core/(.*)$': path.join(engineModules, 'n8n-core', '$1'),
		'^n8n-workflow$': path.join(engineModules, 'n8n-workflow'),
		'^n8n-workflow/(.*)$': path.join(engineModules, 'n8n-workflow', '$1'),
	},
};
