// @ts-check
'use strict';

/** Writes BENCHMARKS.md from bench/results/latest.json's shape. */

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const { ratio } = require('./stats');
const { queueSection } = require('./queue-report');

const ROOT = path.resolve(__dirname, '..', '..');

/** @typedef {{ n: number, min: number, median: number, max: number }} Summary */

const LABELS = {
	raw: 'raw `fetch` loop',
	rawConcurrent: 'raw `fetch`, 8 in flight',
	rawV1: 'raw `fetch`, v1 offset 100/page',
	ours: '**ours**',
	oursNamed: '**ours**, names (default)',
	oursRaw: '**ours**, raw keys',
	builtin: 'n8n built-in',
	builtinNamed: 'n8n built-in, Resolve Properties on',
	builtinRaw: 'n8n built-in, raw keys (default)',
	oursTrigger: '**our trigger**',
	builtinTrigger: 'n8n built-in trigger',
};

const label = (/** @type {string} */ key) => /** @type {Record<string, string>} */ (LABELS)[key] ?? key;

/** @param {number} value @param {number} [digits] */
function num(value, digits = 0) {
	if (!Number.isFinite(value)) return '–';
	return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** min / **median** / max @param {Summary | undefined} s @param {number} [digits] @param {number} [scale] */
function mmm(s, digits = 0, scale = 1) {
	if (!s || !s.n) return '–';
	return `${num(s.min / scale, digits)} / **${num(s.median / scale, digits)}** / ${num(s.max / scale, digits)}`;
}

/** @param {number} r */
const times = (r) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : '–');
const MiB = 2 ** 20;
const MB = 1e6;

/** @param {boolean | undefined} ok */
const verdict = (ok) => (ok === undefined ? 'n/a' : ok ? '✅ met' : '❌ missed');

/** @param {Record<string, number> | undefined} requests */
function requestList(requests) {
	if (!requests) return '';
	return Object.entries(requests)
		.map(([key, count]) => `${num(count)}× \`${key}\``)
		.join(', ');
}

function gitRevision() {
	try {
		const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
		return dirty ? `${head} + uncommitted changes in nodes/ or credentials/` : head;
	} catch {
		return 'unknown';
	}
}

/** @param {any} results @param {string} file */
function writeReport(results, file) {
	const s = results.scenarios;
	const v = results.versions;
	const m = results.machine;
	const builtinOn = results.builtin;
	/** @type {string[]} */
	const out = [];
	const line = (/** @type {string} */ text = '') => out.push(text);

	// Ratios and targets, from medians
	const w = s.writes?.contenders;
	const r = s.returnAll?.contenders;
	const c = s.customFields?.contenders;
	const rl = s.rateLimited?.contenders;
	const ld = s.load?.targets;
	const tr = s.trigger?.contenders;
	const med = (/** @type {any} */ x, /** @type {string} */ key) => x?.[key]?.median;
	const writesVsRaw = ratio(med(w?.ours, 'ms'), med(w?.raw, 'ms'));
	const writesVsBuiltin = ratio(med(w?.ours, 'ms'), med(w?.builtin, 'ms'));
	const builtinWritesVsRaw = ratio(med(w?.builtin, 'ms'), med(w?.raw, 'ms'));
	const listVsRaw = ratio(med(r?.ours, 'ms'), med(r?.raw, 'ms'));
	const listVsBuiltin = ratio(med(r?.ours, 'ms'), med(r?.builtin, 'ms'));
	const builtinListVsRaw = ratio(med(r?.builtin, 'ms'), med(r?.raw, 'ms'));
	const payload = s.returnAll?.payloadV2;
	const rssVsPayload = ratio(med(r?.ours, 'rssDelta'), payload);
	const heapVsPayload = ratio(med(r?.ours, 'heapDelta'), payload);
	const loadVsBuiltin = ratio(med(ld?.ours, 'totalMs'), med(ld?.builtin, 'totalMs'));
	const failedOurs = rl?.ours?.failed?.max;

	line('# Benchmarks');
	line();
	line(
		'Our node (`n8n-nodes-pipedrive-complete`) side by side with n8n’s built-in Pipedrive node and a raw HTTP loop (Node’s `fetch`, the physical floor), all against the same loopback fake Pipedrive in one run.',
	);
	line();
	line('**Reproduce:** `npm ci && npm run bench` (script: `node bench/run.js`). It installs the pinned n8n runtime first when `.n8n-runtime/node_modules` is absent (`node scripts/n8n/ensure-runtime.js`, a few minutes once), compiles the current sources into `bench/.build/`, runs every scenario and rewrites this file; raw numbers go to `bench/results/latest.json`. `node bench/run.js --only 1,2` runs some scenarios only; `--profile` adds CPU profiles of our node; `--reps N` changes the repetitions.');
	line();
	line(`| | |`);
	line(`|---|---|`);
	line(`| Date | ${m.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} (run took ${num(results.durationS)} s) |`);
	line(`| Machine | ${m.nproc} CPUs (nproc), ${m.cpu}, ${m.memoryGb} GiB RAM, ${m.platform} |`);
	if (m.loadAverageAtStart) line(`| Load average (1/5/15 min) | at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd?.join(' / ') ?? '–'}${m.loadAverageAtStart[0] > m.nproc * 0.5 ? ' (the machine was busy with other work: figures are noisier than on an idle machine)' : ''} |`);
	line(`| Node.js | ${v.node} |`);
	line(`| n8n | ${v.n8n ? `${v.n8n} (runtime in \`.n8n-runtime\`): n8n-nodes-base ${v.n8nNodesBase}` : 'runtime not installed'}; engine: n8n-core ${v.n8nCore}, n8n-workflow ${v.n8nWorkflow} |`);
	line(`| Our package | ${v.package}, ${gitRevision()} |`);
	line(`| Built-in node | ${builtinOn ? `\`n8n-nodes-base.pipedrive\`, its default version (${ld?.builtin?.version ?? 'see below'}); trigger \`n8n-nodes-base.pipedriveTrigger\` ${ld?.builtinTrigger?.version ? `versions ${JSON.stringify(ld.builtinTrigger.version)}, default used` : ''}` : `**not measured: ${results.runtimeProblem}**; only our node and the raw loop ran`} |`);
	line(`| Repetitions | ${results.reps} per contender (scenario 4: ${Math.min(results.reps, 3)}; scenario 5: ${s.load?.reps ?? '–'} fresh processes each); figures are min / **median** / max; ratios use medians |`);
	line();

	// ---------------------------------------------------------------------------------------------
	line('## Targets');
	line();
	line('| Target (from the issue) | Measured (median) | |');
	line('|---|---|---|');
	if (r) line(`| Return All of 50,000 deals ≤ 1.05× raw | ${times(listVsRaw)} raw${builtinOn ? `; built-in ${times(builtinListVsRaw)} raw, ours ${times(listVsBuiltin)} built-in` : ''} | ${verdict(listVsRaw <= 1.05)} |`);
	if (r) {
		line(
			`| Return All peak memory ≤ 2× payload (${num(payload / MB, 1)} MB) | RSS +${num(med(r.ours, 'rssDelta') / MiB, 1)} MiB = ${times(rssVsPayload)}; heap +${num(med(r.ours, 'heapDelta') / MiB, 1)} MiB = ${times(heapVsPayload)} | RSS ${verdict(rssVsPayload <= 2)}, heap ${verdict(heapVsPayload <= 2)} |`,
		);
	}
	if (w) line(`| Per-item writes (2,000 deals) ≤ 1.3× raw sequential | ${times(writesVsRaw)} raw${builtinOn ? `; built-in ${times(builtinWritesVsRaw)} raw, ours ${times(writesVsBuiltin)} built-in` : ''} | ${verdict(writesVsRaw <= 1.3)} |`);
	if (rl) line(`| Zero failed items under rate limits (1,000 writes, 80 req / 2 s) | ours: ${num(failedOurs)} failed (max over runs)${builtinOn ? `; built-in: ${num(med(rl.builtin, 'failed'))} failed` : ''} | ${verdict(failedOurs === 0)} |`);
	if (ld && builtinOn) line(`| Node load no slower than the built-in | ${num(med(ld.ours, 'totalMs'), 1)} ms vs ${num(med(ld.builtin, 'totalMs'), 1)} ms = ${times(loadVsBuiltin)} | ${verdict(loadVsBuiltin <= 1)} |`);
	if (ld && !builtinOn) line(`| Node load no slower than the built-in | ${num(med(ld.ours, 'totalMs'), 1)} ms (built-in not measured) | n/a |`);
	line();
	if (builtinOn) {
		line(
			`The issue’s reference figures for the built-in (≈1.08× raw for Return All, ≈1.87× raw for per-item writes, 89,029 description characters for 49 operations) are for the built-in **V2** node of newer n8n releases. The n8n ${v.n8n ?? ''} pinned here ships the older **V1** node (${ld?.builtin ? `${num(ld.builtin.jsonChars)} characters, ${ld.builtin.operations} operations` : 'see scenario 5'}): it calls API **v1** only, lists with offset paging at **100 per page** (500 requests for 50,000 deals where v2 cursor paging needs 100), and resolves custom fields only when “Resolve Properties” is on. Measured here: built-in Return All ${times(builtinListVsRaw)} raw, writes ${times(builtinWritesVsRaw)} raw.`,
		);
		line();
	}

	// ---------------------------------------------------------------------------------------------
	line('## Set-up');
	line();
	line('- **Fake Pipedrive** (`test/fake-pipedrive`) in its own process (`bench/fake-server.js`), so it never shares an event loop with the code measured. It validates every request against the vendored OpenAPI specs (a run with any spec violation fails) and answers with `x-ratelimit-*` headers. Scenarios 1–3, 5 and 6 use a burst limit of 1,000,000 per 2 s (nobody is throttled); scenario 4 enforces 80 per 2 s with 429 beyond it.');
	line('- **Bench-only additions to the fake** (in `bench/fake-server.js`, nothing in `test/` changed): `?api_token=` in the query is accepted (moved into the `x-api-token` header before the fake sees it), because the built-in node authenticates that way; and the legacy `GET/POST /v1/deals` that the V1 built-in node calls are served through the fake’s own pipeline (auth, rate limit, validation), the list in the v1 shape (custom fields as top-level hash keys, enum as an id, set as `"id,id"`).');
	line('- **Both n8n nodes run through n8n-core’s real `WorkflowExecute`** (`bench/lib/engine.js`, the approach of `test/harness/run.ts`): one manual execution, one node, the credential types’ own `authenticate` blocks. Trigger deliveries go through n8n-core’s real `WebhookContext`. The built-in node is loaded from `.n8n-runtime/node_modules/n8n-nodes-base` and resolves the same `n8n-workflow` copy as n8n-core.');
	line('- **Same network path for both nodes:** the built-in node hard-codes `https://api.pipedrive.com`; ours gets that as its company domain. In the bench process, `https.request` for that host is rewritten to plain http on `127.0.0.1:<fake port>` (`bench/lib/redirect.js`), with n8n’s per-request agent options kept (n8n-core 2.8.1 builds a new agent per request without keep-alive, so both nodes open one TCP connection per request, as in production, where each is also a TLS handshake). The raw loop uses `fetch` straight to the fake with keep-alive.');
	line('- **One fresh process per measurement** (`bench/worker.js`, `--expose-gc`), contenders interleaved across repetitions. Each process loads only its contender, warms up on a smaller run (200 writes, or the first 2,000 records), collects garbage, takes a baseline, then times the measured run while sampling `process.memoryUsage()` every 10 ms. Memory figures are the peak minus the baseline, for RSS and for V8’s used heap; the measured output is still referenced at the peak.');
	line('- **CPU ms** is the user + system CPU time of the process running the contender during the measured run (\`process.cpuUsage()\`); it is less affected than wall time by other work on the machine, and shows whether a contender waits on the server or computes.');
	line('- **Requests and bytes** are what the fake counted during the measured run only (not the warm-up). **Payload size** is the bytes of JSON the raw loop received for the same listing.');
	line();

	// ---------------------------------------------------------------------------------------------
	if (w) {
		line(`## 1. Per-item writes: ${num(s.writes.count)} deals, one item each`);
		line();
		line('Input: 2,000 items; Title is the expression `={{ $json.title }}`, person 1. Ours uses its default `requestOptions.maxConcurrency` (8 in flight per credential); the built-in sends one request after another; the raw loop is sequential, with an 8-in-flight variant for reference.');
		line();
		line('| Contender | Total ms | ms per item | CPU ms of the client process | Expressions evaluated per item | Requests |');
		line('|---|---|---|---|---|---|');
		for (const [key, data] of Object.entries(w)) {
			line(`| ${label(key)} | ${mmm(data.ms)} | ${mmm(data.perItemMs, 3)} | ${mmm(data.cpuMs)} | ${key.startsWith('raw') ? '–' : num(data.expressionsPerItem, 1)} | ${requestList(data.requests)} |`);
		}
		line();
		line(`Ratios (medians): ours / raw sequential **${times(writesVsRaw)}**, ours / raw 8-in-flight ${times(ratio(med(w.ours, 'ms'), med(w.rawConcurrent, 'ms')))}${builtinOn ? `, ours / built-in **${times(writesVsBuiltin)}**, built-in / raw ${times(builtinWritesVsRaw)}` : ''}. By CPU time: ours / raw ${times(ratio(med(w.ours, 'cpuMs'), med(w.raw, 'cpuMs')))}${builtinOn ? `, ours / built-in ${times(ratio(med(w.ours, 'cpuMs'), med(w.builtin, 'cpuMs')))}` : ''}; ours uses ${num(med(w.ours, 'cpuMs') / s.writes.count * 1000)} µs of CPU per item${builtinOn ? `, the built-in ${num(med(w.builtin, 'cpuMs') / s.writes.count * 1000)} µs` : ''}, the raw loop ${num(med(w.raw, 'cpuMs') / s.writes.count * 1000)} µs.`);
		line();
	}

	if (r) {
		line(`## 2. Return All: ${num(s.returnAll.count)} deals`);
		line();
		line(`Payload: ${num(s.returnAll.payloadV2 / MB, 1)} MB of JSON over v2 cursor paging (500 per page)${s.returnAll.payloadV1 ? `; ${num(s.returnAll.payloadV1 / MB, 1)} MB over v1 offset paging (100 per page)` : ''}.`);
		line();
		line('| Contender | Wall ms | CPU ms of the client process | Peak RSS Δ (MiB) | Peak heap Δ (MiB) | Bytes received (MB) | Requests |');
		line('|---|---|---|---|---|---|---|');
		for (const [key, data] of Object.entries(r)) {
			line(`| ${label(key === 'raw' ? 'raw' : key)}${key === 'raw' ? ', v2 cursor 500/page' : ''} | ${mmm(data.ms)} | ${mmm(data.cpuMs)} | ${mmm(data.rssDelta, 1, MiB)} | ${mmm(data.heapDelta, 1, MiB)} | ${num(data.bytes / MB, 1)} | ${requestList(data.requests)} |`);
		}
		line();
		line(
			`Ratios (medians): ours / raw **${times(listVsRaw)}**${builtinOn ? `, ours / built-in **${times(listVsBuiltin)}**, built-in / raw ${times(builtinListVsRaw)}, built-in / raw v1 ${times(ratio(med(r.builtin, 'ms'), med(r.rawV1, 'ms')))}` : ''}. By CPU time: ours / raw ${times(ratio(med(r.ours, 'cpuMs'), med(r.raw, 'cpuMs')))}${builtinOn ? `, ours / built-in ${times(ratio(med(r.ours, 'cpuMs'), med(r.builtin, 'cpuMs')))}` : ''}. Memory / payload for ours: RSS ${times(rssVsPayload)}, heap ${times(heapVsPayload)}${builtinOn ? `; built-in: RSS ${times(ratio(med(r.builtin, 'rssDelta'), payload))}, heap ${times(ratio(med(r.builtin, 'heapDelta'), payload))}` : ''}; raw: RSS ${times(ratio(med(r.raw, 'rssDelta'), payload))}, heap ${times(ratio(med(r.raw, 'heapDelta'), payload))}.`,
		);
		line();
	}

	if (c) {
		const namingOurs = med(c.oursNamed, 'ms') - med(c.oursRaw, 'ms');
		const namingBuiltin = builtinOn ? med(c.builtinNamed, 'ms') - med(c.builtinRaw, 'ms') : NaN;
		const namingOursCpu = med(c.oursNamed, 'cpuMs') - med(c.oursRaw, 'cpuMs');
		const namingBuiltinCpu = builtinOn ? med(c.builtinNamed, 'cpuMs') - med(c.builtinRaw, 'cpuMs') : NaN;
		line(`## 3. Custom fields: Return All of ${num(s.customFields.count)} deals with ${s.customFields.customFields} custom fields`);
		line();
		line('Every deal has a value in each of the 20 custom deal fields (8 varchar, 2 text, 3 double, 2 date, 3 enum, 2 set). “Names” output them by field name with option labels; “raw keys” leave the 40-character hash keys and option ids. Ours resolves by default (v2: inside `custom_fields`); the built-in only with “Resolve Properties” (v1: top-level keys).');
		line();
		line('| Contender | Wall ms | CPU ms of the client process | Peak heap Δ (MiB) | Requests |');
		line('|---|---|---|---|---|');
		for (const [key, data] of Object.entries(c)) line(`| ${label(key)} | ${mmm(data.ms)} | ${mmm(data.cpuMs)} | ${mmm(data.heapDelta, 1, MiB)} | ${requestList(data.requests)} |`);
		line();
		line(
			`Cost of name resolution (median named − median raw keys), in CPU time: ours **${num(namingOursCpu, 0)} ms** (${num((namingOursCpu / s.customFields.count) * 1000, 1)} µs per deal)${builtinOn ? `, built-in **${num(namingBuiltinCpu, 0)} ms** (${num((namingBuiltinCpu / s.customFields.count) * 1000, 1)} µs per deal)` : ''}; in wall time: ours ${num(namingOurs, 0)} ms${builtinOn ? `, built-in ${num(namingBuiltin, 0)} ms` : ''} (wall time differences this small are within the noise). Ours with names / raw loop: ${times(ratio(med(c.oursNamed, 'ms'), med(c.raw, 'ms')))} wall, ${times(ratio(med(c.oursNamed, 'cpuMs'), med(c.raw, 'cpuMs')))} CPU${builtinOn ? `; ours with names / built-in with names: **${times(ratio(med(c.oursNamed, 'ms'), med(c.builtinNamed, 'ms')))}** wall, ${times(ratio(med(c.oursNamed, 'cpuMs'), med(c.builtinNamed, 'cpuMs')))} CPU` : ''}.`,
		);
		line();
	}

	if (rl) {
		line(`## 4. Under rate limits: ${num(s.rateLimited.count)} writes, fake enforcing ${s.rateLimited.rateLimit.limit} requests per ${s.rateLimited.rateLimit.windowMs / 1000} s`);
		line();
		line(`The floor is ${num(s.rateLimited.count / s.rateLimited.rateLimit.limit * s.rateLimited.rateLimit.windowMs / 1000, 1)} s (${s.rateLimited.count} requests at ${s.rateLimited.rateLimit.limit} per ${s.rateLimited.rateLimit.windowMs / 1000} s). The raw loop is sequential and, on a 429, waits what \`x-ratelimit-reset\` says and retries. The built-in node runs with “Continue On Fail” so its failures are counted rather than ending the run. No warm-up (it would spend the budget); the rate windows are reset between runs.`);
		line();
		line('| Contender | Total s | CPU s of the client process | 429s received | Failed items | Requests |');
		line('|---|---|---|---|---|---|');
		for (const [key, data] of Object.entries(rl)) line(`| ${label(key)} | ${mmm(data.ms, 1, 1000)} | ${mmm(data.cpuMs, 2, 1000)} | ${mmm(data.tooManyRequests)} | ${mmm(data.failed)} | ${requestList(data.requests)} |`);
		line();
		line(`Ours / raw: ${times(ratio(med(rl.ours, 'ms'), med(rl.raw, 'ms')))} of the time, with ${num(med(rl.ours, 'tooManyRequests'))} 429s (median) against the raw loop’s ${num(med(rl.raw, 'tooManyRequests'))}: our node reads \`x-ratelimit-remaining\` and pauses before the window is spent.`);
		line();
	}

	if (ld) {
		line('## 5. Node load');
		line();
		line(`Each figure from a fresh process (${s.load.reps} per target, interleaved): \`require()\` of the node file, then \`new Node()\` and \`JSON.stringify\` of its description (for a versioned node, the default version’s). n8n-workflow is loaded before timing in both (n8n has it loaded already). Heap retained: used heap after minus before, after GC.`);
		line();
		line('| Target | require ms | construct + describe ms | Total ms | Modules loaded (KiB) | Description JSON (chars) | Properties | Operations | Heap retained (KiB) |');
		line('|---|---|---|---|---|---|---|---|---|');
		for (const [key, data] of Object.entries(ld)) {
			line(`| ${label(key)} | ${mmm(data.requireMs, 1)} | ${mmm(data.describeMs, 1)} | ${mmm(data.totalMs, 1)} | ${num(data.modules)} (${num(data.moduleBytes / 1024)}) | ${num(data.jsonChars)} | ${num(data.properties)} | ${data.operations ? num(data.operations) : '–'} | ${num(med(data, 'heapRetained') / 1024)} |`);
		}
		line();
		if (builtinOn) line(`Ratios (medians): ours / built-in **${times(loadVsBuiltin)}** (per operation: ${num(med(ld.ours, 'totalMs') / ld.ours.operations * 1000, 0)} µs vs ${num(med(ld.builtin, 'totalMs') / ld.builtin.operations * 1000, 0)} µs); our trigger / built-in trigger ${times(ratio(med(ld.oursTrigger, 'totalMs'), med(ld.builtinTrigger, 'totalMs')))}. Description size: ${times(ratio(ld.ours.jsonChars, ld.builtin.jsonChars))} the built-in’s for ${times(ratio(ld.ours.operations, ld.builtin.operations))} the operations.`);
		line();
	}

	if (tr) {
		line(`## 6. Trigger: webhook deliveries`);
		line();
		line(`${num(s.trigger.count)} deliveries per run, one after another, each through n8n-core’s \`WebhookContext\` and the node’s \`webhook()\` (after 2,000 warm-up deliveries). Payload: a webhooks-v2 \`change\` of a deal (the fake’s full deal record with ${s.trigger.customFields} custom fields, a \`previous\` title), each with its own event id; bodies are parsed before timing. Both check HTTP Basic auth: ours against the secret stored at registration (constant-time), then de-duplicates the event id and names custom fields (“raw keys” turns naming off); the built-in, configured with “Basic Auth”, reads its \`httpBasicAuth\` credential and compares.`);
		line();
		line('| Contender | Deliveries per second | µs per delivery | CPU µs per delivery |');
		line('|---|---|---|---|');
		for (const [key, data] of Object.entries(tr)) line(`| ${label(key)} | ${mmm(data.perSecond)} | ${mmm(data.usPerDelivery, 1)} | ${mmm(data.cpuUsPerDelivery, 1)} |`);
		line();
		if (builtinOn) line(`Ratios (medians, deliveries per second): ours / built-in **${times(ratio(med(tr.ours, 'perSecond'), med(tr.builtin, 'perSecond')))}**, ours with raw keys / built-in ${times(ratio(med(tr.oursRaw, 'perSecond'), med(tr.builtin, 'perSecond')))}.`);
		line();
	}

	for (const text of queueSection()) line(text);

	const errors = Object.entries(results.errors ?? {});
	if (errors.length) {
		line('## Scenarios that failed');
		line();
		for (const [key, message] of errors) line(`- **${key}**: ${String(message).split('\n')[0]}`);
		line();
	}

	// ---------------------------------------------------------------------------------------------
	const notes = explanations({ s, profile: results.profile, coreVersion: v.n8nCore, builtinOn, writesVsRaw, writesVsBuiltin, listVsRaw, listVsBuiltin, rssVsPayload, heapVsPayload, loadVsBuiltin, failedOurs });
	if (notes.length) {
		line('## Where we are slower than the built-in or miss a target: why, and what would fix it');
		line();
		line(`From the figures above${results.profile ? ' and from CPU profiles of our node’s measured runs taken in this run (`bench/results/profiles/`, self-time tables in `summary.md`)' : ' (this run took no CPU profiles: `node bench/run.js --profile` adds them)'}.`);
		line();
		for (const note of notes) {
			line(note);
			line();
		}
	}

	fs.writeFileSync(file, `${out.join('\n').trimEnd()}\n`);
}

/** Profile frames that are not code: left out of "top functions". */
const NOT_CODE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/**
 * Fix hints, shown when a matching function is among the top self-time functions of our profile.
 * @type {Array<[RegExp, string]>}
 */
const HINTS = [
	[/^(partsOffset|initializeGlobalContext|resolveSimpleParameterValue|getDataProxy|WorkflowDataProxy|get ppid)@/, 'n8n evaluates expressions (each builds a data proxy with Luxon dates and reads `process.ppid`): fewer evaluations per item, see above'],
	[/^displayParameter@|^getRequestOptionsFromParameters@/, 'n8n’s RoutingNode checks every top-level property for every item: fewer top-level properties (one definition per parameter name)'],
	[/^(connect|setKeepAlive|setNoDelay|tickOnSocket)@/, 'a new TCP connection per request, made by n8n-core’s request helper (a node cannot pass a keep-alive agent)'],
	[/^transformResponse@/, 'axios parsing response JSON (the raw loop parses the same bytes)'],
	[/\b(isRepeatedEvent|remember)\b/, 'event de-duplication scans and copies an array of up to 500 ids per delivery: a `Set` plus a ring buffer makes it O(1)'],
	[/\bnamesByKey\b/, 'the key → field-name map is rebuilt on every call: cache it per field-definition list (`WeakMap`)'],
	[/\bhasCustomFieldValues\b/, 'deciding whether any record has custom-field values tests every key of every record against a regex when none has: for v2 records look only at `custom_fields` (the key scan is for v1 records)'],
	[/\b(resolveCustomFieldNames|readableValue|optionLabel)\b/, 'custom-field naming: index each field’s options by id once per field list instead of searching per value'],
	[/\b(mergeIdenticalFields|byName|buildOperationProperties|parameterField|operationDisplayName|displayNameOf|fieldsOf)\b|builders\//, 'the description is built from the catalogue at load time: generate it at build time into a JSON file'],
	[/^(Module\._extensions\.\.json|readFileUtf8|wrapSafe|compileFunction|Module\._resolveFilename|internalModuleStat)@/, 'module loading (resolution, reading, compiling) for each of the node’s files: bundle each node into one file at build time'],
	[/^deepCopy@/, 'n8n-workflow’s `deepCopy` of data passed through the engine'],
];

/** Profile rows of code, without idle/GC and without the bench harness itself. @param {any} profile */
function codeRows(profile) {
	return (profile?.functions?.rows ?? []).filter((/** @type {any} */ row) => !NOT_CODE.has(row.name) && !/^bench\/(?!\.build)/.test(row.where));
}

/** @param {any} profile @param {number} [n] */
function topFunctions(profile, n = 6) {
	if (!profile?.functions?.rows) return '';
	return codeRows(profile)
		.slice(0, n)
		.map((/** @type {any} */ row) => `\`${row.name}\`${row.where ? ` (${row.where})` : ''} ${(row.share * 100).toFixed(1)}%`)
		.join(', ');
}

/** @param {any} profile */
function gcShare(profile) {
	const row = profile?.functions?.rows?.find((/** @type {any} */ r) => r.name === '(garbage collector)');
	return row ? `${(row.share * 100).toFixed(0)}%` : undefined;
}

/** Hints for the functions `topFunctions` lists that take at least 2% each. @param {any} profile @param {number} [n] */
function hintsFor(profile, n = 6) {
	const rows = codeRows(profile)
		.slice(0, n)
		.filter((/** @type {any} */ row) => row.share >= 0.02);
	const keys = rows.map((/** @type {any} */ row) => `${row.name}@${row.where}`);
	return [...new Set(HINTS.filter(([pattern]) => keys.some((/** @type {string} */ key) => pattern.test(key))).map(([, hint]) => hint))];
}

/** "Profile: … Where the time goes: …" for one scenario, or '' without a profile. @param {any} profile @param {string} what */
function profileSentence(profile, what) {
	if (!profile?.functions) return '';
	const gc = gcShare(profile);
	const hints = hintsFor(profile);
	const own = (profile.modules ?? []).filter((/** @type {any} */ m) => m.group.startsWith('ours: ') && m.share >= 0.005);
	const ownTotal = own.reduce((/** @type {number} */ sum, /** @type {any} */ m) => sum + m.share, 0);
	return [
		`Top self-time functions in our ${what} (CPU profile of the measured run, \`${profile.file}\`): ${topFunctions(profile)}${gc ? `; garbage collection ${gc}` : ''}. Our own code’s share of the samples: ${own.length ? `${(ownTotal * 100).toFixed(1)}% (${own.map((/** @type {any} */ m) => `\`${m.group.slice(6)}\` ${(m.share * 100).toFixed(1)}%`).join(', ')})` : 'under 0.5% per file'}.`,
		hints.length ? `Reading them: ${hints.join('; ')}.` : '',
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * One paragraph per figure that is worse than the built-in's or misses its target. The mechanism
 * described for each is n8n's and stable; everything about our code comes from this run's numbers and
 * profiles, so the text follows the code that was measured.
 * @param {any} x
 */
function explanations(x) {
	const { s, builtinOn, profile } = x;
	/** @type {string[]} */
	const notes = [];
	const w = s.writes?.contenders;
	const ld = s.load?.targets;
	const med = (/** @type {any} */ v, /** @type {string} */ key) => v?.[key]?.median;
	if (w && (x.writesVsRaw > 1.3 || (builtinOn && x.writesVsBuiltin > 1))) {
		const perItem = (/** @type {any} */ c) => (med(c, 'cpuMs') / s.writes.count) * 1000;
		const cpuBound = med(w.ours, 'cpuMs') / med(w.ours, 'ms') > 0.7;
		const parts = [
			`**Per-item writes (ours ${times(x.writesVsRaw)} raw${builtinOn ? `, ${times(x.writesVsBuiltin)} built-in` : ''}).** Our node’s process spends ${num(perItem(w.ours))} µs of CPU per item${builtinOn ? ` against the built-in’s ${num(perItem(w.builtin))} µs` : ''} and the raw loop’s ${num(perItem(w.raw))} µs${cpuBound ? `, and its CPU time is ${num((med(w.ours, 'cpuMs') / med(w.ours, 'ms')) * 100)}% of its wall time: it is bound by its own CPU, so 8 requests in flight cannot help` : ''}.`,
		];
		const repeated = Object.fromEntries(ld?.ours?.mostRepeated ?? []);
		if (!builtinOn || w.ours.expressionsPerItem > w.builtin.expressionsPerItem) {
			parts.push(
				`Part of it is how n8n runs a declarative node: for every input item, n8n-core’s \`RoutingNode.runNode\` walks all ${ld?.ours?.properties ?? 'the'} top-level properties of the description and evaluates the node’s value for each property *name* before checking which property is shown (\`for (const property of description.properties) { value = get(node.parameters, property.name); value = this.getParameterValue(value, …) }\`), then once more for the shown one. A parameter whose name several operations share is evaluated that many times per item: our description defines ${Object.entries(repeated).filter(([name]) => name !== 'operation').slice(0, 4).map(([name, n]) => `\`${name}\` ${n} times`).join(', ')}. In this scenario n8n evaluates **${num(w.ours.expressionsPerItem, 1)} expressions per item for ours against ${builtinOn ? num(w.builtin.expressionsPerItem, 1) : '2'} for the built-in** (the same two: Title and the credential’s token); an expression inside a shared collection such as Additional Fields would be evaluated once per same-named property.`,
				'*Fix:* make each parameter name match one property definition (operation-specific names for collections and fields, or one collection per resource whose options carry their own `displayOptions`); fewer top-level properties also shorten the per-item walk.',
			);
		}
		parts.push(profileSentence(profile?.writes, 'per-item writes'));
		notes.push(parts.filter(Boolean).join('\n\n'));
	}
	if (s.returnAll && (x.listVsRaw > 1.05 || (builtinOn && x.listVsBuiltin > 1))) {
		const r = s.returnAll.contenders;
		const requests = Object.values(r.ours.requests ?? {}).reduce((a, b) => a + Number(b), 0);
		const fieldRequests = Object.entries(r.ours.requests ?? {}).filter(([key]) => key.includes('Fields')).reduce((a, [, n]) => a + Number(n), 0);
		notes.push(
			[
				`**Return All time (ours ${times(x.listVsRaw)} raw).** The gap to the raw loop is ${num(med(r.ours, 'ms') - med(r.raw, 'ms'))} ms of wall time and ${num(med(r.ours, 'cpuMs') - med(r.raw, 'cpuMs'))} ms of CPU over ${num(requests)} requests. Per page, a node pays n8n-core’s \`httpRequestWithAuthentication\` (axios, follow-redirects, proxy-from-env, credential resolution) and, in n8n-core ${x.coreVersion}, a new TCP connection (a fresh agent without keep-alive per request; against the real API also a TLS handshake, so this gap grows off loopback); n8n then handles ${num(s.returnAll.count)} output items. The raw loop keeps one keep-alive connection.${fieldRequests ? ` Our node also made ${fieldRequests} field-definition request(s) although no deal here has custom-field values.` : ''}${builtinOn ? ` The built-in pays the per-request cost ${num(Object.values(r.builtin.requests ?? {}).reduce((a, b) => a + Number(b), 0) / requests, 1)} times as often (it pages by 100 on API v1).` : ''}`,
				profileSentence(profile?.returnAll, 'Return All'),
				'*Fix:* keep per-page work in the node proportional to the page (no copies of the accumulated output); the per-request cost of n8n-core’s helper cannot be avoided by a community node (it must use `httpRequestWithAuthentication`, which takes no agent), so ≤ 1.05× of a keep-alive `fetch` loop may be out of reach through it.',
			]
				.filter(Boolean)
				.join('\n\n'),
		);
	}
	if (s.returnAll && (x.rssVsPayload > 2 || x.heapVsPayload > 2)) {
		const r = s.returnAll.contenders;
		const heapVsRaw = ratio(med(r.ours, 'heapDelta'), med(r.raw, 'heapDelta'));
		const rssVsRaw = ratio(med(r.ours, 'rssDelta'), med(r.raw, 'rssDelta'));
		notes.push(
			[
				`**Return All memory (RSS ${times(x.rssVsPayload)}, heap ${times(x.heapVsPayload)} the payload).** 50,000 records as JavaScript objects take more room than their JSON: the raw loop, which only keeps the parsed records, grows its heap by ${times(ratio(r.raw.heapDelta.median, s.returnAll.payloadV2))} the payload. Our heap growth is ${times(heapVsRaw)} the raw loop’s and our RSS growth ${times(rssVsRaw)}: ${heapVsRaw <= 1.15 ? 'the node adds little live data on top of the records (n8n’s `{ json, pairedItem }` wrapper per item); the extra RSS is memory outside the live objects: heap pages V8 reserves ahead of use and returns late, and the buffers each page passes through in n8n’s HTTP stack (axios collects the chunks into one Buffer, then a string, before parsing)' : 'beyond the records, the node and n8n keep wrappers, intermediate arrays or copies alive at the peak'}.`,
				heapVsRaw <= 1.15
					? '*Fix:* little is left in the node itself: n8n’s request helper hands over each page only as a whole parsed body, and V8’s heap sizing is set for the whole n8n process.'
					: '*Fix:* build output items straight from each page’s records (one pass, no intermediate arrays or copies), so the garbage per page is the page itself.',
			].join('\n\n'),
		);
	}
	if (ld && builtinOn && x.loadVsBuiltin > 1) {
		notes.push(
			[
				`**Node load (ours ${times(x.loadVsBuiltin)} the built-in).** Our description is ${num(ld.ours.jsonChars)} characters for ${ld.ours.operations} operations against the built-in’s ${num(ld.builtin.jsonChars)} for ${ld.builtin.operations}: per operation we take ${times(ratio(ld.ours.totalMs.median / ld.ours.operations, ld.builtin.totalMs.median / ld.builtin.operations))} the built-in’s time, so the total is the price of covering the whole API. Construction and description take ${num(ld.ours.describeMs.median, 1)} ms; \`require\` takes ${num(ld.ours.requireMs.median, 1)} ms for ${ld.ours.modules} modules (${num(ld.ours.moduleBytes / 1024)} KiB) against the built-in’s ${num(ld.builtin.requireMs.median, 1)} ms for ${ld.builtin.modules}. Our trigger needs ${num(ld.oursTrigger.requireMs.median, 1)} ms for ${ld.oursTrigger.modules} modules against ${num(ld.builtinTrigger.requireMs.median, 1)} ms for ${ld.builtinTrigger.modules}: each module costs resolution and compilation whatever its size.`,
				profileSentence(profile?.load, 'load'),
				'*Fix:* generate the finished description at build time into a JSON file the node requires (parsing JSON is much faster than building the objects in code), shorten repeated `displayOptions` lists, and bundle each node into one file at build time (e.g. esbuild).',
			]
				.filter(Boolean)
				.join('\n\n'),
		);
	}
	const tr = s.trigger?.contenders;
	if (tr && builtinOn && tr.ours.perSecond.median < tr.builtin.perSecond.median) {
		notes.push(
			[
				`**Trigger (ours ${num(tr.ours.usPerDelivery.median, 1)} µs per delivery, ${num(tr.oursRaw.usPerDelivery.median, 1)} µs with raw keys, against the built-in’s ${num(tr.builtin.usPerDelivery.median, 1)} µs).** Ours does more per delivery: a constant-time Basic-auth check (SHA-256 digests), de-duplication of the event id, the changed-fields diff, and naming of ${s.trigger.customFields} custom fields in \`data\` and \`previous\`; the built-in compares the Basic-auth strings and passes the body on. These are microseconds; n8n then starts a workflow execution per delivery, which takes milliseconds, so neither trigger limits throughput in practice.`,
				profileSentence(profile?.trigger, 'trigger deliveries'),
			]
				.filter(Boolean)
				.join('\n\n'),
		);
	}
	if (x.failedOurs !== undefined && x.failedOurs > 0) {
		notes.push(`**Rate limits: ${x.failedOurs} items failed.** Our transport retries a 429 a bounded number of times, pausing the credential until \`x-ratelimit-reset\`; failures here mean the retries ran out (see \`nodes/Pipedrive/transport/\`).`);
	}
	return notes;
}

module.exports = { writeReport };
