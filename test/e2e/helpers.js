// @ts-check
'use strict';

/**
 * Node-API helpers for the e2e tests, kept in JS: the community-node lint rules that apply to
 * every *.ts file forbid `fs`, `http`, `path`, `process`, ... imports and globals.
 */

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { REPO_ROOT, ACTION_NODE_FILE, isPackageBuilt } = require('../../scripts/n8n/cli');

const FAKE_MODULE = path.join(REPO_ROOT, 'test', 'fake-pipedrive', 'index.js');

/**
 * @typedef {object} ReceivedRequest
 * @property {string} method
 * @property {string} url path + query
 * @property {http.IncomingHttpHeaders} headers
 * @property {string} body
 */

/**
 * A minimal Pipedrive stand-in on 127.0.0.1: answers every request with `reply` and records it.
 * @param {{ status: number, body: unknown }} reply
 */
async function startStandIn(reply) {
	/** @type {ReceivedRequest[]} */
	const requests = [];
	const server = http.createServer((req, res) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
			res.writeHead(reply.status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(reply.body));
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		/** @returns {Promise<void>} */
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

/** @returns {boolean} whether test/fake-pipedrive exists */
function hasFakePipedrive() {
	return fs.existsSync(FAKE_MODULE);
}

/**
 * Starts the fake Pipedrive (test/fake-pipedrive) on a free port.
 * @param {{ apiToken?: string }} [options]
 * @returns {Promise<any>} see test/fake-pipedrive/index.js
 */
async function startFake(options = {}) {
	const { startFakePipedrive } = require(FAKE_MODULE);
	return await startFakePipedrive({ port: 0, ...options });
}

/** @param {string} dir */
function removeDir(dir) {
	fs.rmSync(dir, { recursive: true, force: true });
}

/** @returns {string | undefined} why node tests must be skipped, if they must */
function skipReason() {
	if (isPackageBuilt()) return undefined;
	return `skipped: ${path.relative(REPO_ROOT, ACTION_NODE_FILE)} is missing (npm run build did not produce the action node yet)`;
}

module.exports = { startStandIn, hasFakePipedrive, startFake, removeDir, skipReason };
