import type { INodeProperties } from 'n8n-workflow';

import { authenticationProperty } from '../Pipedrive/shared';
import { actionOptions, CUSTOM_EVENT, eventPresetOptions, objectOptions } from './events';

export const triggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		options: eventPresetOptions(),
		default: [],
		description:
			'The Pipedrive events that start the workflow. Each needs one Pipedrive webhook (40 per user at most); a Merged event shares the Updated webhook of its object. Choose "Custom" to pick any object and action.',
	},
	{
		displayName: 'Custom Events',
		name: 'customEvents',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Event',
		default: {},
		displayOptions: { show: { events: [CUSTOM_EVENT] } },
		options: [
			{
				displayName: 'Event',
				name: 'event',
				values: [
					{ displayName: 'Object', name: 'object', type: 'options', options: objectOptions(), default: 'deal' },
					{ displayName: 'Action', name: 'action', type: 'options', options: actionOptions(), default: 'change' },
				],
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Changed Fields',
				name: 'changedFields',
				type: 'string',
				default: '',
				placeholder: 'stage_id, status, owner_id, value',
				description:
					'Run for updates only when one of these fields changed (comma-separated keys, or custom field names). Created, deleted and merged events always pass.',
			},
			{
				displayName: 'Ignore Own API Changes',
				name: 'ignoreOwnApiChanges',
				type: 'boolean',
				default: false,
				description:
					"Whether to skip changes made through the API by the credential's user, so a workflow that writes back to Pipedrive does not trigger itself",
			},
			{
				displayName: 'Pipeline Names or IDs',
				name: 'pipelineIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPipelines' },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Runs only for records in these pipelines; records without a pipeline never match',
			},
			{
				displayName: 'Stage Names or IDs',
				name: 'stageIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['filters.pipelineIds'] },
				default: [],
				description:
					'Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: 'Runs only for records in these stages; records without a stage never match',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Raw Custom Field Keys',
				name: 'rawCustomFieldKeys',
				type: 'boolean',
				default: false,
				description: 'Whether to keep custom fields under their Pipedrive keys instead of their names',
			},
			{
				displayName: 'Run As User Name or ID',
				name: 'runAsUserId',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getUsers' },
				default: '',
				description:
					'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
				hint: "Pipedrive only sends events about records this user can see (an admin sees all). Default: the credential's user.",
			},
		],
	},
];
