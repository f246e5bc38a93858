// @ts-check
'use strict';

/**
 * One measurement in a fresh process (forked by bench/run.js with --expose-gc): one contender, one
 * scenario, one repetition. Loads n8n-core and the contender, warms up, collects garbage, takes a memory
 * baseline, then times the measured run while sampling memory every 10 ms. Reports over IPC.
 *
 * Task (argv[2], JSON): { scenario, contender, port, apiToken, params }
 */

const { prepareProcess, PATHS } = require('./lib/env');

prepareProcess();

const { redirectPipedriveTo } = require('./lib/redirect');
const { createEngine } = require('./lib/engine');
const { startProfile } = require('./lib/profile');

const task = JSON.parse(process.argv[2]);
const FAKE = `http://127.0.0.1:${task.port}`;
const TOKEN = task.apiToken;
redirectPipedriveTo(task.port);

const OUR_TYPE = 'CUSTOM.pipedriveComplete';
const OUR_TRIGGER_TYPE = 'CUSTOM.pipedriveCompleteTrigger';
const BUILTIN_TYPE = 'n8n-nodes-base.pipedrive';
const BUILTIN_TRIGGER_TYPE = 'n8n-nodes-base.pipedriveTrigger';
const OUR_CREDENTIALS = { pipedriveCompleteApi: { id: 'cred-ours', name: 'Pipedrive' } };
const BUILTIN_CREDENTIALS = { pipedriveApi: { id: 'cred-builtin', name: 'Pipedrive' } };
const WEBHOOK_USER = 'n8n-user';
const WEBHOOK_PASSWORD = 'correct horse battery staple';

/** Loads only what the contender needs, so each process holds one node's code. */
function engineFor(/** @type {string} */ contender) {
	/** @type {Record<string, any>} */
	const nodeTypes = {};
	/** @type {Record<string, any>} */
	const credentialTypes = {};
	/** @type {Record<string, Record<string, unknown>>} */
	const credentials = {};
	if (contender.startsWith('ours')) {
		const { PipedriveComplete } = require(PATHS.ourNode);
		const { PipedriveCompleteTrigger } = require(PATHS.ourTrigger);
		const { PipedriveCompleteApi } = require(PATHS.ourApiCredential);
		nodeTypes[OUR_TYPE] = new PipedriveComplete();
		nodeTypes[OUR_TRIGGER_TYPE] = new PipedriveCompleteTrigger();
		credentialTypes.pipedriveCompleteApi = new PipedriveCompleteApi();
		// The company domain stays Pipedrive's: requests are redirected to the fake like the built-in's.
		credentials.pipedriveCompleteApi = { apiToken: TOKEN, domain: 'https://api.pipedrive.com' };
	} else if (contender.startsWith('builtin')) {
		const { Pipedrive } = require(PATHS.builtinNode);
		const { PipedriveTrigger } = require(PATHS.builtinTrigger);
		const { PipedriveApi } = require(PATHS.builtinApiCredential);
		const { HttpBasicAuth } = require(PATHS.builtinBasicAuthCredential);
		nodeTypes[BUILTIN_TYPE] = new Pipedrive();
		nodeTypes[BUILTIN_TRIGGER_TYPE] = new PipedriveTrigger();
		credentialTypes.pipedriveApi = new PipedriveApi();
		credentialTypes.httpBasicAuth = new HttpBasicAuth();
		credentials.pipedriveApi = { apiToken: TOKEN };
		credentials.httpBasicAuth = { user: WEBHOOK_USER, password: WEBHOOK_PASSWORD };
	}
	return createEngine({ nodeTypes, credentialTypes, credentials });
}

/** The default version of a node type, as n8n would pick it for a new node. @param {any} type */
function defaultVersionOf(type) {
	if (type.nodeVersions) return type.description.defaultVersion ?? Math.max(...Object.keys(type.nodeVersions).map(Number));
	const version = type.description.version;
	return Array.isArray(version) ? Math.max(...version) : version;
}

// ---------------------------------------------------------------------------------------------------
// Memory

function gc() {
	const collect = /** @type {any} */ (globalThis).gc;
	if (collect) {
		collect();
		collect();
	}
}

function startSampler() {
	gc();
	const base = process.memoryUsage();
	let peakRss = base.rss;
	let peakHeap = base.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		if (now.rss > peakRss) peakRss = now.rss;
		if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
	};
	const timer = setInterval(sample, 10);
	return {
		stop() {
			clearInterval(timer);
			sample();
			return { rssDelta: peakRss - base.rss, heapDelta: peakHeap - base.heapUsed, baseRss: base.rss, baseHeap: base.heapUsed, peakRss, peakHeap };
		},
	};
}

/** Times `fn`, sampling memory; `fn` returns what it produced so it stays alive until the end. @param {() => Promise<any>} fn */
async function measure(fn) {
	await checkpoint('start');
	const profiler = task.profileFile ? await startProfile() : null;
	const sampler = startSampler();
	const cpuBefore = process.cpuUsage();
	const started = process.hrtime.bigint();
	const output = await fn();
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	const cpu = process.cpuUsage(cpuBefore);
	const memory = sampler.stop();
	if (profiler) await profiler.stop(task.profileFile);
	const server = await checkpoint('end');
	return { ms, cpuMs: (cpu.user + cpu.system) / 1000, memory, output, server };
}

/**
 * Tells bench/run.js where the measured run starts and ends, so it can read the fake's counters for
 * exactly that run (requests, 429s, bytes); waits for its answer. @param {string} name
 */
function checkpoint(name) {
	if (!process.send) return Promise.resolve(undefined);
	return new Promise((resolve) => {
		const onMessage = (/** @type {any} */ msg) => {
			if (msg?.ack !== name) return;
			process.off('message', onMessage);
			resolve(msg.data);
		};
		process.on('message', onMessage);
		process.send?.({ checkpoint: name });
	});
}

// ---------------------------------------------------------------------------------------------------
// Raw HTTP (Node's fetch, keep-alive): the floor

const HEADERS = { 'x-api-token': TOKEN, accept: 'application/json' };

/** @param {{ max?: number }} [options] */
async function rawListV2(options = {}) {
	const out = [];
	let bytes = 0;
	let cursor = '';
	for (;;) {
		const response = await fetch(`${FAKE}/api/v2/deals?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: HEADERS });
		const text = await response.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		if (!body.success) throw new Error(`raw list failed: ${text.slice(0, 200)}`);
		for (const record of body.data) out.push(record);
		cursor = body.additional_data?.next_cursor;
		if (!cursor || (options.max && out.length >= options.max)) break;
	}
	return { records: out, bytes };
}

/** v1 offset paging, 100 per page, as the 2.8.x built-in node does it (reference only). @param {{ max?: number }} [options] */
async function rawListV1(options = {}) {
	const out = [];
	let bytes = 0;
	let start = 0;
	for (;;) {
		const response = await fetch(`${FAKE}/v1/deals?start=${start}&limit=100`, { headers: HEADERS });
		const text = await response.text();
		bytes += Buffer.byteLength(text);
		const body = JSON.parse(text);
		if (!body.success) throw new Error(`raw v1 list failed: ${text.slice(0, 200)}`);
		for (const record of body.data) out.push(record);
		const pagination = body.additional_data?.pagination;
		if (!pagination?.more_items_in_collection || (options.max && out.length >= options.max)) break;
		start = pagination.next_start;
	}
	return { records: out, bytes };
}

/**
 * Creates one deal per input; `inFlight` requests at once (1 = sequential). With `retry429`, waits
 * what x-ratelimit-reset / Retry-After says and retries (the minimum any client must do under limits).
 * @param {Array<{ json: { title: string } }>} items
 * @param {{ inFlight?: number, retry429?: boolean }} [options]
 */
async function rawCreate(items, options = {}) {
	const results = new Array(items.length);
	let failed = 0;
	let rateLimited = 0;
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			for (;;) {
				const response = await fetch(`${FAKE}/api/v2/deals`, {
					method: 'POST',
					headers: { ...HEADERS, 'content-type': 'application/json' },
					body: JSON.stringify({ title: items[index].json.title, person_id: 1 }),
				});
				const body = /** @type {any} */ (await response.json());
				if (response.status === 429 && options.retry429) {
					rateLimited++;
					const wait = Number(response.headers.get('retry-after') ?? response.headers.get('x-ratelimit-reset') ?? 2);
					await new Promise((resolve) => setTimeout(resolve, wait * 1000));
					continue;
				}
				if (!body.success) failed++;
				results[index] = body.data;
				break;
			}
		}
	};
	await Promise.all(Array.from({ length: options.inFlight ?? 1 }, worker));
	return { records: results, failed, rateLimited };
}

// ---------------------------------------------------------------------------------------------------
// Node runs

/** @param {number} count @param {number} [offset] */
function inputItems(count, offset = 0) {
	return Array.from({ length: count }, (_, i) => ({ json: { title: `Bench deal ${offset + i + 1}` } }));
}

/** @param {any} engine @param {string} contender @param {any[]} items @param {{ continueOnFail?: boolean }} [options] */
async function nodeCreate(engine, contender, items, options = {}) {
	const ours = contender.startsWith('ours');
	const result = await engine.runNode(
		ours
			? {
					type: OUR_TYPE,
					typeVersion: 1,
					credentials: OUR_CREDENTIALS,
					items,
					continueOnFail: options.continueOnFail,
					parameters: {
						authentication: 'apiToken',
						resource: 'deal',
						operation: 'addDeal',
						title: '={{ $json.title }}',
						additionalFields: { person_id: { __rl: true, mode: 'id', value: '1' } },
					},
				}
			: {
					type: BUILTIN_TYPE,
					typeVersion: builtinVersion,
					credentials: BUILTIN_CREDENTIALS,
					items,
					continueOnFail: options.continueOnFail,
					parameters: {
						authentication: 'apiToken',
						resource: 'deal',
						operation: 'create',
						title: '={{ $json.title }}',
						associateWith: 'person',
						person_id: 1,
						additionalFields: {},
					},
				},
	);
	const failed = result.items.filter((/** @type {any} */ item) => item.json?.error !== undefined).length;
	return { records: result.items, failed, error: result.error ? String(result.error.message) : undefined };
}

/**
 * Lists deals: all of them, or the first `max` (warm-up).
 * @param {any} engine @param {string} contender @param {{ max?: number, resolveNames?: boolean }} options
 */
async function nodeList(engine, contender, options) {
	const ours = contender.startsWith('ours');
	const paging = options.max ? { returnAll: false, limit: options.max } : { returnAll: true };
	const result = await engine.runNode(
		ours
			? {
					type: OUR_TYPE,
					typeVersion: 1,
					credentials: OUR_CREDENTIALS,
					items: [{ json: {} }],
					parameters: {
						authentication: 'apiToken',
						resource: 'deal',
						operation: 'getDeals',
						...paging,
						...(options.resolveNames === false ? { options: { rawCustomFieldKeys: true } } : {}),
					},
				}
			: {
					type: BUILTIN_TYPE,
					typeVersion: builtinVersion,
					credentials: BUILTIN_CREDENTIALS,
					items: [{ json: {} }],
					parameters: { authentication: 'apiToken', resource: 'deal', operation: 'getAll', ...paging, filters: {}, resolveProperties: options.resolveNames === true },
				},
	);
	if (result.error) throw new Error(`${contender} list failed: ${result.error.message} ${result.error.description ?? ''}`);
	return { records: result.items };
}

let builtinVersion = 1;

/**
 * Expressions (`={{…}}` strings) n8n's expression engine evaluates per input item while `fn` runs.
 * @param {() => Promise<unknown>} fn @param {number} items
 */
async function countExpressions(fn, items) {
	/** @type {any} */
	const prototype = require('n8n-workflow').Expression.prototype;
	const original = prototype.resolveSimpleParameterValue;
	let evaluated = 0;
	prototype.resolveSimpleParameterValue = function (/** @type {unknown} */ value, /** @type {any[]} */ ...rest) {
		if (typeof value === 'string' && value.charAt(0) === '=') evaluated++;
		return original.call(this, value, ...rest);
	};
	try {
		await fn();
	} finally {
		prototype.resolveSimpleParameterValue = original;
	}
	return evaluated / items;
}

// ---------------------------------------------------------------------------------------------------
// Scenarios

/** @type {Record<string, (contender: string, params: any) => Promise<Record<string, unknown>>>} */
const SCENARIOS = {
	/** 1. Per-item writes: `count` deals, one input item each. */
	async writes(contender, { count, warmup }) {
		const engine = contender.startsWith('raw') ? null : engineFor(contender);
		const inFlight = contender === 'rawConcurrent' ? 8 : 1;
		const run = (/** @type {any[]} */ items) => (engine ? nodeCreate(engine, contender, items) : rawCreate(items, { inFlight }));
		await run(inputItems(warmup, 1_000_000));
		const { ms, cpuMs, memory, output, server } = await measure(() => run(inputItems(count)));
		const ok = output.records.filter((/** @type {any} */ r) => r && (r.json?.id ?? r.id) !== undefined).length;
		if (output.error || output.failed || ok !== count) throw new Error(`${contender}: ${ok}/${count} created, ${output.failed} failed ${output.error ?? ''}`);
		// After the measured run: how many expressions n8n evaluates per item for this node.
		const expressionsPerItem = engine ? await countExpressions(() => run(inputItems(50, 2_000_000)), 50) : 0;
		return { ms, cpuMs, perItemMs: ms / count, created: ok, memory, expressionsPerItem, server };
	},

	/** 2. and 3. Return All; `resolveNames` for the custom-field scenario. */
	async list(contender, { expected, warmup, expectNames }) {
		// `…Named`: custom fields output by name; `…Raw`: hash keys; otherwise each node's default.
		const resolveNames = contender.endsWith('Named') ? true : contender.endsWith('Raw') ? false : undefined;
		const raw = contender === 'raw' ? rawListV2 : contender === 'rawV1' ? rawListV1 : null;
		const engine = raw ? null : engineFor(contender);
		const run = (/** @type {number | undefined} */ max) => (raw ? raw({ max }) : nodeList(/** @type {any} */ (engine), contender, { max, resolveNames }));
		await run(warmup);
		const { ms, cpuMs, memory, output, server } = await measure(() => run(undefined));
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
		return { ms, cpuMs, count, memory, server, bytes: output.bytes, sample: sampleJson.length > 2000 ? `${sampleJson.slice(0, 2000)}…` : sampleJson };
	},

	/** 4. Writes against the enforced burst limit; failed items are counted, not thrown. */
	async rateLimited(contender, { count }) {
		const engine = contender.startsWith('raw') ? null : engineFor(contender);
		const items = inputItems(count);
		const { ms, cpuMs, memory, output, server } = await measure(() =>
			engine ? nodeCreate(engine, contender, items, { continueOnFail: true }) : rawCreate(items, { retry429: true }),
		);
		const created = output.records.filter((/** @type {any} */ r) => r && (r.json?.id ?? r.id) !== undefined).length;
		return { ms, cpuMs, created, failed: count - created, error: output.error, memory, server };
	},

	/** 6. Webhook deliveries through each trigger's webhook() with n8n-core's WebhookContext. */
	async trigger(contender, { count, warmup, dealId }) {
		const engine = engineFor(contender);
		const ours = contender.startsWith('ours');
		const deal = /** @type {any} */ (await (await fetch(`${FAKE}/api/v2/deals/${dealId}`, { headers: HEADERS })).json()).data;
		const authorization = `Basic ${Buffer.from(`${WEBHOOK_USER}:${WEBHOOK_PASSWORD}`).toString('base64')}`;
		const deliver = ours
			? engine.webhookRunner({
					type: OUR_TRIGGER_TYPE,
					typeVersion: 1,
					credentials: OUR_CREDENTIALS,
					parameters: { authentication: 'apiToken', events: ['deal.change'], ...(contender === 'oursRaw' ? { options: { rawCustomFieldKeys: true } } : {}) },
					staticData: {
						webhookUrl: 'http://localhost:5678/webhook/a1b2c3d4-0000-4000-8000-000000000001/webhook',
						authUser: WEBHOOK_USER,
						authPassword: WEBHOOK_PASSWORD,
						webhooks: [{ id: 11, object: 'deal', action: 'change' }],
						ownUserId: 1,
					},
				})
			: engine.webhookRunner({
					type: BUILTIN_TRIGGER_TYPE,
					typeVersion: builtinTriggerVersion,
					credentials: { ...BUILTIN_CREDENTIALS, httpBasicAuth: { id: 'cred-basic', name: 'Webhook auth' } },
					parameters: { authentication: 'apiToken', incomingAuthentication: 'basicAuth', action: 'change', entity: 'deal' },
				});
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
					if (!result.workflowData || res.statusCode !== 200) throw new Error(`${contender}: delivery refused (${res.statusCode}) ${JSON.stringify(result)}`);
					started++;
				}
				ns += process.hrtime.bigint() - t0;
				const cpu = process.cpuUsage(cpu0);
				cpuUs += cpu.user + cpu.system;
			}
			return { started, ms: Number(ns) / 1e6, cpuMs: cpuUs / 1000 };
		};
		await runAll(warmup, 10_000_000);
		const { output, server } = await measure(() => runAll(count, 0));
		const ms = output.ms;
		return { ms, cpuMs: output.cpuMs, deliveries: output.started, perSecond: (output.started / ms) * 1000, server, customFields: Object.keys(deal.custom_fields ?? {}).length };
	},
};

let builtinTriggerVersion = 1.1;

async function main() {
	if (task.contender.startsWith('builtin')) {
		const { Pipedrive } = require(PATHS.builtinNode);
		const { PipedriveTrigger } = require(PATHS.builtinTrigger);
		builtinVersion = defaultVersionOf(new Pipedrive());
		builtinTriggerVersion = defaultVersionOf(new PipedriveTrigger());
	}
	const scenario = SCENARIOS[task.scenario];
	const result = await scenario(task.contender, task.params);
	process.send?.({ ok: true, result: { ...result, builtinVersion: task.contender.startsWith('builtin') ? builtinVersion : undefined } }, () => process.exit(0));
}

main().catch((error) => {
	process.send?.({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
});
