// @ts-check
'use strict';

/**
 * The parent side of a scenario (bench/run.js): fresh worker processes on the engine's Node, the
 * fake's counters bracketing each measured run, interleaved repetitions. A scenario's `run(ctx)`
 * gets one of these contexts per engine.
 */

const { fork } = require('child_process');
const path = require('path');

const { startBenchFake } = require('./fake');
const { summariseRuns } = require('./stats');

const API_TOKEN = 'bench-token-0123456789abcdef';
const UNTHROTTLED = { limit: 1_000_000, windowMs: 2000, enforce: false };
const BENCH_DIR = path.resolve(__dirname, '..');

/** @param {any} r one measurement, for the log */
function describeRun(r) {
	const parts = [`${r.ms.toFixed(0)} ms`];
	if (r.perItemMs !== undefined) parts.push(`${r.perItemMs.toFixed(3)} ms/item`);
	if (r.rssDelta !== undefined) parts.push(`RSS +${(r.rssDelta / 2 ** 20).toFixed(1)} MiB, heap +${(r.heapDelta / 2 ** 20).toFixed(1)} MiB`);
	if (r.bytesPerPendingItem !== undefined) parts.push(`${(r.bytesPerPendingItem / 1024).toFixed(1)} KiB per pending item`);
	if (r.failed !== undefined) parts.push(`${r.failed} failed, ${r.server?.tooManyRequests ?? 0}×429`);
	if (r.perSecond !== undefined) parts.push(`${r.perSecond.toFixed(0)}/s`);
	return parts.join(', ');
}

/**
 * @param {import('./engines').Engine} engine
 * @param {{ reps: number, builtin: boolean, log: (line: string) => void }} options
 */
function createContext(engine, options) {
	const log = (/** @type {string} */ line) => options.log(`[${engine.id}] ${line}`);
	const env = { ...process.env, BENCH_ENGINE_MODULES: engine.engineModules, ...(engine.builtinModules ? { BENCH_BUILTIN_MODULES: engine.builtinModules } : {}) };

	/**
	 * A script of bench/ in a fresh process on the engine's Node; resolves with what it reports.
	 * @param {string} script
	 * @param {string[]} args
	 * @param {(name: string) => Promise<unknown>} [onCheckpoint] answers the worker's checkpoints (kit.js)
	 * @returns {Promise<any>}
	 */
	function runChild(script, args, onCheckpoint = async () => undefined) {
		return new Promise((resolve, reject) => {
			const child = fork(path.join(BENCH_DIR, script), args, { execPath: engine.node, execArgv: ['--expose-gc'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
			/** @type {any} */
			let message;
			child.on('message', (/** @type {any} */ msg) => {
				if (!msg?.checkpoint) message = msg;
				else onCheckpoint(msg.checkpoint).then((data) => child.connected && child.send({ ack: msg.checkpoint, data }), (error) => child.kill() && reject(error));
			});
			child.on('exit', (code) => {
				if (message?.ok) resolve(message.result);
				else reject(new Error(message?.error ?? `${script} ${args[0] ?? ''} exited with code ${code}`));
			});
		});
	}

	/**
	 * One measured run of one contender in a fresh worker process, plus what the fake saw.
	 * @param {BenchFake} fake @param {string} scenario @param {string} contender @param {object} params @param {string} [profileFile]
	 */
	async function measureOnce(fake, scenario, contender, params, profileFile) {
		fake.clear();
		const task = { scenario, contender, port: fake.port, apiToken: API_TOKEN, params, profileFile };
		/** @type {string[]} */
		const violations = [];
		const result = await runChild('worker.js', [JSON.stringify(task)], async (name) => {
			// Other than start/end: a command of the fake the scenario needs mid-run (the poll's deal changes).
			if (name === 'agePollDeals' || name === 'changePollDeals') return fake[name]();
			const stats = fake.stats();
			violations.push(...stats.violations);
			if (name === 'start') fake.clear();
			return stats;
		});
		violations.push(...fake.stats().violations);
		if (violations.length) throw new Error(`${contender}: the fake recorded spec violations: ${violations.join('; ')}`);
		return result;
	}

	/** Runs `fn` with a fresh fake Pipedrive (unthrottled unless `rateLimit` says otherwise). @template T @param {{ rateLimit?: object }} fakeOptions @param {(fake: BenchFake) => Promise<T>} fn @returns {Promise<T>} */
	async function withFake(fakeOptions, fn) {
		const fake = await startBenchFake({ apiToken: API_TOKEN, rateLimit: fakeOptions.rateLimit ?? UNTHROTTLED });
		try {
			return await fn(fake);
		} finally {
			await fake.close();
		}
	}

	/**
	 * A scenario's usual run: a fresh fake (`rateLimit`, then `seed`), the contenders repeated (`reps`,
	 * default the run's) and interleaved (A B C A B C …) so drift hits all alike, each summarised as
	 * `keep` says (stats.js summariseRuns).
	 * @param {string} scenario
	 * @param {{ contenders: string[], params: object | ((rep: number) => object), keep: Parameters<typeof summariseRuns>[1], reps?: number, rateLimit?: object, seed?: (fake: BenchFake) => any }} plan
	 */
	function compare(scenario, plan) {
		return withFake({ rateLimit: plan.rateLimit }, async (fake) => {
			const seeded = await plan.seed?.(fake);
			/** @type {Record<string, any[]>} */
			const runs = Object.fromEntries(plan.contenders.map((c) => [c, []]));
			for (let rep = 1; rep <= (plan.reps ?? options.reps); rep++) {
				for (const contender of plan.contenders) {
					const result = await measureOnce(fake, scenario, contender, typeof plan.params === 'function' ? plan.params(rep) : plan.params);
					runs[contender].push(result);
					log(`  ${scenario} ${contender} #${rep}: ${describeRun(result)}`);
				}
			}
			return { seeded, runs, contenders: summariseRuns(runs, plan.keep) };
		});
	}

	/** `builtin`: whether the built-in node is measured on this engine. */
	const builtin = options.builtin && engine.builtinModules !== null;
	return { engine, reps: options.reps, builtin, log, runChild, measureOnce, withFake, compare };
}

/** @typedef {ReturnType<typeof createContext>} ScenarioContext */
/** @typedef {import('./fake').BenchFake} BenchFake */

module.exports = { createContext, describeRun, API_TOKEN };
