// @ts-check
'use strict';

/** 3. Custom fields: Return All of 10,000 deals with 20 custom fields, by name and as raw keys. */

const returnAll = require('./returnAll');

const COUNT = 10_000;

/** @type {import('./index').Scenario} */
module.exports = {
	number: 3,
	key: 'customFields',
	title: `custom fields: Return All of ${COUNT.toLocaleString('en-US')} deals with 20 custom fields`,

	async run(ctx) {
		const { seeded, contenders } = await ctx.compare('customFields', {
			seed: (fake) => fake.seedDeals(COUNT, true),
			contenders: ['raw', 'oursRaw', 'oursNamed', ...(ctx.builtin ? ['builtinRaw', 'builtinNamed'] : [])],
			params: { expected: COUNT, warmup: 2000, expectNames: ['Segment', 'Products', 'Renewal date'] },
			keep: { stats: ['ms', 'cpuMs', 'rssDelta', 'heapDelta'], first: ['bytes', 'sample'] },
		});
		return { count: COUNT, customFields: seeded.customFields, contenders };
	},

	measure: returnAll.measure,

	section(result, r) {
		const c = result.contenders;
		const diff = (/** @type {string} */ named, /** @type {string} */ raw, /** @type {string} */ key) => r.med(c[named], key) - r.med(c[raw], key);
		return [
			`Every deal has a value in each of the ${result.customFields} custom deal fields (8 varchar, 2 text, 3 double, 2 date, 3 enum, 2 set). “Names” output them by field name with option labels; “raw keys” leave the 40-character hash keys and option ids. Ours resolves by default (v2: inside \`custom_fields\`); the built-in V1 only with “Resolve Properties”, V2 unless “raw custom field output”.`,
			'',
			...r.contenderTable(c, ['Contender', 'Wall ms', 'CPU ms of the client process', 'Peak heap Δ (MiB)', 'Requests'], (d) => [r.mmm(d.ms), r.mmm(d.cpuMs), r.mmm(d.heapDelta, 1, r.MiB), r.requestList(d.requests)]),
			'',
			`Cost of name resolution (median named − median raw keys), in CPU time: ours **${r.num(diff('oursNamed', 'oursRaw', 'cpuMs'))} ms** (${r.num((diff('oursNamed', 'oursRaw', 'cpuMs') / result.count) * 1000, 1)} µs per deal)${c.builtinNamed ? `, built-in **${r.num(diff('builtinNamed', 'builtinRaw', 'cpuMs'))} ms** (${r.num((diff('builtinNamed', 'builtinRaw', 'cpuMs') / result.count) * 1000, 1)} µs per deal)` : ''}. Ours with names / raw loop: ${r.times(r.ratio(r.med(c.oursNamed, 'ms'), r.med(c.raw, 'ms')))} wall${c.builtinNamed ? `; ours with names / built-in with names: **${r.times(r.ratio(r.med(c.oursNamed, 'ms'), r.med(c.builtinNamed, 'ms')))}** wall` : ''}.`,
		];
	},
};
