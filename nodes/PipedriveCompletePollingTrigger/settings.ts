import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ListFilter, PollSource } from './sources';
import { SOURCES } from './sources';

export type PollEvent = 'created' | 'updated' | 'createdOrUpdated' | 'enteredFilter';

const EVENTS = new Set<PollEvent>(['created', 'updated', 'createdOrUpdated', 'enteredFilter']);

export interface PollSettings {
	source: PollSource;
	event: PollEvent;
	filterId?: number;
	/** List filters as the list's query parameters (`status` comma-separated, `done` boolean). */
	listFilters: IDataObject;
	maxPerPoll: number;
	overlapMs: number;
	rawCustomFieldKeys: boolean;
	/** What was polled for; when it changes, the trigger starts over as on first activation. */
	signature: string;
}

export const DEFAULT_MAX_PER_POLL = 1000;
export const DEFAULT_OVERLAP_SECONDS = 10;

function positiveId(ctx: IPollFunctions, label: string, value: unknown): number {
	const id = Number(value);
	if (!Number.isInteger(id) || id <= 0) {
		throw new NodeOperationError(ctx.getNode(), `${label} must be a numeric ID, got "${String(value)}"`);
	}
	return id;
}

const LABELS: Record<ListFilter, string> = {
	owner_id: 'Owner',
	user_id: 'Author',
	pipeline_id: 'Pipeline',
	stage_id: 'Stage',
	status: 'Status',
	done: 'Done',
};

/** The chosen list filters the object's list takes; unset or empty ones are left out. */
function readListFilters(ctx: IPollFunctions, source: PollSource): IDataObject {
	const chosen = ctx.getNodeParameter('filters', {}) as IDataObject;
	const out: IDataObject = {};
	for (const name of source.filters) {
		const value = chosen[name];
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		if (name === 'status') out.status = ([] as unknown[]).concat(value).map(String).join(',');
		else if (name === 'done') out.done = value === true || value === 'true';
		else out[name] = positiveId(ctx, LABELS[name], value);
	}
	return out;
}

function boundedNumber(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value);
	if (value === undefined || value === '' || !Number.isFinite(number)) return fallback;
	return Math.min(max, Math.max(min, Math.floor(number)));
}

export function readSettings(ctx: IPollFunctions): PollSettings {
	const objectKey = ctx.getNodeParameter('object', 'deal') as string;
	const source = SOURCES[objectKey];
	if (!source) throw new NodeOperationError(ctx.getNode(), `Unknown object "${objectKey}"`);
	const event = ctx.getNodeParameter('event', 'createdOrUpdated') as PollEvent;
	if (!EVENTS.has(event)) throw new NodeOperationError(ctx.getNode(), `Unknown event "${event}"`);
	const rawFilterId = source.filterType ? ctx.getNodeParameter('filterId', '') : '';
	const filterId = rawFilterId === '' || rawFilterId === undefined ? undefined : positiveId(ctx, 'Saved Filter', rawFilterId);
	if (event === 'enteredFilter' && filterId === undefined) {
		throw new NodeOperationError(ctx.getNode(), '"Entered Saved Filter" needs a saved filter: choose one in "Saved Filter"', {
			description: source.filterType ? undefined : `${source.label} lists take no saved filter.`,
		});
	}
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const listFilters = readListFilters(ctx, source);
	const objectAndQuery = { object: objectKey, event, filterId, listFilters };
	return {
		source,
		event,
		filterId,
		listFilters,
		maxPerPoll: boundedNumber(options.maxRecordsPerPoll, DEFAULT_MAX_PER_POLL, 1, 100_000),
		overlapMs: boundedNumber(options.overlapSeconds, DEFAULT_OVERLAP_SECONDS, 0, 300) * 1000,
		rawCustomFieldKeys: options.rawCustomFieldKeys === true,
		signature: JSON.stringify(objectAndQuery),
	};
}
