// n8n-core writes its instance settings (with an encryption key) under N8N_USER_FOLDER: keep them out of ~.
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'pipedrive-trigger-test-'));
}
