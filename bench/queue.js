#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * node bench/queue.js [--deals 2000] [--executions 40,400] [--concurrency 10] [--unthrottled]
 *
 * 2,000 single-deal creates through n8n's queue mode (test/e2e/n8n/queue.js: main, 2 workers, 1 webhook
 * processor, PostgreSQL, Redis) against the fake Pipedrive enforcing 80 requests per 2 s for the one
 * token (a 50 s floor); each worker paces itself by the `x-ratelimit-*` headers. Each `--executions`
 * value is one run: that many webhook calls (≤ 100 open at once), the deals split evenly between them.
 * Writes bench/results/queue.json (`--unthrottled`: queue-unthrottled.json, no limit), which
 * bench/lib/report.js adds to BENCHMARKS.md: total time vs floor, 429s, failed items, executions per worker.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes, randomUUID } = require('node:crypto');
const { parseArgs } = require('node:util');

const ROOT = path.resolve(__dirname, '..');
const cli = require('../test/e2e/n8n/cli');
const { startQueueStack } = require('../test/e2e/n8n/queue');
const { startFakePipedrive } = require('../test/fake-pipedrive');
const { queueTable, QUEUE_RESULTS, QUEUE_UNTHROTTLED } = require('./lib/report');
const { API_TOKEN } = require('./lib/orchestrate');
const { inLanes } = require('./lib/kit');

const LIMIT = { limit: 80, windowMs: 2000 };
const CREDENTIAL = { id: 'pdQueueBenchCred', name: 'Pipedrive (bench fake)', type: 'pipedriveCompleteApi' };
const PATH = 'bench-create-deals';
/**
 * Webhook calls kept open at once. n8n 2.8.4's webhook processor left some of 400 simultaneous calls
 * that wait for their execution (`lastNode`) unanswered for minutes, with no execution created.
 */
const MAX_OPEN_CALLS = 100;

const text = (/** @type {string} */ value) => ({ type: /** @type {const} */ ('string'), default: value });
const { values: args } = parseArgs({ options: { deals: text('2000'), executions: text('40,400'), concurrency: text('10'), unthrottled: { type: 'boolean', default: false } } });

const started = Date.now();
const log = (/** @type {string} */ line) => console.log(`[queue bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${line}`);

/** Webhook `{ deals: [{ title }] }` → one item per deal → Create Deal per item; answers with every deal created. */
const workflow = cli.chainWorkflow({
	name: 'bench: create deals',
	nodes: [
		{
			name: 'Request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
		},
		{ name: 'One item per deal', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.deals', options: {} } },
		{
			name: 'Create deal',
			type: cli.NODE_TYPES.action,
			parameters: { authentication: 'apiToken', resource: 'deal', operation: 'addDeal', title: '={{ $json.title }}' },
			credentials: { [CREDENTIAL.type]: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
		},
	],
});

/**
 * One run: `executions` webhook calls at once, `deals` creates in all.
 * @param {{ fake: any, stack: import('../test/e2e/n8n/queue').QueueStack, rest: InstanceType<typeof cli.RestClient>, executions: number, deals: number, run: number, enforce: boolean }} options
 */
async function measure({ fake, stack, rest, executions, deals, run, enforce }) {
	fake.reset();
	// Unthrottled: a limit nobody reaches, so the headers never ask the pacer to wait either.
	fake.setRateLimit(enforce ? { ...LIMIT, enforce } : { limit: 1_000_000, windowMs: LIMIT.windowMs, enforce });
	const startsBefore = countStarts(stack);
	const errorsBefore = await countExecutions(rest, 'error');
	const batches = Array.from({ length: executions }, (_, e) =>
		Array.from({ length: Math.floor(deals / executions) + (e < deals % executions ? 1 : 0) }, (_, i) => ({ title: `Bench ${run}.${e}.${i}` })),
	);
	const url = `${stack.webhookUrl}webhook/${PATH}`;
	const t0 = Date.now();
	const answers = await inLanes(batches, MAX_OPEN_CALLS, async (batch) => {
		const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ deals: batch }) });
		await response.arrayBuffer();
		return { status: response.status };
	});
	const totalMs = Date.now() - t0;
	fake.setRateLimit({ ...LIMIT, enforce: false });
	const created = fake.store.all('deals').filter((/** @type {any} */ deal) => String(deal.title).startsWith(`Bench ${run}.`)).length;
	const creates = fake.requests.filter((/** @type {any} */ request) => request.method === 'POST' && request.path === '/api/v2/deals');
	const perWorker = Object.fromEntries(Object.entries(countStarts(stack)).map(([name, count]) => [name, count - (startsBefore[name] ?? 0)]));
	return {
		executions,
		deals,
		itemsPerExecution: deals / executions,
		totalMs,
		floorMs: (deals / LIMIT.limit) * LIMIT.windowMs,
		created,
		failedItems: deals - created,
		failedExecutions: answers.filter((answer) => answer.status !== 200).length,
		errorExecutions: (await countExecutions(rest, 'error')) - errorsBefore,
		requests: creates.length,
		rateLimited: creates.filter((/** @type {any} */ request) => request.status === 429).length,
		perWorker,
		violations: fake.violations.length,
	};
}

/** @param {import('../test/e2e/n8n/queue').QueueStack} stack */
function countStarts(stack) {
	/** @type {Record<string, number>} */
	const counts = Object.fromEntries(stack.workers.map((worker) => [worker.name, 0]));
	for (const name of stack.executionWorkers().values()) counts[name] = (counts[name] ?? 0) + 1;
	return counts;
}

/** @param {InstanceType<typeof cli.RestClient>} rest @param {string} status */
async function countExecutions(rest, status) {
	const query = new URLSearchParams({ filter: JSON.stringify({ workflowId: workflow.id, status: [status] }), limit: '1' });
	return /** @type {number} */ ((await rest.request('GET', `/rest/executions?${query}`)).count);
}

async function main() {
	const deals = Number(args.deals);
	const variants = args.executions.split(',').map(Number);
	const concurrency = Number(args.concurrency);
	const enforce = !args.unthrottled;
	const resultsFile = enforce ? QUEUE_RESULTS : QUEUE_UNTHROTTLED;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-bench-'));
	fs.chmodSync(dataDir, 0o755);
	const fake = await startFakePipedrive({ apiToken: API_TOKEN, rateLimit: { ...LIMIT, enforce: false } });
	/** @type {import('../test/e2e/n8n/queue').QueueStack | undefined} */
	let stack;
	const stop = async () => {
		await stack?.stop();
		await fake.close();
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.once(signal, () => void stop().finally(() => process.exit(130)));
	try {
		if (!cli.isPackageBuilt()) throw new Error('dist/ is missing: run `npm run build` first');
		log('starting PostgreSQL, Redis, n8n main, 2 workers, 1 webhook processor');
		stack = await startQueueStack({ dataDir, durable: false, encryptionKey: randomBytes(24).toString('base64url'), workers: 2, webhookProcessors: 1, workerConcurrency: concurrency, log });
		await stack.importCredentials([{ ...CREDENTIAL, data: { apiToken: API_TOKEN, domain: fake.url } }]);
		await stack.importWorkflows([workflow]);
		const rest = await stack.rest();
		await rest.activateWorkflow(workflow.id);
		const runs = [];
		for (const [index, executions] of variants.entries()) {
			log(`${deals} creates as ${executions} execution(s) at once`);
			const result = await measure({ fake, stack, rest, executions, deals, run: index, enforce });
			log(`  ${(result.totalMs / 1000).toFixed(1)} s (floor ${result.floorMs / 1000} s), ${result.rateLimited} × 429, ${result.failedItems} failed, per worker ${JSON.stringify(result.perWorker)}`);
			runs.push(result);
		}
		const report = {
			date: new Date().toISOString(),
			machine: `${os.cpus().length} CPUs, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, load average at end ${os.loadavg().map((load) => load.toFixed(2)).join(' / ')}`,
			node: process.version,
			n8n: stack.runtime.label,
			workerConcurrency: concurrency,
			limit: { ...LIMIT, enforced: enforce },
			runs,
		};
		fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
		fs.writeFileSync(resultsFile, `${JSON.stringify(report, null, 2)}\n`);
		console.log(`\n${queueTable(runs).join('\n')}\n\nwritten: ${path.relative(ROOT, resultsFile)}`);
		if (runs.some((run) => run.failedItems > 0 || run.violations > 0)) process.exitCode = 1;
	} finally {
		await stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
