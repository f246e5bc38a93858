import { sleep } from 'n8n-workflow';

/**
 * How many processes may spend one token's window at once (n8n queue-mode workers, other apps): while
 * the window runs low, each process keeps its requests in flight to this share of what is left, so
 * together they stop short of the limit. Processes cannot see each other; Pipedrive's headers are the
 * only budget they share.
 */
const WINDOW_SHARERS = 2;

/** How soon to look again while half the reserve is still left. */
const RESERVE_RECHECK_MS = 250;

/**
 * Per-credential request pacing. n8n's declarative engine starts every input item's request at once,
 * and Pipedrive allows 20–480 requests per rolling 2 s window per token, so requests queue here:
 * a bounded number in flight (fewer as the window runs low), and a shared pause when Pipedrive says
 * the window is (nearly) spent.
 */
export class RequestPacer {
	private inFlight = 0;

	/** In flight allowed now: `maxInFlight`, or this process's share of what Pipedrive says is left. */
	private allowed: number;

	/** Queued requests, each with the in-flight cap of the node that sent it. */
	private readonly waiting: Array<{ admit: () => void; cap: number }> = [];

	private pausedUntil = 0;

	constructor(private maxInFlight: number) {
		this.allowed = maxInFlight;
	}

	/** Another node on this credential allows more in flight: the credential's ceiling rises to it. */
	widen(maxInFlight: number): void {
		if (maxInFlight <= this.maxInFlight) return;
		this.allowed += maxInFlight - this.maxInFlight;
		this.maxInFlight = maxInFlight;
	}

	/** Waits for a slot; `cap`: the sending node's own limit on this credential's requests in flight. */
	async acquire(cap = this.maxInFlight): Promise<() => void> {
		if (this.inFlight < Math.min(this.allowed, cap) && this.waiting.length === 0) {
			this.inFlight++;
		} else {
			// `admit` counts the request in when it hands over the slot.
			await new Promise<void>((admit) => this.waiting.push({ admit, cap }));
		}
		let wait = this.pausedUntil - Date.now();
		while (wait > 0) {
			await sleep(wait);
			wait = this.pausedUntil - Date.now();
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.inFlight--;
			this.admit();
		};
	}

	private admit(): void {
		while (this.waiting.length > 0 && this.inFlight < Math.min(this.allowed, this.waiting[0].cap)) {
			this.inFlight++;
			this.waiting.shift()!.admit();
		}
	}

	/** Holds every request of this credential until `ms` from now (429, or the window running out). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/**
	 * Reads Pipedrive's burst headers: fewer requests in flight as the window runs low (other processes
	 * may be spending it too), and a pause before it is spent instead of running into 429.
	 */
	observe(headers: Record<string, unknown>): void {
		const remaining = numberHeader(headers, 'x-ratelimit-remaining');
		if (remaining === undefined) return;
		const limit = numberHeader(headers, 'x-ratelimit-limit') ?? 20;
		const reserve = Math.max(1, Math.min(this.maxInFlight, Math.ceil(limit / 10)));
		const share = Math.floor((remaining - reserve) / WINDOW_SHARERS);
		this.allowed = Math.max(1, Math.min(this.maxInFlight, share));
		if (remaining <= reserve) {
			// `x-ratelimit-reset` counts whole seconds: while part of the reserve is left, look again
			// sooner, as the oldest requests may leave the rolling window any moment.
			const untilReset = resetDelayMs(headers);
			this.pauseFor(remaining > reserve / 2 ? Math.min(untilReset, RESERVE_RECHECK_MS) : untilReset);
		}
		this.admit();
	}
}

export function numberHeader(headers: Record<string, unknown>, name: string): number | undefined {
	const raw = headers[name] ?? headers[name.toLowerCase()];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const value = Number(Array.isArray(raw) ? raw[0] : raw);
	return Number.isFinite(value) ? value : undefined;
}

const BURST_WINDOW_MS = 2000;

/** How long until the burst window resets: Retry-After, else x-ratelimit-reset, else a full window. */
export function resetDelayMs(headers: Record<string, unknown>): number {
	const retryAfter = numberHeader(headers, 'retry-after');
	if (retryAfter !== undefined && retryAfter >= 0) return Math.min(retryAfter * 1000, 60_000) + 50;
	const reset = numberHeader(headers, 'x-ratelimit-reset');
	if (reset !== undefined && reset >= 0) return Math.min(Math.max(reset * 1000, 250), 60_000) + 50;
	return BURST_WINDOW_MS;
}

const pacers = new Map<string, RequestPacer>();

export type PacerHandle = Pick<RequestPacer, 'observe' | 'pauseFor'> & { acquire(): Promise<() => void> };

/**
 * One pacer per credential for the life of the n8n process, whatever each node's concurrency setting:
 * every node on the credential shares its pauses and window share; each keeps its own in-flight cap.
 */
export function pacerFor(credentialKey: string, maxInFlight: number): PacerHandle {
	let pacer = pacers.get(credentialKey);
	if (pacer) pacer.widen(maxInFlight);
	else pacers.set(credentialKey, (pacer = new RequestPacer(maxInFlight)));
	const shared = pacer;
	return { acquire: () => shared.acquire(maxInFlight), observe: (headers) => shared.observe(headers), pauseFor: (ms) => shared.pauseFor(ms) };
}

/** Items of one execution being worked on, and those waiting for a turn. */
const itemTurns = new Map<string, { active: number; waiting: Array<() => void> }>();

/**
 * Waits for an item's turn in an execution: n8n's declarative engine starts every input item at once,
 * so items past the in-flight limit wait here before building anything, holding only their place in
 * line instead of a built request each. Separate from the pacer, which counts requests (an item may
 * send several) per credential. Returns the call that ends the item's turn.
 */
export async function itemTurn(executionKey: string, maxInFlight: number): Promise<() => void> {
	let turns = itemTurns.get(executionKey);
	if (!turns) itemTurns.set(executionKey, (turns = { active: 0, waiting: [] }));
	const line = turns;
	if (line.active < maxInFlight) line.active++;
	else await new Promise<void>((takeTurn) => line.waiting.push(takeTurn));
	let ended = false;
	return () => {
		if (ended) return;
		ended = true;
		// The turn passes to the next item in line; the last one out forgets the execution.
		const next = line.waiting.shift();
		if (next) next();
		else if (--line.active === 0) itemTurns.delete(executionKey);
	};
}
