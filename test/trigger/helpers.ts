import { HookContext, WebhookContext } from 'n8n-core';
import nock from 'nock';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	INodeTypes,
	IWebhookData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { PipedriveCompleteTrigger } from '../../nodes/PipedriveCompleteTrigger/PipedriveCompleteTrigger.node';
import type { TriggerState } from '../../nodes/PipedriveCompleteTrigger/state';
import { apiTokenCredentials, oauth2Credentials, TEST_API_TOKEN, TestCredentialsHelper } from '../harness/credentials';

export const API = 'https://api.pipedrive.com';
export const TOKEN = TEST_API_TOKEN;
export const WEBHOOK_BASE = 'http://localhost:5678/webhook';
export const NODE_NAME = 'Pipedrive Complete Trigger';
export const WEBHOOK_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const OUR_URL = `${WEBHOOK_BASE}/${WEBHOOK_ID}/webhook`;
export const TEST_WEBHOOK_BASE = 'http://localhost:5678/webhook-test';
export const OUR_TEST_URL = `${TEST_WEBHOOK_BASE}/${WEBHOOK_ID}/webhook`;

/** Pipedrive as the trigger must call it: the token in the `x-api-token` header (nock also rejects any query string not declared). */
export const pipedrive = () => nock(API, { reqheaders: { 'x-api-token': TOKEN }, badheaders: ['authorization'] });

/** No real network in the file, and after each test every mocked Pipedrive call must have been made. */
export function expectEveryMockedCall(): void {
	beforeAll(() => nock.disableNetConnect());
	afterEach(() => {
		const pending = nock.pendingMocks();
		nock.cleanAll();
		expect(pending).toEqual([]);
	});
	afterAll(() => nock.enableNetConnect());
}

export const trigger = new PipedriveCompleteTrigger();

const nodeTypes: INodeTypes = {
	getByName: () => trigger,
	getByNameAndVersion: (_type: string, version?: number) => NodeHelpers.getVersionedNodeType(trigger, version) as INodeType,
	getKnownTypes: () => ({}),
};

export interface FakeResponse {
	statusCode?: number;
	body?: unknown;
	status(code: number): FakeResponse;
	json(body: unknown): FakeResponse;
	send(body: unknown): FakeResponse;
	end(): FakeResponse;
}

export function fakeResponse(): FakeResponse {
	const res: FakeResponse = {
		status(code) {
			res.statusCode = code;
			return res;
		},
		json(body) {
			res.body = body;
			return res;
		},
		send(body) {
			res.body = body;
			return res;
		},
		end() {
			return res;
		},
	};
	return res;
}

/** OAuth2 tests talk to the token's `api_domain`. */
export const OAUTH_API = 'https://acme.pipedrive.com';

export function additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper({
			pipedriveCompleteApi: apiTokenCredentials(API),
			pipedriveCompleteOAuth2Api: oauth2Credentials(OAUTH_API),
		}),
		webhookBaseUrl: WEBHOOK_BASE,
		webhookTestBaseUrl: TEST_WEBHOOK_BASE,
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		variables: {},
		currentNodeExecutionIndex: 0,
		...extra,
	} as IWorkflowExecuteAdditionalData;
}

export interface TestWorkflowOptions {
	parameters?: INodeParameters;
	staticData?: TriggerState;
	/** Credential id: custom-field names are cached per credential, so tests that need a fresh cache use their own. */
	credentialId?: string;
	workflowId?: string;
	workflowName?: string;
	authentication?: 'apiToken' | 'oAuth2';
}

export function testWorkflow(options: TestWorkflowOptions = {}): { workflow: Workflow; node: INode } {
	const node: INode = {
		id: 'node-1',
		name: NODE_NAME,
		type: 'CUSTOM.pipedriveCompleteTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId: WEBHOOK_ID,
		parameters: { authentication: options.authentication ?? 'apiToken', events: ['deal.change'], ...options.parameters },
		credentials: {
			[options.authentication === 'oAuth2' ? 'pipedriveCompleteOAuth2Api' : 'pipedriveCompleteApi']: {
				id: options.credentialId ?? '1',
				name: 'Pipedrive',
			},
		},
	};
	const workflow = new Workflow({
		id: options.workflowId ?? 'wf-1',
		name: options.workflowName ?? 'Sales sync',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: {},
		staticData: options.staticData ? { [`node:${NODE_NAME}`]: options.staticData as IDataObject } : undefined,
	});
	return { workflow, node: workflow.getNode(NODE_NAME) as INode };
}

/** The context n8n gives webhook methods: on activation, or (`test`) for "Listen for test event". */
export function hookContext(workflow: Workflow, node: INode, test = false): HookContext {
	const data = additionalData();
	if (!test) return new HookContext(workflow, node, data, 'trigger', 'activate');
	return new HookContext(workflow, node, data, 'manual', 'manual', webhookData(workflow, node, data, true));
}

function webhookData(workflow: Workflow, node: INode, data: IWorkflowExecuteAdditionalData, isTest = false): IWebhookData {
	return {
		httpMethod: 'POST',
		node: node.name,
		path: `${WEBHOOK_ID}/webhook`,
		webhookDescription: trigger.description.webhooks![0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: data,
		webhookId: WEBHOOK_ID,
		isTest,
	};
}

export function stateOf(workflow: Workflow): TriggerState {
	return workflow.staticData[`node:${NODE_NAME}`] as TriggerState;
}

export const webhookMethods = trigger.webhookMethods.default;

export async function runHook(method: 'checkExists' | 'create' | 'delete', workflow: Workflow, node: INode, test = false): Promise<boolean> {
	return await webhookMethods[method].call(hookContext(workflow, node, test));
}

export interface Delivery {
	body: unknown;
	authorization?: string;
}

export function basicAuth(user: string, password: string): string {
	return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Sends one delivery through n8n-core's real WebhookContext; returns the node's answer and the response. */
export async function deliver(
	workflow: Workflow,
	node: INode,
	delivery: Delivery,
): Promise<{ result: IWebhookResponseData; res: FakeResponse; context: WebhookContext }> {
	const res = fakeResponse();
	const headers: IDataObject = { 'content-type': 'application/json' };
	if (delivery.authorization !== undefined) headers.authorization = delivery.authorization;
	const data = additionalData({
		httpRequest: { headers, body: delivery.body, params: {}, query: {} } as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
		httpResponse: res as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
	});
	const context = new WebhookContext(workflow, node, data, 'webhook', webhookData(workflow, node, data), [], null);
	const result = await trigger.webhook.call(context);
	return { result, res, context };
}

const STORED_PASSWORD = 'correct horse battery staple';

/** A registered trigger's static data, as `create` leaves it. */
export function registeredState(extra: Partial<TriggerState> = {}): TriggerState {
	return {
		webhookUrl: OUR_URL,
		authUser: 'n8n-user',
		authPassword: STORED_PASSWORD,
		webhooks: [{ id: 11, object: 'deal', action: 'change' }],
		ownUserId: 900,
		...extra,
	};
}

export const VALID_AUTH = basicAuth('n8n-user', STORED_PASSWORD);

/** The first (only) output item of a delivery that started the workflow. */
export function outputOf(result: IWebhookResponseData): IDataObject {
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData![0]).toHaveLength(1);
	return result.workflowData![0][0].json;
}
