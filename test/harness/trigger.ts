/** The webhook trigger in the engine harness: a registered workflow, its hooks and deliveries. */
import type { HookContext } from 'n8n-core';
import type { IDataObject, INode, IWebhookResponseData, Workflow } from 'n8n-workflow';

import { PipedriveCompleteTrigger } from '../../nodes/PipedriveCompleteTrigger/PipedriveCompleteTrigger.node';
import type { TriggerState } from '../../nodes/PipedriveCompleteTrigger/state';
import { apiTokenCredentials, oauth2Credentials } from './credentials';
import { TEST_WEBHOOK_BASE, WEBHOOK_BASE } from './engine';
import { pipedriveScope } from './mock';
import { engineWith } from './run';

export const API = 'https://api.pipedrive.com';
/** OAuth2 tests talk to the token's `api_domain`. */
export const OAUTH_API = 'https://acme.pipedrive.com';
export const NODE_NAME = 'Pipedrive Complete Trigger';
const WEBHOOK_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const OUR_URL = `${WEBHOOK_BASE}/${WEBHOOK_ID}/webhook`;
export const OUR_TEST_URL = `${TEST_WEBHOOK_BASE}/${WEBHOOK_ID}/webhook`;

/** Pipedrive as the trigger must call it with the API token (nock also refuses any query string not declared). */
export const pipedrive = () => pipedriveScope(API);

export const trigger = new PipedriveCompleteTrigger();
const TRIGGER_TYPE = 'CUSTOM.pipedriveCompleteTrigger';

export const triggerEngine = engineWith(
	{ pipedriveCompleteApi: apiTokenCredentials(API), pipedriveCompleteOAuth2Api: oauth2Credentials(OAUTH_API) },
	{ [TRIGGER_TYPE]: trigger },
);

export interface TestWorkflowOptions {
	parameters?: IDataObject;
	staticData?: TriggerState;
	/** Credential id: custom-field names are cached per credential, so tests that need a fresh cache use their own. */
	credentialId?: string;
	workflowId?: string;
	workflowName?: string;
	authentication?: 'apiToken' | 'oAuth2';
}

export function testWorkflow(options: TestWorkflowOptions = {}): { workflow: Workflow; node: INode } {
	const authentication = options.authentication ?? 'apiToken';
	const node = triggerEngine.node({
		name: NODE_NAME,
		type: TRIGGER_TYPE,
		webhookId: WEBHOOK_ID,
		parameters: { authentication, events: ['deal.change'], ...options.parameters },
		credentials: { [authentication === 'oAuth2' ? 'pipedriveCompleteOAuth2Api' : 'pipedriveCompleteApi']: { id: options.credentialId ?? '1', name: 'Pipedrive' } },
	});
	const workflow = triggerEngine.workflow(node, { id: options.workflowId, name: options.workflowName ?? 'Sales sync', staticData: options.staticData as IDataObject | undefined });
	return { workflow, node: workflow.getNode(NODE_NAME) as INode };
}

/** The context n8n gives webhook methods: on activation, or (`test`) for "Listen for test event". */
export const hookContext = (workflow: Workflow, node: INode, test = false): HookContext => triggerEngine.hookContext(workflow, node, test);

export const stateOf = (workflow: Workflow): TriggerState => workflow.staticData[`node:${NODE_NAME}`] as TriggerState;

export async function runHook(method: 'checkExists' | 'create' | 'delete', workflow: Workflow, node: INode, test = false): Promise<boolean> {
	return await trigger.webhookMethods.default[method].call(hookContext(workflow, node, test));
}

export const basicAuth = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Sends one delivery (JSON body, optional Authorization header) through n8n-core's real WebhookContext. */
export async function deliver(workflow: Workflow, node: INode, delivery: { body: unknown; authorization?: string }) {
	const headers = delivery.authorization === undefined ? {} : { authorization: delivery.authorization };
	return await triggerEngine.deliver(workflow, node, { body: delivery.body, headers });
}

const STORED_PASSWORD = 'correct horse battery staple';
export const VALID_AUTH = basicAuth('n8n-user', STORED_PASSWORD);

/** A registered trigger's static data, as `create` leaves it. */
export function registeredState(extra: Partial<TriggerState> = {}): TriggerState {
	return { webhookUrl: OUR_URL, authUser: 'n8n-user', authPassword: STORED_PASSWORD, webhooks: [{ id: 11, object: 'deal', action: 'change' }], ownUserId: 900, ...extra };
}

/** The first (only) output item of a delivery that started the workflow. */
export function outputOf(result: IWebhookResponseData): IDataObject {
	expect(result.workflowData).toHaveLength(1);
	expect(result.workflowData![0]).toHaveLength(1);
	return result.workflowData![0][0].json;
}
