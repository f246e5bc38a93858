import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { authenticationProperty } from '../Pipedrive/shared';
import { DEFAULT_MAX_PER_POLL, DEFAULT_OVERLAP_SECONDS } from './settings';
import type { ListFilter } from './sources';
import { FILTERABLE_OBJECTS, objectOptions, objectsWith, SOURCES } from './sources';

const CHANGE_EVENTS: INodePropertyOptions[] = [
	{ name: 'New', value: 'created', description: 'A record was added' },
	{
		name: 'New or Updated',
		value: 'createdOrUpdated',
		description: 'A record was added or changed',
	},
	{
		name: 'Updated',
		value: 'updated',
		description: 'An existing record was changed',
	},
];

const ENTERED_FILTER: INodePropertyOptions = {
	name: 'Entered Saved Filter',
	value: 'enteredFilter',
	description: 'A record changed so that it now matches the saved filter, and did not at the previous poll',
};

const UNFILTERABLE_OBJECTS = Object.keys(SOURCES).filter((key) => !FILTERABLE_OBJECTS.includes(key));

function savedFilter(required: boolean): INodeProperties {
	return {
		displayName: 'Saved Filter Name or ID',
		name: 'filterId',
		type: 'options',
		typeOptions: {
			loadOptionsMethod: 'getSavedFilters',
			loadOptionsDependsOn: ['object'],
		},
		required,
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: required
			? 'The trigger reports records that start matching this filter'
			: 'Only records this Pipedrive filter matches; other filters below are then checked by the trigger',
		displayOptions: required
			? { show: { object: FILTERABLE_OBJECTS, event: ['enteredFilter'] } }
			: {
					show: {
						object: FILTERABLE_OBJECTS,
						event: CHANGE_EVENTS.map((e) => e.value as string),
					},
				},
	};
}

const show = (objects: string[]) => ({ show: { '/object': objects } });

/** A list filter picked from a dropdown the action node's loaders fill (users, pipelines, stages). */
function picker(filter: ListFilter, displayName: string, loader: string, extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName,
		name: filter,
		type: 'options',
		typeOptions: { loadOptionsMethod: loader },
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: show(objectsWith(filter)),
		...extra,
	};
}

export const pollingTriggerProperties: INodeProperties[] = [
	authenticationProperty,
	{
		displayName: 'Object',
		name: 'object',
		type: 'options',
		noDataExpression: true,
		options: objectOptions(),
		default: 'deal',
		description: 'The kind of Pipedrive record to watch',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [...CHANGE_EVENTS, ENTERED_FILTER],
		default: 'createdOrUpdated',
		displayOptions: { show: { object: FILTERABLE_OBJECTS } },
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: CHANGE_EVENTS,
		default: 'createdOrUpdated',
		displayOptions: { show: { object: UNFILTERABLE_OBJECTS } },
	},
	savedFilter(true),
	savedFilter(false),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			picker('user_id', 'Author Name or ID', 'getUsers', { hint: 'Only notes written by this user' }),
			{
				displayName: 'Done',
				name: 'done',
				type: 'options',
				options: [
					{ name: 'Done', value: true },
					{ name: 'Not Done', value: false },
				],
				default: false,
				description: 'Whether only done, or only not-done, activities count',
				displayOptions: show(objectsWith('done')),
			},
			picker('owner_id', 'Owner Name or ID', 'getUsers', { hint: 'Only records owned by this user' }),
			picker('pipeline_id', 'Pipeline Name or ID', 'getPipelines'),
			picker('stage_id', 'Stage Name or ID', 'getStages', { typeOptions: { loadOptionsMethod: 'getStages', loadOptionsDependsOn: ['filters.pipeline_id'] } }),
			{
				displayName: 'Status',
				name: 'status',
				type: 'multiOptions',
				options: [
					{ name: 'Open', value: 'open' },
					{ name: 'Won', value: 'won' },
					{ name: 'Lost', value: 'lost' },
					{ name: 'Deleted (Last 30 Days)', value: 'deleted' },
				],
				default: [],
				description: 'Deal statuses that count; without a choice every status but deleted',
				displayOptions: show(objectsWith('status')),
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
				displayName: 'Clock Skew Tolerance (Seconds)',
				name: 'overlapSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 300 },
				default: DEFAULT_OVERLAP_SECONDS,
				description:
					'How far back each poll looks again before the newest change it saw, so a change Pipedrive saved a little late is not missed; repeats are recognised and dropped',
			},
			{
				displayName: 'Max Records per Poll',
				name: 'maxRecordsPerPoll',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 100000 },
				default: DEFAULT_MAX_PER_POLL,
				description: 'The most records one poll starts the workflow with; the rest come with the next polls, oldest change first',
			},
			{
				displayName: 'Raw Custom Field Keys',
				name: 'rawCustomFieldKeys',
				type: 'boolean',
				default: false,
				description: 'Whether to keep custom fields under their Pipedrive keys instead of their names',
			},
		],
	},
];
