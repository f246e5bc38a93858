/** Our nodes in the engine harness (./engine.ts): the action node by default, or another of ours as `target`. */
import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, INodeParameters, INodeType, Workflow } from 'n8n-workflow';
import type { LoadOptionsContext } from 'n8n-core';

import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import type { CredentialType } from './credentials';
import { apiTokenCredentials, credentialTypes, oauth2Credentials } from './credentials';
import type { NodeRun } from './engine';
import { Engine } from './engine';

const ACTION_TYPE = 'CUSTOM.pipedriveComplete';
let actionNode: PipedriveComplete | undefined;

/** An engine that knows our credential types and the action node (plus `extra` node types), holding `credentials`. */
export function engineWith(credentials: Partial<Record<CredentialType, ICredentialDataDecryptedObject>>, extra: Record<string, INodeType> = {}): Engine {
	actionNode ??= new PipedriveComplete();
	return new Engine({ nodeTypes: { [ACTION_TYPE]: actionNode, ...extra }, credentialTypes, credentials: credentials as Record<string, ICredentialDataDecryptedObject> });
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

export type RunNodeResult = NodeRun;

/** Another of the package's nodes to set up instead of the action node (e.g. the polling trigger). */
export interface NodeUnderTest {
	type: string;
	name: string;
	nodeType: INodeType;
	/** The node's static data. */
	staticData?: IDataObject;
}

export interface Setup {
	engine: Engine;
	node: INode;
	workflow: Workflow;
}

/** The node (with the chosen credential) alone in a workflow. */
export function setUp(options: RunNodeOptions, target?: NodeUnderTest): Setup {
	const authentication = options.authentication ?? 'apiToken';
	const credentialType: CredentialType = authentication === 'oAuth2' ? 'pipedriveCompleteOAuth2Api' : 'pipedriveCompleteApi';
	const credentialData = options.credentials ?? (authentication === 'oAuth2' ? oauth2Credentials() : apiTokenCredentials());
	const engine = engineWith({ [credentialType]: credentialData }, target ? { [target.type]: target.nodeType } : {});
	const node = engine.node({
		name: target?.name ?? 'Pipedrive',
		type: target?.type ?? ACTION_TYPE,
		parameters: { authentication, ...options.parameters },
		credentials: { [credentialType]: { id: `cred-${credentialType}`, name: 'Pipedrive' } },
		continueOnFail: options.continueOnFail,
	});
	return { engine, node, workflow: engine.workflow(node, { staticData: target?.staticData }) };
}

/** A real n8n-core LoadOptionsContext for the node, as the editor uses for dropdowns and locators. */
export function loadOptionsContext(options: RunNodeOptions, path = 'parameters', target?: NodeUnderTest): LoadOptionsContext {
	const { engine, workflow } = setUp(options, target);
	return engine.loadOptionsContext(workflow, path);
}

/** Runs the node once through n8n's real WorkflowExecute (RoutingNode for the action node), like a manual execution. */
export async function runNode(options: RunNodeOptions, target?: NodeUnderTest): Promise<RunNodeResult> {
	const { engine, workflow } = setUp(options, target);
	return await engine.run(workflow, options.items);
}

/** The JSON of each output item. */
export function jsonOf(result: RunNodeResult): IDataObject[] {
	return result.items.map((item) => item.json);
}
