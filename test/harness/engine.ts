/**
 * The one engine harness: runs nodes through n8n-core's own classes, as n8n does, for the tests (jest,
 * TypeScript) and the bench (plain JS workers load this file through scripts/lib/require-ts.js, with
 * `n8n-core`/`n8n-workflow` resolved from the engine under test, bench/lib/env.js).
 * - a manual execution of one node: WorkflowExecute (RoutingNode for declarative nodes);
 * - dropdowns and locators: LoadOptionsContext; trigger webhook methods: HookContext;
 * - a webhook delivery: WebhookContext with a recorded HTTP response;
 * - a poll: TriggersAndPollers with a PollContext made once at activation.
 * It knows no node: callers pass node types, credential types and decrypted credential data.
 */
import { ExecutionLifecycleHooks, HookContext, LoadOptionsContext, PollContext, WebhookContext, WorkflowExecute } from 'n8n-core';
// Not re-exported by n8n-core's index; it is what n8n's ActiveWorkflows calls for every poll.
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, NodeHelpers, Workflow } from 'n8n-workflow';

const LOCAL = 'http://localhost:5678';
export const WEBHOOK_BASE = `${LOCAL}/webhook`;
export const TEST_WEBHOOK_BASE = `${LOCAL}/webhook-test`;
const URLS = {
	webhookBaseUrl: WEBHOOK_BASE,
	webhookTestBaseUrl: TEST_WEBHOOK_BASE,
	webhookWaitingBaseUrl: `${LOCAL}/webhook-waiting`,
	formWaitingBaseUrl: `${LOCAL}/form-waiting`,
	instanceBaseUrl: LOCAL,
	restApiUrl: `${LOCAL}/rest`,
};

type CredentialTypes = Record<string, ICredentialType>;

/**
 * Hands the engine decrypted credential data and applies each credential type's own `authenticate`
 * (a function, or a generic block of expressions), as n8n's CredentialsHelper does, so requests carry the real auth headers.
 */
export class EngineCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: CredentialTypes,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.types[name]?.extends ?? [];
	}

	/** n8n ≥ 2.3x asks before every credential read: false only for a type restricted to other nodes. */
	isCredentialUsableByNode(type: string, nodeType: string): boolean {
		const definition = this.types[type] as ICredentialType & { restrictToSupportedNodes?: boolean; supportedNodes?: string[] };
		return !definition?.restrictToSupportedNodes || (definition.supportedNodes ?? []).includes(nodeType);
	}

	async authenticate(credentials: ICredentialDataDecryptedObject, typeName: string, requestOptions: IHttpRequestOptions, workflow: Workflow, node: INode) {
		const authenticate = this.types[typeName]?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const generic = authenticate as { properties?: Record<string, Record<string, string>> } | undefined;
		for (const [target, values] of Object.entries(generic?.properties ?? {})) {
			const bag = ((requestOptions as unknown as Record<string, IDataObject>)[target] ??= {});
			for (const [key, expression] of Object.entries(values)) {
				bag[key] = workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'internal', { $credentials: credentials }, undefined, true) as string;
			}
		}
		return requestOptions;
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	/** n8n ≥ 2.3x's pre-authentication outside a node (OAuth helpers): our types have none. */
	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(_additionalData: unknown, _details: unknown, type: string): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No harness credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.types[type]?.properties ?? [];
	}
}

/** What a webhook method answered on the HTTP response (n8n's express response, recorded). */
export interface RecordedResponse {
	/** Unset until the node sets it (n8n then answers 200). */
	statusCode?: number;
	headers: Record<string, string>;
	body?: unknown;
}

function recordingResponse(): RecordedResponse {
	const res = { headers: {} } as RecordedResponse & Record<string, unknown>;
	const chain = (apply: (...args: never[]) => void) => (...args: never[]) => (apply(...args), res);
	Object.assign(res, {
		status: chain((code: number) => (res.statusCode = code)),
		json: chain((body: unknown) => (res.body = body)),
		send: chain((body: unknown) => (res.body = body)),
		end: chain(() => {}),
		header: chain((name: string, value: string) => (res.headers[name] = value)),
		setHeader: chain((name: string, value: string) => (res.headers[name] = value)),
		writeHead: chain((code: number, headers?: Record<string, string>) => ((res.statusCode = code), Object.assign(res.headers, headers ?? {}))),
	});
	return res;
}

export interface EngineSetup {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes: CredentialTypes;
	/** Credential type name → decrypted data. */
	credentials: Record<string, ICredentialDataDecryptedObject>;
}

export interface NodeRun {
	items: INodeExecutionData[];
	/** The execution error when the node failed (without Continue On Fail). */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

export interface Delivery {
	body: unknown;
	headers?: IDataObject;
}

let executionCounter = 0;

export class Engine {
	readonly nodeTypes: INodeTypes;

	readonly credentialsHelper: EngineCredentialsHelper;

	private readonly pollers = new TriggersAndPollers() as TriggersAndPollers & { runPollFunction?: TriggersAndPollers['runPoll'] };

	constructor(setup: EngineSetup) {
		const types = setup.nodeTypes;
		this.nodeTypes = {
			getByName: (type: string) => types[type],
			getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(types[type], version),
			getKnownTypes: () => ({}),
		} as INodeTypes;
		this.credentialsHelper = new EngineCredentialsHelper(setup.credentialTypes, setup.credentials);
	}

	/** A node with the defaults a new node on the canvas gets. */
	node(spec: Partial<INode> & Pick<INode, 'type' | 'parameters'>): INode {
		const node: INode = { id: 'node-1', name: 'Pipedrive', typeVersion: 1, position: [0, 0], ...spec };
		if (node.continueOnFail) node.onError = 'continueRegularOutput';
		return node;
	}

	/** A workflow holding only `node`; `staticData` is the node's own (n8n keys it `node:<name>`). */
	workflow(node: INode, options: { staticData?: IDataObject; active?: boolean; id?: string; name?: string } = {}): Workflow {
		return new Workflow({
			id: options.id ?? 'wf-1',
			name: options.name ?? 'Test',
			nodes: [node],
			connections: {},
			active: options.active ?? false,
			nodeTypes: this.nodeTypes,
			settings: {},
			staticData: options.staticData ? { [`node:${node.name}`]: options.staticData } : undefined,
		});
	}

	/**
	 * n8n's additional data: credentials and URLs; with a workflow, an execution id and its hooks (a
	 * webhook() or a poll runs before n8n creates an execution, so it gets none).
	 */
	additionalData(extra: IDataObject = {}, workflow?: Workflow): IWorkflowExecuteAdditionalData {
		const executionId = workflow && `exec-${++executionCounter}`;
		const refuse = async () => {
			throw new Error('not supported by the harness');
		};
		const workflowData = workflow && { id: workflow.id, name: workflow.name, nodes: Object.values(workflow.nodes), connections: {}, active: false, settings: {} };
		return {
			executionId,
			hooks: workflowData && new ExecutionLifecycleHooks('manual', executionId!, { ...workflowData, createdAt: new Date(), updatedAt: new Date() } as never),
			credentialsHelper: this.credentialsHelper,
			variables: {},
			...URLS,
			currentNodeExecutionIndex: 0,
			executeWorkflow: refuse,
			startRunnerTask: refuse,
			logAiEvent: () => {},
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	/** One manual execution of the workflow's node through WorkflowExecute, fed `items`. */
	async run(workflow: Workflow, items: INodeExecutionData[] = [{ json: {} }], additionalData = this.additionalData({}, workflow)): Promise<NodeRun> {
		const node = Object.values(workflow.nodes)[0];
		const runExecutionData = createRunExecutionData({
			executionData: {
				contextData: {},
				nodeExecutionStack: [{ node, data: { main: [items] }, source: null }],
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: {},
			},
		});
		const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
		const taskData = run.data.resultData.runData[node.name]?.[0];
		const error = (run.data.resultData.error ?? taskData?.error) as NodeRun['error'];
		return { items: taskData?.data?.main?.[0] ?? [], error, run };
	}

	/** `node` alone in a workflow, run once. */
	async runNode(spec: Parameters<Engine['node']>[0], items?: INodeExecutionData[]): Promise<NodeRun> {
		return await this.run(this.workflow(this.node(spec)), items);
	}

	/** The context the editor's dropdown and locator requests get; it sends the node's current parameters. */
	loadOptionsContext(workflow: Workflow, path = 'parameters'): LoadOptionsContext {
		const node = Object.values(workflow.nodes)[0];
		return new LoadOptionsContext(workflow, node, this.additionalData({ currentNodeParameters: node.parameters }, workflow), path);
	}

	private webhookData(workflow: Workflow, node: INode, additionalData: IWorkflowExecuteAdditionalData, isTest: boolean): IWebhookData {
		const webhookDescription = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description.webhooks![0];
		return {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/${webhookDescription.path}`,
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
			isTest,
		};
	}

	/** The context of a trigger's webhook methods: on activation, or (`test`) for "Listen for test event". */
	hookContext(workflow: Workflow, node: INode, test = false): HookContext {
		const data = this.additionalData();
		if (!test) return new HookContext(workflow, node, data, 'trigger', 'activate');
		return new HookContext(workflow, node, data, 'manual', 'manual', this.webhookData(workflow, node, data, true));
	}

	/** One incoming request through WebhookContext and the node's `webhook()`; returns its answer and the response. */
	async deliver(workflow: Workflow, node: INode, delivery: Delivery): Promise<{ result: IWebhookResponseData; res: RecordedResponse; context: WebhookContext }> {
		const res = recordingResponse();
		const httpRequest = { headers: { 'content-type': 'application/json', ...delivery.headers }, body: delivery.body, params: {}, query: {}, method: 'POST' };
		const data = this.additionalData({ httpRequest, httpResponse: res } as unknown as IDataObject);
		const context = new WebhookContext(workflow, node, data, 'webhook', this.webhookData(workflow, node, data, false), [], null);
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
		return { result: await nodeType.webhook!.call(context), res, context };
	}

	/** The PollContext n8n makes once when it activates a polling workflow; `emit` receives what a poll emits. */
	pollContext(workflow: Workflow, node: INode, activation: WorkflowActivateMode, emit: (data: INodeExecutionData[][]) => void): PollContext {
		return new PollContext(workflow, node, this.additionalData({}, workflow), 'trigger', activation, emit);
	}

	/** One poll as n8n's ActiveWorkflows runs it (n8n-core 2.40 renamed runPoll to runPollFunction). */
	async poll(workflow: Workflow, node: INode, context: PollContext): Promise<INodeExecutionData[][] | null> {
		const runners = this.pollers;
		return runners.runPollFunction ? await runners.runPollFunction(workflow, node, context) : await runners.runPoll(workflow, node, context);
	}
}
