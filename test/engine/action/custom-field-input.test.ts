/**
 * The Custom Fields input through n8n's engine against the spec-validating fake: values picked from a
 * field's own options, typed by hand or by expression (labels or IDs), dates and amounts, all arrive as
 * what Pipedrive stores; unknown options fail before anything is sent.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { PipedriveComplete } from '../../../nodes/Pipedrive/PipedriveComplete.node';
import { apiTokenCredentials } from '../../harness/credentials';
import type { FakePipedrive } from '../../harness/fake';
import { runAgainst, startFake } from '../../harness/fake';
import { blockRealNetwork } from '../../harness/mock';
import { loadOptionsContext } from '../../harness/run';

let fake: FakePipedrive;
let key: (name: string) => string;

beforeAll(async () => {
	blockRealNetwork();
	fake = await startFake();
	fake.seed('dealFields', [
		{ name: 'Go-live date', field_type: 'date' },
		{ name: 'Budget', field_type: 'monetary' },
	]);
	key = (name) => fake.customFieldKey('dealFields', name);
});
afterAll(async () => await fake.close());
beforeEach(() => {
	fake.violations.length = 0;
	fake.requests.length = 0;
});

async function createDeal(customFieldsUi: IDataObject) {
	const parameters: INodeParameters = { resource: 'deal', operation: 'addDeal', title: 'Custom', customFieldsUi: customFieldsUi as never };
	const result = await runAgainst(fake, { parameters });
	const post = fake.requests.find((r) => r.method === 'POST' && r.path === '/api/v2/deals');
	return { result, sent: (post?.body as IDataObject | undefined)?.custom_fields };
}

describe('values picked in the editor', () => {
	test("option pickers, the date picker and a typed text arrive as option IDs, a date and the text", async () => {
		const { result, sent } = await createDeal({
			singleOption: [{ key: key('Tier'), value: 2 }],
			multipleOptions: [{ key: key('Tags'), value: [3, 5] }],
			date: [{ key: key('Go-live date'), value: '2026-12-31T00:00:00' }],
			field: [{ key: key('Region'), value: 'EMEA' }],
		});
		expect(result.error).toBeUndefined();
		expect(sent).toEqual({ [key('Tier')]: 2, [key('Tags')]: [3, 5], [key('Go-live date')]: '2026-12-31', [key('Region')]: 'EMEA' });
		expect(fake.violations).toEqual([]);
	});

	test("the option picker lists the chosen field's own options, and the field pickers name each field's type", async () => {
		const params = (group: string, field: string) => ({ resource: 'deal', operation: 'addDeal', customFieldsUi: { [group]: [{ key: field }] } }) as INodeParameters;
		const { loadOptions } = new PipedriveComplete().methods;
		const context = (parameters: INodeParameters, path: string) => loadOptionsContext({ parameters, credentials: apiTokenCredentials(fake.url) }, path);
		const tags = await loadOptions.getCustomFieldOptions.call(context(params('multipleOptions', key('Tags')), 'parameters.customFieldsUi.multipleOptions[0].value'));
		expect(tags).toEqual([
			{ name: 'VIP', value: 3 },
			{ name: 'Partner', value: 4 },
			{ name: 'Churn risk', value: 5 },
		]);
		const all = await loadOptions.getCustomFields.call(context(params('field', ''), 'parameters.customFieldsUi.field[0].key'));
		expect(all.map((f) => `${f.name}: ${f.description}`)).toEqual([
			'Budget: Monetary',
			'Go-live date: Date',
			'Region: Text',
			'Tags: Multiple options',
			'Tier: Single option',
		]);
		const single = await loadOptions.getSingleOptionFields.call(context(params('singleOption', ''), 'parameters.customFieldsUi.singleOption[0].key'));
		expect(single.map((f) => f.name)).toEqual(['Tier']);
		expect(fake.violations).toEqual([]);
	});
});

describe('values typed by hand or by expression', () => {
	test('labels (any case) and IDs, by field name or key, in every group', async () => {
		const { result, sent } = await createDeal({
			field: [
				{ key: 'tier', value: 'silver' },
				{ key: key('Tags'), value: 'VIP, 4' },
				{ key: 'Budget', value: '1500 eur' },
				{ key: 'Go-live date', value: '2027-01-15' },
			],
			singleOption: [{ key: '={{ "Tier" }}', value: '={{ "Gold" }}' }],
			multipleOptions: [{ key: 'Tags', value: '={{ ["Partner", 5] }}' }],
		});
		expect(result.error).toBeUndefined();
		// The later entry for a field wins: Tier from the option group, Tags from the multiple-options group.
		expect(sent).toEqual({
			[key('Tier')]: 1,
			[key('Tags')]: [4, 5],
			[key('Budget')]: { value: 1500, currency: 'EUR' },
			[key('Go-live date')]: '2027-01-15',
		});
		expect(fake.violations).toEqual([]);
	});

	test('an unknown option fails before sending, naming the field and its options', async () => {
		const { result } = await createDeal({ field: [{ key: 'Tier', value: 'Platinum' }] });
		expect(result.error?.message).toContain('Custom Fields › Tier" (item 0): has no option "Platinum" (options: Gold, Silver)');
		expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
	});

	test('two options for a single-option field fail before sending', async () => {
		const { result } = await createDeal({ singleOption: [{ key: 'Tier', value: '={{ ["Gold", "Silver"] }}' }] });
		expect(result.error?.message).toContain('Custom Fields › Tier" (item 0): takes one option, got 2');
		expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
	});

	test('a date that is not one fails before sending', async () => {
		const { result } = await createDeal({ field: [{ key: 'Go-live date', value: 'next week' }] });
		expect(result.error?.message).toContain('Custom Fields › Go-live date" (item 0): must be a date (YYYY-MM-DD), got "next week"');
		expect(fake.requests.filter((r) => r.method === 'POST')).toEqual([]);
	});

	test('v1 leads take picked options as top-level custom field keys', async () => {
		const result = await runAgainst(fake, {
			parameters: { resource: 'lead', operation: 'addLead', title: 'Lead with tags', customFieldsUi: { multipleOptions: [{ key: key('Tags'), value: [4] }] } },
		});
		expect(result.error).toBeUndefined();
		const post = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/leads')!;
		expect((post.body as IDataObject)[key('Tags')]).toEqual([4]);
		expect(fake.violations).toEqual([]);
	});
});
