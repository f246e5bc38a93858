import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, NodeHelpers, Workflow } from 'n8n-workflow';

import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import type { CredentialType } from './credentials';
import { apiTokenCredentials, oauth2Credentials, TestCredentialsHelper } from './credentials';

const NODE_TYPE = 'CUSTOM.pipedriveComplete';

let pipedriveNode: PipedriveComplete | undefined;

function nodeTypes(extra: Record<string, INodeType> = {}): INodeTypes {
	pipedriveNode ??= new PipedriveComplete();
	const types: Record<string, INodeType> = { [NODE_TYPE]: pipedriveNode, ...extra };
	return {
		getByName: (type: string) => types[type],
		getByNameAndVersion: (type: string, version?: number) => NodeHelpers.getVersionedNodeType(types[type], version),
		getKnownTypes: () => ({}),
	} as INodeTypes;
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	/** Input items; one empty item by default. */
	items?: INodeExecutionData[];
	authentication?: 'apiToken' | 'oAuth2';
	/** Overrides the default test credential data. */
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
}

export interface RunNodeResult {
	items: INodeExecutionData[];
	/** The execution error when the node failed (without Continue On Fail). */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run: IRun;
}

let executionCounter = 0;

export interface Setup {
	node: INode;
	workflow: Workflow;
	additionalData: IWorkflowExecuteAdditionalData;
	executionId: string;
}

/** Another of the package's nodes to set up instead of the action node (e.g. the polling trigger). */
export interface NodeUnderTest {
	type: string;
	name: string;
	nodeType: INodeType;
	staticData?: IDataObject;
}

/** The node, its workflow and n8n's additional data (hooks, credentials helper, URLs) for one run. */
export function setUp(options: RunNodeOptions, target?: NodeUnderTest): Setup {
	const authentication = options.authentication ?? 'apiToken';
	const credentialType: CredentialType = authentication === 'oAuth2' ? 'pipedriveCompleteOAuth2Api' : 'pipedriveCompleteApi';
	const credentialData = options.credentials ?? (authentication === 'oAuth2' ? oauth2Credentials() : apiTokenCredentials());
	const node: INode = {
		id: 'node-1',
		name: target?.name ?? 'Pipedrive',
		type: target?.type ?? NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication, ...options.parameters },
		credentials: { [credentialType]: { id: `cred-${credentialType}`, name: 'Pipedrive' } },
		continueOnFail: options.continueOnFail,
		onError: options.continueOnFail ? 'continueRegularOutput' : undefined,
	};
	const workflowData = { id: 'wf-1', name: 'Test', nodes: [node], connections: {}, active: false, settings: {} };
	const extra = target ? { [target.type]: target.nodeType } : {};
	const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypes(extra), staticData: target?.staticData });
	const executionId = `exec-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks('manual', executionId, { ...workflowData, createdAt: new Date(), updatedAt: new Date() } as never);
	const additionalData = {
		executionId,
		hooks,
		credentialsHelper: new TestCredentialsHelper({ [credentialType]: credentialData }),
		variables: {},
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		instanceBaseUrl: 'http://localhost:5678',
		restApiUrl: 'http://localhost:5678/rest',
		// What the editor sends with a dropdown request: the node's parameters as currently set.
		currentNodeParameters: node.parameters,
		executeWorkflow: async () => {
			throw new Error('not supported in tests');
		},
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not supported in tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData, executionId };
}

/** A real n8n-core LoadOptionsContext for the node, as the editor uses for dropdowns and locators. */
export function loadOptionsContext(options: RunNodeOptions, path = 'parameters', target?: NodeUnderTest): LoadOptionsContext {
	const { node, workflow, additionalData } = setUp(options, target);
	return new LoadOptionsContext(workflow, node, additionalData, path);
}

/** Runs the action node once through n8n's real WorkflowExecute + RoutingNode, like a manual execution. */
export async function runNode(options: RunNodeOptions, target?: NodeUnderTest): Promise<RunNodeResult> {
	const { node, workflow, additionalData } = setUp(options, target);
	const runExecutionData: IRunExecutionData = createRunExecutionData({
		executionData: {
			contextData: {},
			nodeExecutionStack: [{ node, data: { main: [options.items ?? [{ json: {} }]] }, source: null }],
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	const items = taskData?.data?.main?.[0] ?? [];
	const error = (run.data.resultData.error ?? taskData?.error) as RunNodeResult['error'];
	return { items, error, run };
}

/** The JSON of each output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}
