import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

export interface RegisteredWebhook {
	id: number | string;
	object: string;
	action: string;
}

/**
 * What the trigger keeps in the workflow's static data (per node). The Basic-auth secret lives only
 * here and in Pipedrive: it is never put in node output, errors or logs.
 */
export interface TriggerState {
	webhookUrl?: string;
	authUser?: string;
	authPassword?: string;
	webhooks?: RegisteredWebhook[];
	runAsUserId?: number;
	/** The credential's own user (`GET /v1/users/me`), for ignoring the workflow's own API changes. */
	ownUserId?: number | string;
	seenEventIds?: string[];
}

const REGISTRATION_KEYS: Array<keyof TriggerState> = [
	'webhookUrl',
	'authUser',
	'authPassword',
	'webhooks',
	'runAsUserId',
	'ownUserId',
];

export function triggerState(ctx: IHookFunctions | IWebhookFunctions): TriggerState {
	return ctx.getWorkflowStaticData('node') as TriggerState;
}

/** Forgets the registration; key by key, so n8n sees the change and saves it. */
export function clearRegistration(state: TriggerState): void {
	for (const key of [...REGISTRATION_KEYS, 'seenEventIds' as const]) delete state[key];
}

export function saveRegistration(state: TriggerState, registration: TriggerState): void {
	for (const key of REGISTRATION_KEYS) delete state[key];
	Object.assign(state, registration);
}

export const SEEN_EVENTS_KEPT = 500;

/**
 * True when this event was seen before (Pipedrive retries a delivery up to 3 times); otherwise records it
 * in the node's static data, bounded to the last 500 ids.
 *
 * Static data only, no memory of this process: n8n saves the static data before it answers the delivery,
 * so Pipedrive's retry (sent after an answer or a 10 s timeout, 3 s later at the earliest) finds the id
 * whichever n8n process receives it (queue mode runs several webhook processors). When n8n could not
 * start the execution, it answers 500 and saves nothing: the retry must then run, which a memory of
 * this process would have prevented.
 */
export function isRepeatedEvent(state: TriggerState, eventId: string): boolean {
	const stored = state.seenEventIds ?? [];
	const seen = seenSets.get(stored) ?? new Set(stored);
	seenSets.set(stored, seen);
	if (seen.has(eventId)) return true;
	// The Set moves on to the new list; the old one, if read again, builds its own from its contents.
	seenSets.delete(stored);
	// A new array each time: assigning it is what marks the static data as changed for n8n to save.
	const next = stored.slice(Math.max(0, stored.length - SEEN_EVENTS_KEPT + 1));
	next.push(eventId);
	seen.add(eventId);
	if (seen.size > SEEN_EVENTS_KEPT) seen.delete(seen.values().next().value as string);
	seenSets.set(next, seen);
	state.seenEventIds = next;
	return false;
}

/**
 * The ids of a stored list as a Set, for the list this process wrote last: searching 500 ids in an array
 * on every delivery was a third of a delivery's cost. A list read anew (another process, a reload) is
 * not in the map and gets its Set built once.
 */
const seenSets = new WeakMap<string[], Set<string>>();
