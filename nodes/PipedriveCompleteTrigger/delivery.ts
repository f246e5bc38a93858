import { createHash, timingSafeEqual } from 'crypto';
import type { GenericValue, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { fieldDefinitions, hasCustomFieldValues, resolveCustomFieldNames } from '../Pipedrive/customFields';
import { normalizeAction } from './events';
import type { DeliveryFilters } from './settings';
import { readFilters, readRawCustomFieldKeys } from './settings';
import type { TriggerState } from './state';
import { isRepeatedEvent, triggerState } from './state';

/** One Pipedrive delivery, v2 or legacy v1, in one shape. */
export interface PipedriveEvent {
	action: string;
	object: string;
	id: GenericValue;
	current: IDataObject | null;
	previous: IDataObject | null;
	meta: IDataObject;
	/** Identity that survives Pipedrive's retries (v2 `meta.id`), when the payload has one. */
	eventId?: string;
}

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

const recordOrNull = (value: unknown): IDataObject | null => (isRecord(value) ? value : null);

/**
 * v2: `{meta:{action, entity, entity_id, id}, data, previous}`. v1: `{meta:{action, object, id}, current,
 * previous}` with `added`/`updated`/`merged`/`deleted`. Anything that is not an object with `meta` is undefined.
 */
export function normalizeDelivery(body: unknown): PipedriveEvent | undefined {
	if (!isRecord(body) || !isRecord(body.meta)) return undefined;
	const meta = body.meta;
	const legacy = meta.entity === undefined && (meta.object !== undefined || 'current' in body);
	const current = recordOrNull(legacy ? body.current : body.data);
	const previous = recordOrNull(body.previous);
	const action = normalizeAction(meta.action);
	const object = String((legacy ? meta.object : meta.entity) ?? '');
	const id = (legacy ? meta.id : meta.entity_id) ?? current?.id ?? previous?.id ?? null;
	// v1 has no event id (its meta.id is the record's); its timestamp tells one change from the next.
	const stamp = meta.timestamp_micro ?? meta.timestamp;
	let eventId: string | undefined;
	if (!legacy && meta.id !== undefined && meta.id !== null) eventId = String(meta.id);
	else if (legacy && stamp !== undefined) eventId = `v1:${object}:${String(id)}:${String(meta.action)}:${String(stamp)}`;
	return { action, object, id: id as GenericValue, current, previous, meta, eventId };
}

const differs = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/**
 * Names of the fields an update changed: the keys of `previous` (v2 sends only those; v1 sends the whole
 * record, so unchanged ones are skipped), looking inside `custom_fields`. Empty for creates and deletes.
 */
export function changedFields(event: Pick<PipedriveEvent, 'action' | 'current' | 'previous'>): string[] {
	const { current, previous } = event;
	if (event.action !== 'change' || !previous) return [];
	const changed: string[] = [];
	for (const [key, old] of Object.entries(previous)) {
		if (key === 'custom_fields' && isRecord(old)) {
			const now = recordOrNull(current?.custom_fields) ?? {};
			changed.push(...Object.keys(old).filter((field) => !current || differs(old[field], now[field])));
		} else if (!current || differs(old, current[key])) {
			changed.push(key);
		}
	}
	return changed;
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Compares `Authorization: Basic …` with the stored secret in constant time (hashes of equal length). */
export function hasValidBasicAuth(header: unknown, user: string | undefined, password: string | undefined): boolean {
	if (!user || !password) return false;
	const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(typeof header === 'string' ? header : '');
	const given = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
	const same = timingSafeEqual(digest(given), digest(`${user}:${password}`));
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

function noneOfTheFieldsChanged(filters: DeliveryFilters, action: string, changed: string[]): boolean {
	if (!filters.changedFields.length || action !== 'change') return false;
	const wanted = new Set(filters.changedFields.map((field) => field.toLowerCase()));
	return !changed.some((field) => wanted.has(field.toLowerCase()));
}

/** Pipedrive gives a delivery 10 s; field names are a nicety, the answer is not. */
const FIELD_LOOKUP_TIMEOUT_MS = 4000;

/**
 * Custom-field keys → names (and option ids → labels) in place, with the action node's field cache.
 * Without the definitions the raw keys stay: the delivery must still run, and answer fast.
 */
async function nameCustomFields(ctx: IWebhookFunctions, object: string, records: Array<IDataObject | null>): Promise<void> {
	const present = records.filter(isRecord);
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

function ignore(ctx: IWebhookFunctions, reason: string): IWebhookResponseData {
	ctx.logger.debug(`Pipedrive trigger: delivery ignored (${reason})`);
	return { webhookResponse: { message: `Ignored: ${reason}` } };
}

/** Answers one delivery: 401/400 refusals, 200 for ignored ones, otherwise one item for the workflow. */
export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const state = triggerState(this);
	if (!hasValidBasicAuth(this.getHeaderData().authorization, state.authUser, state.authPassword)) {
		return refuse(this, 401, 'Unauthorized');
	}
	const event = normalizeDelivery(this.getBodyData());
	if (!event) return refuse(this, 400, 'Expected a Pipedrive webhook payload: a JSON object with "meta".');
	if (event.eventId !== undefined && isRepeatedEvent(this, state, event.eventId)) {
		return ignore(this, `event ${event.eventId} was already received`);
	}
	const filters = readFilters(this);
	const early = ignoredBefore(event, filters, state);
	if (early) return ignore(this, early);

	const { current, previous } = event;
	const rawChanged = changedFields(event);
	let changed = rawChanged;
	if (!readRawCustomFieldKeys(this)) {
		await nameCustomFields(this, event.object, [current, previous]);
		changed = changedFields(event);
	}
	if (noneOfTheFieldsChanged(filters, event.action, [...rawChanged, ...changed])) {
		return ignore(this, 'none of the chosen fields changed');
	}
	const item: IDataObject = {
		action: event.action,
		object: event.object,
		id: event.id,
		current,
		previous,
		changed,
		meta: event.meta,
	};
	return { workflowData: [[{ json: item }]] };
}
