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

/** Recently seen event ids of every trigger in this process: the fallback when static data was not saved yet. */
const seenInProcess = new Map<string, string[]>();

function remember(list: string[], id: string): string[] {
	return [...list.filter((seen) => seen !== id), id].slice(-SEEN_EVENTS_KEPT);
}

/**
 * True when this event was seen before (Pipedrive retries a delivery up to 3 times); otherwise records it
 * in the node's static data and in this process's memory, each bounded to the last 500 ids.
 */
export function isRepeatedEvent(ctx: IWebhookFunctions, state: TriggerState, eventId: string): boolean {
	const workflow = ctx.getWorkflow();
	const node = ctx.getNode();
	const scope = `${workflow.id ?? ''}:${node.id ?? node.name}`;
	const inProcess = seenInProcess.get(scope) ?? [];
	const stored = state.seenEventIds ?? [];
	if (stored.includes(eventId) || inProcess.includes(eventId)) return true;
	state.seenEventIds = remember(stored, eventId);
	seenInProcess.set(scope, remember(inProcess, eventId));
	return false;
}
