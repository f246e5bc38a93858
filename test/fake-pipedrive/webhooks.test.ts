/**
 * The fake's webhooks as Pipedrive's guides document them: registration for every webhooks-v2 object
 * (the spec's enum lags), and automatic deliveries on API writes (`autoWebhooks`) in the v2 shape
 * (typed custom fields, `previous` = the changed fields only) or the legacy v1 shape.
 */
import { startFakePipedrive } from '.';
import { startReceiver } from './receiver';

type Json = Record<string, any>;

const TOKEN = 'webhook-test-token';

let fake: Awaited<ReturnType<typeof startFakePipedrive>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
	fake = await startFakePipedrive({ apiToken: TOKEN, autoWebhooks: true });
	receiver = await startReceiver();
});
afterAll(async () => {
	await fake.close();
	await receiver.close();
});
beforeEach(() => {
	fake.reset();
	receiver.received.length = 0;
});

async function api(method: string, path: string, body?: Json) {
	const response = await fetch(`${fake.url}${path}`, {
		method,
		headers: { 'x-api-token': TOKEN, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as Json };
}

const register = (event_object: string, event_action: string, extra: Json = {}) =>
	api('POST', '/v1/webhooks', {
		subscription_url: receiver.url, event_object, event_action, name: `${event_object}.${event_action}`, version: '2.0',
		http_auth_user: 'hook-user', http_auth_password: 'hook-secret', ...extra,
	});

/** Deliveries run after the API answered: wait until `count` arrived (bounded). */
async function delivered(count: number) {
	for (let i = 0; i < 200 && receiver.received.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 10));
	return receiver.received.map((request) => request.body);
}

describe('registration', () => {
	it.each(['project', 'task', 'board', 'phase', 'deal_product', 'deal_installment', 'lead', 'deal', '*'])(
		'accepts event_object %s (the webhooks v2 guide’s list, not only the spec’s enum)',
		async (object) => {
			expect((await register(object, 'change')).status).toBe(201);
			expect(fake.violations).toEqual([]);
		},
	);

	it('still refuses objects no guide documents', async () => {
		const refused = await register('widget', 'change');
		expect(refused.status).toBe(400);
		expect(refused.body.errors.event_object[0]).toContain('must be one of');
	});
});

describe('automatic deliveries on API writes', () => {
	const key = (name: string) => fake.customFieldKey('dealFields', name);

	it('create, change, delete of a deal: v2 shape, Basic auth, typed custom fields, previous = changed fields only', async () => {
		await register('deal', '*');
		await register('person', '*');
		const created = await api('POST', '/api/v2/deals', { title: 'Acme rollout', value: 900, custom_fields: { [key('Region')]: 'EU', [key('Tier')]: 1 } });
		const id = created.body.data.id;
		await api('PATCH', `/api/v2/deals/${id}`, { title: 'Acme rollout (EU)', custom_fields: { [key('Tier')]: 2, [key('Tags')]: [3, 4] } });
		await api('DELETE', `/api/v2/deals/${id}`);

		const bodies = await delivered(3);
		const [create, change, remove] = ['create', 'change', 'delete'].map((action) => bodies.find((body) => body.meta.action === action) as Json);
		expect(receiver.received.map((request) => request.headers.authorization)).toEqual(
			Array(3).fill(`Basic ${Buffer.from('hook-user:hook-secret').toString('base64')}`),
		);
		expect(create.meta).toMatchObject({ action: 'create', entity: 'deal', entity_id: String(id), version: '2.0', change_source: 'api', attempt: 1 });
		expect(create.data).toMatchObject({ id, title: 'Acme rollout', custom_fields: { [key('Region')]: { type: 'varchar', value: 'EU' }, [key('Tier')]: { type: 'enum', id: 1 } } });
		expect(create.previous).toBeNull();

		expect(change.data.custom_fields).toEqual({
			[key('Region')]: { type: 'varchar', value: 'EU' },
			[key('Tier')]: { type: 'enum', id: 2 },
			[key('Tags')]: { type: 'set', values: [{ id: 3 }, { id: 4 }] },
		});
		expect(Object.keys(change.previous).filter((field) => field !== 'update_time')).toEqual(['title', 'custom_fields']);
		expect(change.previous).toMatchObject({ title: 'Acme rollout', custom_fields: { [key('Tier')]: { type: 'enum', id: 1 }, [key('Tags')]: null } });

		expect(remove).toMatchObject({ meta: { action: 'delete', entity_id: String(id) }, data: null, previous: { id, title: 'Acme rollout (EU)' } });
		// The person webhook heard nothing; each event has its own id.
		expect(new Set([create, change, remove].map((body) => body.meta.id)).size).toBe(3);
		expect(fake.violations).toEqual([]);
	});

	it('new objects too: a project change reaches a project webhook', async () => {
		await register('project', 'change');
		const project = await api('POST', '/api/v2/projects', { title: 'Website relaunch' });
		await api('PATCH', `/api/v2/projects/${project.body.data.id}`, { title: 'Website relaunch 2' });
		const [change] = await delivered(1);
		expect(change).toMatchObject({ meta: { action: 'change', entity: 'project' }, data: { title: 'Website relaunch 2' }, previous: { title: 'Website relaunch' } });
		expect(receiver.received).toHaveLength(1);
	});

	it('legacy (1.0) webhooks get the v1 shape: whole records, custom fields as hash keys', async () => {
		await register('deal', 'change', { version: '1.0' });
		const created = await api('POST', '/api/v2/deals', { title: 'Old style', custom_fields: { [key('Region')]: 'US' } });
		await api('PATCH', `/api/v2/deals/${created.body.data.id}`, { title: 'Old style 2' });
		const [update] = await delivered(1);
		expect(update).toMatchObject({ v: 1, event: 'updated.deal', meta: { action: 'updated', object: 'deal', id: created.body.data.id } });
		expect(update.current).toMatchObject({ title: 'Old style 2', [key('Region')]: 'US' });
		expect(update.previous).toMatchObject({ title: 'Old style', [key('Region')]: 'US', value: 0 });
		expect(update.current).not.toHaveProperty('custom_fields');
	});

	it('writes of things webhooks do not cover (filters, webhooks) deliver nothing; nor do writes with no webhook to hear them', async () => {
		await register('*', '*');
		const filter = await api('POST', '/v1/filters', { name: 'Big deals', type: 'deals', conditions: { glue: 'and', conditions: [] } });
		expect(filter.status).toBe(200);
		expect((await register('deal', 'create')).status).toBe(201);
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(receiver.received).toEqual([]);
	});
});
