// @ts-check
'use strict';

/**
 * The queue-mode scenario of BENCHMARKS.md, from bench/results/queue.json (written by `node bench/queue.js`,
 * which needs PostgreSQL and Redis and is therefore run on its own, not by `npm run bench`).
 */

const fs = require('fs');
const path = require('path');

const RESULTS = path.join(__dirname, '..', 'results', 'queue.json');
const UNTHROTTLED = path.join(__dirname, '..', 'results', 'queue-unthrottled.json');

/** @param {string} file */
const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
const seconds = (/** @type {number} */ ms) => (ms / 1000).toFixed(1);

/** @param {any[]} runs @param {any[]} [unthrottled] runs of the same shapes without the limit */
function queueTable(runs, unthrottled = []) {
	const lines = [
		'| Executions × creates each | Total s | Floor s | Total / floor | Without the limit, s | 429 answers | Failed items | Executions per worker |',
		'|---|---|---|---|---|---|---|---|',
	];
	for (const run of runs) {
		const free = unthrottled.find((other) => other.executions === run.executions && other.deals === run.deals);
		const workers = Object.entries(run.perWorker)
			.map(([name, count]) => `${name} ${count}`)
			.join(', ');
		lines.push(
			`| ${run.executions} × ${run.itemsPerExecution} | **${seconds(run.totalMs)}** | ${seconds(run.floorMs)} | **${(run.totalMs / run.floorMs).toFixed(2)}×** | ${free ? seconds(free.totalMs) : '–'} | ${run.rateLimited} of ${run.requests} requests | ${run.failedItems} | ${workers} |`,
		);
	}
	return lines.join('\n');
}

/** @returns {string[]} the section's lines, or none when bench/queue.js has not been run */
function queueSection() {
	const report = read(RESULTS);
	if (!report) return [];
	const free = read(UNTHROTTLED);
	const [first] = report.runs;
	return [
		`## Queue mode: ${first.deals.toLocaleString('en-US')} creates over 2 workers`,
		'',
		`**Reproduce:** \`node bench/queue.js\` (needs \`npm run build\`; installs PostgreSQL and Redis with apt-get on first use), then \`node bench/run.js --report-only\` to put its \`bench/results/queue.json\` here; \`--unthrottled\` measures the same runs without the limit into \`bench/results/queue-unthrottled.json\`. Run ${report.date.slice(0, 16).replace('T', ' ')} UTC on ${report.machine}; Node ${report.node}, ${report.n8n}.`,
		'',
		`n8n in queue mode through \`test/e2e/n8n/queue.js\`: PostgreSQL, Redis, a main instance, 2 workers (${report.workerConcurrency} executions at once each), 1 webhook processor. The executions are started at once through the webhook processor (Webhook → Split Out → Create Deal, one \`POST /api/v2/deals\` per item); the loopback fake Pipedrive enforces ${report.limit.limit} requests per ${report.limit.windowMs / 1000} s for the one API token, so ${first.deals.toLocaleString('en-US')} creates cannot take less than ${seconds(first.floorMs)} s. Each worker has its own pacer: they share only what Pipedrive’s \`x-ratelimit-*\` headers report. Total time is from the first request sent to the last execution answered; failed items are deals not created.`,
		'',
		queueTable(report.runs, free?.runs),
		'',
		'The fewer the executions, the closer to the floor: with one item each, n8n’s own work per execution (queueing, loading and saving it in PostgreSQL) outweighs the requests. “Without the limit” is what the same runs take when the fake allows everything: the time above it is the wait for Pipedrive’s window.',
		'',
	];
}

module.exports = { queueSection, queueTable, RESULTS };
