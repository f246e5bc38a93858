import type { FakePipedrive } from '../../harness/fake';
import { useFake } from '../../harness/fake';
import { TEST_API_TOKEN } from '../../harness/credentials';

// What the polling trigger relies on in the fake: lists sorted by update time with keyset cursors,
// `updated_since`/`updated_until`, saved filters (`filter_id`) and the deal list scopes, all per the specs.

type Json = Record<string, any>;

const currentFake = useFake();
let fake: FakePipedrive;
beforeAll(() => {
	fake = currentFake();
});

async function get(path: string): Promise<{ status: number; body: Json }> {
	const response = await fetch(`${fake.url}${path}`, { headers: { 'x-api-token': TEST_API_TOKEN } });
	return { status: response.status, body: (await response.json()) as Json };
}

async function allPages(path: string, limit: number): Promise<Json[]> {
	const rows: Json[] = [];
	let cursor: string | null = null;
	do {
		const separator = path.includes('?') ? '&' : '?';
		const { body }: { body: Json } = await get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
		rows.push(...body.data);
		cursor = body.additional_data.next_cursor;
	} while (cursor);
	return rows;
}

const at = (second: number) => new Date(Date.UTC(2026, 10, 30, 9, 0, second)).toISOString().replace('.000Z', 'Z');

describe('sorting by update time', () => {
	it('orders by update_time then id, both directions, across cursor pages', async () => {
		fake.seed('deals', [
			{ title: 'c', update_time: at(3) },
			{ title: 'a', update_time: at(1) },
			{ title: 'b2', update_time: at(2) },
			{ title: 'b1', update_time: at(2) },
		]);
		const ascending = await allPages('/api/v2/deals?sort_by=update_time&sort_direction=asc', 1);
		expect(ascending.map((d) => d.title)).toEqual(['a', 'b2', 'b1', 'c']);
		const descending = await allPages('/api/v2/deals?sort_by=update_time&sort_direction=desc', 3);
		expect(descending.map((d) => d.title)).toEqual(['c', 'b1', 'b2', 'a']);
	});

	it('lists a row updated between pages again behind the cursor, as a live sorted list does', async () => {
		const [first] = fake.seed('deals', [
			{ title: 'one', update_time: at(1) },
			{ title: 'two', update_time: at(2) },
			{ title: 'three', update_time: at(3) },
		]);
		const page1 = await get('/api/v2/deals?sort_by=update_time&limit=2');
		expect(page1.body.data.map((d: Json) => d.title)).toEqual(['one', 'two']);
		fake.changeRow('deals', first.id as number, { title: 'one again', update_time: at(4) });
		const page2 = await get(`/api/v2/deals?sort_by=update_time&limit=2&cursor=${page1.body.additional_data.next_cursor}`);
		expect(page2.body.data.map((d: Json) => d.title)).toEqual(['three', 'one again']);
		expect(page2.body.additional_data.next_cursor).toBeNull();
	});

	it('applies updated_since (inclusive) and updated_until (exclusive)', async () => {
		fake.seed('persons', [1, 2, 3, 4].map((s) => ({ name: `p${s}`, update_time: at(s) })));
		const { body } = await get(`/api/v2/persons?sort_by=update_time&updated_since=${at(2)}&updated_until=${at(4)}`);
		expect(body.data.map((p: Json) => p.name)).toEqual(['p2', 'p3']);
	});

	it('sorts v1 leads and notes with `sort=update_time DESC` and offset paging', async () => {
		fake.seed('notes', [
			{ content: 'old', update_time: '2026-11-30 09:00:01' },
			{ content: 'new', update_time: '2026-11-30 09:00:05' },
			{ content: 'mid', update_time: '2026-11-30 09:00:03' },
		]);
		const notes = await get('/v1/notes?sort=update_time%20DESC&limit=2&start=0');
		expect(notes.body.data.map((n: Json) => n.content)).toEqual(['new', 'mid']);
		expect(notes.body.additional_data.pagination).toMatchObject({ more_items_in_collection: true, next_start: 2 });
		fake.seed('leads', [
			{ title: 'later', update_time: at(9) },
			{ title: 'earlier', update_time: at(4) },
		]);
		const leads = await get(`/v1/leads?sort=update_time&updated_since=${at(1)}`);
		expect(leads.body.data.map((l: Json) => l.title)).toEqual(['earlier', 'later']);
	});
});

describe('saved filters', () => {
	function regionFilter(region: string) {
		const regionField = fake.store.all('dealFields').find((f) => f.name === 'Region')!;
		const [filter] = fake.seed('filters', [
			{
				name: `Region ${region}`,
				type: 'deals',
				conditions: {
					glue: 'and',
					conditions: [
						{ glue: 'and', conditions: [{ object: 'deal', field_id: String(regionField.id), operator: '=', value: region }] },
						{ glue: 'or', conditions: [] },
					],
				},
			},
		]);
		return filter.id as number;
	}

	it('lists only the rows a saved filter matches, and ignores what the spec says filter_id overrides', async () => {
		const region = fake.customFieldKey('dealFields', 'Region');
		fake.seed('deals', [
			{ title: 'north', owner_id: 1, custom_fields: { [region]: 'North' } },
			{ title: 'south', owner_id: 2, custom_fields: { [region]: 'South' } },
			{ title: 'north of user 2', owner_id: 2, custom_fields: { [region]: 'North' } },
		]);
		const filterId = regionFilter('North');
		const { body } = await get(`/api/v2/deals?filter_id=${filterId}&owner_id=2`);
		expect(body.data.map((d: Json) => d.title)).toEqual(['north', 'north of user 2']);
	});

	it('answers 404 for an unknown filter and 400 for a filter of another type', async () => {
		const filterId = regionFilter('North');
		expect((await get('/api/v2/deals?filter_id=999')).status).toBe(404);
		const persons = await get(`/api/v2/persons?filter_id=${filterId}`);
		expect(persons.status).toBe(400);
		expect(persons.body.error).toMatch(/"deals" filter, not "people"/);
	});
});

describe('deal list scopes', () => {
	it('keeps archived deals in /deals/archived and deleted deals behind status=deleted', async () => {
		fake.seed('deals', [
			{ title: 'open' },
			{ title: 'archived', is_archived: true },
			{ title: 'deleted', status: 'deleted' },
		]);
		expect((await get('/api/v2/deals')).body.data.map((d: Json) => d.title)).toEqual(['open']);
		expect((await get('/api/v2/deals/archived')).body.data.map((d: Json) => d.title)).toEqual(['archived']);
		expect((await get('/api/v2/deals?status=deleted')).body.data.map((d: Json) => d.title)).toEqual(['deleted']);
	});
});
