// n8n-core writes its instance settings (with an encryption key) to the user folder: keep it in a temp dir.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');

const folder = path.join(os.tmpdir(), `n8n-pipedrive-test-${process.pid}`);
fs.mkdirSync(folder, { recursive: true });
process.env.N8N_USER_FOLDER = folder;
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL || 'silent';
