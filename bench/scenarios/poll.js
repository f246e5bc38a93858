// @ts-check
'use strict';

/**
 * 9. Polling trigger: one poll over 50,000 changed deals (the fake's three custom deal fields set, so
 * names are resolved), next to a raw `fetch` loop reading the same changes. Before each run every deal
 * was last changed long ago; ours is activated (its first poll remembers where to start), then every
 * deal is changed within the last 50 s, then the next poll is timed as n8n runs it (n8n-core's poll
 * path with a `PollContext`, through the engine harness). The raw loop reads the same change burst.
 */

const COUNT = 50_000;

/** @type {import('./index').Scenario} */
module.exports = {
	number: 9,
	key: 'poll',
	title: `polling trigger: one poll over ${COUNT.toLocaleString('en-US')} changed deals`,

	async run(ctx) {
		const { contenders } = await ctx.compare('poll', {
			seed: (fake) => fake.seedPollDeals(COUNT),
			contenders: ['raw', 'ours'],
			reps: Math.min(ctx.reps, 3),
			params: { count: COUNT },
			keep: { stats: ['ms', 'cpuMs', 'rssDelta', 'heapDelta'], first: ['records', 'stateBytes'] },
		});
		return { count: COUNT, contenders };
	},

	async measure(contender, { count }, kit) {
		await kit.checkpoint('agePollDeals');
		if (contender === 'raw') {
			const since = await kit.checkpoint('changePollDeals');
			const { output, ...measured } = await kit.measure(() => kit.rawList({ query: { updated_since: since, sort_by: 'update_time', sort_direction: 'asc' } }));
			if (output.records.length !== count) throw new Error(`raw: ${output.records.length} of ${count} changed deals`);
			return { ...measured, records: output.records.length };
		}
		const engine = kit.engineFor(contender);
		const node = engine.node({
			name: 'Pipedrive Polling',
			type: kit.types.OUR_POLL_TYPE,
			parameters: { authentication: 'apiToken', object: 'deal', event: 'createdOrUpdated', options: { maxRecordsPerPoll: 100_000 } },
			credentials: kit.credentials.OUR_CREDENTIALS,
		});
		const workflow = engine.workflow(node, { active: true });
		const workflowNode = workflow.getNode(node.name);
		const context = engine.pollContext(workflow, workflowNode, 'activate', () => undefined);
		if ((await engine.poll(workflow, workflowNode, context)) !== null) throw new Error('the activation poll emitted items');
		await kit.checkpoint('changePollDeals');
		const { output, ...measured } = await kit.measure(async () => (await engine.poll(workflow, workflowNode, context))?.[0] ?? []);
		const first = output[0]?.json;
		if (output.length !== count || first?.action !== 'change' || !first.current?.custom_fields?.Region) {
			throw new Error(`ours: ${output.length} of ${count} items, first ${JSON.stringify(first).slice(0, 300)}`);
		}
		return { ...measured, records: output.length, stateBytes: JSON.stringify(workflow.staticData[`node:${node.name}`]).length };
	},

	section(result, r) {
		const c = result.contenders;
		return [
			'Ours: the trigger is activated, every deal is then changed, and the next poll is timed as n8n runs it (n8n-core’s poll path with a `PollContext`), custom fields named. Raw: a `fetch` loop over the same `updated_since` pages (500 per page), keeping every record.',
			'',
			...r.contenderTable(c, ['Contender', 'Records', 'Requests', 'Wall s', 'CPU s', 'Peak RSS Δ (MiB)', 'Peak heap Δ (MiB)'], (d) => [
				r.num(d.records), r.requestList(d.requests), r.mmm(d.ms, 2, 1000), r.mmm(d.cpuMs, 2, 1000), r.mmm(d.rssDelta, 1, r.MiB), r.mmm(d.heapDelta, 1, r.MiB),
			]),
			'',
			`Ours / raw: **${r.times(r.ratio(r.med(c.ours, 'ms'), r.med(c.raw, 'ms')))}** wall, ${r.times(r.ratio(r.med(c.ours, 'cpuMs'), r.med(c.raw, 'cpuMs')))} CPU, peak RSS ${r.times(r.ratio(r.med(c.ours, 'rssDelta'), r.med(c.raw, 'rssDelta')))}. What the trigger keeps between polls (static data): ${r.num(c.ours.stateBytes)} bytes.`,
		];
	},
};
