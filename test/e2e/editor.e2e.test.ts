/**
 * The nodes in n8n's editor, driven in Debian's Chromium (playwright-core): sign in through the
 * form, find the nodes in the node panel, open their parameters (resource and operation
 * dropdowns, a resource locator listing deals from the fake, the custom-fields list, the trigger's
 * events and filters) and check what is shown. Each test saves a screenshot into docs/screenshots
 * for the README, after its assertions passed.
 *
 * Skips with the reason when Chromium (scripts/n8n/install-browser.sh) or playwright-core
 * (test/e2e/browser) is missing.
 *
 * Run: npm run test:e2e -- editor
 */
import * as cli from '../../scripts/n8n/cli';
import { browserSkipReason, launchEditorBrowser, openDropdown, openNode, parameterValues, saveScreenshot, signIn } from './editor-page';
import { apiTokenCredential, describeIfBuilt, EXAMPLE_CREDENTIAL, loadExample, N8nInstance, pipedriveNode, startFake } from './helpers';

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
			await n8n.importWorkflows([tourWorkflow, notificationExample]);
			baseUrl = (await n8n.startServer()).server.url;
			browser = await launchEditorBrowser();
			await signIn(browser.page, baseUrl);
		});
		afterAll(async () => {
			await browser?.close();
			await n8n.dispose();
			await fake?.close();
		});

		test('the node panel finds Pipedrive Complete with its triggers and actions', async () => {
			const { page } = browser;
			await page.goto(`${baseUrl}/workflow/new`);
			await page.locator('[data-test-id=canvas-plus-button]').click();
			await page.locator('[data-test-id=node-creator-search-bar]').fill('Pipedrive Complete');
			const result = page.locator('[data-test-id=node-creator-item-name]', { hasText: /^Pipedrive Complete$/ });
			await result.click();
			await page.locator('[data-test-id=node-creator-search-bar]').fill('deal');

			const panel = page.locator('[data-test-id=node-creator]');
			// Deal created/updated/deleted/merged, deal product × 3, deal installment × 3.
			await panel.getByText('Triggers (10)').waitFor();
			const names = await panel.locator('[data-test-id=node-creator-item-name]').allInnerTexts();
			expect(names).toEqual(expect.arrayContaining(['On deal created', 'On deal updated', 'On deal deleted', 'Add a new deal', 'Update a deal', 'Search deals']));
			expect(await panel.getByText(/^Actions \(\d+\)$/).isVisible()).toBe(true);
			await saveScreenshot(page, 'node-panel');
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
			await saveScreenshot(page, 'node-parameters');

			const operations = await openDropdown(page, ndv.locator('[data-test-id=parameter-input-operation]'));
			expect(operations.map((label: string) => label.split('\n')[0])).toEqual(expect.arrayContaining(['Create', 'Get', 'Get Many', 'Search', 'Update', 'Delete']));
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
