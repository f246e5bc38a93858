#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run bench  (node bench/run.js)
 *
 * Our node vs n8n's built-in Pipedrive node vs a raw `fetch` loop, through the same loopback fake
 * Pipedrive (its own process), six scenarios, repeated; writes BENCHMARKS.md and bench/results/latest.json.
 *
 * Options:
 *   --reps N          repetitions per contender (default 5; the rate-limit scenario uses min(N, 3))
 *   --only 1,2,5      run only these scenarios (BENCHMARKS.md is then not written unless --write)
 *   --profile         CPU-profile our node in a partial run too (a full run does it unless --no-profile):
 *                     writes, Return All, trigger, load → bench/results/profiles/ (+ summary.md)
 *   --no-builtin      skip n8n's built-in node (also automatic when the n8n runtime cannot be installed)
 *   --out FILE        where to write the report (default BENCHMARKS.md)
 *   --report-only     rewrite the report from bench/results/latest.json without measuring
 *
 * Never part of the test suite (jest only looks under test/).
 */

const { execFileSync, fork, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { PATHS, ROOT, runtimeAvailable, versions } = require('./lib/env');
const { startFakeProcess } = require('./lib/fake-client');
const { summary } = require('./lib/stats');
const { writeReport } = require('./lib/report');
const { selfTimes, selfTimesByModule } = require('./lib/profile');

const API_TOKEN = 'bench-token-0123456789abcdef';
const UNTHROTTLED = { limit: 1_000_000, windowMs: 2000, enforce: false };
const RESULTS_DIR = path.join(__dirname, 'results');

function parseArgs() {
	const argv = process.argv.slice(2);
	const value = (/** @type {string} */ name) => {
		const index = argv.indexOf(name);
		return index >= 0 ? argv[index + 1] : undefined;
	};
	const only = value('--only');
	return {
		reps: Number(value('--reps') ?? 5),
		only: only ? new Set(only.split(',').map(Number)) : null,
		profile: argv.includes('--profile'),
		noBuiltin: argv.includes('--no-builtin'),
		write: argv.includes('--write'),
		reportOnly: argv.includes('--report-only'),
		noProfile: argv.includes('--no-profile'),
		out: path.resolve(ROOT, value('--out') ?? 'BENCHMARKS.md'),
	};
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (/** @type {string} */ line) => console.log(`[bench ${elapsed()}] ${line}`);

// ---------------------------------------------------------------------------------------------------
// Preparation

/** The n8n runtime (for the built-in node); installs it when absent. Returns a reason when unavailable. */
function prepareRuntime(/** @type {boolean} */ skip) {
	if (skip) return 'skipped with --no-builtin';
	if (runtimeAvailable()) return null;
	log('n8n runtime absent: running node scripts/n8n/ensure-runtime.js (takes a few minutes once)…');
	const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'n8n', 'ensure-runtime.js')], { cwd: ROOT, stdio: 'inherit' });
	if (runtimeAvailable()) return null;
	return `the n8n runtime could not be installed (ensure-runtime exit code ${result.status})`;
}

/**
 * Compiles the current sources of our package into bench/.build (not dist/, so a concurrent
 * `npm run build` cannot pull the files from under a run, and the bench never measures a stale dist).
 */
function buildOurs() {
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	if (!fs.existsSync(tsc)) throw new Error('node_modules is missing: run `npm ci` first');
	fs.rmSync(PATHS.ourDist, { recursive: true, force: true });
	log('compiling our node (tsc -p tsconfig.build.json --outDir bench/.build)…');
	try {
		execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', PATHS.ourDist], { cwd: ROOT, stdio: 'pipe' });
	} catch (error) {
		// tsc still emits on type errors; only a missing output is fatal.
		const output = String(/** @type {any} */ (error).stdout ?? '').split('\n').slice(0, 5).join('\n');
		if (!fs.existsSync(PATHS.ourNode)) throw new Error(`compiling our node failed:\n${output}`);
		log(`tsc reported errors (output emitted anyway):\n${output}`);
	}
}

function machine() {
	const cpus = os.cpus();
	return {
		nproc: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
		cpu: cpus[0]?.model?.trim() ?? 'unknown',
		memoryGb: Math.round(os.totalmem() / 2 ** 30),
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		date: new Date().toISOString(),
		loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
	};
}

// ---------------------------------------------------------------------------------------------------
// Child processes

/**
 * @param {string} script
 * @param {string[]} args
 * @param {{ execArgv?: string[], onCheckpoint?: (name: string) => Promise<unknown> }} [options]
 * @returns {Promise<any>}
 */
function runChild(script, args, options = {}) {
	return new Promise((resolve, reject) => {
		const child = fork(path.join(__dirname, script), args, { execArgv: options.execArgv ?? ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		/** @type {any} */
		let message;
		child.on('message', (/** @type {any} */ msg) => {
			if (msg?.checkpoint) {
				const answer = options.onCheckpoint ? options.onCheckpoint(msg.checkpoint) : Promise.resolve(undefined);
				answer.then((data) => child.connected && child.send({ ack: msg.checkpoint, data }), (error) => child.kill() && reject(error));
				return;
			}
			message = msg;
		});
		child.on('exit', (code) => {
			if (message?.ok) resolve(message.result);
			else reject(new Error(message?.error ?? `${script} ${args[0] ?? ''} exited with code ${code}`));
		});
	});
}

/**
 * One measured run of one contender in a fresh worker process, plus what the fake saw.
 * @param {any} fake @param {string} scenario @param {string} contender @param {object} params @param {string} [profileFile]
 */
async function measureOnce(fake, scenario, contender, params, profileFile) {
	await fake.call('clear');
	const task = { scenario, contender, port: fake.port, apiToken: API_TOKEN, params, profileFile };
	// The fake's counters are cleared when the measured run starts and read when it ends (see checkpoint() in worker.js).
	/** @type {string[]} */
	const violations = [];
	const result = await runChild('worker.js', [JSON.stringify(task)], {
		onCheckpoint: async (name) => {
			const stats = await fake.call('stats');
			violations.push(...stats.violations);
			if (name === 'start') await fake.call('clear');
			return stats;
		},
	});
	violations.push(...(await fake.call('stats')).violations);
	if (violations.length) throw new Error(`${contender}: the fake recorded spec violations: ${violations.join('; ')}`);
	return result;
}

/**
 * Repetitions, contenders interleaved (A B C A B C …) so drift hits all alike.
 * @param {any} fake @param {string} scenario @param {string[]} contenders @param {number} reps @param {object} params
 */
async function repeat(fake, scenario, contenders, reps, params) {
	/** @type {Record<string, any[]>} */
	const runs = Object.fromEntries(contenders.map((c) => [c, []]));
	for (let rep = 1; rep <= reps; rep++) {
		for (const contender of contenders) {
			const result = await measureOnce(fake, scenario, contender, params);
			runs[contender].push(result);
			log(`  ${scenario} ${contender} #${rep}: ${describeRun(result)}`);
		}
	}
	return runs;
}

/** @param {any} r */
function describeRun(r) {
	const parts = [`${r.ms.toFixed(0)} ms`];
	if (r.perItemMs !== undefined) parts.push(`${r.perItemMs.toFixed(3)} ms/item`);
	if (r.memory) parts.push(`RSS +${(r.memory.rssDelta / 2 ** 20).toFixed(1)} MiB, heap +${(r.memory.heapDelta / 2 ** 20).toFixed(1)} MiB`);
	if (r.failed !== undefined) parts.push(`${r.failed} failed, ${r.server?.tooManyRequests ?? 0}×429`);
	if (r.perSecond !== undefined) parts.push(`${r.perSecond.toFixed(0)}/s`);
	return parts.join(', ');
}

/** @param {any[]} runs @param {(r: any) => number} pick */
const stat = (runs, pick) => summary(runs.map(pick));

// ---------------------------------------------------------------------------------------------------
// Scenarios

/** @param {{ reps: number, builtin: boolean }} options */
async function scenarioWrites({ reps, builtin }) {
	const count = 2000;
	const fake = await startFakeProcess({ apiToken: API_TOKEN, rateLimit: UNTHROTTLED });
	try {
		const contenders = ['raw', 'rawConcurrent', 'ours', ...(builtin ? ['builtin'] : [])];
		const runs = await repeat(fake, 'writes', contenders, reps, { count, warmup: 200 });
		return {
			count,
			contenders: Object.fromEntries(
				Object.entries(runs).map(([c, list]) => [
					c,
					{
						ms: stat(list, (r) => r.ms),
						perItemMs: stat(list, (r) => r.perItemMs),
						cpuMs: stat(list, (r) => r.cpuMs),
						rssDelta: stat(list, (r) => r.memory.rssDelta),
						expressionsPerItem: list[0].expressionsPerItem,
						requests: list[0].server.byOperation,
					},
				]),
			),
		};
	} finally {
		await fake.close();
	}
}

/** Return All; `customFields` for scenario 3. @param {{ reps: number, builtin: boolean, count: number, customFields: boolean }} options */
async function scenarioList({ reps, builtin, count, customFields }) {
	const fake = await startFakeProcess({ apiToken: API_TOKEN, rateLimit: UNTHROTTLED });
	try {
		const seeded = await fake.call('seedDeals', { count, customFields });
		const contenders = customFields
			? ['raw', 'oursRaw', 'oursNamed', ...(builtin ? ['builtinRaw', 'builtinNamed'] : [])]
			: ['raw', 'rawV1', 'ours', ...(builtin ? ['builtin'] : [])];
		const expectNames = customFields ? ['Segment', 'Products', 'Renewal date'] : undefined;
		const runs = await repeat(fake, 'list', contenders, reps, { expected: count, warmup: 2000, expectNames });
		return {
			count,
			customFields: seeded.customFields,
			payloadV2: runs.raw[0].bytes,
			payloadV1: runs.rawV1?.[0]?.bytes,
			contenders: Object.fromEntries(
				Object.entries(runs).map(([c, list]) => [
					c,
					{
						ms: stat(list, (r) => r.ms),
						cpuMs: stat(list, (r) => r.cpuMs),
						rssDelta: stat(list, (r) => r.memory.rssDelta),
						heapDelta: stat(list, (r) => r.memory.heapDelta),
						requests: list[0].server.byOperation,
						bytes: list[0].server.bytes,
						sample: list[0].sample,
					},
				]),
			),
		};
	} finally {
		await fake.close();
	}
}

/** @param {{ reps: number, builtin: boolean }} options */
async function scenarioRateLimited({ reps, builtin }) {
	const count = 1000;
	const rateLimit = { limit: 80, windowMs: 2000, enforce: true };
	const fake = await startFakeProcess({ apiToken: API_TOKEN, rateLimit });
	try {
		const contenders = ['raw', 'ours', ...(builtin ? ['builtin'] : [])];
		const runs = await repeat(fake, 'rateLimited', contenders, Math.min(reps, 3), { count });
		return {
			count,
			rateLimit,
			contenders: Object.fromEntries(
				Object.entries(runs).map(([c, list]) => [
					c,
					{
						ms: stat(list, (r) => r.ms),
						cpuMs: stat(list, (r) => r.cpuMs),
						tooManyRequests: stat(list, (r) => r.server.tooManyRequests),
						failed: stat(list, (r) => r.failed),
						requests: list[0].server.byOperation,
					},
				]),
			),
		};
	} finally {
		await fake.close();
	}
}

/** @param {{ reps: number, builtin: boolean }} options */
async function scenarioLoad({ reps, builtin }) {
	const targets = ['ours', 'oursTrigger', ...(builtin ? ['builtin', 'builtinTrigger'] : [])];
	/** @type {Record<string, any[]>} */
	const runs = Object.fromEntries(targets.map((t) => [t, []]));
	const loadReps = Math.max(reps * 2, 10);
	for (let rep = 1; rep <= loadReps; rep++) {
		for (const target of targets) runs[target].push(await runChild('load-node.js', [target]));
	}
	for (const target of targets) log(`  load ${target}: median ${stat(runs[target], (r) => r.totalMs).median.toFixed(1)} ms, ${runs[target][0].jsonChars} chars`);
	return {
		reps: loadReps,
		targets: Object.fromEntries(
			Object.entries(runs).map(([t, list]) => [
				t,
				{
					requireMs: stat(list, (r) => r.requireMs),
					describeMs: stat(list, (r) => r.describeMs),
					totalMs: stat(list, (r) => r.totalMs),
					heapRetained: stat(list, (r) => r.heapRetained),
					jsonChars: list[0].jsonChars,
					modules: list[0].modules,
					moduleBytes: list[0].moduleBytes,
					properties: list[0].properties,
					operations: list[0].operations,
					resources: list[0].resources,
					version: list[0].version,
					mostRepeated: list[0].mostRepeated,
				},
			]),
		),
	};
}

/** @param {{ reps: number, builtin: boolean }} options */
async function scenarioTrigger({ reps, builtin }) {
	const count = 20_000;
	const fake = await startFakeProcess({ apiToken: API_TOKEN, rateLimit: UNTHROTTLED });
	try {
		const seeded = await fake.call('seedDeals', { count: 10, customFields: true });
		const contenders = ['ours', 'oursRaw', ...(builtin ? ['builtin'] : [])];
		const runs = await repeat(fake, 'trigger', contenders, reps, { count, warmup: 2000, dealId: 1 });
		return {
			count,
			customFields: seeded.customFields,
			contenders: Object.fromEntries(
				Object.entries(runs).map(([c, list]) => [
					c,
					{
						perSecond: stat(list, (r) => r.perSecond),
						usPerDelivery: stat(list, (r) => (r.ms * 1000) / r.deliveries),
						cpuUsPerDelivery: stat(list, (r) => (r.cpuMs * 1000) / r.deliveries),
						requests: list[0].server.byOperation,
					},
				]),
			),
		};
	} finally {
		await fake.close();
	}
}

/**
 * Our node once per scenario under the inspector's sampling profiler (the measured run only, not
 * loading or warm-up): per-item writes, Return All, trigger deliveries, and node load. The report's
 * explanations quote these, so they describe the code that was measured.
 */
async function profileOurs() {
	const dir = path.join(RESULTS_DIR, 'profiles');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	/** @type {Record<string, any>} */
	const out = {};
	/** @type {Array<[string, string, object, (fake: any) => Promise<void>]>} */
	const runs = [
		['writes', 'writes', { count: 2000, warmup: 200 }, async () => {}],
		['returnAll', 'list', { expected: 50_000, warmup: 2000 }, async (fake) => fake.call('seedDeals', { count: 50_000 })],
		['trigger', 'trigger', { count: 20_000, warmup: 2000, dealId: 1 }, async (fake) => fake.call('seedDeals', { count: 10, customFields: true })],
	];
	for (const [name, scenario, params, seed] of runs) {
		const file = path.join(dir, `ours-${name}.cpuprofile`);
		const fake = await startFakeProcess({ apiToken: API_TOKEN, rateLimit: UNTHROTTLED });
		try {
			await seed(fake);
			const result = await measureOnce(fake, scenario, 'ours', params, file);
			log(`  profiled ${name}: ${describeRun(result)} (slower under the profiler)`);
			out[name] = { file };
		} catch (error) {
			log(`  profiling ${name} failed: ${String(/** @type {Error} */ (error)?.message ?? error)}`);
		} finally {
			await fake.close();
		}
	}
	try {
		const file = path.join(dir, 'ours-load.cpuprofile');
		await runChild('load-node.js', ['ours', file]);
		out.load = { file };
	} catch (error) {
		log(`  profiling load failed: ${String(/** @type {Error} */ (error)?.message ?? error)}`);
	}
	const lines = [];
	for (const [name, data] of Object.entries(out)) {
		const profile = JSON.parse(fs.readFileSync(data.file, 'utf8'));
		Object.assign(data, { file: path.relative(ROOT, data.file), functions: selfTimes(profile, 25), modules: selfTimesByModule(profile).slice(0, 12) });
		lines.push(`\n## ${name} (${data.file}, ${data.functions.totalMs.toFixed(0)} ms sampled)\n`, '| self ms | share | function | where |', '|---:|---:|---|---|');
		for (const row of data.functions.rows) lines.push(`| ${row.selfMs.toFixed(1)} | ${(row.share * 100).toFixed(1)}% | ${row.name} | ${row.where} |`);
		lines.push('', '| self ms | share | module |', '|---:|---:|---|');
		for (const row of data.modules) lines.push(`| ${row.selfMs.toFixed(1)} | ${(row.share * 100).toFixed(1)}% | ${row.group} |`);
	}
	fs.writeFileSync(path.join(dir, 'summary.md'), `# CPU profiles of our node (self time, measured runs only)\n${lines.join('\n')}\n`);
	log(`  profiles and their summary: ${path.relative(ROOT, dir)}/summary.md`);
	return out;
}

// ---------------------------------------------------------------------------------------------------

async function main() {
	const args = parseArgs();
	if (args.reportOnly) {
		const saved = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, 'latest.json'), 'utf8'));
		// Re-read the profiles when they are still there (the summaries may have improved since).
		for (const data of Object.values(saved.profile ?? {})) {
			const file = path.join(ROOT, /** @type {any} */ (data).file ?? '');
			if (!fs.existsSync(file) || !file.endsWith('.cpuprofile')) continue;
			const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
			Object.assign(data, { functions: selfTimes(profile, 25), modules: selfTimesByModule(profile).slice(0, 12) });
		}
		writeReport(saved, args.out);
		log(`rewrote ${path.relative(ROOT, args.out)} from bench/results/latest.json`);
		return;
	}
	const runtimeProblem = prepareRuntime(args.noBuiltin);
	const builtin = runtimeProblem === null;
	if (!builtin) log(`built-in node not measured: ${runtimeProblem}`);
	buildOurs();
	const want = (/** @type {number} */ n) => !args.only || args.only.has(n);
	/** @type {Record<string, any>} */
	const results = { machine: machine(), versions: versions(), reps: args.reps, builtin, runtimeProblem, scenarios: {} };
	const options = { reps: args.reps, builtin };
	results.errors = {};
	/** A failing scenario is reported, and the others still run. @param {number} n @param {string} key @param {string} title @param {() => Promise<any>} fn */
	const scenario = async (n, key, title, fn) => {
		if (!want(n)) return;
		log(`${n}. ${title}…`);
		try {
			results.scenarios[key] = await fn();
		} catch (error) {
			results.errors[key] = String(/** @type {Error} */ (error)?.message ?? error);
			log(`✗ scenario ${n} failed: ${results.errors[key]}`);
		}
	};
	await scenario(5, 'load', 'node load (fresh processes)', () => scenarioLoad(options));
	await scenario(1, 'writes', 'per-item writes: 2,000 deals, one item each', () => scenarioWrites(options));
	await scenario(2, 'returnAll', 'Return All: 50,000 deals', () => scenarioList({ ...options, count: 50_000, customFields: false }));
	await scenario(3, 'customFields', 'custom fields: Return All of 10,000 deals with 20 custom fields', () => scenarioList({ ...options, count: 10_000, customFields: true }));
	await scenario(6, 'trigger', 'trigger deliveries', () => scenarioTrigger(options));
	await scenario(4, 'rateLimited', 'under rate limits: 1,000 writes at 80 requests / 2 s', () => scenarioRateLimited(options));
	// Profiles back the report's explanations: on by default for a full run, on request for a partial one.
	if (args.profile || (!args.only && !args.noProfile)) {
		log('profiling our node (writes, Return All, trigger, load)…');
		results.profile = await profileOurs();
	}
	results.durationS = (Date.now() - started) / 1000;
	results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	const json = path.join(RESULTS_DIR, args.only ? 'partial.json' : 'latest.json');
	fs.writeFileSync(json, JSON.stringify(results, null, 2));
	if (!args.only || args.write) {
		writeReport(results, args.out);
		log(`wrote ${path.relative(ROOT, args.out)} and ${path.relative(ROOT, json)} in ${results.durationS.toFixed(0)} s`);
	} else {
		log(`wrote ${path.relative(ROOT, json)} (partial run: ${path.relative(ROOT, args.out)} left unchanged; add --write to rewrite it)`);
	}
	if (Object.keys(results.errors).length) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
