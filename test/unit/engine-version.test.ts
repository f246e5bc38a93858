// The suite runs on more than one n8n engine (jest.config.js: n8n-core 2.8.1; jest.current.config.js:
// n8n-core 2.40.3). Our node must load the n8n-workflow its engine was built with, as inside n8n,
// or class checks (NodeApiError, Workflow) and the engine's expression sandbox would be another copy's.
import { version as nodeVersion } from 'node:process';

const engine = require('n8n-core/package.json') as { version: string; dependencies: Record<string, string> };
const workflow = require('n8n-workflow/package.json') as { version: string };

test(`the node's n8n-workflow is the one n8n-core ${engine.version} depends on (Node ${nodeVersion})`, () => {
	expect(workflow.version).toBe(engine.dependencies['n8n-workflow']);
});
