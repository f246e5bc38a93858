// @ts-check
'use strict';

/** 2. Return All: 50,000 deals (the measure() here also serves scenario 3, custom fields). */

const COUNT = 50_000;

/** @type {import('./index').Scenario} */
module.exports = {
	number: 2,
	key: 'returnAll',
	title: `Return All: ${COUNT.toLocaleString('en-US')} deals`,

	async run(ctx) {
		const { runs, contenders } = await ctx.compare('returnAll', {
			seed: (fake) => fake.seedDeals(COUNT, false),
			contenders: ['raw', 'rawV1', 'ours', ...(ctx.builtin ? ['builtin'] : [])],
			params: { expected: COUNT, warmup: 2000 },
			keep: { stats: ['ms', 'cpuMs', 'rssDelta', 'heapDelta'], first: ['bytes', 'sample'] },
		});
		return { count: COUNT, payloadV2: runs.raw[0].payload, payloadV1: runs.rawV1?.[0]?.payload, contenders };
	},

	/** Lists deals; `expectNames`: custom fields that must come out by name (scenario 3). */
	async measure(contender, { expected, warmup, expectNames }, kit) {
		// `…Named`: custom fields output by name; `…Raw`: hash keys; otherwise each node's default.
		const resolveNames = contender.endsWith('Named') ? true : contender.endsWith('Raw') ? false : undefined;
		const raw = contender.startsWith('raw');
		const engine = raw ? null : kit.engineFor(contender);
		const run = (/** @type {number | undefined} */ max) => (raw ? kit.rawList({ max, v1: contender === 'rawV1' }) : kit.nodeList(engine, contender, { max, resolveNames }));
		await run(warmup);
		const { output, ...measured } = await kit.measure(() => run(undefined));
		const count = output.records.length;
		if (count !== expected) throw new Error(`${contender}: ${count} records, expected ${expected}`);
		const sample = output.records[expected - 1];
		const sampleJson = JSON.stringify(sample.json ?? sample);
		if (expectNames && resolveNames !== false && contender !== 'raw') {
			const json = sample.json ?? sample;
			const named = { ...json, ...(json.custom_fields ?? {}) };
			const missing = expectNames.filter((/** @type {string} */ name) => !(name in named));
			if (missing.length) throw new Error(`${contender}: custom fields not output by name (${missing.join(', ')} missing): ${sampleJson.slice(0, 500)}`);
		}
		const sampleText = sampleJson.length > 2000 ? `${sampleJson.slice(0, 2000)}…` : sampleJson;
		return { ...measured, count, payload: output.bytes, bytes: measured.server.bytes, sample: sampleText };
	},

	summary(result, r) {
		const c = result.contenders;
		return [
			{ what: 'Return All: ours / raw', value: r.times(r.ratio(r.med(c.ours, 'ms'), r.med(c.raw, 'ms'))) },
			{ what: 'Return All: built-in / raw', value: c.builtin ? `${r.times(r.ratio(r.med(c.builtin, 'ms'), r.med(c.raw, 'ms')))} (${r.builtinName(c.builtin.builtinVersion)})` : '–' },
			{ what: 'Return All: ours, peak RSS Δ / heap Δ', value: `${r.num(r.med(c.ours, 'rssDelta') / r.MiB, 1)} / ${r.num(r.med(c.ours, 'heapDelta') / r.MiB, 1)} MiB` },
		];
	},

	section(result, r) {
		const c = result.contenders;
		const payload = result.payloadV2;
		return [
			`Payload: ${r.num(result.payloadV2 / r.MB, 1)} MB of JSON over v2 cursor paging (500 per page)${result.payloadV1 ? `; ${r.num(result.payloadV1 / r.MB, 1)} MB over v1 offset paging (100 per page)` : ''}.`,
			'',
			...r.table(['Contender', 'Wall ms', 'CPU ms of the client process', 'Peak RSS Δ (MiB)', 'Peak heap Δ (MiB)', 'Bytes received (MB)', 'Requests'], Object.entries(c).map(([key, d]) => [
				`${r.label(key, d)}${key === 'raw' ? ', v2 cursor 500/page' : ''}`, r.mmm(d.ms), r.mmm(d.cpuMs), r.mmm(d.rssDelta, 1, r.MiB), r.mmm(d.heapDelta, 1, r.MiB), r.num(d.bytes / r.MB, 1), r.requestList(d.requests),
			])),
			'',
			`Ratios (medians): ours / raw **${r.times(r.ratio(r.med(c.ours, 'ms'), r.med(c.raw, 'ms')))}**${c.builtin ? `, ours / built-in **${r.times(r.ratio(r.med(c.ours, 'ms'), r.med(c.builtin, 'ms')))}**, built-in / raw ${r.times(r.ratio(r.med(c.builtin, 'ms'), r.med(c.raw, 'ms')))}` : ''}. By CPU time: ours / raw ${r.times(r.ratio(r.med(c.ours, 'cpuMs'), r.med(c.raw, 'cpuMs')))}${c.builtin ? `, ours / built-in ${r.times(r.ratio(r.med(c.ours, 'cpuMs'), r.med(c.builtin, 'cpuMs')))}` : ''}. Memory / payload for ours: RSS ${r.times(r.ratio(r.med(c.ours, 'rssDelta'), payload))}, heap ${r.times(r.ratio(r.med(c.ours, 'heapDelta'), payload))}${c.builtin ? `; built-in: RSS ${r.times(r.ratio(r.med(c.builtin, 'rssDelta'), payload))}, heap ${r.times(r.ratio(r.med(c.builtin, 'heapDelta'), payload))}` : ''}; raw: RSS ${r.times(r.ratio(r.med(c.raw, 'rssDelta'), payload))}, heap ${r.times(r.ratio(r.med(c.raw, 'heapDelta'), payload))}.`,
		];
	},
};
