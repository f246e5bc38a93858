'use strict';
// (Not type-checked: it passes plain objects where n8n's types want full interfaces, as n8n's own test harness does.)

/**
 * Runs a node the way test/harness/run.ts does: one workflow, one node, through n8n-core's real
 * WorkflowExecute (RoutingNode for our declarative node, `execute()` for the built-in one), with a
 * credentials helper that applies each credential type's own generic `authenticate` block, as n8n's
 * CredentialsHelper does. Webhook deliveries go through n8n-core's real WebhookContext, as in
 * test/trigger/helpers.ts. Plain JS so it can load the compiled node (dist/) and n8n-nodes-base alike; `n8n-core` and
 * `n8n-workflow` are the worker's engine (bench/lib/env.js).
 */

const { ExecutionLifecycleHooks, WorkflowExecute, WebhookContext } = require('n8n-core');
const { ICredentialsHelper, NodeHelpers, Workflow, createRunExecutionData } = require('n8n-workflow');

class BenchCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, any>} credentialTypes type name → credential class instance
	 * @param {Record<string, Record<string, unknown>>} data type name → decrypted data
	 */
	constructor(credentialTypes, data) {
		super();
		this.types = credentialTypes;
		this.data = data;
	}

	/** @param {string} name */
	getParentTypes(name) {
		return this.types[name]?.extends ?? [];
	}

	/** n8n ≥ 2.3x asks before every credential read: false only for a type restricted to other nodes. @param {string} type @param {string} nodeType */
	isCredentialUsableByNode(type, nodeType) {
		const definition = this.types[type];
		return !definition?.restrictToSupportedNodes || (definition.supportedNodes ?? []).includes(nodeType);
	}

	async runPreAuthentication() {
		return undefined;
	}

	/** @param {any} credentials @param {string} typeName @param {any} requestOptions @param {any} workflow @param {any} node */
	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const generic = this.types[typeName]?.authenticate;
		for (const [target, values] of Object.entries(generic?.properties ?? {})) {
			const bag = (requestOptions[target] ??= {});
			for (const [key, expression] of Object.entries(/** @type {Record<string, string>} */ (values))) {
				bag[key] = workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'internal', { $credentials: credentials }, undefined, true);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async getCredentials() {
		throw new Error('not used by the bench');
	}

	/** @param {any} _additionalData @param {any} _details @param {string} type */
	async getDecrypted(_additionalData, _details, type) {
		const data = this.data[type];
		if (!data) throw new Error(`No bench credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.types[type]?.properties ?? [];
	}
}

/** @param {Record<string, any>} types type name → node instance */
function nodeTypesOf(types) {
	return {
		getByName: (/** @type {string} */ type) => types[type],
		getByNameAndVersion: (/** @type {string} */ type, /** @type {number} */ version) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	};
}

const URLS = {
	webhookBaseUrl: 'http://localhost:5678/webhook',
	webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
	formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	instanceBaseUrl: 'http://localhost:5678',
	restApiUrl: 'http://localhost:5678/rest',
};

let executionCounter = 0;

/**
 * @param {{
 *   nodeTypes: Record<string, any>,
 *   credentialTypes: Record<string, any>,
 *   credentials: Record<string, Record<string, unknown>>,
 * }} setup
 */
function createEngine(setup) {
	const nodeTypes = nodeTypesOf(setup.nodeTypes);
	const credentialsHelper = new BenchCredentialsHelper(setup.credentialTypes, setup.credentials);

	/**
	 * One manual execution of one node.
	 * @param {{ type: string, typeVersion: number, parameters: Record<string, unknown>, credentials: Record<string, { id: string, name: string }>, items: any[], continueOnFail?: boolean }} options
	 */
	async function runNode(options) {
		const node = {
			id: 'node-1',
			name: 'Pipedrive',
			type: options.type,
			typeVersion: options.typeVersion,
			position: [0, 0],
			parameters: options.parameters,
			credentials: options.credentials,
			continueOnFail: options.continueOnFail,
			onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
		};
		const workflowData = { id: 'wf-bench', name: 'Bench', nodes: [node], connections: {}, active: false, settings: {} };
		const workflow = new Workflow({ ...workflowData, nodeTypes });
		const executionId = `bench-${++executionCounter}`;
		const hooks = new ExecutionLifecycleHooks('manual', executionId, { ...workflowData, createdAt: new Date(), updatedAt: new Date() });
		const additionalData = {
			executionId,
			hooks,
			credentialsHelper,
			variables: {},
			...URLS,
			currentNodeParameters: undefined,
			executeWorkflow: async () => {
				throw new Error('not supported in the bench');
			},
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('not supported in the bench');
			},
		};
		const runExecutionData = createRunExecutionData({
			executionData: {
				contextData: {},
				nodeExecutionStack: [{ node, data: { main: [options.items] }, source: null }],
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		});
		const run = await new WorkflowExecute(/** @type {any} */ (additionalData), 'manual', runExecutionData).processRunExecutionData(workflow);
		const taskData = run.data.resultData.runData.Pipedrive?.[0];
		const items = taskData?.data?.main?.[0] ?? [];
		const error = run.data.resultData.error ?? taskData?.error;
		return { items, error };
	}

	/**
	 * A trigger node's webhook(): a workflow holding only the trigger, and a factory that builds n8n-core's
	 * WebhookContext for one delivery, as n8n does for each incoming request.
	 * @param {{ type: string, typeVersion: number, parameters: Record<string, unknown>, credentials: Record<string, { id: string, name: string }>, staticData?: Record<string, unknown> }} options
	 */
	function webhookRunner(options) {
		const node = {
			id: 'trigger-1',
			name: 'Pipedrive Trigger',
			type: options.type,
			typeVersion: options.typeVersion,
			position: [0, 0],
			webhookId: 'a1b2c3d4-0000-4000-8000-000000000001',
			parameters: options.parameters,
			credentials: options.credentials,
		};
		const workflow = new Workflow({
			id: 'wf-trigger',
			name: 'Bench trigger',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			settings: {},
			staticData: options.staticData ? { [`node:${node.name}`]: options.staticData } : undefined,
		});
		const workflowNode = workflow.getNode(node.name);
		const nodeType = nodeTypes.getByNameAndVersion(options.type, options.typeVersion);
		const webhookDescription = nodeType.description.webhooks[0];
		/** @param {{ headers: Record<string, string>, body: unknown }} request */
		return async function deliver(request) {
			/** @type {any} */
			const res = { statusCode: 200, headers: {}, body: undefined };
			res.status = (/** @type {number} */ code) => ((res.statusCode = code), res);
			res.json = (/** @type {unknown} */ body) => ((res.body = body), res);
			res.send = (/** @type {unknown} */ body) => ((res.body = body), res);
			res.end = () => res;
			res.header = res.setHeader = (/** @type {string} */ name, /** @type {string} */ value) => ((res.headers[name] = value), res);
			res.writeHead = (/** @type {number} */ code, /** @type {any} */ headers) => ((res.statusCode = code), Object.assign(res.headers, headers ?? {}), res);
			const req = { headers: request.headers, body: request.body, params: {}, query: {}, method: 'POST' };
			const additionalData = { credentialsHelper, ...URLS, variables: {}, currentNodeExecutionIndex: 0, httpRequest: req, httpResponse: res };
			const webhookData = {
				httpMethod: 'POST',
				node: node.name,
				path: `${node.webhookId}/${webhookDescription.path}`,
				webhookDescription,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
				webhookId: node.webhookId,
				isTest: false,
			};
			const context = new WebhookContext(workflow, workflowNode, /** @type {any} */ (additionalData), 'webhook', webhookData, [], null);
			const result = await nodeType.webhook.call(context);
			return { result, res };
		};
	}

	return { runNode, webhookRunner };
}

module.exports = { createEngine, BenchCredentialsHelper };
