/**
 * The designed controls through n8n's engine against the spec-validating fake Pipedrive: what a user
 * picks or types (as the editor stores it) and the exact request that goes out. Enumerations with
 * Pipedrive's values, dates and times in the format each endpoint wants, ID lists, validated JSON, and
 * numbers that are never sent as an unnoticed 0.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { FakeRequest } from '../harness/fake';
import { runAgainst, useFake } from '../harness/fake';
import { GOAL_PARAMETERS } from '../harness/samples';

const fake = useFake();

const deal = (id: number) => ({ __rl: true, mode: 'id', value: String(id) });

/** Runs the node and returns what reached Pipedrive (field definitions fetched for custom fields aside). */
async function send(parameters: INodeParameters): Promise<{ requests: FakeRequest[]; error?: string }> {
	const result = await runAgainst(fake(), { parameters });
	expect(fake().violations).toEqual([]);
	return { requests: fake().requests.filter((r) => !/Fields$/.test(r.path)), error: result.error?.message };
}

describe('numbers are never sent as an unnoticed 0', () => {
	test('optional numbers added but left empty are not sent', async () => {
		const { requests, error } = await send({
			resource: 'deal',
			operation: 'addDeal',
			title: 'Acme rollout',
			additionalFields: { value: '', probability: '' },
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([['POST', '/api/v2/deals', { title: 'Acme rollout' }]]);
	});

	test('a required number left empty stops the item before anything is sent', async () => {
		const { requests, error } = await send({
			resource: 'dealProduct',
			operation: 'addDealProduct',
			dealId: deal(1),
			product_id: deal(1),
			item_price: '',
		});
		expect(error).toBe('Invalid value for "Item Price" (item 0): is required but empty');
		expect(requests).toEqual([]);
	});

	test('Deal Product quantity starts at 1', async () => {
		fake().seed('products', [{ name: 'Seat' }]);
		const { requests, error } = await send({
			resource: 'dealProduct',
			operation: 'addDealProduct',
			dealId: deal(1),
			product_id: deal(1),
			item_price: 100,
		});
		expect(error).toBeUndefined();
		expect(requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['POST', '/api/v2/deals/1/products', { product_id: 1, item_price: 100, quantity: 1 }],
		]);
	});

	test('a required record ID left empty stops the item', async () => {
		const { requests, error } = await send({ resource: 'deal', operation: 'deleteDealFollower', dealId: deal(1), follower_id: '' });
		expect(error).toBe('Invalid value for "follower_id" (item 0): is required but empty');
		expect(requests).toEqual([]);
	});
});

describe("choices carry Pipedrive's values", () => {
	test('deal visibility and status', async () => {
		const { requests } = await send({
			resource: 'deal',
			operation: 'addDeal',
			title: 'Globex',
			additionalFields: { visible_to: 7, status: 'won' },
		});
		expect(requests[0].body).toEqual({ title: 'Globex', visible_to: 7, status: 'won' });
	});

	test('lead visibility is text, as the lead API takes it', async () => {
		const { requests } = await send({ resource: 'lead', operation: 'addLead', title: 'Initech', additionalFields: { visible_to: '3' } });
		expect(requests[0].body).toEqual({ title: 'Initech', visible_to: '3' });
	});

	test('a value outside the choices (from an expression) is refused before sending', async () => {
		const { requests, error } = await send({ resource: 'deal', operation: 'updateDeal', dealId: deal(1), updateFields: { visible_to: 2 } });
		expect(error).toBe('Invalid value for "Visible To" (item 0): must be one of 7, 3, 1, 5; got "2"');
		expect(requests).toEqual([]);
	});

	test('deal status filter: several statuses, comma-separated', async () => {
		const { requests } = await send({
			resource: 'deal',
			operation: 'getDeals',
			returnAll: false,
			limit: 5,
			filters: { status: ['open', 'won'] },
		});
		expect(requests[0].query).toEqual({ status: 'open,won', limit: '5' });
	});

	test('0/1 flags are toggles', async () => {
		const { requests } = await send({ resource: 'mailbox', operation: 'getMailMessage', mailboxId: 5, options: { include_body: true } });
		expect(requests.map((r) => [r.path, r.query])).toEqual([['/v1/mailbox/mailMessages/5', { include_body: '1' }]]);
	});

	test('the activity type color picker sends the hex Pipedrive stores', async () => {
		const { requests } = await send({
			resource: 'activityType',
			operation: 'addActivityType',
			name: 'Demo',
			icon_key: 'camera',
			additionalFields: { color: '#ff8800' },
		});
		expect(requests[0].body).toEqual({ name: 'Demo', icon_key: 'camera', color: 'FF8800' });
	});
});

describe('dates and times in the format of each endpoint', () => {
	test('activity: date, time of day and duration from the pickers', async () => {
		const { requests } = await send({
			resource: 'activity',
			operation: 'addActivity',
			additionalFields: { subject: 'Call', due_date: '2026-12-01T00:00:00', due_time: '9:05', duration: '1:30' },
		});
		expect(requests[0].body).toEqual({ subject: 'Call', due_date: '2026-12-01', due_time: '09:05', duration: '01:30' });
	});

	test('v2 lists take RFC 3339 times', async () => {
		const { requests } = await send({
			resource: 'deal',
			operation: 'getDeals',
			returnAll: false,
			limit: 1,
			filters: { updated_since: '2026-11-01T10:00:00' },
		});
		expect(requests[0].query).toEqual({ updated_since: '2026-11-01T10:00:00Z', limit: '1' });
	});

	test('v1 recents take YYYY-MM-DD HH:MM:SS in UTC', async () => {
		const { requests } = await send({
			resource: 'recent',
			operation: 'getRecents',
			since_timestamp: '2026-11-01T11:00:00+01:00',
			returnAll: false,
			limit: 1,
		});
		expect(requests[0].query).toMatchObject({ since_timestamp: '2026-11-01 10:00:00' });
	});

	test('a time that is not one is refused', async () => {
		const { requests, error } = await send({ resource: 'activity', operation: 'addActivity', additionalFields: { due_time: '25:00' } });
		expect(error).toBe('Invalid value for "Due Time" (item 0): must be a time like 14:30, got "25:00"');
		expect(requests).toEqual([]);
	});
});

describe('lists of IDs, one per row', () => {
	test('rows, and rows holding several IDs, become one comma-separated query value', async () => {
		const { requests } = await send({
			resource: 'deal',
			operation: 'getDeals',
			returnAll: false,
			limit: 3,
			filters: { ids: ['1', '2, 3'] },
		});
		expect(requests[0].query).toEqual({ ids: '1,2,3', limit: '3' });
	});

	test('a required list: installments of several deals', async () => {
		const { requests } = await send({
			resource: 'dealInstallment',
			operation: 'getInstallments',
			deal_ids: ['7', '8'],
			returnAll: false,
			limit: 2,
		});
		expect(requests[0].query).toEqual({ deal_ids: '7,8', limit: '2' });
	});

	test('project links in a body are arrays of numbers', async () => {
		const { requests } = await send({
			resource: 'project',
			operation: 'addProject',
			title: 'Rollout',
			additionalFields: { person_ids: ['4', '5'], status: 'open' },
		});
		expect(requests[0].body).toEqual({ title: 'Rollout', person_ids: [4, 5], status: 'open' });
	});

	test('an entry that is not an ID is refused', async () => {
		const { requests, error } = await send({
			resource: 'dealInstallment',
			operation: 'getInstallments',
			deal_ids: ['7', 'seven'],
			returnAll: false,
			limit: 2,
		});
		expect(error).toBe('Invalid value for "Deal IDs" (item 0): must be a whole number, got "seven"');
		expect(requests).toEqual([]);
	});
});

describe('JSON only where no better control exists, checked before sending', () => {
	const goal = { ...GOAL_PARAMETERS, interval: 'monthly' };

	test('Goal → Create sends the four objects', async () => {
		const { requests, error } = await send(goal);
		expect(error).toBeUndefined();
		expect(requests[0].body).toEqual({
			type: { name: 'deals_won', params: { pipeline_id: [1] } },
			assignee: { id: 1, type: 'person' },
			expected_outcome: { target: 10, tracking_metric: 'quantity' },
			duration: { start: '2026-01-01', end: '2026-12-31' },
			interval: 'monthly',
		});
	});

	test('an empty object is refused with the expected shape', async () => {
		const { requests, error } = await send({ ...goal, assignee: '{}' });
		expect(error).toBe('Invalid value for "Assignee" (item 0): needs "id", "type", like {"id":42,"type":"person"}');
		expect(requests).toEqual([]);
	});

	test('an empty required box is refused, not sent as {}', async () => {
		const { requests, error } = await send({ ...goal, duration: '' });
		expect(error).toBe('Invalid value for "Duration" (item 0): is required but empty');
		expect(requests).toEqual([]);
	});

	test('an address may be typed as text', async () => {
		const { requests } = await send({
			resource: 'organization',
			operation: 'addOrganization',
			name: 'Umbrella',
			additionalFields: { address: '10 Main Street, Berlin' },
		});
		expect(requests[0].body).toEqual({ name: 'Umbrella', address: { value: '10 Main Street, Berlin' } });
	});

	test('lead value needs an amount and a currency', async () => {
		const { error } = await send({ resource: 'lead', operation: 'addLead', title: 'Hooli', additionalFields: { value: '{"amount":200}' } });
		expect(error).toBe('Invalid value for "Value" (item 0): needs "currency", like {"amount":200,"currency":"EUR"}');
	});
});
