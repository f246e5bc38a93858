import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { PipedriveCompletePollingTrigger } from '../../../nodes/PipedriveCompletePollingTrigger/PipedriveCompletePollingTrigger.node';
import { apiTokenCredentials, oauth2Credentials, TEST_ACCESS_TOKEN, TEST_API_TOKEN } from '../../harness/credentials';
import type { FakePipedrive, FakeRequest } from '../../harness/fake';
import type { Poller } from '../../harness/poll';
import { pollNode, testPollNode } from '../../harness/poll';
import { useFake } from '../../harness/fake';

// The polling trigger through n8n-core's poll path (TriggersAndPollers.runPoll + PollContext, static
// data kept on the Workflow between polls) against the spec-validating loopback fake.

const currentFake = useFake({ oauthAccessToken: TEST_ACCESS_TOKEN });
let fake: FakePipedrive;
beforeAll(() => {
	fake = currentFake();
});

/** Times relative to now (the fake's `Date` header is the real clock), to the second. */
const base = Math.floor(Date.now() / 1000) * 1000;
const ms = (second: number) => base + second * 1000;
const at = (second: number) => new Date(ms(second)).toISOString().replace('.000Z', 'Z');
const v1At = (second: number) => at(second).replace('T', ' ').replace('Z', '');

function poller(parameters: INodeParameters = {}, authentication: 'apiToken' | 'oAuth2' = 'apiToken'): Poller {
	return pollNode({
		authentication,
		parameters: { object: 'deal', event: 'createdOrUpdated', ...parameters },
		credentials: authentication === 'oAuth2' ? oauth2Credentials(fake.url) : apiTokenCredentials(fake.url),
	});
}

const listRequests = (path = '/api/v2/deals'): FakeRequest[] => fake.requests.filter((r) => r.path === path);
const idsOf = (items: INodeExecutionData[] | null) => (items ?? []).map((item) => item.json.id);
const seedDeals = (count: number, second: number, from = 1) =>
	fake.seed(
		'deals',
		Array.from({ length: count }, (_, i) => ({ title: `Deal ${from + i}`, add_time: at(second), update_time: at(second) })),
	);

/** Activation: the first poll, with the given deals already there. */
async function activate(p: Poller): Promise<void> {
	expect(await p.poll()).toBeNull();
	fake.requests.length = 0;
}

describe('description', () => {
	it('follows n8n’s polling-trigger conventions and offers both credentials', () => {
		const { description } = new PipedriveCompletePollingTrigger();
		expect(description).toMatchObject({
			name: 'pipedriveCompletePollingTrigger',
			displayName: 'Pipedrive Complete Polling Trigger',
			group: ['trigger'],
			polling: true,
			inputs: [],
			outputs: ['main'],
		});
		expect(description.webhooks).toBeUndefined();
		expect(description.credentials!.map((c) => c.name)).toEqual(['pipedriveCompleteApi', 'pipedriveCompleteOAuth2Api']);
	});
});

describe('first activation', () => {
	it('emits nothing and remembers the newest change and the records changed within the overlap of it', async () => {
		seedDeals(1, -100, 1);
		seedDeals(2, -5, 2);
		seedDeals(1, 0, 4);
		const p = poller();
		expect(await p.poll()).toBeNull();
		expect(p.emitted).toEqual([]);
		expect(listRequests()).toEqual([
			expect.objectContaining({
				method: 'GET',
				query: { sort_by: 'update_time', sort_direction: 'desc', limit: '500' },
				headers: expect.objectContaining({ 'x-api-token': TEST_API_TOKEN }),
			}),
		]);
		expect(p.saved[`node:Pipedrive Polling`]).toEqual({
			signature: expect.any(String),
			watermark: ms(0),
			coveredUntil: expect.any(Number),
			recent: { [String(ms(-5))]: expect.arrayContaining([2, 3]), [String(ms(0))]: [4] },
		});
	});

	it('starts over, emitting nothing, when the object or filters change', async () => {
		seedDeals(1, 0);
		const p = poller();
		await activate(p);
		seedDeals(1, 20, 2);
		const changed = pollNode({ parameters: { object: 'deal', event: 'createdOrUpdated', filters: { owner_id: 1 } }, credentials: apiTokenCredentials(fake.url) });
		changed.saved = p.saved;
		changed.restart();
		expect(await changed.poll()).toBeNull();
		expect(listRequests()[0].query).toEqual({ owner_id: '1', sort_by: 'update_time', sort_direction: 'desc', limit: '500' });
	});
});

describe('new and updated records', () => {
	it('reports each new and each changed record once, in the webhook trigger’s shape', async () => {
		const [old] = seedDeals(1, 0);
		const p = poller();
		await activate(p);
		const [added] = seedDeals(1, 30, 2);
		fake.changeRow('deals', old.id as number, { title: 'Renamed', update_time: at(40) });

		const items = await p.poll();
		expect(listRequests()).toEqual([
			expect.objectContaining({ query: { sort_by: 'update_time', sort_direction: 'asc', updated_since: at(-10), limit: '500' } }),
		]);
		expect(items!.map((i) => i.json)).toEqual([
			{
				action: 'create',
				object: 'deal',
				id: added.id,
				current: expect.objectContaining({ id: added.id, title: 'Deal 2', update_time: at(30) }),
				meta: { source: 'polling', timestamp: at(30) },
			},
			{
				action: 'change',
				object: 'deal',
				id: old.id,
				current: expect.objectContaining({ id: old.id, title: 'Renamed', update_time: at(40) }),
				meta: { source: 'polling', timestamp: at(40) },
			},
		]);
		expect(items![0].json).not.toHaveProperty('previous');
		expect(typeof items![0].json.id).toBe('number');

		fake.requests.length = 0;
		expect(await p.poll()).toBeNull();
		expect(listRequests()[0].query.updated_since).toBe(at(30));

		fake.changeRow('deals', added.id as number, { value: 500, update_time: at(50) });
		expect((await p.poll())!.map((i) => [i.json.action, i.json.id])).toEqual([['change', added.id]]);
	});

	it('"New" reports only added records and "Updated" only changed ones', async () => {
		const [old] = seedDeals(1, 0);
		const onlyNew = poller({ event: 'created' });
		const onlyUpdated = poller({ event: 'updated' });
		await activate(onlyNew);
		await activate(onlyUpdated);
		const [added] = seedDeals(1, 30, 2);
		fake.changeRow('deals', old.id as number, { update_time: at(31) });
		expect(idsOf(await onlyNew.poll())).toEqual([added.id]);
		expect(idsOf(await onlyUpdated.poll())).toEqual([old.id]);
	});

	it('after a restart continues from what n8n saved, so an empty poll that was not saved repeats nothing', async () => {
		seedDeals(1, 0);
		const p = poller();
		await activate(p);
		const [first] = seedDeals(1, 20, 2);
		expect(idsOf(await p.poll())).toEqual([first.id]);
		expect(await p.poll()).toBeNull();
		p.restart();
		expect(await p.poll()).toBeNull();
		const [second] = seedDeals(1, 40, 3);
		expect(idsOf(await p.poll())).toEqual([second.id]);
	});
});

describe('no gaps, no duplicates', () => {
	it('emits a burst of 2,000 deals updated in the same second exactly once across polls and pages', async () => {
		seedDeals(1, 0);
		const p = poller();
		await activate(p);
		const burst = seedDeals(2000, 50, 2);

		const first = await p.poll();
		expect(first).toHaveLength(1000);
		expect(listRequests().map((r) => r.query.cursor === undefined)).toEqual([true, false, false]);
		fake.requests.length = 0;
		const second = await p.poll();
		expect(second).toHaveLength(1000);
		expect(listRequests()[0].query.updated_since).toBe(at(40));
		expect(listRequests()).toHaveLength(4);
		expect(await p.poll()).toBeNull();

		const emitted = [...idsOf(first), ...idsOf(second)];
		expect(new Set(emitted).size).toBe(2000);
		expect(emitted.sort((a, b) => Number(a) - Number(b))).toEqual(burst.map((d) => d.id));
		expect([...first!, ...second!].every((item) => item.json.action === 'create')).toBe(true);
	});

	it('emits the whole burst in one poll when the maximum allows, following cursors across pages', async () => {
		seedDeals(1, 0);
		const p = poller({ options: { maxRecordsPerPoll: 5000 } });
		await activate(p);
		seedDeals(2000, 50, 2);
		expect(await p.poll()).toHaveLength(2000);
		expect(listRequests()).toHaveLength(5);
		expect(await p.poll()).toBeNull();
	});

	it('loses and repeats nothing when a poll fails on page 3', async () => {
		seedDeals(1, 0);
		const p = poller({ options: { maxRecordsPerPoll: 5000 } });
		await activate(p);
		const before = JSON.parse(JSON.stringify(p.state));
		const burst = seedDeals(1600, 50, 2);
		// Page 3 fails on the first try and on each of the transport's three retries.
		fake.injectFault({ path: '/api/v2/deals', skip: 2, times: 4, status: 503 });

		await expect(p.poll()).rejects.toThrow(/Pipedrive error 503/);
		expect(listRequests()).toHaveLength(6);
		expect(JSON.parse(JSON.stringify(p.state))).toEqual(before);
		expect(p.emitted).toEqual([]);

		const items = await p.poll();
		expect(idsOf(items)).toEqual(burst.map((d) => d.id));
		expect(await p.poll()).toBeNull();
	});

	it('stops at once when the daily budget is spent, and the next poll after the reset misses nothing', async () => {
		seedDeals(1, 0);
		const p = poller();
		await activate(p);
		const [added] = seedDeals(1, 30, 2);
		fake.setRateLimit({ dailyRemaining: 0 });
		await expect(p.poll()).rejects.toThrow(/daily API token budget is used up/);
		expect(listRequests()).toHaveLength(1);
		fake.setRateLimit({ dailyRemaining: 1_000_000 });
		expect(idsOf(await p.poll())).toEqual([added.id]);
	});

	it('carries the rest over when a poll reaches its maximum, oldest change first', async () => {
		seedDeals(1, 0);
		const p = poller({ options: { maxRecordsPerPoll: 2 } });
		await activate(p);
		const deals = [10, 11, 12, 13, 14].map((second, i) => seedDeals(1, second, 2 + i)[0]);

		expect(idsOf(await p.poll())).toEqual([deals[0].id, deals[1].id]);
		fake.changeRow('deals', deals[0].id as number, { title: 'Changed again', update_time: at(20) });
		expect(idsOf(await p.poll())).toEqual([deals[2].id, deals[3].id]);
		const third = await p.poll();
		expect(third!.map((i) => [i.json.id, i.json.action])).toEqual([
			[deals[4].id, 'create'],
			[deals[0].id, 'change'],
		]);
		expect(await p.poll()).toBeNull();
	});

	it('picks up a change Pipedrive saved late, within the clock-skew tolerance, once', async () => {
		seedDeals(1, 0);
		const p = poller({ options: { overlapSeconds: 10 } });
		await activate(p);
		const [onTime] = seedDeals(1, 30, 2);
		expect(idsOf(await p.poll())).toEqual([onTime.id]);
		// Saved with an earlier time than the change already seen: inside the 10 s tolerance.
		const [late] = seedDeals(1, 25, 3);
		expect(idsOf(await p.poll())).toEqual([late.id]);
		expect(await p.poll()).toBeNull();
		// Older than the tolerance: beyond what the trigger promises to catch.
		seedDeals(1, 15, 4);
		expect(await p.poll()).toBeNull();
	});

	it('reports a record changed twice while one poll pages through, once per change', async () => {
		seedDeals(1, 0);
		const p = poller({ options: { maxRecordsPerPoll: 5000 } });
		await activate(p);
		const burst = seedDeals(600, 30, 2);
		// Hold page 2 and change the first deal meanwhile: it moves behind the cursor.
		fake.injectFault({ path: '/api/v2/deals', skip: 1, delayMs: 300 });
		const polling = p.poll();
		while (listRequests().length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		fake.changeRow('deals', burst[0].id as number, { title: 'Changed mid-poll', update_time: at(31) });
		const items = (await polling)!;
		expect(items).toHaveLength(601);
		expect(items[600].json).toMatchObject({ id: burst[0].id, action: 'change', current: { title: 'Changed mid-poll' } });
		expect(await p.poll()).toBeNull();
	});
});

describe('filters', () => {
	function regionFilter(region: string): number {
		const regionField = fake.store.all('dealFields').find((f) => f.name === 'Region')!;
		const condition = { object: 'deal', field_id: String(regionField.id), operator: '=', value: region };
		const [filter] = fake.seed('filters', [
			{ name: `Region ${region}`, type: 'deals', conditions: { glue: 'and', conditions: [{ glue: 'and', conditions: [condition] }] } },
		]);
		return filter.id as number;
	}
	const region = () => fake.customFieldKey('dealFields', 'Region');

	it('sends owner, pipeline, stage and status as list filters (from the start when nothing matched at activation)', async () => {
		const p = poller({ filters: { owner_id: 7, pipeline_id: 1, stage_id: 2, status: ['open', 'won'] } });
		await activate(p);
		const [mine] = fake.seed('deals', [
			{ title: 'match', owner_id: 7, stage_id: 2, status: 'won', update_time: at(30) },
			{ title: 'other owner', owner_id: 8, stage_id: 2, update_time: at(30) },
		]);
		expect(idsOf(await p.poll())).toEqual([mine.id]);
		expect(listRequests()[0].query).toEqual({
			owner_id: '7',
			pipeline_id: '1',
			stage_id: '2',
			status: 'open,won',
			sort_by: 'update_time',
			sort_direction: 'asc',
			limit: '500',
		});
	});

	it('with a saved filter sends only filter_id and checks the other filters itself', async () => {
		const filterId = regionFilter('North');
		fake.seed('deals', [{ title: 'north before', owner_id: 1, custom_fields: { [region()]: 'North' }, update_time: at(0) }]);
		const p = poller({ filterId, filters: { owner_id: 1 } });
		await activate(p);
		const [match] = fake.seed('deals', [
			{ title: 'north, mine', owner_id: 1, custom_fields: { [region()]: 'North' }, update_time: at(30) },
			{ title: 'north, not mine', owner_id: 2, custom_fields: { [region()]: 'North' }, update_time: at(30) },
			{ title: 'south, mine', owner_id: 1, custom_fields: { [region()]: 'South' }, update_time: at(30) },
		]);
		const items = await p.poll();
		expect(idsOf(items)).toEqual([match.id]);
		expect(listRequests()[0].query).toEqual({
			filter_id: String(filterId),
			sort_by: 'update_time',
			sort_direction: 'asc',
			updated_since: at(-10),
			limit: '500',
		});
	});

	it('"Entered Saved Filter" reports a record when it starts matching, and again only after it left', async () => {
		const filterId = regionFilter('North');
		const [member, outsider] = fake.seed('deals', [
			{ title: 'north', custom_fields: { [region()]: 'North' }, update_time: at(0) },
			{ title: 'south', custom_fields: { [region()]: 'South' }, update_time: at(0) },
		]);
		const p = poller({ event: 'enteredFilter', filterId });
		expect(await p.poll()).toBeNull();
		expect(p.state.members).toEqual([member.id]);
		fake.requests.length = 0;

		fake.changeRow('deals', outsider.id as number, { custom_fields: { [region()]: 'North' }, update_time: at(30) });
		fake.changeRow('deals', member.id as number, { title: 'still north', update_time: at(31) });
		const entered = await p.poll();
		expect(entered!.map((i) => i.json)).toEqual([
			{
				action: 'change',
				object: 'deal',
				id: outsider.id,
				current: expect.objectContaining({ id: outsider.id, custom_fields: { Region: 'North' } }),
				meta: { source: 'polling', timestamp: at(30), entered_filter: true, filter_id: filterId },
			},
		]);
		expect(listRequests().map((r) => r.query.filter_id)).toEqual([undefined, String(filterId)]);

		fake.changeRow('deals', outsider.id as number, { custom_fields: { [region()]: 'South' }, update_time: at(40) });
		expect(await p.poll()).toBeNull();
		expect(p.state.members).toEqual([member.id]);
		fake.changeRow('deals', outsider.id as number, { custom_fields: { [region()]: 'North' }, update_time: at(50) });
		expect(idsOf(await p.poll())).toEqual([outsider.id]);
	});

	it('"Entered Saved Filter" reports a record added inside the filter as new', async () => {
		const filterId = regionFilter('North');
		const p = poller({ event: 'enteredFilter', filterId });
		await activate(p);
		const [added] = fake.seed('deals', [{ title: 'new north', custom_fields: { [region()]: 'North' }, add_time: at(30), update_time: at(30) }]);
		expect((await p.poll())!.map((i) => [i.json.id, i.json.action])).toEqual([[added.id, 'create']]);
	});

	it('refuses "Entered Saved Filter" without a saved filter, before asking Pipedrive', async () => {
		const p = poller({ event: 'enteredFilter' });
		await expect(p.poll()).rejects.toThrow('"Entered Saved Filter" needs a saved filter');
		expect(fake.requests).toEqual([]);
	});
});

describe('objects', () => {
	it('leads: v1 offset paging, UUID ids, custom fields by name', async () => {
		const p = poller({ object: 'lead' });
		await activate(p);
		const [lead] = fake.seed('leads', [{ title: 'Lead', add_time: at(30), update_time: at(30), [fake.customFieldKey('dealFields', 'Region')]: 'North' }]);
		const items = await p.poll();
		expect(items!.map((i) => i.json)).toEqual([
			{
				action: 'create',
				object: 'lead',
				id: lead.id,
				current: expect.objectContaining({ title: 'Lead', Region: 'North' }),
				meta: { source: 'polling', timestamp: at(30) },
			},
		]);
		expect(typeof lead.id).toBe('string');
		expect(listRequests('/v1/leads')[0].query).toEqual({ sort: 'update_time ASC', limit: '500', start: '0' });
	});

	it('notes: v1 times without a zone, the author filter', async () => {
		fake.seed('notes', [{ content: 'old', user_id: 5, add_time: v1At(0), update_time: v1At(0) }]);
		const p = poller({ object: 'note', filters: { user_id: 5 } });
		await activate(p);
		const [note] = fake.seed('notes', [{ content: 'new', user_id: 5, add_time: v1At(30), update_time: v1At(30) }]);
		expect((await p.poll())!.map((i) => [i.json.id, i.json.action])).toEqual([[note.id, 'create']]);
		expect(listRequests('/v1/notes')[0].query).toEqual({ user_id: '5', sort: 'update_time ASC', updated_since: at(-10), limit: '500', start: '0' });
	});

	it.each([
		['person', '/api/v2/persons', 'persons'],
		['organization', '/api/v2/organizations', 'organizations'],
		['activity', '/api/v2/activities', 'activities'],
		['product', '/api/v2/products', 'products'],
		['archivedDeal', '/api/v2/deals/archived', 'deals'],
	])('%s: v2 list sorted by update time', async (object, path, collection) => {
		const p = poller({ object });
		await activate(p);
		const [row] = fake.seed(collection, [{ name: 'x', subject: 'x', is_archived: true, add_time: at(30), update_time: at(30) }]);
		expect(idsOf(await p.poll())).toEqual([row.id]);
		expect(listRequests(path)[0].query).toEqual({ sort_by: 'update_time', sort_direction: 'asc', limit: '500' });
	});
});

describe('custom fields', () => {
	it('names custom fields and option labels, or keeps raw keys when asked', async () => {
		const custom = { [fake.customFieldKey('dealFields', 'Region')]: 'North', [fake.customFieldKey('dealFields', 'Tier')]: 1 };
		const named = poller();
		const raw = poller({ options: { rawCustomFieldKeys: true } });
		await activate(named);
		await activate(raw);
		fake.seed('deals', [{ title: 'Custom', custom_fields: custom, update_time: at(30) }]);
		expect(((await named.poll())![0].json.current as IDataObject).custom_fields).toEqual({ Region: 'North', Tier: 'Gold' });
		expect(((await raw.poll())![0].json.current as IDataObject).custom_fields).toEqual(custom);
	});
});

describe('credentials', () => {
	it.each(['apiToken', 'oAuth2'] as const)('polls with %s and sends only that credential', async (authentication) => {
		seedDeals(1, 0);
		const p = poller({}, authentication);
		await activate(p);
		const [added] = seedDeals(1, 30, 2);
		expect(idsOf(await p.poll())).toEqual([added.id]);
		const [request] = listRequests();
		if (authentication === 'oAuth2') {
			expect(request.headers.authorization).toBe(`Bearer ${TEST_ACCESS_TOKEN}`);
			expect(request.headers).not.toHaveProperty('x-api-token');
		} else {
			expect(request.headers['x-api-token']).toBe(TEST_API_TOKEN);
			expect(request.headers).not.toHaveProperty('authorization');
		}
		expect(request.query).not.toHaveProperty('api_token');
	});
});

describe('Fetch Test Event (manual execution)', () => {
	it('returns the most recently changed matching record', async () => {
		seedDeals(1, 0);
		const [newest] = seedDeals(1, 20, 2);
		fake.changeRow('deals', newest.id as number, { title: 'Edited', update_time: at(25) });
		const { items, error } = await testPollNode({ parameters: { object: 'deal', event: 'createdOrUpdated' }, credentials: apiTokenCredentials(fake.url) });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json)).toEqual([
			{ action: 'change', object: 'deal', id: newest.id, current: expect.objectContaining({ title: 'Edited' }), meta: { source: 'polling', timestamp: at(25) } },
		]);
		expect(listRequests()[0].query).toEqual({ sort_by: 'update_time', sort_direction: 'desc', limit: '1' });
	});

	it('"New" returns the most recently added record', async () => {
		const [older] = seedDeals(1, 20);
		seedDeals(1, 10, 2);
		fake.changeRow('deals', 2, { update_time: at(40) });
		const { items } = await testPollNode({ parameters: { object: 'deal', event: 'created' }, credentials: apiTokenCredentials(fake.url) });
		expect(items.map((i) => [i.json.id, i.json.action])).toEqual([[older.id, 'create']]);
		expect(listRequests()[0].query).toEqual({ sort_by: 'add_time', sort_direction: 'desc', limit: '1' });
	});
});
