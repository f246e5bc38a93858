/**
 * The nodes in n8n's editor, driven in Debian's Chromium (playwright-core): sign in through the
 * form, search the node panel as a user would ("create deal"), open 25 representative operations and
 * check that none shows a parameter issue or a dropdown that cannot load, open the resource and
 * operation dropdowns, a resource locator listing deals from the fake, the custom-fields list, the
 * trigger's events and filters. Each test saves a screenshot into docs/screenshots for the README,
 * after its assertions passed.
 *
 * Skips with the reason when Chromium (test/e2e/n8n/install-browser.sh) or playwright-core
 * (test/e2e/browser) is missing.
 *
 * Run: npm run test:e2e -- editor
 */
import * as cli from './n8n/cli';
import { browserSkipReason, launchEditorBrowser, openDropdown, openNode, parameterProblems, parameterValues, saveScreenshot, searchNodeActions, signIn } from './editor-page';
import { GOAL_PARAMETERS } from '../harness/samples';
import { apiTokenCredential, byId, describeIfBuilt, EXAMPLE_CREDENTIAL, loadExample, N8nInstance, pipedriveNode, startFake } from './helpers';

const DEALS = ['Acme rollout', 'Globex renewal', 'Initech upgrade', 'Umbrella pilot'];
const tourWorkflow = cli.manualWorkflow({
	id: 'pdEditorTour00001',
	name: 'Pipedrive Complete: editor tour',
	nodes: [
		pipedriveNode('Update deal', {
			resource: 'deal',
			operation: 'updateDeal',
			dealId: { __rl: true, mode: 'id', value: '2' },
			updateFields: { status: 'won' },
			customFieldsUi: { field: [{ key: 'Region', value: 'EU' }, { key: 'Tier', value: 'Gold' }] },
		}),
		pipedriveNode('Get deal', { resource: 'deal', operation: 'getDeal', dealId: { __rl: true, mode: 'list', value: '1', cachedResultName: DEALS[0] } }),
	],
});
const notificationExample = loadExample('new-deal-slack-notification.json');

/**
 * Representative operations across resources, with their required fields filled as a user would:
 * choices, dates, ID lists, JSON boxes, pickers that load from Pipedrive, locators.
 */
const representative: Array<[string, Record<string, unknown>]> = [
	['Create deal', { resource: 'deal', operation: 'addDeal', title: 'Acme rollout', additionalFields: { status: 'won', visible_to: 3, expected_close_date: '2026-12-31T00:00:00', pipeline_id: 1, stage_id: 2 } }],
	['Update deal', { resource: 'deal', operation: 'updateDeal', dealId: byId(1), updateFields: { won_time: '2026-11-30T10:00:00', probability: 60 } }],
	['Get many deals', { resource: 'deal', operation: 'getDeals', filters: { status: ['open', 'won'], updated_since: '2026-11-01T00:00:00', ids: ['1', '2'] } }],
	['Search deals', { resource: 'deal', operation: 'searchDeals', term: 'Acme' }],
	['Add product to deal', { resource: 'dealProduct', operation: 'addDealProduct', dealId: byId(1), product_id: byId(1), item_price: 100 }],
	['Create person', { resource: 'person', operation: 'addPerson', name: 'Ann Smith', additionalFields: { emails: 'ann@example.com', marketing_status: 'subscribed', birthday: '1990-05-01T00:00:00' } }],
	['Update person', { resource: 'person', operation: 'updatePerson', personId: byId(1), updateFields: { visible_to: 1 } }],
	['Create organization', { resource: 'organization', operation: 'addOrganization', name: 'Umbrella', additionalFields: { address: '10 Main Street, Berlin' } }],
	['Search organizations', { resource: 'organization', operation: 'searchOrganization', term: 'Umbrella' }],
	['Create lead', { resource: 'lead', operation: 'addLead', title: 'Initech', additionalFields: { visible_to: '3', value: '{"amount":200,"currency":"EUR"}' } }],
	['Convert lead', { resource: 'lead', operation: 'convertLeadToDeal', leadId: byId('3f2a1c4e-1b2c-4d5e-8f90-a1b2c3d4e5f6') }],
	['Create activity', { resource: 'activity', operation: 'addActivity', additionalFields: { subject: 'Call', due_date: '2026-12-01T00:00:00', due_time: '09:30', type: 'call' } }],
	['Create note', { resource: 'note', operation: 'addNote', content: 'Called, sending the offer' }],
	['Create product', { resource: 'product', operation: 'addProduct', name: 'Seat', additionalFields: { prices: '[{"currency":"EUR","price":100}]', billing_frequency: 'monthly' } }],
	['Create project', { resource: 'project', operation: 'addProject', title: 'Rollout', additionalFields: { status: 'open', person_ids: ['1'] } }],
	['Create task', { resource: 'task', operation: 'addTask', title: 'Kick-off', project_id: 1 }],
	['Create goal', GOAL_PARAMETERS],
	['Create filter', { resource: 'filter', operation: 'addFilter', name: 'Big deals', type: 'deals', conditions: '{"glue":"and","conditions":[{"glue":"and","conditions":[]},{"glue":"or","conditions":[]}]}' }],
	['Create stage', { resource: 'stage', operation: 'addStage', name: 'Demo', pipeline_id: 1 }],
	['Get many pipelines', { resource: 'pipeline', operation: 'getPipelines' }],
	['Create webhook', { resource: 'webhook', operation: 'addWebhook', name: 'Deals', subscription_url: 'https://example.com/hook', event_action: 'create', event_object: 'deal' }],
	['Create call log', { resource: 'callLog', operation: 'addCallLog', outcome: 'connected', to_phone_number: '+1 555 0100', start_time: '2026-11-30T10:00:00', end_time: '2026-11-30T10:05:00' }],
	['Get installments', { resource: 'dealInstallment', operation: 'getInstallments', deal_ids: ['1', '2'] }],
	['Create activity type', { resource: 'activityType', operation: 'addActivityType', name: 'Demo', icon_key: 'camera', additionalFields: { color: '#FF8800' } }],
	['Current user', { resource: 'user', operation: 'getCurrentUser' }],
	['Custom API call', { resource: 'apiRequest', operation: 'send', method: 'GET', path: '/deals' }],
];
const surfaceTour = {
	id: 'pdEditorSurface01',
	name: 'Pipedrive Complete: operations across resources',
	active: false,
	settings: { executionOrder: 'v1' },
	connections: {},
	nodes: representative.map(([name, parameters], index) => ({
		id: `surface-node-${index}`,
		typeVersion: 1,
		position: [(index % 6) * 260, Math.floor(index / 6) * 220],
		...pipedriveNode(name, parameters),
	})),
};

describeIfBuilt(
	'the nodes in the n8n editor (Chromium)',
	() => {
		let fake: any;
		let baseUrl: string;
		let browser: Awaited<ReturnType<typeof launchEditorBrowser>>;
		const n8n = new N8nInstance('n8n-e2e-editor-');

		beforeAll(async () => {
			fake = await startFake();
			fake.seed('deals', DEALS.map((title) => ({ title })));
			await n8n.importCredentials([apiTokenCredential(fake), apiTokenCredential(fake, EXAMPLE_CREDENTIAL)]);
			await n8n.importWorkflows([tourWorkflow, notificationExample, surfaceTour]);
			baseUrl = (await n8n.startServer()).server.url;
			browser = await launchEditorBrowser();
			await signIn(browser.page, baseUrl);
		});
		afterAll(async () => {
			await browser?.close();
			await n8n.dispose();
			await fake?.close();
		});

		test('the node panel ranks the right action first for what users type', async () => {
			const { page } = browser;
			const found: Record<string, string | undefined> = {};
			for (const query of ['create deal', 'update person', 'add product to deal', 'search organization']) {
				found[query] = (await searchNodeActions(page, baseUrl, 'Pipedrive Complete', query))[0];
				if (query === 'create deal') await saveScreenshot(page, 'node-panel');
			}
			expect(found).toEqual({
				'create deal': 'Create a deal',
				'update person': 'Update a person',
				'add product to deal': 'Add a product to a deal',
				'search organization': 'Search organizations',
			});
			await page.keyboard.press('Escape');
		});

		test(`${representative.length} operations across resources open without a parameter issue or a dropdown that cannot load`, async () => {
			const { page } = browser;
			const problems: Record<string, unknown> = {};
			await page.goto(`${baseUrl}/workflow/${surfaceTour.id}`);
			for (const [name] of representative) {
				await page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`).dblclick();
				const ndv = page.locator('[data-test-id=ndv]');
				const found = await parameterProblems(ndv);
				if (found.issues.length || found.loadErrors.length) problems[name] = found;
				if (name === 'Create deal') await saveScreenshot(page, 'node-parameters');
				await page.keyboard.press('Escape');
				await ndv.waitFor({ state: 'hidden' });
			}
			expect(problems).toEqual({});
			expect(fake.violations).toEqual([]);
		});

		test('action node: resource and operation dropdowns, the deal locator, custom fields by name', async () => {
			const { page } = browser;
			const ndv = await openNode(page, baseUrl, tourWorkflow.id, 'Update deal');

			expect(await parameterValues(ndv, 'resource')).toEqual([['Deal']]);
			expect(await parameterValues(ndv, 'operation')).toEqual([['Update']]);
			expect(await parameterValues(ndv, 'dealId')).toEqual([['By ID', '2']]);
			expect(await parameterValues(ndv, 'key')).toEqual([['Region'], ['Tier']]);
			expect(await parameterValues(ndv, 'value')).toEqual([['EU'], ['Gold']]);
			expect(await ndv.locator('[data-test-id=node-credentials-select] input').inputValue()).toBe('Pipedrive (fake)');
			// Field names are valid keys: the editor must not flag them as unsupported values.
			expect(await ndv.locator('[data-test-id=fixed-collection-customFieldsUi] [data-test-id=parameter-issues]').count()).toBe(0);

			// The canvas subtitle reads like the built-in node's, not "deal: updateDeal".
			expect(await page.locator('[data-test-id=canvas-node][data-node-name="Update deal"]').innerText()).toContain('update: deal');

			// One "Custom API Call" resource, ours, last: n8n adds its own only when the list does not end with one.
			const resources = (await openDropdown(page, ndv.locator('[data-test-id=parameter-input-resource]'))).map((label: string) => label.split('\n')[0]);
			expect(resources.filter((name: string) => name === 'Custom API Call')).toEqual(['Custom API Call']);
			expect(resources.at(-1)).toBe('Custom API Call');
			await page.keyboard.press('Escape');
			await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'detached' });

			const operations = await openDropdown(page, ndv.locator('[data-test-id=parameter-input-operation]'));
			expect(operations.map((label: string) => label.split('\n')[0])).toEqual(
				expect.arrayContaining(['Create', 'Get', 'Get Many', 'Search', 'Update', 'Delete', 'Add Follower', 'Get Many Followers', 'Merge']),
			);
			await saveScreenshot(page, 'operation-dropdown');
			await page.keyboard.press('Escape');
		});

		test('resource locator "From list" searches the deals in Pipedrive', async () => {
			const { page } = browser;
			const ndv = await openNode(page, baseUrl, tourWorkflow.id, 'Get deal');

			const locator = ndv.locator('[data-test-id=resource-locator-dealId]');
			expect(await locator.locator('[data-test-id=rlc-mode-selector] input').inputValue()).toBe('From list');
			const listed = await openDropdown(page, locator.locator('[data-test-id=rlc-input]'), { items: '[data-test-id=rlc-item]', until: DEALS.at(-1) });
			// The selected deal is shown on top of the list as well.
			expect([...new Set(listed)]).toEqual(DEALS);
			await page.locator('[data-test-id=rlc-search]').fill('Glob');
			const items = page.locator('[data-test-id=rlc-item]:visible');
			await items.filter({ hasText: 'Umbrella pilot' }).waitFor({ state: 'detached' });
			await items.filter({ hasText: 'Globex renewal' }).waitFor();
			// Only the match, plus the selected deal that stays on top.
			expect(await items.allInnerTexts()).toEqual(['Acme rollout', 'Globex renewal']);
			await saveScreenshot(page, 'resource-locator');
			expect(fake.requests.some((request: { path: string; query: Record<string, string> }) => request.path.endsWith('/deals/search') && request.query.term === 'Glob')).toBe(true);
			await page.keyboard.press('Escape');
		});

		test('trigger node: the example workflow, its events and its changed-fields filter', async () => {
			const { page } = browser;
			await page.goto(`${baseUrl}/workflow/${notificationExample.id}`);
			const canvasNodes = page.locator('[data-test-id=canvas-node]');
			await canvasNodes.first().waitFor();
			expect(await canvasNodes.evaluateAll((nodes: Array<{ getAttribute(name: string): string | null }>) => nodes.map((node) => node.getAttribute('data-node-name')))).toEqual(
				expect.arrayContaining(['Deal created or moved', 'Look up stage', 'Compose message', 'Post to Slack']),
			);
			await saveScreenshot(page, 'example-workflow');

			const ndv = await openNode(page, baseUrl, notificationExample.id, 'Deal created or moved');
			expect((await ndv.locator('[data-test-id=parameter-input-events]').innerText()).split('\n').map((chip: string) => chip.trim()).filter(Boolean)).toEqual([
				'Deal Created',
				'Deal Updated',
			]);
			expect(await parameterValues(ndv, 'changedFields')).toEqual([['stage_id']]);
			expect(await ndv.getByText('Webhook URLs').isVisible()).toBe(true);
			await saveScreenshot(page, 'trigger-node');
			expect(browser.externalRequests).toEqual([]);
		});
	},
	browserSkipReason(),
);
