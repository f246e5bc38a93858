import type { INodePropertyOptions } from 'n8n-workflow';

import { alphabetical } from '../Pipedrive/shared';

/**
 * The objects webhooks v2 deliver (Pipedrive's "Guide for Webhooks v2" and "List of Webhooks v2", 2026:
 * the spec's `event_object` enum still lacks the project and deal sub-objects added in April 2026).
 */
export const EVENT_OBJECTS: Record<string, string> = {
	activity: 'Activity',
	deal: 'Deal',
	deal_installment: 'Deal Installment',
	deal_product: 'Deal Product',
	lead: 'Lead',
	note: 'Note',
	organization: 'Organization',
	person: 'Person',
	pipeline: 'Pipeline',
	product: 'Product',
	project: 'Project',
	board: 'Project Board',
	phase: 'Project Phase',
	task: 'Project Task',
	stage: 'Stage',
	user: 'User',
};

/** Objects Pipedrive can merge (v1 sends `merged`, v2 a change with `meta.merged_from_id`). */
export const MERGEABLE_OBJECTS = ['deal', 'organization', 'person'];

/** What the trigger reports; Pipedrive registers webhooks for the first three only (a merge arrives as a change). */
export type EventAction = 'create' | 'change' | 'delete' | 'merge';

const ACTION_NAMES: Record<EventAction, string> = { create: 'Created', change: 'Updated', delete: 'Deleted', merge: 'Merged' };

export const ANY = '*';

/** The events list value that reveals the object × action picker. */
export const CUSTOM_EVENT = 'custom';

export interface WebhookEvent {
	object: string;
	action: string;
}

export const eventKey = (event: WebhookEvent): string => `${event.object}.${event.action}`;

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => alphabetical(a.name, b.name);

function actionsOf(object: string): EventAction[] {
	const actions: EventAction[] = ['create', 'change', 'delete'];
	return MERGEABLE_OBJECTS.includes(object) ? [...actions, 'merge'] : actions;
}

/** One-click presets ("Deal Created", "Person Merged", …), "Any Event" and "Custom", sorted by name. */
export function eventPresetOptions(): INodePropertyOptions[] {
	const presets: INodePropertyOptions[] = Object.entries(EVENT_OBJECTS).flatMap(([object, label]) =>
		actionsOf(object).map((action) => ({ name: `${label} ${ACTION_NAMES[action]}`, value: eventKey({ object, action }) })),
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
		...(Object.entries(ACTION_NAMES) as Array<[EventAction, string]>).map(([value, name]) => ({
			name,
			value,
			...(value === 'merge' ? { description: 'Deals, persons and organizations' } : {}),
		})),
	].sort(byName);
}

/** Whether an event chosen as `wide` takes in `narrow` (an update choice takes in merges: both change the kept record). */
const covers = (wide: WebhookEvent, narrow: WebhookEvent): boolean =>
	(wide.object === ANY || wide.object === narrow.object) &&
	(wide.action === ANY || wide.action === narrow.action || (wide.action === 'change' && narrow.action === 'merge'));

/** Drops duplicates and events a wider one covers (`deal.*` covers `deal.change`), sorted by key. */
function withoutCovered(events: WebhookEvent[]): WebhookEvent[] {
	const unique = [...new Map(events.map((event) => [eventKey(event), event])).values()];
	return unique
		.filter((event) => !unique.some((other) => eventKey(other) !== eventKey(event) && covers(other, event)))
		.sort((a, b) => eventKey(a).localeCompare(eventKey(b)));
}

/** The events chosen with presets and (while "Custom" is chosen) custom pairs, without redundant ones. */
export function selectedEvents(presets: string[], custom: WebhookEvent[]): WebhookEvent[] {
	const chosen: WebhookEvent[] = [];
	for (const key of presets) {
		if (key === CUSTOM_EVENT) continue;
		const [object, action] = key.split('.');
		chosen.push({ object, action });
	}
	for (const event of custom) {
		if (event.object && event.action) chosen.push({ object: event.object, action: event.action });
	}
	return withoutCovered(chosen);
}

/**
 * The webhooks to register for a selection: one per event, a merge needing its object's `change`
 * webhook (webhooks v2 deliver merges as changes), so one change is delivered once.
 */
export function webhooksFor(selection: WebhookEvent[]): WebhookEvent[] {
	return withoutCovered(selection.map((event) => (event.action === 'merge' ? { ...event, action: 'change' } : event)));
}

/** Whether a delivered `object` × `action` (`merge` included) is one the node was set to start on. */
export function isSelected(selection: WebhookEvent[], delivered: WebhookEvent): boolean {
	return selection.some((event) => covers(event, delivered));
}

const LEGACY_ACTIONS: Record<string, EventAction> = { added: 'create', updated: 'change', merged: 'merge', deleted: 'delete' };

/** Webhooks v2 names as they are; legacy v1 names (`added`, `updated`, `merged`, `deleted`) mapped onto them. */
export function normalizeAction(action: unknown): string {
	const raw = String(action ?? '');
	return LEGACY_ACTIONS[raw] ?? raw;
}
