import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { WebhookEvent } from './events';
import { CUSTOM_EVENT, selectedEvents, webhooksFor } from './events';

type TriggerContext = IHookFunctions | IWebhookFunctions;

export interface DeliveryFilters {
	changedFields: string[];
	pipelineIds: string[];
	stageIds: string[];
	ignoreOwnApiChanges: boolean;
}

/** `"a, b"`, `["a", 1]` or `3` → `["a", "b"]`, `["a", "1"]`, `["3"]`. */
export function listOf(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(',');
	return parts.map((part) => String(part).trim()).filter((part) => part !== '');
}

/** The events the node starts on, as chosen (`merge` included). */
export function readSelection(ctx: TriggerContext): WebhookEvent[] {
	const presets = ctx.getNodeParameter('events', []) as string[];
	// Custom pairs count only while "Custom" is chosen (their list is hidden otherwise).
	const custom = presets.includes(CUSTOM_EVENT) ? (ctx.getNodeParameter('customEvents.event', []) as WebhookEvent[]) : [];
	return selectedEvents(presets, custom);
}

/** The webhooks Pipedrive must hold for the selection. */
export function readWebhookEvents(ctx: TriggerContext): WebhookEvent[] {
	return webhooksFor(readSelection(ctx));
}

function readOptions(ctx: TriggerContext): IDataObject {
	return ctx.getNodeParameter('options', {}) as IDataObject;
}

/** The user the webhooks run as (decides what they can see), or undefined for the credential's user. */
export function readRunAsUserId(ctx: TriggerContext): number | undefined {
	const value = Number(readOptions(ctx).runAsUserId);
	return Number.isInteger(value) && value > 0 ? value : undefined;
}

export function readRawCustomFieldKeys(ctx: TriggerContext): boolean {
	return readOptions(ctx).rawCustomFieldKeys === true;
}

export function readFilters(ctx: TriggerContext): DeliveryFilters {
	const filters = ctx.getNodeParameter('filters', {}) as IDataObject;
	return {
		changedFields: listOf(filters.changedFields),
		pipelineIds: listOf(filters.pipelineIds),
		stageIds: listOf(filters.stageIds),
		ignoreOwnApiChanges: filters.ignoreOwnApiChanges === true,
	};
}
