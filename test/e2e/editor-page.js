// @ts-check
'use strict';

/**
 * Drives n8n's editor in Debian's Chromium with playwright-core (installed into test/e2e/browser by
 * global-setup.js; the browser by test/e2e/n8n/install-browser.sh). Selectors are the editor's own
 * `data-test-id` attributes (n8n 2.8.4, the same in 2.40.7). Every request the page makes outside 127.0.0.1 is blocked
 * and recorded.
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { BROWSER_PACKAGE_DIR, SCREENSHOTS_DIR, removeDir } = require('./helpers');
const { DEFAULT_OWNER } = require('./n8n/cli');
const { sleep, waitFor } = require('./n8n/process');

const CHROMIUM_PATH = process.env.E2E_CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOADING_OPTIONS = 'Loading options...';

// playwright-core lives in test/e2e/browser (its own package), so its types are not used here.
/** @typedef {any} Page a playwright-core Page */
/** @typedef {any} Locator a playwright-core Locator */

/** @returns {string | undefined} why the editor tests cannot run here, if they cannot */
function browserSkipReason() {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		return `skipped: no Chromium at ${CHROMIUM_PATH}. Install it with test/e2e/n8n/install-browser.sh (apt-get install chromium) or set E2E_CHROMIUM_PATH.`;
	}
	try {
		require.resolve('playwright-core', { paths: [BROWSER_PACKAGE_DIR] });
		return undefined;
	} catch {
		return 'skipped: playwright-core is not installed in test/e2e/browser (run: npm ci --prefix test/e2e/browser).';
	}
}

/** @param {string} url */
const isLoopback = (url) => /^(https?|wss?):\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url) || /^(data|blob|about):/.test(url);

/**
 * Headless Chromium with a fresh profile.
 * @returns {Promise<{ page: Page, externalRequests: string[], close: () => Promise<void> }>}
 */
async function launchEditorBrowser() {
	const { chromium } = require(require.resolve('playwright-core', { paths: [BROWSER_PACKAGE_DIR] }));
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
	// A deadline, not a timing check: n8n 2.40's editor loads twice as many modules as 2.8.4's, and
	// a busy 2-core machine running n8n beside the browser needs more than 20 s for the first page.
	context.setDefaultTimeout(Number(process.env.E2E_BROWSER_TIMEOUT_MS) || 60_000);
	/** @type {string[]} */
	const externalRequests = [];
	await context.route('**/*', async (/** @type {any} */ route) => {
		const url = route.request().url();
		if (isLoopback(url)) return await route.continue();
		externalRequests.push(url);
		return await route.abort('blockedbyclient');
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return { page, externalRequests, close: () => context.close().then(() => removeDir(profile)) };
}

/** Signs in through the editor's form. @param {Page} page @param {string} baseUrl */
async function signIn(page, baseUrl) {
	await page.goto(`${baseUrl}/signin`);
	await page.locator('[data-test-id=emailOrLdapLoginId] input').fill(DEFAULT_OWNER.email);
	await page.locator('[data-test-id=password] input').fill(DEFAULT_OWNER.password);
	await page.locator('[data-test-id=form-submit-button]').click();
	await page.waitForURL(/\/home\//);
}

/**
 * Opens a workflow and a node's details view (NDV) by double-clicking the node on the canvas.
 * @param {Page} page @param {string} baseUrl @param {string} workflowId @param {string} nodeName
 */
async function openNode(page, baseUrl, workflowId, nodeName) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`);
	await page.locator(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`).dblclick();
	return page.locator('[data-test-id=ndv]');
}

/** @param {Locator} inputs @returns {Promise<string[]>} the value of each */
const inputValues = (inputs) => inputs.evaluateAll((/** @type {Array<{ value: string }>} */ elements) => elements.map((element) => element.value));

/** Waits (10 s at most) until no dropdown in `scope` shows its placeholder: options from Pipedrive (loadOptions) arrive later. @param {Locator} scope */
const optionsLoaded = (scope) => waitFor(async () => !(await inputValues(scope.locator('input'))).includes(LOADING_OPTIONS), { timeoutMs: 10_000 }).catch(() => undefined);

/**
 * The values shown in a parameter's inputs (a select shows its selected label, a resource
 * locator its mode and value), one entry per occurrence of the parameter.
 * @param {Locator} scope
 * @param {string} name parameter name
 * @returns {Promise<string[][]>}
 */
async function parameterValues(scope, name) {
	const inputs = scope.locator(`[data-test-id=parameter-input-${name}]`);
	await inputs.first().waitFor();
	await optionsLoaded(inputs);
	return await Promise.all((await inputs.all()).map((/** @type {Locator} */ input) => inputValues(input.locator('input, textarea'))));
}

/**
 * Opens a select-like parameter and returns the labels of the items in the dropdown that appears.
 * @param {Page} page
 * @param {Locator} trigger what to click
 * @param {{ items?: string, until?: string }} [options] `items`: their selector (default: Element Plus
 *   select items); `until`: wait for an item with this text (lists that load page by page)
 */
async function openDropdown(page, trigger, options = {}) {
	const items = page.locator(`${options.items ?? '.el-select-dropdown__item'}:visible`);
	// A dropdown closed just before fades out: wait until its items are gone, or they are read as this one's.
	await items.first().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
	await trigger.click();
	await (options.until ? items.filter({ hasText: options.until }) : items).first().waitFor();
	return await items.allInnerTexts();
}

/**
 * Opens the node panel, picks a node, types `query` into its search and returns the action names listed
 * under "Actions", in the order shown (trigger events, listed above them, left out).
 * @param {Page} page @param {string} baseUrl @param {string} nodeName as listed in the node panel @param {string} query
 * @returns {Promise<string[]>}
 */
async function searchNodeActions(page, baseUrl, nodeName, query) {
	if (!(await page.locator('[data-test-id=node-creator]').isVisible())) {
		await page.goto(`${baseUrl}/workflow/new`);
		await page.locator('[data-test-id=canvas-plus-button]').click();
		await page.locator('[data-test-id=node-creator-search-bar]').fill(nodeName);
		await page.locator('[data-test-id=node-creator-item-name]', { hasText: new RegExp(`^${nodeName}$`) }).click();
	}
	const read = () =>
		page.evaluate(() => {
			// Runs in the page (this file is type-checked without the DOM library).
			const panel = /** @type {any} */ (globalThis).document.querySelector('[data-test-id=node-creator]');
			if (!panel) return [];
			/** @type {any[]} */
			const headers = [...panel.querySelectorAll('[data-test-id=node-creator-category-item]')];
			const header = headers.find((h) => /^\s*Actions\b/.test(h.textContent ?? ''));
			if (!header) return [];
			const FOLLOWING = 4; // Node.DOCUMENT_POSITION_FOLLOWING
			/** @type {any[]} */
			const items = [...panel.querySelectorAll('[data-test-id=node-creator-item-name]')];
			return items.filter((item) => header.compareDocumentPosition(item) & FOLLOWING).map((item) => String(item.textContent ?? '').trim());
		});
	// The list follows the typing after a debounce, later on a busy machine: wait until it has left the
	// previous query's list (up to 5 s: two queries may rank alike), then until two reads agree.
	const before = JSON.stringify(await read());
	await page.locator('[data-test-id=node-creator-search-bar]').fill(query);
	let previous = await read();
	for (let waited = 0; waited < 15_000; waited += 250) {
		await sleep(250);
		const current = await read();
		const left = JSON.stringify(current) !== before || waited >= 5_000;
		if (left && current.length && JSON.stringify(current) === JSON.stringify(previous)) return current;
		previous = current;
	}
	return previous;
}

/**
 * What the node details view flags: parameter issues (the red warnings) and dropdowns that could not
 * load their options, after every dropdown finished loading.
 * @param {Locator} ndv
 * @returns {Promise<{ issues: string[], loadErrors: string[] }>}
 */
async function parameterProblems(ndv) {
	await ndv.locator('[data-test-id=parameter-input-operation]').first().waitFor();
	await optionsLoaded(ndv);
	const issues = await ndv
		.locator('[data-test-id=parameter-issues]')
		.evaluateAll((/** @type {Array<{ closest(selector: string): { textContent: string | null } | null, textContent: string | null }>} */ elements) =>
			elements.map((element) => (element.closest('[data-test-id=parameter-item]')?.textContent ?? element.textContent ?? '').trim().slice(0, 120)),
		);
	const loadErrors = (await inputValues(ndv.locator('input'))).filter((/** @type {string} */ value) => /Error fetching options/i.test(value));
	return { issues, loadErrors };
}

/** Saves a screenshot of the page into SCREENSHOTS_DIR. @param {Page} page @param {string} name file name without extension */
async function saveScreenshot(page, name) {
	fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
	const file = path.join(SCREENSHOTS_DIR, `${name}.png`);
	// Let transitions and lazy icons settle.
	await page.waitForTimeout(400);
	await page.screenshot({ path: file });
	return file;
}

module.exports = { browserSkipReason, launchEditorBrowser, signIn, openNode, parameterValues, openDropdown, searchNodeActions, parameterProblems, saveScreenshot };
