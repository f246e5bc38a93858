import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from '../Pipedrive/methods/loadOptions';
import { pipedriveCredentials } from '../Pipedrive/shared';
import { receiveDelivery } from './delivery';
import { triggerProperties } from './description';
import { checkExists, create, deleteWebhooks } from './registration';

const EXECUTE_STEP_HELP =
	"<b>While building your workflow</b>, click the 'Execute step' button, then make one of the chosen events happen in " +
	'Pipedrive (for example, create or update a deal). This will trigger an execution, which will show up in this editor.<br /><br />';
const EXECUTIONS_LIST = 'These executions will show up in the <a data-key="executions">executions list</a>, but not in the editor.';

/**
 * Starts a workflow on Pipedrive events: registers one webhooks-v2 subscription per chosen event,
 * repairs them when Pipedrive drops them, checks each delivery's Basic auth, runs only for the chosen
 * events and ignores repeats.
 */
export class PipedriveCompleteTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pipedrive Complete Trigger',
		name: 'pipedriveCompleteTrigger',
		icon: { light: 'file:../../icons/pipedrive.svg', dark: 'file:../../icons/pipedrive.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when Pipedrive records are created, updated or deleted',
		defaults: { name: 'Pipedrive Complete Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: pipedriveCredentials,
		// `noData`: an accepted delivery gets an empty 200 (n8n's default body would be the text "firstEntryJson").
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
		// n8n words these texts with the service name "Pipedrive Complete" otherwise.
		triggerPanel: {
			header: 'Pull in events from Pipedrive',
			executionsHelp: {
				inactive:
					EXECUTE_STEP_HELP +
					"<b>Once you're happy with your workflow</b>, publish (activate) it. Then every time one of the chosen events " +
					`happens in Pipedrive, the workflow will execute. ${EXECUTIONS_LIST}`,
				active:
					EXECUTE_STEP_HELP +
					"<b>Your workflow will also execute automatically</b>, since it's active. Every time one of the chosen events " +
					`happens in Pipedrive, this node will trigger an execution. ${EXECUTIONS_LIST}`,
			},
			activationHint: {
				inactive:
					'Once you’ve finished building your workflow, publish (activate) it to have it also listen continuously for ' +
					'Pipedrive events (you just won’t see those executions here).',
				active: 'This node will also trigger automatically on new Pipedrive events (but those executions won’t show up here).',
			},
		},
		properties: triggerProperties,
	};

	// The same all-pages dropdowns as the action node.
	methods = { loadOptions: { getUsers: loadOptions.getUsers, getPipelines: loadOptions.getPipelines, getStages: loadOptions.getStages } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhooks.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery.call(this);
	}
}
