// @ts-check
'use strict';

/** 4. Under rate limits: 1,000 writes against a fake enforcing 80 requests per 2 s. */

const COUNT = 1000;
const RATE_LIMIT = { limit: 80, windowMs: 2000, enforce: true };

/** @type {import('./index').Scenario} */
module.exports = {
	number: 4,
	key: 'rateLimited',
	title: `under rate limits: ${COUNT.toLocaleString('en-US')} writes at ${RATE_LIMIT.limit} requests / ${RATE_LIMIT.windowMs / 1000} s`,

	async run(ctx) {
		const { contenders } = await ctx.compare('rateLimited', {
			rateLimit: RATE_LIMIT,
			contenders: ['raw', 'ours', ...(ctx.builtin ? ['builtin'] : [])],
			reps: Math.min(ctx.reps, 3),
			params: { count: COUNT },
			keep: { stats: ['ms', 'cpuMs', 'failed'], derived: { tooManyRequests: (r) => r.server.tooManyRequests } },
		});
		return { count: COUNT, rateLimit: RATE_LIMIT, contenders };
	},

	/** No warm-up (it would spend the budget); failed items are counted, not thrown. */
	async measure(contender, { count }, kit) {
		const engine = contender.startsWith('raw') ? null : kit.engineFor(contender);
		const items = kit.inputItems(count);
		const { output, ...measured } = await kit.measure(() =>
			engine ? kit.nodeCreate(engine, contender, items, { continueOnFail: true }) : kit.rawCreate(items, { retry429: true }),
		);
		const created = output.records.filter((/** @type {any} */ r) => r && (r.json?.id ?? r.id) !== undefined).length;
		return { ...measured, created, failed: count - created, error: output.error };
	},

	summary(result, r) {
		const c = result.contenders;
		return [{ what: 'Rate limits: failed items, ours / built-in', value: `${r.num(c.ours.failed.max)} / ${c.builtin ? r.num(r.med(c.builtin, 'failed')) : '–'}` }];
	},

	section(result, r) {
		const c = result.contenders;
		const { limit, windowMs } = result.rateLimit;
		return [
			`The floor is ${r.num((result.count / limit) * (windowMs / 1000), 1)} s (${result.count} requests at ${limit} per ${windowMs / 1000} s). The raw loop is sequential and, on a 429, waits what \`x-ratelimit-reset\` says and retries. The built-in node runs with “Continue On Fail” so its failures are counted rather than ending the run. No warm-up (it would spend the budget); the rate windows are reset between runs.`,
			'',
			...r.contenderTable(c, ['Contender', 'Total s', 'CPU s of the client process', '429s received', 'Failed items', 'Requests'], (d) => [r.mmm(d.ms, 1, 1000), r.mmm(d.cpuMs, 2, 1000), r.mmm(d.tooManyRequests), r.mmm(d.failed), r.requestList(d.requests)]),
			'',
			`Ours / raw: ${r.times(r.ratio(r.med(c.ours, 'ms'), r.med(c.raw, 'ms')))} of the time, with ${r.num(r.med(c.ours, 'tooManyRequests'))} 429s (median) against the raw loop’s ${r.num(r.med(c.raw, 'tooManyRequests'))}: our node reads \`x-ratelimit-remaining\` and pauses before the window is spent.`,
		];
	},
};
