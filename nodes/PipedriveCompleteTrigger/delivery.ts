import * as crypto from 'crypto';
import type { GenericValue, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { fieldDefinitions, hasCustomFieldValues, resolveCustomFieldNames } from '../Pipedrive/customFields';
import { unwrapTypedCustomFields } from './customFieldValues';
import type { WebhookEvent } from './events';
import { isSelected, normalizeAction } from './events';
import type { DeliveryFilters } from './settings';
import { readFilters, readRawCustomFieldKeys, readSelection } from './settings';
import type { TriggerState } from './state';
import { isRepeatedEvent, triggerState } from './state';

/** One Pipedrive delivery, v2 or legacy v1, in one shape. */
export interface PipedriveEvent {
	/** 2 for webhooks v2 (`meta.entity`, `data`), 1 for legacy deliveries (`meta.object`, `current`). */
	version: 1 | 2;
	/** `create`, `change`, `delete` or `merge` (v1 `merged`, or a v2 change with `meta.merged_from_id`). */
	action: string;
	object: string;
	/** The record's id, typed like the record's own: a number, or a string for lead UUIDs. */
	id: GenericValue;
	current: IDataObject | null;
	previous: IDataObject | null;
	meta: IDataObject;
	/** On a merge: the id of the record merged away into this one. */
	mergedFromId?: GenericValue;
	/** On a delete that a merge caused (v2): the id of the record that was kept. */
	mergedIntoId?: GenericValue;
	/** Identity of this event across Pipedrive's retries, when the payload gives one. */
	eventKey?: string;
}

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

const recordOrNull = (value: unknown): IDataObject | null => (isRecord(value) ? value : null);

const isGiven = (value: unknown) => value !== undefined && value !== null && value !== '';

/**
 * An id as the record types it: numbers stay numbers, digit strings (v2 `meta.entity_id`, user ids)
 * become numbers, anything else (lead UUIDs) stays a string.
 */
export function typedId(value: unknown): GenericValue {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && /^\d+$/.test(value) && Number.isSafeInteger(Number(value))) return Number(value);
	return isGiven(value) ? (value as GenericValue) : null;
}

/**
 * Retries of one event repeat its id and its timestamp; two changes never share both (some v2 events,
 * e.g. user changes, carry the entity id as `meta.id`). v1 has no event id: record, action and time.
 */
function eventKeyOf(version: 1 | 2, meta: IDataObject, object: string, action: string, id: GenericValue): string | undefined {
	const stamp = meta.timestamp_micro ?? meta.timestamp;
	if (version === 2 && isGiven(meta.id)) return isGiven(stamp) ? `${String(meta.id)}@${String(stamp)}` : String(meta.id);
	if (!isGiven(stamp)) return undefined;
	return `${object}:${String(id)}:${action}@${String(stamp)}`;
}

/**
 * v2: `{meta:{action, entity, entity_id, id, merged_from_id?, merged_to_id?}, data, previous}`.
 * v1: `{meta:{action, object, id}, current, previous}` with `added`/`updated`/`merged`/`deleted`.
 * Anything that is not an object with `meta` is undefined.
 */
export function normalizeDelivery(body: unknown): PipedriveEvent | undefined {
	if (!isRecord(body) || !isRecord(body.meta)) return undefined;
	const meta = body.meta;
	const version = meta.entity === undefined && (meta.object !== undefined || 'current' in body) ? 1 : 2;
	const current = recordOrNull(version === 1 ? body.current : body.data);
	const previous = recordOrNull(body.previous);
	const object = String((version === 1 ? meta.object : meta.entity) ?? '');
	let action = normalizeAction(meta.action);
	if (version === 2 && action === 'change' && isGiven(meta.merged_from_id)) action = 'merge';
	const id = typedId(current?.id ?? previous?.id ?? (version === 1 ? meta.id : meta.entity_id));
	const event: PipedriveEvent = { version, action, object, id, current, previous, meta };
	if (action === 'merge') event.mergedFromId = typedId(version === 1 ? previous?.id : meta.merged_from_id);
	if (action === 'delete' && isGiven(meta.merged_to_id)) event.mergedIntoId = typedId(meta.merged_to_id);
	event.eventKey = eventKeyOf(version, meta, object, action, id);
	return event;
}

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/** Keys of `record`, with the keys inside its `custom_fields` in place of that key. */
function fieldKeys(record: IDataObject): string[] {
	return Object.entries(record).flatMap(([key, value]) => (key === 'custom_fields' && isRecord(value) ? Object.keys(value) : [key]));
}

const fieldValue = (record: IDataObject | null, key: string): unknown =>
	record && key in record ? record[key] : recordOrNull(record?.custom_fields)?.[key];

/**
 * Names of the fields an update changed (custom fields by their key inside `custom_fields`).
 * v2: every key of `previous`, which Pipedrive fills with exactly the changed fields, even where old and
 * new look alike. v1 (`previous` is the whole former record): the keys of `current` whose value differs,
 * those only in `current` included; keys only in `previous` are fields v1 no longer sends, not changes.
 * Empty for creates, deletes, and v1 merges (`previous` is the other record).
 */
export function changedFields(event: Pick<PipedriveEvent, 'version' | 'action' | 'current' | 'previous'>): string[] {
	const { current, previous } = event;
	const update = event.action === 'change' || (event.action === 'merge' && event.version === 2);
	if (!update || !previous) return [];
	if (event.version === 2) return fieldKeys(previous);
	return current ? fieldKeys(current).filter((key) => differs(fieldValue(current, key), fieldValue(previous, key))) : [];
}

// The one-shot `crypto.hash` (Node ≥ 20.12) where there is one: a third of the cost of a Hash object.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'buffer') => Buffer }).hash;
const digest = (text: string): Buffer => (oneShotHash ? oneShotHash('sha256', text, 'buffer') : crypto.createHash('sha256').update(text, 'utf8').digest());

/** The stored secret's hash, computed once per registration rather than on every delivery. */
let expected: { secret: string; hash: Buffer } | undefined;
function expectedDigest(secret: string): Buffer {
	if (expected?.secret !== secret) expected = { secret, hash: digest(secret) };
	return expected.hash;
}

/** Compares `Authorization: Basic …` with the stored secret in constant time (hashes of equal length). */
export function hasValidBasicAuth(header: unknown, user: string | undefined, password: string | undefined): boolean {
	if (!user || !password) return false;
	const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(typeof header === 'string' ? header : '');
	const given = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const same = crypto.timingSafeEqual(digest(given), expectedDigest(`${user}:${password}`));
	return same && match !== null;
}

const idOf = (value: unknown): string => String(isRecord(value) ? (value.id ?? value.value) : value);

/** Why the workflow should not run for this event (cheap checks only), or undefined. */
function ignoredBefore(event: PipedriveEvent, filters: DeliveryFilters, state: TriggerState): string | undefined {
	const { meta } = event;
	if (
		filters.ignoreOwnApiChanges &&
		meta.change_source === 'api' &&
		state.ownUserId !== undefined &&
		String(meta.user_id) === String(state.ownUserId)
	) {
		return "change made through the API by the credential's own user";
	}
	const record = event.current ?? event.previous;
	if (filters.pipelineIds.length && !filters.pipelineIds.includes(idOf(record?.pipeline_id))) return 'pipeline not selected';
	if (filters.stageIds.length && !filters.stageIds.includes(idOf(record?.stage_id))) return 'stage not selected';
	return undefined;
}

/** The Changed Fields filter judges updates only; created, deleted and merged events pass. */
function noneOfTheFieldsChanged(filters: DeliveryFilters, action: string, changed: string[]): boolean {
	if (!filters.changedFields.length || action !== 'change') return false;
	const wanted = new Set(filters.changedFields.map((field) => field.toLowerCase()));
	return !changed.some((field) => wanted.has(field.toLowerCase()));
}

/** Pipedrive gives a delivery 10 s; field names are a nicety, the answer is not. */
const FIELD_LOOKUP_TIMEOUT_MS = 4000;

/**
 * Typed v2 values → plain values, then custom-field keys → names (and option ids → labels) in place,
 * with the action node's field cache. Without the definitions the keys stay: the delivery must still
 * run, and answer fast.
 */
async function nameCustomFields(ctx: IWebhookFunctions, object: string, records: Array<IDataObject | null>): Promise<void> {
	const present = records.filter(isRecord);
	present.forEach(unwrapTypedCustomFields);
	if (!hasCustomFieldValues(present)) return;
	try {
		resolveCustomFieldNames(present, await fieldDefinitions(ctx, object, { timeout: FIELD_LOOKUP_TIMEOUT_MS }));
	} catch (error) {
		ctx.logger.warn(`Pipedrive trigger: custom field names of ${object} unavailable, raw keys kept: ${(error as Error).message}`);
	}
}

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

/** 200 without a run: Pipedrive counts a non-2xx answer as a failure, retries it and may ban the webhook. */
function ignore(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger.debug(`Pipedrive trigger: delivery ignored (${reason})`);
	return { webhookResponse: { message: `Ignored: ${reason}` } };
}

function outputItem(event: PipedriveEvent, changed: string[]): IDataObject {
	const item: IDataObject = {
		action: event.action,
		object: event.object,
		id: event.id,
		current: event.current,
		previous: event.previous,
		changed,
		meta: event.meta,
	};
	if (event.mergedFromId !== undefined) item.mergedFromId = event.mergedFromId;
	if (event.mergedIntoId !== undefined) item.mergedIntoId = event.mergedIntoId;
	return item;
}

/** Answers one delivery: 401/400 refusals, 200 for ignored ones, otherwise one item for the workflow. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = triggerState(this);
	if (!hasValidBasicAuth(this.getHeaderData().authorization, state.authUser, state.authPassword)) {
		return refuse(this, 401, 'Unauthorized');
	}
	const event = normalizeDelivery(this.getBodyData());
	if (!event) return refuse(this, 400, 'Expected a Pipedrive webhook payload: a JSON object with "meta".');
	const delivered: WebhookEvent = { object: event.object, action: event.action };
	if (!isSelected(readSelection(this), delivered)) return ignore(this, `${event.object}.${event.action} is not one of the chosen events`);
	if (event.eventKey !== undefined && isRepeatedEvent(state, event.eventKey)) {
		return ignore(this, `event ${event.eventKey} was already received`);
	}
	const filters = readFilters(this);
	const early = ignoredBefore(event, filters, state);
	if (early) return ignore(this, early);

	const rawChanged = changedFields(event);
	let changed = rawChanged;
	if (!readRawCustomFieldKeys(this)) {
		await nameCustomFields(this, event.object, [event.current, event.previous]);
		changed = changedFields(event);
	}
	if (noneOfTheFieldsChanged(filters, event.action, [...rawChanged, ...changed])) {
		return ignore(this, 'none of the chosen fields changed');
	}
	return { workflowData: [[{ json: outputItem(event, changed) }]] };
}
