import type { FakePipedrive } from '../../harness/fake';
import { startFake } from '../../harness/fake';

/**
 * One loopback fake Pipedrive for the test file: reset to its baseline before each test, and no spec
 * violation allowed after it. Returns the fake (set once `beforeAll` ran).
 */
export function useFake(options: Record<string, unknown> = {}): () => FakePipedrive {
	let fake: FakePipedrive | undefined;
	beforeAll(async () => {
		fake = await startFake(options);
	});
	afterAll(async () => {
		await fake?.close();
	});
	beforeEach(() => fake!.reset());
	afterEach(() => expect(fake!.violations).toEqual([]));
	return () => fake!;
}
