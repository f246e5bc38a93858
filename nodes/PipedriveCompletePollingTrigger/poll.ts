import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { fieldDefinitions, hasCustomFieldValues, resolveCustomFieldNames } from '../Pipedrive/customFields';
import { nextPage, pipedriveRequest, recordsOf } from '../Pipedrive/transport/request';
import type { PollSettings } from './settings';
import { readSettings } from './settings';
import type { PollSource } from './sources';
import { changedSinceQuery, newestFirstQuery, rfc3339, timeOf } from './sources';
import type { PollState, RecordId } from './state';
import { ProcessedRecords, readState, writeState } from './state';

const PAGE_SIZE = 500;
/** Manual runs look this far back for a record the local filters accept. */
const SAMPLE_SCAN_LIMIT = 500;

type Action = 'create' | 'change';

interface Emitted {
	record: IDataObject;
	action: Action;
	enteredFilter?: boolean;
}

interface Page {
	records: IDataObject[];
	/** Pipedrive's clock when it answered (`Date` header), if it said. */
	serverTime?: number;
}

/** Every page of a list, in order (v2 cursor or v1 offset paging), through the shared transport. */
async function* listPages(ctx: IPollFunctions, source: PollSource, qs: IDataObject, pageSize = PAGE_SIZE): AsyncGenerator<Page> {
	let position: { cursor?: string; start?: number } = source.paging === 'offset' ? { start: 0 } : {};
	for (;;) {
		const query: IDataObject = { ...qs, limit: pageSize };
		if (position.cursor) query.cursor = position.cursor;
		if (position.start !== undefined) query.start = position.start;
		const { body, headers } = await pipedriveRequest(ctx, { method: 'GET', version: source.version, path: source.path, qs: query });
		const records = recordsOf(body) as IDataObject[];
		const date = Date.parse(String(headers.date ?? ''));
		yield { records, serverTime: Number.isNaN(date) ? undefined : date };
		const next = nextPage(source.paging, body);
		if (!next || records.length === 0) return;
		position = next;
	}
}

/** When the record last changed; its creation time when it never changed. */
function changeTime(record: IDataObject): number {
	const updated = timeOf(record.update_time);
	return Number.isNaN(updated) ? timeOf(record.add_time) : updated;
}

const idOf = (value: unknown): string => String(value && typeof value === 'object' ? ((value as IDataObject).id ?? (value as IDataObject).value) : value);

/**
 * What the list is asked for: with a saved filter only `filter_id` (Pipedrive ignores most other list
 * filters next to it, so those are checked here instead), otherwise the chosen list filters.
 */
function serverQuery(settings: PollSettings): IDataObject {
	return settings.filterId !== undefined ? { filter_id: settings.filterId } : { ...settings.listFilters };
}

/** The list filters Pipedrive was not asked to apply (next to a saved filter), as a record check. */
function localFilter(settings: PollSettings): (record: IDataObject) => boolean {
	const checks = settings.filterId === undefined ? [] : Object.entries(settings.listFilters);
	if (!checks.length) return () => true;
	return (record) =>
		checks.every(([name, wanted]) =>
			name === 'status' ? String(wanted).split(',').includes(String(record.status)) : idOf(record[name]) === String(wanted),
		);
}

/**
 * New or changed: a record added after everything before was looked at (less the overlap), and not
 * processed yet, is new; anything else is a change. A record added and changed between two polls is new.
 */
function actionOf(state: PollState, processed: ProcessedRecords, settings: PollSettings, id: RecordId, added: number): Action {
	return added > state.coveredUntil - settings.overlapMs && !processed.has(id) ? 'create' : 'change';
}

function wanted(settings: PollSettings, action: Action): boolean {
	return settings.event === 'createdOrUpdated' || (settings.event === 'created') === (action === 'create');
}

/** Where the scan got to; the watermark only moves over what was processed. */
interface ScanEnd {
	lastTime?: number;
	newestTime?: number;
	stoppedEarly: boolean;
	scanStart?: number;
}

function processedUpTo(end: ScanEnd, time: number): void {
	if (!Number.isFinite(time)) return;
	end.lastTime = time;
	end.newestTime = Math.max(end.newestTime ?? time, time);
}

function nextState(state: PollState, settings: PollSettings, processed: ProcessedRecords, end: ScanEnd, members?: Map<string, RecordId>): PollState {
	const reached = end.stoppedEarly ? end.lastTime : end.newestTime;
	const candidates = [state.watermark, reached].filter((t): t is number => t !== undefined && Number.isFinite(t));
	const watermark = candidates.length ? Math.max(...candidates) : undefined;
	const covered = [state.coveredUntil, watermark ?? -Infinity];
	if (!end.stoppedEarly && end.scanStart !== undefined) covered.push(end.scanStart);
	return {
		signature: state.signature,
		watermark,
		coveredUntil: Math.max(...covered),
		recent: watermark === undefined ? {} : processed.recentFrom(watermark - settings.overlapMs),
		members: members ? [...members.values()] : undefined,
	};
}

function sinceOf(state: PollState, settings: PollSettings): string | undefined {
	return state.watermark === undefined ? undefined : rfc3339(state.watermark - settings.overlapMs);
}

/** "New", "Updated", "New or Updated": every change since the watermark, oldest first, up to the maximum. */
async function pollChanges(ctx: IPollFunctions, settings: PollSettings, state: PollState): Promise<{ emitted: Emitted[]; next: PollState }> {
	const processed = new ProcessedRecords(state.recent);
	const passes = localFilter(settings);
	const qs = { ...serverQuery(settings), ...changedSinceQuery(settings.source, sinceOf(state, settings)) };
	const emitted: Emitted[] = [];
	const end: ScanEnd = { stoppedEarly: false };
	scan: for await (const page of listPages(ctx, settings.source, qs)) {
		end.scanStart ??= page.serverTime;
		for (const record of page.records) {
			const id = record.id as RecordId;
			const time = changeTime(record);
			if (processed.isRepeat(id, time)) continue;
			const action = actionOf(state, processed, settings, id, timeOf(record.add_time));
			processed.mark(id, time);
			processedUpTo(end, time);
			if (!wanted(settings, action) || !passes(record)) continue;
			emitted.push({ record, action });
			if (emitted.length >= settings.maxPerPoll) {
				end.stoppedEarly = true;
				break scan;
			}
		}
	}
	return { emitted, next: nextState(state, settings, processed, end) };
}

/**
 * "Entered Saved Filter": every change since the watermark (without the filter), then which of those
 * records match the filter now (asked second, so a record changed in between is judged by its newer
 * state); a match that was not a member at the previous poll entered the filter, a non-match left it.
 */
async function pollEnteredFilter(ctx: IPollFunctions, settings: PollSettings, state: PollState): Promise<{ emitted: Emitted[]; next: PollState }> {
	const processed = new ProcessedRecords(state.recent);
	const members = new Map((state.members ?? []).map((id) => [String(id), id]));
	const passes = localFilter(settings);
	const changedSince = changedSinceQuery(settings.source, sinceOf(state, settings));
	const changes: Array<{ id: RecordId; time: number; added: number }> = [];
	const end: ScanEnd = { stoppedEarly: false };
	for await (const page of listPages(ctx, settings.source, changedSince)) {
		end.scanStart ??= page.serverTime;
		for (const record of page.records) changes.push({ id: record.id as RecordId, time: changeTime(record), added: timeOf(record.add_time) });
	}
	const matching = new Map<string, IDataObject>();
	for await (const page of listPages(ctx, settings.source, { filter_id: settings.filterId, ...changedSince })) {
		for (const record of page.records) if (passes(record)) matching.set(String(record.id), record);
	}
	const emitted: Emitted[] = [];
	for (const change of changes) {
		if (processed.isRepeat(change.id, change.time)) continue;
		const action = actionOf(state, processed, settings, change.id, change.added);
		processed.mark(change.id, change.time);
		processedUpTo(end, change.time);
		const record = matching.get(String(change.id));
		if (!record) {
			members.delete(String(change.id));
			continue;
		}
		if (members.has(String(change.id))) continue;
		members.set(String(change.id), change.id);
		emitted.push({ record, action, enteredFilter: true });
		if (emitted.length >= settings.maxPerPoll) {
			end.stoppedEarly = true;
			break;
		}
	}
	return { emitted, next: nextState(state, settings, processed, end, members) };
}

/**
 * First activation (or changed settings): remember the newest change and every record changed within
 * the overlap of it, so the next poll reports only what changes from now on; emits nothing.
 */
async function initialState(ctx: IPollFunctions, settings: PollSettings): Promise<PollState> {
	const processed = new ProcessedRecords({});
	const entering = settings.event === 'enteredFilter';
	const qs = { ...(entering ? {} : serverQuery(settings)), ...newestFirstQuery(settings.source, 'update_time') };
	let newest: number | undefined;
	let serverNow: number | undefined;
	scan: for await (const page of listPages(ctx, settings.source, qs)) {
		serverNow ??= page.serverTime;
		for (const record of page.records) {
			const time = changeTime(record);
			if (Number.isNaN(time)) continue;
			newest ??= time;
			if (time < newest - settings.overlapMs) break scan;
			processed.mark(record.id as RecordId, time);
		}
	}
	let members: Map<string, RecordId> | undefined;
	if (entering) {
		members = new Map();
		const passes = localFilter(settings);
		for await (const page of listPages(ctx, settings.source, { filter_id: settings.filterId })) {
			for (const record of page.records) if (passes(record)) members.set(String(record.id), record.id as RecordId);
		}
	}
	const coveredUntil = serverNow ?? newest ?? Date.now();
	return {
		signature: settings.signature,
		watermark: newest,
		coveredUntil,
		recent: newest === undefined ? {} : processed.recentFrom(newest - settings.overlapMs),
		members: members ? [...members.values()] : undefined,
	};
}

/** "Fetch Test Event": the most recent matching record, without touching the trigger's state. */
async function sample(ctx: IPollFunctions, settings: PollSettings): Promise<Emitted[]> {
	const field = settings.event === 'created' ? 'add_time' : 'update_time';
	const passes = localFilter(settings);
	const qs = { ...serverQuery(settings), ...newestFirstQuery(settings.source, field) };
	const local = settings.filterId !== undefined && Object.keys(settings.listFilters).length > 0;
	let looked = 0;
	for await (const page of listPages(ctx, settings.source, qs, local ? 100 : 1)) {
		const record = page.records.find(passes);
		if (record) {
			const fresh = timeOf(record.add_time) === timeOf(record.update_time);
			const action: Action = settings.event === 'created' || fresh ? 'create' : 'change';
			return [{ record, action, enteredFilter: settings.event === 'enteredFilter' || undefined }];
		}
		looked += page.records.length;
		if (!local || looked >= SAMPLE_SCAN_LIMIT) break;
	}
	return [];
}

/** Items shaped like the webhook trigger's: action, object, id, current (custom fields by name), meta. */
async function toItems(ctx: IPollFunctions, settings: PollSettings, emitted: Emitted[]): Promise<INodeExecutionData[]> {
	const records = emitted.map((entry) => entry.record);
	if (!settings.rawCustomFieldKeys && hasCustomFieldValues(records)) {
		resolveCustomFieldNames(records, await fieldDefinitions(ctx, settings.source.object));
	}
	return emitted.map(({ record, action, enteredFilter }) => {
		const meta: IDataObject = { source: 'polling', timestamp: (record.update_time ?? record.add_time ?? null) as string | null };
		if (enteredFilter) Object.assign(meta, { entered_filter: true, filter_id: settings.filterId });
		return { json: { action, object: settings.source.object, id: record.id as RecordId, current: record, meta } };
	});
}

/** One poll: manual sample, first activation, or everything changed since the previous poll. */
export async function pollPipedrive(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const settings = readSettings(ctx);
	if (ctx.getMode() === 'manual') {
		const items = await toItems(ctx, settings, await sample(ctx, settings));
		return items.length ? [items] : null;
	}
	const state = readState(ctx);
	if (!state || state.signature !== settings.signature) {
		writeState(ctx, await initialState(ctx, settings));
		return null;
	}
	const poll = settings.event === 'enteredFilter' ? pollEnteredFilter : pollChanges;
	const { emitted, next } = await poll(ctx, settings, state);
	// Names are resolved before the state moves on: if that fails, the next poll repeats this one.
	const items = await toItems(ctx, settings, emitted);
	writeState(ctx, next);
	return items.length ? [items] : null;
}
