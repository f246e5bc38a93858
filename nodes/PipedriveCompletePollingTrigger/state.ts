import type { IDataObject, IPollFunctions } from 'n8n-workflow';

/** A record id as Pipedrive types it: integers, or UUIDs for leads. */
export type RecordId = number | string;

/**
 * What the trigger keeps in the workflow's static data (per node). n8n saves it when a poll emits items
 * (and after activation), so everything here describes only what was emitted or deliberately skipped.
 */
export interface PollState {
	/** See `PollSettings.signature`. */
	signature: string;
	/** Epoch ms of the newest `update_time` processed; absent while no record was ever listed. */
	watermark?: number;
	/**
	 * Epoch ms up to which every change was looked at (Pipedrive's clock, from its `Date` header): a record
	 * added after this (less the overlap) and not processed yet is reported as created.
	 */
	coveredUntil: number;
	/** Ids processed per `update_time` (epoch ms as the key), for times within the overlap of the watermark. */
	recent: Record<string, RecordId[]>;
	/** "Entered Saved Filter": the ids that matched the filter at the previous poll. */
	members?: RecordId[];
}

export function readState(ctx: IPollFunctions): PollState | undefined {
	const stored = ctx.getWorkflowStaticData('node') as IDataObject;
	if (typeof stored.signature !== 'string' || typeof stored.coveredUntil !== 'number') return undefined;
	return {
		signature: stored.signature,
		watermark: typeof stored.watermark === 'number' ? stored.watermark : undefined,
		coveredUntil: stored.coveredUntil,
		recent: (stored.recent ?? {}) as Record<string, RecordId[]>,
		members: Array.isArray(stored.members) ? (stored.members as RecordId[]) : undefined,
	};
}

/** Replaces the stored state key by key, so n8n's change tracking sees it and saves it. */
export function writeState(ctx: IPollFunctions, state: PollState): void {
	const stored = ctx.getWorkflowStaticData('node') as IDataObject;
	for (const key of Object.keys(stored)) if (!(key in state)) delete stored[key];
	stored.signature = state.signature;
	stored.coveredUntil = state.coveredUntil;
	stored.recent = state.recent;
	if (state.watermark === undefined) delete stored.watermark;
	else stored.watermark = state.watermark;
	if (state.members === undefined) delete stored.members;
	else stored.members = state.members;
}

/** Which update of each record was processed already: id → newest processed `update_time`. */
export class ProcessedRecords {
	private readonly byId = new Map<string, { id: RecordId; time: number }>();

	constructor(recent: Record<string, RecordId[]>) {
		for (const [time, ids] of Object.entries(recent)) for (const id of ids) this.mark(id, Number(time));
	}

	/** True when this update (or a newer one) of the record was processed before. */
	isRepeat(id: RecordId, time: number): boolean {
		const seen = this.byId.get(String(id));
		return seen !== undefined && seen.time >= time;
	}

	has(id: RecordId): boolean {
		return this.byId.has(String(id));
	}

	mark(id: RecordId, time: number): void {
		if (!Number.isFinite(time)) return;
		const seen = this.byId.get(String(id));
		if (!seen || time > seen.time) this.byId.set(String(id), { id, time });
	}

	/** The processed updates at or after `from`, grouped by time: what the next poll must recognise. */
	recentFrom(from: number): Record<string, RecordId[]> {
		const recent: Record<string, RecordId[]> = {};
		for (const { id, time } of this.byId.values()) {
			if (time >= from) (recent[String(time)] ??= []).push(id);
		}
		return recent;
	}
}
