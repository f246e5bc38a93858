/**
 * The per-credential pacer on its own. Each n8n process (every queue-mode worker) has its own pacer,
 * so the only budget they share is what Pipedrive's `x-ratelimit-*` headers say is left: while the
 * window runs low, each process keeps its requests in flight to its share of that.
 */
import type { PacerHandle } from '../../nodes/Pipedrive/transport/pacer';
import { itemTurn, pacerFor, RequestPacer } from '../../nodes/Pipedrive/transport/pacer';

const window = (remaining: number, limit = 80) => ({ 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': '2' });

/** Starts `count` acquisitions; `granted()` says how many went through so far. */
function acquireMany(pacer: Pick<PacerHandle, 'acquire'>, count: number) {
	const releases: Array<() => void> = [];
	for (let i = 0; i < count; i++) void pacer.acquire().then((release) => releases.push(release));
	return { releases, granted: () => releases.length };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('request pacer', () => {
	test('with room in the window, up to maxInFlight requests go out at once', async () => {
		const pacer = new RequestPacer(8);
		pacer.observe(window(80));
		const { granted } = acquireMany(pacer, 10);
		await settle();
		expect(granted()).toBe(8);
	});

	test('as the window runs low, in flight shrinks to half of what is left above the reserve, and grows back', async () => {
		const pacer = new RequestPacer(8);
		// 80 per 2 s: a reserve of 8; 20 left → (20 - 8) / 2 = 6 in flight.
		pacer.observe(window(20));
		const { releases, granted } = acquireMany(pacer, 8);
		await settle();
		expect(granted()).toBe(6);

		// 12 left → 2 in flight: a release lets nobody in while 5 are still out.
		pacer.observe(window(12));
		releases[0]();
		await settle();
		expect(granted()).toBe(6);

		// The window filled up again (the other worker paused, old requests left it): everyone goes.
		pacer.observe(window(70));
		await settle();
		expect(granted()).toBe(8);
	});

	describe('pauses', () => {
		beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] }));
		afterEach(() => jest.useRealTimers());

		async function grantedAfter(remaining: number, ms: number) {
			const pacer = new RequestPacer(8);
			pacer.observe(window(remaining));
			const { granted } = acquireMany(pacer, 1);
			await settle();
			const before = granted();
			jest.advanceTimersByTime(ms);
			await settle();
			return [before, granted()];
		}

		test('with half the reserve (8) left, it looks again after 250 ms rather than the whole reset (2 s)', async () => {
			expect(await grantedAfter(6, 300)).toEqual([0, 1]);
		});

		test('with less, it waits for the reset', async () => {
			expect(await grantedAfter(3, 300)).toEqual([0, 0]);
			expect(await grantedAfter(3, 2100)).toEqual([0, 1]);
		});
	});

	test('never fewer than one in flight, and never more than maxInFlight', async () => {
		const single = new RequestPacer(1);
		single.observe(window(80));
		const one = acquireMany(single, 3);
		await settle();
		expect(one.granted()).toBe(1);

		const pacer = new RequestPacer(8);
		pacer.observe(window(10));
		const few = acquireMany(pacer, 3);
		await settle();
		expect(few.granted()).toBe(1);
	});
});

describe('one pacer per credential', () => {
	beforeEach(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] }));
	afterEach(() => jest.useRealTimers());

	test('nodes with different concurrency settings on one credential share its pause, each within its own cap', async () => {
		const narrow = pacerFor('credential-shared', 1);
		const wide = pacerFor('credential-shared', 3);
		const other = pacerFor('credential-other', 3);

		// The wide node fills the credential's three slots; the narrow one waits for its single one.
		const wideRequests = acquireMany(wide, 3);
		const narrowRequests = acquireMany(narrow, 2);
		await settle();
		expect([wideRequests.granted(), narrowRequests.granted()]).toEqual([3, 0]);
		for (const release of wideRequests.releases) release();
		await settle();
		expect(narrowRequests.granted()).toBe(1);
		narrowRequests.releases[0]();
		await settle();
		expect(narrowRequests.granted()).toBe(2);
		narrowRequests.releases[1]();

		// A 429 seen by the narrow node pauses the wide one too, not another credential.
		narrow.pauseFor(1000);
		const paused = acquireMany(wide, 1);
		const elsewhere = acquireMany(other, 1);
		await settle();
		expect([paused.granted(), elsewhere.granted()]).toEqual([0, 1]);
		jest.advanceTimersByTime(1000);
		await settle();
		expect(paused.granted()).toBe(1);
	});
});

describe('itemTurn: items of one execution past the in-flight limit wait before building anything', () => {
	test('at most N items at once, in arrival order; a turn passes on when one ends', async () => {
		const started: number[] = [];
		const ends: Array<() => void> = [];
		const items = [0, 1, 2, 3, 4].map(async (item) => {
			const end = await itemTurn('execution-1', 2);
			started.push(item);
			ends[item] = end;
		});
		await settle();
		expect(started).toEqual([0, 1]);
		ends[1]();
		ends[1](); // ending twice does not free a second turn
		await settle();
		expect(started).toEqual([0, 1, 2]);
		ends[0]();
		ends[2]();
		await Promise.all(items);
		expect(started).toEqual([0, 1, 2, 3, 4]);
		ends[3]();
		ends[4]();
	});

	test('executions do not wait for each other', async () => {
		const first = await itemTurn('execution-a', 1);
		const second = await itemTurn('execution-b', 1);
		first();
		second();
		// Once all its items are done, an execution starts afresh.
		const again = await itemTurn('execution-a', 1);
		again();
	});
});
