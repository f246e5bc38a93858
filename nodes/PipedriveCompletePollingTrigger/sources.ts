import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';

import type { PagingStyle } from '../Pipedrive/transport/request';
import { alphabetical } from '../Pipedrive/shared';
import type { ApiVersion } from '../Pipedrive/types';

/** The list filters the trigger offers, by the query parameter each list takes. */
export type ListFilter = 'owner_id' | 'user_id' | 'pipeline_id' | 'stage_id' | 'status' | 'done';

/**
 * One list that can be read "changed since, oldest change first": per the specs, the v2 lists of deals
 * (and archived deals), persons, organizations, activities and products take `updated_since` and
 * `sort_by=update_time`; v1 leads and notes take `updated_since` and `sort=update_time ASC`.
 */
export interface PollSource {
	/** `object` of the output items, and whose custom fields name the values. */
	object: string;
	label: string;
	version: ApiVersion;
	path: string;
	paging: PagingStyle;
	/** `type` of the saved filters this list takes as `filter_id` (`GET /v1/filters?type=`), if any. */
	filterType?: string;
	filters: ListFilter[];
}

const V2_LIST = { version: 'v2', paging: 'cursor' } as const;
const V1_LIST = { version: 'v1', paging: 'offset' } as const;

export const SOURCES: Record<string, PollSource> = {
	deal: { ...V2_LIST, object: 'deal', label: 'Deal', path: '/deals', filterType: 'deals', filters: ['owner_id', 'pipeline_id', 'stage_id', 'status'] },
	archivedDeal: {
		...V2_LIST,
		object: 'deal',
		label: 'Archived Deal',
		path: '/deals/archived',
		filterType: 'deals',
		filters: ['owner_id', 'pipeline_id', 'stage_id', 'status'],
	},
	person: { ...V2_LIST, object: 'person', label: 'Person', path: '/persons', filterType: 'people', filters: ['owner_id'] },
	organization: { ...V2_LIST, object: 'organization', label: 'Organization', path: '/organizations', filterType: 'org', filters: ['owner_id'] },
	activity: { ...V2_LIST, object: 'activity', label: 'Activity', path: '/activities', filterType: 'activity', filters: ['owner_id', 'done'] },
	product: { ...V2_LIST, object: 'product', label: 'Product', path: '/products', filterType: 'products', filters: ['owner_id'] },
	lead: { ...V1_LIST, object: 'lead', label: 'Lead', path: '/leads', filterType: 'leads', filters: ['owner_id'] },
	note: { ...V1_LIST, object: 'note', label: 'Note', path: '/notes', filters: ['user_id'] },
};

export function objectOptions(): INodePropertyOptions[] {
	return Object.entries(SOURCES)
		.map(([value, source]) => ({ name: source.label, value }))
		.sort((a, b) => alphabetical(a.name, b.name));
}

/** Objects whose list takes a saved filter (`filter_id`). */
export const FILTERABLE_OBJECTS = Object.keys(SOURCES).filter((key) => SOURCES[key].filterType);

/** Objects offering a list filter. */
export const objectsWith = (filter: ListFilter): string[] => Object.keys(SOURCES).filter((key) => SOURCES[key].filters.includes(filter));

export type TimeField = 'update_time' | 'add_time';

/** Records changed at or after `since` (RFC 3339), oldest change first; everything when `since` is absent. */
export function changedSinceQuery(source: PollSource, since?: string): IDataObject {
	const order: IDataObject = source.version === 'v2' ? { sort_by: 'update_time', sort_direction: 'asc' } : { sort: 'update_time ASC' };
	return since === undefined ? order : { ...order, updated_since: since };
}

/** The most recently changed (or added) records first. */
export function newestFirstQuery(source: PollSource, field: TimeField): IDataObject {
	return source.version === 'v2' ? { sort_by: field, sort_direction: 'desc' } : { sort: `${field} DESC` };
}

const HAS_ZONE = /(?:[zZ]|[+-]\d\d:?\d\d)$/;

/**
 * A Pipedrive time as epoch ms: v2 `2026-11-30T09:00:00Z`, leads `…T09:00:00.123Z`, v1 `2026-11-30 09:00:00`
 * (UTC without a zone). NaN when absent or unreadable.
 */
export function timeOf(value: unknown): number {
	if (typeof value !== 'string' || value.trim() === '') return NaN;
	const text = value.trim();
	return Date.parse(HAS_ZONE.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

/** RFC 3339 to the second, as `updated_since` takes it: `2026-11-30T09:00:00Z` (rounded down). */
export function rfc3339(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
