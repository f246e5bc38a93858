// @ts-check
'use strict';

/**
 * What a scenario's `measure()` gets in its worker process (bench/worker.js): the task, the contenders
 * loaded through the engine this worker runs on, the raw `fetch` loops, and the measuring harness
 * (warm-up is the scenario's business; `measure()` here times one run, samples memory every 10 ms and
 * brackets the run with checkpoints so bench/run.js reads the fake's counters for exactly that run).
 */

const { PATHS, loadHarness } = require('./env');
const { startProfile } = require('./profile');
const { gc, startSampler } = require('./memory');

const TYPES = {
	OUR_TYPE: 'CUSTOM.pipedriveComplete',
	OUR_TRIGGER_TYPE: 'CUSTOM.pipedriveCompleteTrigger',
	OUR_POLL_TYPE: 'CUSTOM.pipedriveCompletePollingTrigger',
	BUILTIN_TYPE: 'n8n-nodes-base.pipedrive',
	BUILTIN_TRIGGER_TYPE: 'n8n-nodes-base.pipedriveTrigger',
	FLOOR_DECLARATIVE_TYPE: 'bench.floorDeclarative',
	FLOOR_PROGRAMMATIC_TYPE: 'bench.floorProgrammatic',
};
const CREDENTIALS = { OUR_CREDENTIALS: { pipedriveCompleteApi: { id: 'cred-ours', name: 'Pipedrive' } }, BUILTIN_CREDENTIALS: { pipedriveApi: { id: 'cred-builtin', name: 'Pipedrive' } } };
const WEBHOOK_AUTH = { user: 'n8n-user', password: 'correct horse battery staple' };

/**
 * `work` for every entry, at most `limit` at a time; results in entry order.
 * @template T, R @param {T[]} entries @param {number} limit @param {(entry: T) => Promise<R>} work @returns {Promise<R[]>}
 */
async function inLanes(entries, limit, work) {
	/** @type {R[]} */
	const results = new Array(entries.length);
	let next = 0;
	const lane = async () => {
		while (next < entries.length) {
			const index = next++;
			results[index] = await work(entries[index]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, entries.length) }, lane));
	return results;
}

/** The default version of a node type, as n8n would pick it for a new node. @param {any} type */
function defaultVersionOf(type) {
	if (type.nodeVersions) return type.description.defaultVersion ?? Math.max(...Object.keys(type.nodeVersions).map(Number));
	const version = type.description.version;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** An instance of the class a node or credential file exports. @param {string} file */
function load(file) {
	const Type = /** @type {any} */ (Object.values(require(file)).find((value) => typeof value === 'function'));
	return new Type();
}

/**
 * @param {{ scenario: string, contender: string, port: number, apiToken: string, params: any, profileFile?: string }} task
 */
function createKit(task) {
	const FAKE = `http://127.0.0.1:${task.port}`;
	const TOKEN = task.apiToken;
	const HEADERS = { 'x-api-token': TOKEN, accept: 'application/json' };

	/** Built-in node versions (default ones), known once a built-in contender is loaded. */
	const builtin = { version: 1, triggerVersion: 1.1 };

	/** Loads only what the contender needs, so each process holds one node's code. @param {string} contender */
	function engineFor(contender) {
		const { Engine } = loadHarness();
		// Ours and the floors (bench/lib/floor-nodes.js) use our API-token credential. The company domain stays
		// Pipedrive's: requests are redirected to the fake like the built-in's.
		const ourCredential = {
			credentialTypes: { pipedriveCompleteApi: load(PATHS.ourApiCredential) },
			credentials: { pipedriveCompleteApi: { apiToken: TOKEN, domain: 'https://api.pipedrive.com' } },
		};
		if (contender.startsWith('floor')) {
			const { floorDeclarative, floorProgrammatic } = require('./floor-nodes');
			return new Engine({ nodeTypes: { [TYPES.FLOOR_DECLARATIVE_TYPE]: floorDeclarative, [TYPES.FLOOR_PROGRAMMATIC_TYPE]: floorProgrammatic }, ...ourCredential });
		}
		if (contender.startsWith('ours')) {
			return new Engine({
				nodeTypes: { [TYPES.OUR_TYPE]: load(PATHS.ourNode), [TYPES.OUR_TRIGGER_TYPE]: load(PATHS.ourTrigger), [TYPES.OUR_POLL_TYPE]: load(PATHS.ourPollingTrigger) },
				...ourCredential,
			});
		}
		const nodeTypes = { [TYPES.BUILTIN_TYPE]: load(PATHS.builtinNode), [TYPES.BUILTIN_TRIGGER_TYPE]: load(PATHS.builtinTrigger) };
		builtin.version = defaultVersionOf(nodeTypes[TYPES.BUILTIN_TYPE]);
		builtin.triggerVersion = defaultVersionOf(nodeTypes[TYPES.BUILTIN_TRIGGER_TYPE]);
		return new Engine({
			nodeTypes,
			credentialTypes: { pipedriveApi: load(PATHS.builtinApiCredential), httpBasicAuth: load(PATHS.builtinBasicAuthCredential) },
			credentials: { pipedriveApi: { apiToken: TOKEN }, httpBasicAuth: WEBHOOK_AUTH },
		});
	}

	// -------------------------------------------------------------------------------------------------
	// Memory and timing

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
		const { rssDelta, heapDelta } = sampler.stop();
		if (profiler) await profiler.stop(/** @type {string} */ (task.profileFile));
		const server = await checkpoint('end');
		return { ms, cpuMs: (cpu.user + cpu.system) / 1000, rssDelta, heapDelta, output, server };
	}

	// -------------------------------------------------------------------------------------------------
	// Raw HTTP (Node's fetch, keep-alive): the baseline

	/**
	 * Lists deals with `fetch`: v2 cursor pages of 500 (`query` added, e.g. a poll's `updated_since`),
	 * or with `v1` offset pages of 100 as the 2.8.x built-in node reads them (reference only).
	 * @param {{ max?: number, v1?: boolean, query?: Record<string, string> }} [options]
	 */
	async function rawList({ max, v1 = false, query = {} } = {}) {
		const records = [];
		let bytes = 0;
		/** @type {string | number | undefined} */
		let next = v1 ? 0 : undefined;
		do {
			/** @type {Record<string, string>} */
			const page = v1 ? { start: String(next), limit: '100' } : { ...query, limit: '500', ...(next ? { cursor: String(next) } : {}) };
			const response = await fetch(`${FAKE}${v1 ? '/v1' : '/api/v2'}/deals?${new URLSearchParams(page)}`, { headers: HEADERS });
			const text = await response.text();
			bytes += Buffer.byteLength(text);
			const body = JSON.parse(text);
			if (!body.success) throw new Error(`raw list failed: ${text.slice(0, 200)}`);
			for (const record of body.data) records.push(record);
			const more = body.additional_data;
			next = v1 ? (more?.pagination?.more_items_in_collection ? more.pagination.next_start : undefined) : (more?.next_cursor ?? undefined);
		} while (next !== undefined && !(max && records.length >= max));
		return { records, bytes };
	}

	/**
	 * Creates one deal per input; `inFlight` requests at once (1 = sequential). With `retry429`, waits
	 * what x-ratelimit-reset / Retry-After says and retries (the minimum any client must do under limits).
	 * @param {Array<{ json: { title: string } }>} items
	 * @param {{ inFlight?: number, retry429?: boolean }} [options]
	 */
	async function rawCreate(items, options = {}) {
		let failed = 0;
		let rateLimited = 0;
		const records = await inLanes(items, options.inFlight ?? 1, async (item) => {
			for (;;) {
				const response = await fetch(`${FAKE}/api/v2/deals`, {
					method: 'POST',
					headers: { ...HEADERS, 'content-type': 'application/json' },
					body: JSON.stringify({ title: item.json.title, person_id: 1 }),
				});
				const body = /** @type {any} */ (await response.json());
				if (response.status === 429 && options.retry429) {
					rateLimited++;
					const wait = Number(response.headers.get('retry-after') ?? response.headers.get('x-ratelimit-reset') ?? 2);
					await new Promise((resolve) => setTimeout(resolve, wait * 1000));
					continue;
				}
				if (!body.success) failed++;
				return body.data;
			}
		});
		return { records, failed, rateLimited };
	}

	// -------------------------------------------------------------------------------------------------
	// Node runs

	/** @param {number} count @param {number} [offset] */
	function inputItems(count, offset = 0) {
		return Array.from({ length: count }, (_, i) => ({ json: { title: `Bench deal ${offset + i + 1}` } }));
	}

	/** Our node or the built-in one (its default version), API-token credential. @param {boolean} ours @param {Record<string, unknown>} parameters */
	function contenderNode(ours, parameters) {
		return ours
			? { type: TYPES.OUR_TYPE, typeVersion: 1, credentials: CREDENTIALS.OUR_CREDENTIALS, parameters: { authentication: 'apiToken', ...parameters } }
			: { type: TYPES.BUILTIN_TYPE, typeVersion: builtin.version, credentials: CREDENTIALS.BUILTIN_CREDENTIALS, parameters: { authentication: 'apiToken', ...parameters } };
	}

	/** The node that creates one deal per item for a write contender. @param {string} contender */
	function createNode(contender) {
		if (contender.startsWith('floor')) {
			const type = contender === 'floorDeclarative' ? TYPES.FLOOR_DECLARATIVE_TYPE : TYPES.FLOOR_PROGRAMMATIC_TYPE;
			return { type, typeVersion: 1, credentials: CREDENTIALS.OUR_CREDENTIALS, parameters: { title: '={{ $json.title }}' } };
		}
		const ours = contender.startsWith('ours');
		// V1 and V2 of the built-in take the same parameters for this operation.
		const parameters = ours
			? { resource: 'deal', operation: 'addDeal', title: '={{ $json.title }}', additionalFields: { person_id: { __rl: true, mode: 'id', value: '1' } } }
			: { resource: 'deal', operation: 'create', title: '={{ $json.title }}', associateWith: 'person', person_id: 1, additionalFields: {} };
		return contenderNode(ours, parameters);
	}

	/** @param {any} engine @param {string} contender @param {any[]} items @param {{ continueOnFail?: boolean }} [options] */
	async function nodeCreate(engine, contender, items, options = {}) {
		const result = await engine.runNode({ ...createNode(contender), continueOnFail: options.continueOnFail }, items);
		const failed = result.items.filter((/** @type {any} */ item) => item.json?.error !== undefined).length;
		return { records: result.items, failed, error: result.error ? String(result.error.message) : undefined };
	}

	/**
	 * Lists deals: all of them, or the first `max` (warm-up). `resolveNames` undefined: each node's default.
	 * @param {any} engine @param {string} contender @param {{ max?: number, resolveNames?: boolean }} options
	 */
	async function nodeList(engine, contender, options) {
		const ours = contender.startsWith('ours');
		// A limited list (the warm-up) asks for one page at most: the built-in V2 sends its Limit as the
		// page size, and Pipedrive (and the fake) refuse more than 500.
		const paging = options.max ? { returnAll: false, limit: Math.min(options.max, 500) } : { returnAll: true };
		// V1 resolves custom-field names only with "Resolve Properties"; V2 by default, unless "raw output".
		const builtinNaming =
			options.resolveNames === undefined ? {} : builtin.version >= 2 ? { rawCustomFieldOutput: !options.resolveNames } : { resolveProperties: options.resolveNames };
		const parameters = ours
			? { resource: 'deal', operation: 'getDeals', ...paging, ...(options.resolveNames === false ? { options: { rawCustomFieldKeys: true } } : {}) }
			: { resource: 'deal', operation: 'getAll', ...paging, filters: {}, ...builtinNaming };
		const result = await engine.runNode(contenderNode(ours, parameters));
		if (result.error) throw new Error(`${contender} list failed: ${result.error.message} ${result.error.description ?? ''}`);
		return { records: result.items };
	}

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

	return { task, FAKE, HEADERS, builtin, types: TYPES, credentials: CREDENTIALS, webhookAuth: WEBHOOK_AUTH, engineFor, gc, measure, checkpoint, rawList, rawCreate, inputItems, nodeCreate, nodeList, countExpressions };
}

/** @typedef {ReturnType<typeof createKit>} Kit */

module.exports = { createKit, inLanes };
