#!/usr/bin/env node
// @ts-check
'use strict';

/**
 * npm run bench (node bench/run.js): every scenario of bench/scenarios/ on every engine of
 * bench/lib/engines.js, repeated; writes BENCHMARKS.md and bench/results/latest.json (bench/README.md).
 *
 *   --engine 2.8,2.40  only these engines        --only 1,2,writes  only these scenarios (numbers or keys)
 *   --reps N           repetitions (default 5; rate limits min(N, 3))
 *   --write            merge a partial run (--engine/--only) into latest.json and BENCHMARKS.md (else partial.json)
 *   --profile          CPU-profile our node in a partial run too (a full run does unless --no-profile): writes,
 *                      Return All, trigger, load → bench/results/profiles/<engine>/ (+ summary.md)
 *   --profile-only     only those profiles, no measurements   --no-builtin  skip n8n's built-in node
 *   --out FILE         the report (default BENCHMARKS.md)     --report-only rewrite it from latest.json
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs: parseCommandLine } = require('util');

const { ROOT, PATHS, buildOurs } = require('./lib/env');
const { ENGINE_IDS, prepareEngines } = require('./lib/engines');
const { createContext, describeRun } = require('./lib/orchestrate');
const { writeReport, table } = require('./lib/report');
const { selfTimes } = require('./lib/profile');
const { SCENARIOS } = require('./scenarios');

const RESULTS_DIR = path.join(__dirname, 'results');
const LATEST = path.join(RESULTS_DIR, 'latest.json');

function parseArgs() {
	const flag = { type: /** @type {const} */ ('boolean'), default: false };
	const text = { type: /** @type {const} */ ('string') };
	const { values } = parseCommandLine({
		options: { reps: { ...text, default: '5' }, only: text, engine: text, out: { ...text, default: 'BENCHMARKS.md' }, write: flag, profile: flag, 'profile-only': flag, 'no-profile': flag, 'no-builtin': flag, 'report-only': flag },
	});
	const list = (/** @type {string | undefined} */ value) => value?.split(',').map((x) => x.trim()).filter(Boolean);
	const only = list(values.only);
	return {
		...values,
		reps: Number(values.reps),
		only: only ? new Set(only) : null,
		engines: list(values.engine) ?? ENGINE_IDS,
		partial: !!values.only || !!values.engine,
		profile: values.profile || values['profile-only'],
		out: path.resolve(ROOT, values.out),
	};
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`;
const log = (/** @type {string} */ line) => console.log(`[bench ${elapsed()}] ${line}`);

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

/**
 * Our node once per scenario under the inspector's sampling profiler (the measured run only, not
 * loading or warm-up): per-item writes, Return All, trigger deliveries, and node load. The report's
 * explanations quote these, so they describe the code that was measured.
 * @param {import('./lib/orchestrate').ScenarioContext} ctx
 */
async function profileOurs(ctx, /** @type {(key: string) => boolean} */ wanted) {
	const dir = path.join(RESULTS_DIR, 'profiles', ctx.engine.id);
	fs.mkdirSync(dir, { recursive: true });
	/** @type {Record<string, any>} */
	const out = {};
	/** @type {Array<[string, object, (fake: import('./lib/fake').BenchFake) => unknown]>} */
	const runs = [
		['writes', { count: 2000, warmup: 200 }, () => undefined],
		['returnAll', { expected: 50_000, warmup: 2000 }, (fake) => fake.seedDeals(50_000, false)],
		['trigger', { count: 20_000, warmup: 2000, dealId: 1 }, (fake) => fake.seedDeals(10, true)],
		['load', {}, () => undefined],
	];
	for (const [name, params, seed] of runs.filter(([name]) => wanted(name))) {
		const file = path.join(dir, `ours-${name}.cpuprofile`);
		try {
			await ctx.withFake({}, async (fake) => {
				seed(fake);
				const result = await ctx.measureOnce(fake, name, 'ours', params, file);
				ctx.log(`  profiled ${name}: ${name === 'load' ? `${result.totalMs.toFixed(1)} ms` : describeRun(result)} (slower under the profiler)`);
			});
			out[name] = { file };
		} catch (error) {
			ctx.log(`  profiling ${name} failed: ${String(/** @type {Error} */ (error)?.message ?? error)}`);
		}
	}
	const lines = [`# CPU profiles of our node on ${ctx.engine.title} (self time, measured runs only)`];
	for (const [name, data] of Object.entries(out)) {
		summariseProfile(data);
		const share = (/** @type {any} */ row) => [row.selfMs.toFixed(1), `${(row.share * 100).toFixed(1)}%`];
		lines.push('', `## ${name} (${data.file}, ${data.functions.totalMs.toFixed(0)} ms sampled)`, '');
		lines.push(...table(['self ms', 'share', 'function', 'where'], data.functions.rows.map((/** @type {any} */ row) => [...share(row), row.name, row.where])), '');
		lines.push(...table(['self ms', 'share', 'module'], data.modules.map((/** @type {any} */ row) => [...share(row), row.group])));
	}
	fs.writeFileSync(path.join(dir, 'summary.md'), `${lines.join('\n')}\n`);
	ctx.log(`  profiles and their summary: ${path.relative(ROOT, dir)}/summary.md`);
	return out;
}

/** Adds self-time tables to a profile entry `{ file }` (absolute or repo-relative path). @param {any} data */
function summariseProfile(data) {
	const file = path.resolve(ROOT, data.file);
	if (!fs.existsSync(file)) return;
	const { functions, modules } = selfTimes(JSON.parse(fs.readFileSync(file, 'utf8')));
	Object.assign(data, { file: path.relative(ROOT, file), functions, modules: modules.slice(0, 12) });
}

/** Partial results go into latest.json engine by engine, scenario by scenario. @param {any} base @param {any} update */
function merge(base, update) {
	const merged = { ...base, ...update, engines: { ...(base.engines ?? {}) } };
	for (const [id, data] of Object.entries(update.engines)) {
		const previous = merged.engines[id] ?? {};
		merged.engines[id] = {
			...previous,
			...data,
			scenarios: { ...(previous.scenarios ?? {}), ...data.scenarios },
			errors: { ...(previous.errors ?? {}), ...data.errors },
			profile: data.profile ?? previous.profile,
		};
	}
	merged.order = ENGINE_IDS.filter((id) => id in merged.engines);
	return merged;
}

async function main() {
	const args = parseArgs();
	if (args['report-only']) {
		const saved = JSON.parse(fs.readFileSync(LATEST, 'utf8'));
		for (const engine of Object.values(saved.engines ?? {})) for (const data of Object.values(/** @type {any} */ (engine).profile ?? {})) summariseProfile(data);
		writeReport(saved, args.out);
		log(`rewrote ${path.relative(ROOT, args.out)} from ${path.relative(ROOT, LATEST)}`);
		return;
	}
	const wanted = SCENARIOS.filter((s) => !args.only || args.only.has(String(s.number)) || args.only.has(s.key));
	if (!wanted.length) throw new Error(`--only ${[...(args.only ?? [])].join(',')} matches no scenario (${SCENARIOS.map((s) => `${s.number} ${s.key}`).join(', ')})`);
	const engines = await prepareEngines(args.engines, { builtin: !args['no-builtin'], log });
	log('compiling our node and the engine harness into bench/.build (not dist/: a concurrent build cannot pull files from under a run)…');
	buildOurs(PATHS.ourDist);
	/** @type {Record<string, any>} */
	const results = { machine: machine(), package: require('../package.json').version, reps: args.reps, builtin: !args['no-builtin'], engines: {}, order: args.engines };
	let failures = 0;
	for (const engine of engines) {
		const ctx = createContext(engine, { reps: args.reps, builtin: !args['no-builtin'], log });
		log(`engine ${engine.id}: ${engine.title}${ctx.builtin ? `, built-in from n8n-nodes-base ${engine.versions.n8nNodesBase}` : ', no built-in node'}`);
		/** @type {Record<string, any>} */
		const data = { id: engine.id, title: engine.title, versions: engine.versions, builtin: ctx.builtin, scenarios: {}, errors: {} };
		results.engines[engine.id] = data;
		for (const scenario of args['profile-only'] ? [] : wanted) {
			ctx.log(`${scenario.number}. ${scenario.title}…`);
			try {
				data.scenarios[scenario.key] = await scenario.run(ctx);
			} catch (error) {
				data.errors[scenario.key] = String(/** @type {Error} */ (error)?.message ?? error);
				failures++;
				ctx.log(`✗ scenario ${scenario.number} failed: ${data.errors[scenario.key]}`);
			}
		}
		// Profiles back the report's explanations: on by default for a full run, on request for a partial one.
		if (args.profile || (!args.partial && !args['no-profile'])) {
			ctx.log('profiling our node (writes, Return All, trigger, load)…');
			data.profile = await profileOurs(ctx, (key) => wanted.some((s) => s.key === key));
		}
	}
	results.durationS = (Date.now() - started) / 1000;
	results.machine.loadAverageAtEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
	fs.mkdirSync(RESULTS_DIR, { recursive: true });
	if (!args.partial || args.write) {
		const saved = args.partial && fs.existsSync(LATEST) ? merge(JSON.parse(fs.readFileSync(LATEST, 'utf8')), results) : merge({}, results);
		fs.writeFileSync(LATEST, JSON.stringify(saved, null, 2));
		writeReport(saved, args.out);
		log(`wrote ${path.relative(ROOT, args.out)} and ${path.relative(ROOT, LATEST)} in ${results.durationS.toFixed(0)} s`);
	} else {
		const json = path.join(RESULTS_DIR, 'partial.json');
		fs.writeFileSync(json, JSON.stringify(merge({}, results), null, 2));
		log(`wrote ${path.relative(ROOT, json)} (partial run: ${path.relative(ROOT, args.out)} left unchanged; add --write to merge it into the report)`);
	}
	if (failures) process.exitCode = 1;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
