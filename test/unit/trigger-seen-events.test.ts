/**
 * The trigger's memory of delivered events (static data, bounded to the last 500 ids), on its own:
 * the list n8n saves stays the truth; the Set this process keeps beside it only makes the check cheap.
 */
import type { TriggerState } from '../../nodes/PipedriveCompleteTrigger/state';
import { isRepeatedEvent, SEEN_EVENTS_KEPT } from '../../nodes/PipedriveCompleteTrigger/state';

const reloaded = (state: TriggerState): TriggerState => JSON.parse(JSON.stringify(state)) as TriggerState;

describe('seen event ids', () => {
	it('records a new id with a new list (what marks static data changed) and knows it on the retry', () => {
		const state: TriggerState = {};
		expect(isRepeatedEvent(state, 'evt-1')).toBe(false);
		const written = state.seenEventIds;
		expect(written).toEqual(['evt-1']);
		expect(isRepeatedEvent(state, 'evt-1')).toBe(true);
		expect(state.seenEventIds).toBe(written);
		expect(isRepeatedEvent(state, 'evt-2')).toBe(false);
		expect(state.seenEventIds).not.toBe(written);
		expect(state.seenEventIds).toEqual(['evt-1', 'evt-2']);
	});

	it('knows ids from a list read anew (another process, a restart)', () => {
		const state: TriggerState = {};
		isRepeatedEvent(state, 'evt-1');
		isRepeatedEvent(state, 'evt-2');
		const elsewhere = reloaded(state);
		expect(isRepeatedEvent(elsewhere, 'evt-1')).toBe(true);
		expect(isRepeatedEvent(elsewhere, 'evt-3')).toBe(false);
		expect(elsewhere.seenEventIds).toEqual(['evt-1', 'evt-2', 'evt-3']);
	});

	it('keeps the last 500: the oldest id is forgotten in the list and in the check alike', () => {
		const state: TriggerState = {};
		for (let i = 0; i <= SEEN_EVENTS_KEPT; i++) expect(isRepeatedEvent(state, `evt-${i}`)).toBe(false);
		expect(state.seenEventIds).toHaveLength(SEEN_EVENTS_KEPT);
		expect(state.seenEventIds?.[0]).toBe('evt-1');
		expect(isRepeatedEvent(state, `evt-${SEEN_EVENTS_KEPT}`)).toBe(true);
		expect(isRepeatedEvent(reloaded(state), 'evt-1')).toBe(true);
		expect(isRepeatedEvent(state, 'evt-0')).toBe(false);
		expect(state.seenEventIds?.[0]).toBe('evt-2');
	});

	it('an older list that is not the latest is checked against its own ids', () => {
		const state: TriggerState = {};
		isRepeatedEvent(state, 'evt-1');
		const older = { seenEventIds: state.seenEventIds };
		isRepeatedEvent(state, 'evt-2');
		expect(isRepeatedEvent(older, 'evt-2')).toBe(false);
		expect(older.seenEventIds).toEqual(['evt-1', 'evt-2']);
	});
});
