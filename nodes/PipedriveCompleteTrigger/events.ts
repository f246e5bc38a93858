import type { INodePropertyOptions } from 'n8n-workflow';

/** The objects and actions `POST /v1/webhooks` accepts (`*` means any). */
export const EVENT_OBJECTS: Record<string, string> = {
	activity: 'Activity',
	deal: 'Deal',
	lead: 'Lead',
	note: 'Note',
	organization: 'Organization',
	person: 'Person',
	pipeline: 'Pipeline',
	product: 'Product',
	stage: 'Stage',
	user: 'User',
};

export type EventAction = 'create' | 'change' | 'delete';

const ACTION_NAMES: Record<EventAction, string> = { create: 'Created', change: 'Updated', delete: 'Deleted' };

export const ANY = '*';

/** The events list value that reveals the object × action picker. */
export const CUSTOM_EVENT = 'custom';

export interface WebhookEvent {
	object: string;
	action: string;
}

export const eventKey = (event: WebhookEvent): string => `${event.object}.${event.action}`;

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** One-click presets ("Deal Created", "Person Updated", …), "Any Event" and "Custom", sorted by name. */
export function eventPresetOptions(): INodePropertyOptions[] {
	const presets: INodePropertyOptions[] = Object.entries(EVENT_OBJECTS).flatMap(([object, label]) =>
		(Object.keys(ACTION_NAMES) as EventAction[]).map((action) => ({
			name: `${label} ${ACTION_NAMES[action]}`,
			value: eventKey({ object, action }),
		})),
	);
	presets.push(
		{ name: 'Any Event', value: eventKey({ object: ANY, action: ANY }), description: 'Every change to every object' },
		{ name: 'Custom', value: CUSTOM_EVENT, description: 'Pick an object and an action below' },
	);
	return presets.sort(byName);
}

export function objectOptions(): INodePropertyOptions[] {
	return [
		{ name: 'Any Object', value: ANY },
		...Object.entries(EVENT_OBJECTS).map(([value, name]) => ({ name, value })),
	].sort(byName);
}

export function actionOptions(): INodePropertyOptions[] {
	return [
		{ name: 'Any Action', value: ANY },
		...(Object.entries(ACTION_NAMES) as Array<[EventAction, string]>).map(([value, name]) => ({ name, value })),
	].sort(byName);
}

const covers = (wide: WebhookEvent, narrow: WebhookEvent): boolean =>
	(wide.object === ANY || wide.object === narrow.object) && (wide.action === ANY || wide.action === narrow.action);

/**
 * The webhooks to register for the chosen presets and custom pairs: duplicates and events already
 * covered by a wider choice (`deal.*` covers `deal.change`) are dropped, so one change is delivered once.
 */
export function selectedEvents(presets: string[], custom: WebhookEvent[]): WebhookEvent[] {
	const chosen = new Map<string, WebhookEvent>();
	for (const key of presets) {
		if (key === CUSTOM_EVENT) continue;
		const [object, action] = key.split('.');
		chosen.set(key, { object, action });
	}
	for (const event of custom) {
		if (event.object && event.action) chosen.set(eventKey(event), { object: event.object, action: event.action });
	}
	const events = [...chosen.values()];
	return events
		.filter((event) => !events.some((other) => eventKey(other) !== eventKey(event) && covers(other, event)))
		.sort((a, b) => eventKey(a).localeCompare(eventKey(b)));
}

const ACTION_ALIASES: Record<string, EventAction> = {
	create: 'create',
	added: 'create',
	change: 'change',
	updated: 'change',
	merged: 'change',
	delete: 'delete',
	deleted: 'delete',
};

/** Webhooks v2 names as they are; legacy v1 names (`added`, `updated`, `merged`, `deleted`) mapped onto them. */
export function normalizeAction(action: unknown): string {
	const raw = String(action ?? '');
	return ACTION_ALIASES[raw] ?? raw;
}
