import { apiTokenCredentials, TEST_API_TOKEN } from './credentials';
import { blockRealNetwork } from './mock';
import type { RunNodeOptions, RunNodeResult } from './run';
import { runNode } from './run';

// The loopback fake Pipedrive (plain JS, see test/fake-pipedrive/README.md).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startFakePipedrive } = require('../fake-pipedrive') as {
	startFakePipedrive: (options?: Record<string, unknown>) => Promise<FakePipedrive>;
};

export interface FakeRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string>;
	body: unknown;
}

export interface FakePipedrive {
	url: string;
	requests: FakeRequest[];
	violations: Array<{ method: string; path: string; message: string }>;
	stats: { requests: number; tooManyRequests: number; faults: number; unauthorized: number };
	seed(name: string, rows: object[]): Array<Record<string, unknown>>;
	seedMany(name: string, n: number, make: (i: number) => object): void;
	customFieldKey(collection: string, name: string): string;
	/** Edits a stored row as an update would (`update_time` now unless given). */
	changeRow(collection: string, id: string | number, changes: object): Record<string, unknown>;
	injectFault(fault: Record<string, unknown>): void;
	clearFaults(): void;
	setRateLimit(changes: Record<string, unknown>): void;
	reset(): void;
	close(): Promise<void>;
	store: { all(name: string): Array<Record<string, unknown>>; get(name: string, id: unknown): Record<string, unknown> | undefined };
}

export async function startFake(options: Record<string, unknown> = {}): Promise<FakePipedrive> {
	return await startFakePipedrive({ apiToken: TEST_API_TOKEN, ...options });
}

/** Runs the action node against the fake (API-token credential pointing at it). */
export async function runAgainst(fake: FakePipedrive, options: RunNodeOptions): Promise<RunNodeResult> {
	return await runNode({ credentials: apiTokenCredentials(fake.url), ...options });
}

/**
 * One fake for the test file: reset to its baseline before each test, and no spec violation allowed
 * after it. Returns a getter (the fake exists once `beforeAll` ran).
 */
export function useFake(options: Record<string, unknown> = {}): () => FakePipedrive {
	let fake: FakePipedrive | undefined;
	beforeAll(async () => {
		blockRealNetwork();
		fake = await startFake(options);
	});
	afterAll(async () => await fake?.close());
	beforeEach(() => fake!.reset());
	afterEach(() => expect(fake!.violations).toEqual([]));
	return () => fake!;
}
