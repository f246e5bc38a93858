// @ts-check
'use strict';

/**
 * The queue-mode stack the suite runs on (test/e2e/n8n/queue.js) and Node-API helpers for its tests
 * (kept in JS, as in ../helpers.js).
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');
const { jsonParse } = require('n8n-workflow');
const { startQueueStack } = require('../n8n/queue');

/**
 * Main + 2 workers + 2 webhook processors on a throwaway PostgreSQL cluster and Redis, with a fresh
 * encryption key. Two webhook processors, so a test can send Pipedrive's retry of a delivery to
 * another process than the first attempt (as a load balancer in front of several would).
 * @param {{ log?: (line: string) => void }} [options]
 */
async function startTestStack(options = {}) {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-queue-'));
	// PostgreSQL runs as the postgres user when we are root: it must reach its folder inside this one.
	fs.chmodSync(dataDir, 0o755);
	const removeData = () => fs.rmSync(dataDir, { recursive: true, force: true });
	const encryptionKey = randomBytes(24).toString('base64url');
	const stack = await startQueueStack({ dataDir, durable: false, encryptionKey, workers: 2, webhookProcessors: 2, log: options.log }).catch((error) => {
		removeData();
		throw error;
	});
	return Object.assign(stack, { dispose: () => stack.stop().then(removeData) });
}

/** @typedef {Awaited<ReturnType<typeof startTestStack>>} TestStack */

/**
 * POSTs JSON to an n8n production webhook and returns the status and the parsed answer.
 * @param {string} url
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 * @returns {Promise<{ status: number, body: any }>}
 */
async function postJson(url, body, headers = {}) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(600_000),
	});
	const text = await response.text();
	return { status: response.status, body: text ? jsonParse(text, { fallbackValue: text }) : undefined };
}

/**
 * Counts the executions each worker starts from now on (from the workers' logs).
 * @param {TestStack} stack
 * @returns {() => Record<string, number>} worker name → executions it started since the call
 */
function countWorkerStarts(stack) {
	const startsSoFar = () => {
		/** @type {Record<string, number>} */
		const counts = Object.fromEntries(stack.workers.map((worker) => [worker.name, 0]));
		for (const names of stack.executionWorkers().values()) for (const name of names.split('+')) counts[name] = (counts[name] ?? 0) + 1;
		return counts;
	};
	const before = startsSoFar();
	return () => Object.fromEntries(Object.entries(startsSoFar()).map(([name, count]) => [name, count - (before[name] ?? 0)]));
}

module.exports = { startTestStack, postJson, countWorkerStarts };
