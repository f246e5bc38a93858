import type { FakeOptions, FakePipedrive } from '../fake-pipedrive';
import { startFakePipedrive } from '../fake-pipedrive';

import { apiTokenCredentials, TEST_API_TOKEN } from './credentials';
import { blockRealNetwork } from './mock';
import type { RunNodeOptions, RunNodeResult } from './run';
import { runNode } from './run';

export type { FakePipedrive };
/** One request as the fake logged it. */
export type FakeRequest = FakePipedrive['requests'][number];

export async function startFake(options: FakeOptions = {}): Promise<FakePipedrive> {
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
export function useFake(options: FakeOptions = {}): () => FakePipedrive {
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
