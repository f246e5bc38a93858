import type {
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { loadOptions, savedFilters } from '../Pipedrive/methods/loadOptions';
import { pipedriveCredentials } from '../Pipedrive/shared';
import { pollingTriggerProperties } from './description';
import { pollPipedrive } from './poll';
import { SOURCES } from './sources';

/**
 * Starts a workflow when Pipedrive records are added or changed, by asking Pipedrive at each poll
 * (no webhook: works where Pipedrive cannot reach n8n, with any user's credential).
 */
export class PipedriveCompletePollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pipedrive Complete Polling Trigger',
		name: 'pipedriveCompletePollingTrigger',
		icon: { light: 'file:../../icons/pipedrive.svg', dark: 'file:../../icons/pipedrive.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ({created: "New", updated: "Updated", createdOrUpdated: "New or updated", enteredFilter: "Entered filter"})[$parameter["event"]] + " " + $parameter["object"] }}',
		description: 'Starts the workflow when Pipedrive records are added or changed, checking at regular intervals',
		defaults: { name: 'Pipedrive Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: pipedriveCredentials,
		properties: pollingTriggerProperties,
	};

	methods = {
		loadOptions: {
			getUsers: loadOptions.getUsers,
			getPipelines: loadOptions.getPipelines,
			getStages: loadOptions.getStages,
			/** The saved filters of the chosen object's type (`GET /v1/filters?type=`; the endpoint does not page). */
			async getSavedFilters(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				const object = (this.getCurrentNodeParameter('object') ?? this.getNodeParameter('object', 'deal')) as string;
				const type = SOURCES[object]?.filterType;
				return type ? await savedFilters(this, type) : [];
			},
		},
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollPipedrive(this);
	}
}
