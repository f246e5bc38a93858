#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * node bench/poll.js [--reps N] [--deals N]
 *
 * One poll of the Pipedrive Complete Polling Trigger over 50,000 updated deals, next to a raw `fetch`
 * loop reading the same changes (`updated_since`, sorted by update time, cursor pages of 500), against
 * the loopback fake Pipedrive. Self-contained: it does not use bench/run.js.
 *
 * - The fake runs in this process: 50,000 deals (the fake's three custom deal fields set, so names are
 *   resolved), each last changed at a different second long ago.
 * - Each measurement is a fresh worker process (`--expose-gc`). Ours: the node is activated (the first
 *   poll remembers where to start), then every deal is changed (spread over 50 seconds), then the next
 *   poll is timed, through the engine harness (test/harness/engine.ts: n8n-core's `TriggersAndPollers` with a `PollContext`, as n8n polls).
 *   Raw: the same change burst, then a loop of `fetch` over the list pages, keeping every record.
 * - Memory: peak RSS and heap above a baseline taken after loading everything and collecting garbage,
 *   sampled every 10 ms.
 *
 * Writes bench/results/poll.json and prints a Markdown table.
 */

const { fork } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const API_TOKEN = 'bench-token-0123456789abcdef';
const RESULTS = path.join(__dirname, 'results', 'poll.json');
const OUR_BUILD = path.join(os.tmpdir(), `pipedrive-poll-bench-build-${process.pid}`);
const PAGE = 500;
const OVERLAP_MS = 10_000;
const CHANGE_SPREAD_SECONDS = 50;

function argument(/** @type {string} */ name, /** @type {number} */ fallback) {
	const index = process.argv.indexOf(name);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

// ---------------------------------------------------------------------------------------------------
// Worker: one measured poll in a fresh process

const iso = (/** @type {number} */ ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Times `fn`, sampling memory every 10 ms above a baseline. @param {() => Promise<any>} fn */
async function measure(fn) {
	const sampler = require('./lib/memory').startSampler();
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const output = await fn();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	const { rssDelta, heapDelta } = sampler.stop();
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rssDeltaMb: rssDelta / 2 ** 20, heapDeltaMb: heapDelta / 2 ** 20, output };
}

/** Asks the orchestrator to change every deal now, and waits until it has. */
function changeAllDeals() {
	return new Promise((resolve) => {
		process.once('message', (/** @type {any} */ message) => resolve(message.changedSince));
		process.send?.({ changeDeals: true });
	});
}

/** Our trigger as n8n runs a poll: one Workflow, one PollContext made at activation, runPoll per poll. */
async function ours(/** @type {{ url: string }} */ task) {
	const { prepareProcess } = require('./lib/env');
	prepareProcess();
	const { Engine } = require('./lib/env').loadHarness(OUR_BUILD_DIR());
	const { PipedriveCompletePollingTrigger } = require(path.join(OUR_BUILD_DIR(), 'nodes', 'PipedriveCompletePollingTrigger', 'PipedriveCompletePollingTrigger.node.js'));
	const { PipedriveCompleteApi } = require(path.join(OUR_BUILD_DIR(), 'credentials', 'PipedriveCompleteApi.credentials.js'));
	const type = 'CUSTOM.pipedriveCompletePollingTrigger';
	const engine = new Engine({
		nodeTypes: { [type]: new PipedriveCompletePollingTrigger() },
		credentialTypes: { pipedriveCompleteApi: new PipedriveCompleteApi() },
		credentials: { pipedriveCompleteApi: { apiToken: API_TOKEN, domain: task.url } },
	});
	const node = engine.node({
		name: 'Pipedrive Polling',
		type,
		parameters: { authentication: 'apiToken', object: 'deal', event: 'createdOrUpdated', options: { maxRecordsPerPoll: 100_000 } },
		credentials: { pipedriveCompleteApi: { id: 'bench', name: 'Bench' } },
	});
	const workflow = engine.workflow(node, { active: true });
	const workflowNode = workflow.getNode(node.name);
	const context = engine.pollContext(workflow, workflowNode, 'activate', () => undefined);

	const activation = await engine.poll(workflow, workflowNode, context);
	if (activation !== null) throw new Error('the activation poll emitted items');
	await changeAllDeals();
	const { ms, cpuMs, rssDeltaMb, heapDeltaMb, output } = await measure(async () => {
		const items = await engine.poll(workflow, workflowNode, context);
		return items?.[0] ?? [];
	});
	const first = output[0]?.json;
	if (!first || first.action !== 'change' || !first.current?.custom_fields?.Region) {
		throw new Error(`unexpected first item: ${JSON.stringify(first).slice(0, 300)}`);
	}
	const state = workflow.staticData[`node:${node.name}`];
	return { ms, cpuMs, rssDeltaMb, heapDeltaMb, records: output.length, stateBytes: JSON.stringify(state).length };
}

/** The same changes read with `fetch`, every record kept. */
async function raw(/** @type {{ url: string }} */ task) {
	const since = await changeAllDeals();
	const { ms, cpuMs, rssDeltaMb, heapDeltaMb, output } = await measure(async () => {
		/** @type {any[]} */
		const records = [];
		let cursor = null;
		do {
			const query = new URLSearchParams({ updated_since: String(since), sort_by: 'update_time', sort_direction: 'asc', limit: String(PAGE) });
			if (cursor) query.set('cursor', cursor);
			const response = await fetch(`${task.url}/api/v2/deals?${query}`, { headers: { 'x-api-token': API_TOKEN } });
			const body = /** @type {any} */ (await response.json());
			records.push(...body.data);
			cursor = body.additional_data?.next_cursor ?? null;
		} while (cursor);
		return records;
	});
	return { ms, cpuMs, rssDeltaMb, heapDeltaMb, records: output.length };
}

function OUR_BUILD_DIR() {
	return process.env.POLL_BENCH_BUILD ?? OUR_BUILD;
}

async function worker() {
	const task = JSON.parse(process.argv[process.argv.indexOf('--worker') + 1]);
	try {
		const result = task.contender === 'ours' ? await ours(task) : await raw(task);
		process.send?.({ ok: true, result });
	} catch (error) {
		process.send?.({ ok: false, error: String(/** @type {Error} */ (error)?.stack ?? error) });
	}
	process.disconnect?.();
}

// ---------------------------------------------------------------------------------------------------
// Orchestrator

/**
 * @param {any} fake
 * @param {{ contender: string }} task
 * @param {() => string} changeDeals returns the `updated_since` a client polling from before the change would send
 */
function runWorker(fake, task, changeDeals) {
	return new Promise((resolve, reject) => {
		const child = fork(__filename, ['--worker', JSON.stringify({ ...task, url: fake.url })], {
			execArgv: ['--expose-gc'],
			env: { ...process.env, POLL_BENCH_BUILD: OUR_BUILD },
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		/** @type {any} */
		let outcome;
		child.on('message', (/** @type {any} */ message) => {
			if (message.changeDeals) child.send({ changedSince: changeDeals() });
			else outcome = message;
		});
		child.on('exit', (code) => (outcome?.ok ? resolve(outcome.result) : reject(new Error(outcome?.error ?? `worker exited with ${code}`))));
	});
}

const median = (/** @type {number[]} */ values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
	const reps = argument('--reps', 3);
	const count = argument('--deals', 50_000);
	console.log(`[poll bench] compiling our package into ${OUR_BUILD}…`);
	require('./lib/env').buildOurs(OUR_BUILD);
	const { startFakePipedrive } = require('../test/fake-pipedrive');
	const fake = await startFakePipedrive({ apiToken: API_TOKEN, rateLimit: { limit: 1_000_000, enforce: false } });
	const region = fake.customFieldKey('dealFields', 'Region');
	const tier = fake.customFieldKey('dealFields', 'Tier');
	const tags = fake.customFieldKey('dealFields', 'Tags');
	const longAgo = Date.now() - 2 * 86_400_000;
	const oldTime = (/** @type {number} */ i) => iso(longAgo - i * 1000);
	fake.seedMany('deals', count, (i) => ({
		title: `Deal ${i}`,
		value: i * 10,
		person_id: (i % 50) + 1,
		org_id: (i % 20) + 1,
		add_time: oldTime(i),
		update_time: oldTime(i),
		custom_fields: { [region]: i % 2 ? 'EU' : 'US', [tier]: (i % 2) + 1, [tags]: [3, 4] },
	}));
	const deals = fake.store.all('deals');
	const table = fake.store.collection('deals');
	const restore = () => {
		deals.forEach((deal, i) => (deal.update_time = oldTime(i + 1)));
		table.touch();
	};
	/** Every deal changed within the last CHANGE_SPREAD_SECONDS; returns what a poller from before would ask. */
	let changedAt = 0;
	const changeDeals = () => {
		changedAt = fake.requests.length;
		const now = Math.floor(Date.now() / 1000) * 1000;
		deals.forEach((deal, i) => (deal.update_time = iso(now - (CHANGE_SPREAD_SECONDS - 1 - (i % CHANGE_SPREAD_SECONDS)) * 1000)));
		table.touch();
		return iso(Date.parse(oldTime(1)) - OVERLAP_MS);
	};

	/** @type {Record<string, any[]>} */
	const runs = { ours: [], raw: [] };
	for (let rep = 1; rep <= reps; rep++) {
		for (const contender of ['ours', 'raw']) {
			restore();
			fake.requests.length = 0;
			fake.violations.length = 0;
			const result = /** @type {any} */ (await runWorker(fake, { contender }, changeDeals));
			result.requests = fake.requests.slice(changedAt).filter((r) => r.path === '/api/v2/deals').length;
			result.violations = fake.violations.length;
			runs[contender].push(result);
			console.log(`[poll bench] rep ${rep} ${contender}: ${result.records} records, ${result.ms.toFixed(0)} ms, peak RSS +${result.rssDeltaMb.toFixed(0)} MB, ${result.requests} list requests`);
		}
	}
	await fake.close();
	fs.rmSync(OUR_BUILD, { recursive: true, force: true });

	const summary = Object.fromEntries(
		Object.entries(runs).map(([contender, list]) => [
			contender,
			{
				records: list[0].records,
				requests: list[0].requests,
				msMedian: median(list.map((r) => r.ms)),
				cpuMsMedian: median(list.map((r) => r.cpuMs)),
				rssDeltaMbMedian: median(list.map((r) => r.rssDeltaMb)),
				heapDeltaMbMedian: median(list.map((r) => r.heapDeltaMb)),
				stateBytes: list[0].stateBytes,
				violations: Math.max(...list.map((r) => r.violations)),
			},
		]),
	);
	const machine = { node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model?.trim(), loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))), date: new Date().toISOString() };
	fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
	fs.writeFileSync(RESULTS, `${JSON.stringify({ deals: count, reps, machine, summary, runs }, null, 2)}\n`);

	const row = (/** @type {string} */ name, /** @type {any} */ s) =>
		`| ${name} | ${s.records} | ${s.requests} | ${Math.round(s.msMedian)} | ${Math.round(s.cpuMsMedian)} | ${s.rssDeltaMbMedian.toFixed(0)} | ${s.heapDeltaMbMedian.toFixed(0)} |`;
	console.log(`\nOne poll over ${count.toLocaleString('en')} changed deals, median of ${reps} (Node ${process.version}, ${machine.cpus} CPUs, load ${machine.loadAverage.join(' ')}):\n`);
	console.log('| contender | records | list requests | wall ms | CPU ms | peak RSS Δ MB | peak heap Δ MB |');
	console.log('|---|---|---|---|---|---|---|');
	console.log(row('Polling trigger (n8n-core runPoll)', summary.ours));
	console.log(row('raw fetch loop', summary.raw));
	console.log(`\nOur static data after the poll: ${summary.ours.stateBytes} bytes. Written: ${path.relative(ROOT, RESULTS)}`);
}

if (process.argv.includes('--worker')) worker();
else
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
