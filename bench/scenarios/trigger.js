// @ts-check
'use strict';

/** 6. Trigger: webhook deliveries through each trigger's webhook() with n8n-core's WebhookContext. */

const COUNT = 20_000;

/** @type {import('./index').Scenario} */
module.exports = {
	number: 6,
	key: 'trigger',
	title: 'trigger deliveries',

	async run(ctx) {
		const { seeded, contenders } = await ctx.compare('trigger', {
			seed: (fake) => fake.seedDeals(10, true),
			contenders: ['ours', 'oursRaw', ...(ctx.builtin ? ['builtin'] : [])],
			params: { count: COUNT, warmup: 2000, dealId: 1 },
			keep: { stats: ['perSecond'], derived: { usPerDelivery: (r) => (r.ms * 1000) / r.deliveries, cpuUsPerDelivery: (r) => (r.cpuMs * 1000) / r.deliveries } },
		});
		return { count: COUNT, customFields: seeded.customFields, contenders };
	},

	async measure(contender, { count, warmup, dealId }, kit) {
		const engine = kit.engineFor(contender);
		const ours = contender.startsWith('ours');
		const deal = /** @type {any} */ (await (await fetch(`${kit.FAKE}/api/v2/deals/${dealId}`, { headers: kit.HEADERS })).json()).data;
		const { user, password } = kit.webhookAuth;
		const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
		const node = engine.node({
			name: 'Pipedrive Trigger',
			webhookId: 'a1b2c3d4-0000-4000-8000-000000000001',
			...(ours
				? {
						type: kit.types.OUR_TRIGGER_TYPE,
						credentials: kit.credentials.OUR_CREDENTIALS,
						parameters: { authentication: 'apiToken', events: ['deal.change'], ...(contender === 'oursRaw' ? { options: { rawCustomFieldKeys: true } } : {}) },
					}
				: {
						type: kit.types.BUILTIN_TRIGGER_TYPE,
						typeVersion: kit.builtin.triggerVersion,
						credentials: { ...kit.credentials.BUILTIN_CREDENTIALS, httpBasicAuth: { id: 'cred-basic', name: 'Webhook auth' } },
						parameters: { authentication: 'apiToken', incomingAuthentication: 'basicAuth', action: 'change', entity: 'deal' },
					}),
		});
		const staticData = ours
			? { webhookUrl: 'http://localhost:5678/webhook/a1b2c3d4-0000-4000-8000-000000000001/webhook', authUser: user, authPassword: password, webhooks: [{ id: 11, object: 'deal', action: 'change' }], ownUserId: 1 }
			: undefined;
		const workflow = engine.workflow(node, { active: true, staticData });
		const deliver = (/** @type {{ headers: object, body: unknown }} */ request) => engine.deliver(workflow, workflow.getNode(node.name), request);
		// Pipedrive's webhooks-v2 payload; each delivery its own parsed body (as n8n's body parser gives it).
		const bodies = (/** @type {number} */ n, /** @type {number} */ from) =>
			Array.from({ length: n }, (_, i) => ({
				meta: {
					action: 'change', entity: 'deal', entity_id: String(deal.id), id: `evt-${from + i}`, company_id: '1', user_id: '2',
					change_source: 'app', is_bulk_edit: false, timestamp: new Date().toISOString(), type: 'general', version: '2.0',
					correlation_id: `corr-${from + i}`, attempt: 1, host: 'fake.pipedrive.com', permitted_user_ids: ['1', '2'],
				},
				data: { ...structuredClone(deal), title: `Renamed ${from + i}` },
				previous: { title: deal.title },
			}));
		const headers = { 'content-type': 'application/json', authorization };
		// Bodies are built 1,000 at a time outside the timed part, so the heap does not hold all of them
		// (a large live heap would make every GC, and so the node that allocates more, look slower).
		const runAll = async (/** @type {number} */ total, /** @type {number} */ from) => {
			let started = 0;
			let ns = 0n;
			let cpuUs = 0;
			for (let done = 0; done < total; done += 1000) {
				const list = bodies(Math.min(1000, total - done), from + done);
				const cpu0 = process.cpuUsage();
				const t0 = process.hrtime.bigint();
				for (const body of list) {
					const { result, res } = await deliver({ headers, body });
					if (!result.workflowData || (res.statusCode ?? 200) !== 200) throw new Error(`${contender}: delivery refused (${res.statusCode}) ${JSON.stringify(result)}`);
					started++;
				}
				ns += process.hrtime.bigint() - t0;
				const cpu = process.cpuUsage(cpu0);
				cpuUs += cpu.user + cpu.system;
			}
			return { started, ms: Number(ns) / 1e6, cpuMs: cpuUs / 1000 };
		};
		await runAll(warmup, 10_000_000);
		const { output, server } = await kit.measure(() => runAll(count, 0));
		return { ms: output.ms, cpuMs: output.cpuMs, deliveries: output.started, perSecond: (output.started / output.ms) * 1000, server, customFields: Object.keys(deal.custom_fields ?? {}).length };
	},

	summary(result, r) {
		const c = result.contenders;
		return [{ what: 'Trigger: µs per delivery, ours / built-in', value: `${r.num(r.med(c.ours, 'usPerDelivery'), 1)} / ${c.builtin ? r.num(r.med(c.builtin, 'usPerDelivery'), 1) : '–'}` }];
	},

	section(result, r) {
		const c = result.contenders;
		return [
			`${r.num(result.count)} deliveries per run, one after another, each through n8n-core’s \`WebhookContext\` and the node’s \`webhook()\` (after 2,000 warm-up deliveries). Payload: a webhooks-v2 \`change\` of a deal (the fake’s full deal record with ${result.customFields} custom fields, a \`previous\` title), each with its own event id; bodies are parsed before timing. Both check HTTP Basic auth: ours against the secret stored at registration (constant-time), then de-duplicates the event id and names custom fields (“raw keys” turns naming off); the built-in, configured with “Basic Auth”, reads its \`httpBasicAuth\` credential and compares.`,
			'',
			...r.contenderTable(c, ['Contender', 'Deliveries per second', 'µs per delivery', 'CPU µs per delivery'], (d) => [r.mmm(d.perSecond), r.mmm(d.usPerDelivery, 1), r.mmm(d.cpuUsPerDelivery, 1)]),
			...(c.builtin ? ['', `Ratios (medians, deliveries per second): ours / built-in **${r.times(r.ratio(r.med(c.ours, 'perSecond'), r.med(c.builtin, 'perSecond')))}**, ours with raw keys / built-in ${r.times(r.ratio(r.med(c.oursRaw, 'perSecond'), r.med(c.builtin, 'perSecond')))}.`] : []),
		];
	},
};
