import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions } from '../Pipedrive/methods/loadOptions';
import { pipedriveCredentials } from '../Pipedrive/shared';
import { receiveDelivery } from './delivery';
import { triggerProperties } from './description';
import { checkExists, create, deleteWebhooks } from './registration';

/**
 * Starts a workflow on Pipedrive events: registers one webhooks-v2 subscription per chosen event,
 * repairs them when Pipedrive drops them, checks each delivery's Basic auth and ignores repeats.
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
		defaults: { name: 'Pipedrive Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: pipedriveCredentials,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
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
