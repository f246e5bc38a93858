// @ts-check
'use strict';

/**
 * The polling-trigger scenario of BENCHMARKS.md, from bench/results/poll.json (written by
 * `node bench/poll.js`, which runs on its own, not through `npm run bench`).
 */

const fs = require('fs');
const path = require('path');

const RESULTS = path.join(__dirname, '..', 'results', 'poll.json');

/** @returns {string[]} the section's lines, or none when bench/poll.js has not been run */
function pollSection() {
	if (!fs.existsSync(RESULTS)) return [];
	const report = JSON.parse(fs.readFileSync(RESULTS, 'utf8'));
	const { ours, raw } = report.summary;
	const m = report.machine;
	const row = (/** @type {string} */ name, /** @type {any} */ s) =>
		`| ${name} | ${s.records.toLocaleString('en-US')} | ${s.requests} | **${(s.msMedian / 1000).toFixed(2)}** | ${(s.cpuMsMedian / 1000).toFixed(2)} | ${s.rssDeltaMbMedian.toFixed(1)} | ${s.heapDeltaMbMedian.toFixed(1)} |`;
	return [
		`## Polling trigger: one poll over ${report.deals.toLocaleString('en-US')} updated deals`,
		'',
		`**Reproduce:** \`node bench/poll.js\` (\`--reps N\`, \`--deals N\`), then \`node bench/run.js --report-only\` to put its \`bench/results/poll.json\` here. Run ${m.date.slice(0, 16).replace('T', ' ')} UTC, Node ${m.node}, ${m.cpus} CPUs (load average ${m.loadAverage.map((/** @type {number} */ l) => l.toFixed(1)).join(' / ')}: a busy machine, wall times are noisy). Medians of ${report.reps} fresh processes.`,
		'',
		'Ours: the trigger is activated, every deal is then changed, and the next poll is timed as n8n runs it (n8n-core’s poll path with a `PollContext`), custom fields named. Raw: a `fetch` loop over the same `updated_since` pages (500 per page), keeping every record.',
		'',
		'| Contender | Records | Requests | Wall s | CPU s | Peak RSS Δ (MiB) | Peak heap Δ (MiB) |',
		'|---|---|---|---|---|---|---|',
		row('raw `fetch` loop', raw),
		row('**ours**', ours),
		'',
		`Ours / raw: **${(ours.msMedian / raw.msMedian).toFixed(2)}×** wall, ${(ours.cpuMsMedian / raw.cpuMsMedian).toFixed(2)}× CPU, peak RSS ${(ours.rssDeltaMbMedian / raw.rssDeltaMbMedian).toFixed(2)}×. What the trigger keeps between polls (static data): ${ours.stateBytes.toLocaleString('en-US')} bytes.`,
		'',
	];
}

module.exports = { pollSection };
