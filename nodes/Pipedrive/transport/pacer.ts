import { sleep } from 'n8n-workflow';

/**
 * Per-credential request pacing. n8n's declarative engine starts every input item's request at once,
 * and Pipedrive allows 20–480 requests per rolling 2 s window per token, so requests queue here:
 * a bounded number in flight, and a shared pause when Pipedrive says the window is (nearly) spent.
 */
export class RequestPacer {
	private inFlight = 0;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	constructor(private readonly maxInFlight: number) {}

	async acquire(): Promise<() => void> {
		if (this.inFlight >= this.maxInFlight) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.inFlight++;
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
			const next = this.waiting.shift();
			if (next) next();
			else this.inFlight--;
		};
	}

	/** Holds every request of this credential until `ms` from now (429, or the window running out). */
	pauseFor(ms: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/** Reads Pipedrive's burst headers; pauses before the window is spent instead of running into 429. */
	observe(headers: Record<string, unknown>): void {
		const remaining = numberHeader(headers, 'x-ratelimit-remaining');
		if (remaining === undefined) return;
		const limit = numberHeader(headers, 'x-ratelimit-limit') ?? 20;
		const reserve = Math.max(1, Math.min(this.maxInFlight, Math.ceil(limit / 10)));
		if (remaining <= reserve) {
			this.pauseFor(resetDelayMs(headers));
		}
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

/** One pacer per credential (and per concurrency setting) for the life of the n8n process. */
export function pacerFor(key: string, maxInFlight: number): RequestPacer {
	const id = `${key}#${maxInFlight}`;
	let pacer = pacers.get(id);
	if (!pacer) {
		pacer = new RequestPacer(maxInFlight);
		pacers.set(id, pacer);
	}
	return pacer;
}
