// @ts-check
'use strict';

/** The queue-mode stack the suite runs on (test/e2e/n8n/queue.js) and helpers for its tests. */

const { jsonParse } = require('n8n-workflow');
const { startQueueStack } = require('../n8n/queue');

/**
 * Main + 2 workers + 2 webhook processors on a throwaway PostgreSQL cluster and Redis, with a fresh
 * encryption key. Two webhook processors, so a test can send Pipedrive's retry of a delivery to
 * another process than the first attempt (as a load balancer in front of several would).
 * @param {{ log?: (line: string) => void }} [options]
 */
const startTestStack = (options = {}) => startQueueStack({ workers: 2, webhookProcessors: 2, log: options.log });

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
