/**
 * Pickers and the credential test inside a real n8n 2.8.4 server, through the REST calls its editor
 * makes: `POST /rest/dynamic-node-parameters/options` and `/resource-locator-results` for dropdowns
 * and record pickers, `POST /rest/credentials/test` for the credential dialog's "Test" button. The
 * fake Pipedrive checks every request against the official specs.
 *
 * Run: npm run test:e2e -- pickers
 */
import * as cli from './n8n/cli';
import { browserSkipReason, launchEditorBrowser, openDropdown, openNode, parameterValues, signIn } from './editor-page';
import { apiTokenCredential, describeIfBuilt, FAKE_CREDENTIAL, N8nInstance, pipedriveNode, startFake } from './helpers';

type Choice = { name: string; value: string | number };

const PICKER_WORKFLOW_ID = 'pdPickersTour0001';

/** A Create Deal node with a pipeline, a stage, and custom fields set through their pickers. */
function pickerWorkflow(fake: { customFieldKey(collection: string, name: string): string }) {
	return cli.manualWorkflow({
		id: PICKER_WORKFLOW_ID,
		name: 'Pipedrive Complete: pickers',
		nodes: [
			pipedriveNode('Create deal', {
				resource: 'deal',
				operation: 'addDeal',
				title: 'Partnership with Acme',
				additionalFields: { pipeline_id: 2, stage_id: 5, label_ids: [] },
				customFieldsUi: {
					singleOption: [{ key: fake.customFieldKey('dealFields', 'Tier'), value: 2 }],
					multipleOptions: [{ key: fake.customFieldKey('dealFields', 'Tags'), value: [3] }],
				},
			}),
		],
	});
}

describeIfBuilt('pickers and the credential test in n8n', () => {
	const n8n = new N8nInstance('n8n-e2e-pickers-');
	let fake: Awaited<ReturnType<typeof startFake>>;
	let rest: InstanceType<typeof cli.RestClient>;

	beforeAll(async () => {
		fake = await startFake();
		await n8n.importCredentials([apiTokenCredential(fake)]);
		await n8n.importWorkflows([pickerWorkflow(fake)]);
		({ rest } = await n8n.startServer());
	});

	afterAll(async () => {
		await n8n.dispose();
		await fake?.close();
	});

	beforeEach(() => {
		fake.violations.length = 0;
	});

	const credentials = { [FAKE_CREDENTIAL.type]: { id: FAKE_CREDENTIAL.id, name: FAKE_CREDENTIAL.name } };

	async function options(methodName: string, path: string, parameters: Record<string, unknown>, type = cli.NODE_TYPES.action): Promise<Choice[]> {
		return await rest.request('POST', '/rest/dynamic-node-parameters/options', {
			nodeTypeAndVersion: { name: type, version: 1 },
			methodName,
			path,
			currentNodeParameters: { authentication: 'apiToken', ...parameters },
			credentials,
		});
	}

	test('the dropdowns that showed "Error fetching options" list their choices', async () => {
		const deal = { resource: 'deal', operation: 'addDeal' };
		expect((await options('getUsers', 'parameters.additionalFields.owner_id', deal)).map((c) => c.name)).toEqual(['Test User']);
		expect((await options('getCurrencies', 'parameters.additionalFields.currency', deal)).map((c) => c.value)).toEqual(['EUR', 'USD']);
		const activity = { resource: 'activity', operation: 'addActivity' };
		expect((await options('getActivityTypes', 'parameters.additionalFields.type', activity)).map((c) => c.value)).toEqual(['call', 'deadline']);
		const filters = await options('getFilters', 'parameters.filters.filter_id', { resource: 'deal', operation: 'getDeals' });
		expect(filters.map((c) => c.name)).toEqual(['All open deals']);
		const leadLabels = await options('getLabels', 'parameters.additionalFields.label_ids', { resource: 'lead', operation: 'addLead' });
		expect(leadLabels.map((c) => c.name)).toEqual(['Cold', 'Hot', 'Warm']);
		const runAs = await options('getUsers', 'parameters.options.runAsUserId', { events: ['deal.change'] }, cli.NODE_TYPES.trigger);
		expect(runAs.map((c) => c.name)).toEqual(['Test User']);
		expect(fake.violations).toEqual([]);
	});

	test("deal labels are the deal's own; stages follow the pipeline chosen in Update Fields", async () => {
		const labels = await options('getLabels', 'parameters.additionalFields.label_ids', { resource: 'deal', operation: 'addDeal' });
		expect(labels.map((c) => c.name)).toEqual(['Priority', 'Renewal', 'Partner deal']);
		expect(labels.every((c) => Number.isInteger(c.value))).toBe(true);
		const stages = await options('getStages', 'parameters.updateFields.stage_id', {
			resource: 'deal',
			operation: 'updateDeal',
			updateFields: { pipeline_id: 2 },
		});
		expect(stages.map((c) => c.name)).toEqual(['Partnerships › Intro call', 'Partnerships › Negotiation', 'Partnerships › Signed']);
		expect(fake.violations).toEqual([]);
	});

	test("a custom field's value picker lists that field's options", async () => {
		const tier = fake.customFieldKey('dealFields', 'Tier');
		const choices = await options('getCustomFieldOptions', 'parameters.customFieldsUi.singleOption[0].value', {
			resource: 'deal',
			operation: 'addDeal',
			customFieldsUi: { singleOption: [{ key: tier }] },
		});
		expect(choices).toEqual([
			{ name: 'Gold', value: 1 },
			{ name: 'Silver', value: 2 },
		]);
	});

	test('a record picker lists and searches', async () => {
		fake.seed('deals', [{ title: 'Acme rollout' }, { title: 'Other deal' }]);
		const search = async (filter?: string) =>
			await rest.request('POST', '/rest/dynamic-node-parameters/resource-locator-results', {
				nodeTypeAndVersion: { name: cli.NODE_TYPES.action, version: 1 },
				methodName: 'searchDeals',
				path: 'parameters.dealId',
				currentNodeParameters: { authentication: 'apiToken', resource: 'deal', operation: 'getDeal' },
				credentials,
				filter,
			});
		expect((await search()).results.map((r: Choice) => r.name)).toEqual(['Acme rollout', 'Other deal']);
		expect((await search('Acme')).results.map((r: Choice) => r.name)).toEqual(['Acme rollout']);
		expect(fake.violations).toEqual([]);
	});

	(browserSkipReason() ? test.skip : test)('in the editor (Chromium): pickers show names, load their lists, and no "Error fetching options"', async () => {
		const browser = await launchEditorBrowser();
		try {
			const baseUrl = n8n.server!.url;
			await signIn(browser.page, baseUrl);
			const ndv = await openNode(browser.page, baseUrl, PICKER_WORKFLOW_ID, 'Create deal');
			expect(await parameterValues(ndv, 'stage_id')).toEqual([['Partnerships › Intro call']]);
			expect(await parameterValues(ndv, 'key')).toEqual([['Tier'], ['Tags']]);
			expect((await parameterValues(ndv, 'value'))[0]).toEqual(['Silver']);
			const stages = await openDropdown(browser.page, ndv.locator('[data-test-id=parameter-input-stage_id]'));
			expect(stages).toEqual(['Partnerships › Intro call', 'Partnerships › Negotiation', 'Partnerships › Signed']);
			await browser.page.keyboard.press('Escape');
			const labels = await openDropdown(browser.page, ndv.locator('[data-test-id=parameter-input-label_ids]'));
			expect(labels).toEqual(['Priority', 'Renewal', 'Partner deal']);
			await browser.page.keyboard.press('Escape');
			const tiers = await openDropdown(browser.page, ndv.locator('[data-test-id=parameter-input-value]').first());
			expect(tiers).toEqual(['Gold', 'Silver']);
			await browser.page.keyboard.press('Escape');
			expect(await ndv.getByText('Error fetching options').count()).toBe(0);
			expect(await ndv.locator('[data-test-id=parameter-issues]').count()).toBe(0);
			expect(browser.externalRequests).toEqual([]);
		} finally {
			await browser.close();
		}
	});

	describe('credential test', () => {
		const test_ = async (data: Record<string, unknown>) =>
			await rest.request('POST', '/rest/credentials/test', { credentials: { ...FAKE_CREDENTIAL, data } });

		test('the right token passes, with or without a trailing slash or /v1 on the domain', async () => {
			for (const domain of [fake.url, `${fake.url}/`, `${fake.url}/v1`]) {
				expect(await test_({ apiToken: fake.apiToken, domain })).toEqual({ status: 'OK', message: 'Connection successful!' });
			}
		});

		test("a wrong token shows Pipedrive's message, not n8n's generic one", async () => {
			expect(await test_({ apiToken: 'wrong-token', domain: fake.url })).toEqual({
				status: 'Error',
				message:
					'Pipedrive: "unauthorized access". The API token is wrong or was regenerated; copy it again from Personal preferences → API in Pipedrive.',
			});
		});
	});
});
