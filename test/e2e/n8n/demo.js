// @ts-check
'use strict';

/**
 * What `npm start` and `npm run start:queue` (start.js) set up around n8n: the fake Pipedrive with a
 * credential for it, the trigger demo, and stopping it all. The demo is the example workflow
 * examples/new-deal-slack-notification.json bound to the fake's credential (without its Slack step,
 * which needs a real incoming-webhook URL), and a one-node workflow that creates a deal with the action
 * node: publish the first, run the second, and the fake's webhook runs the first. The e2e suite imports
 * these same workflows (test/e2e/examples.e2e.test.ts).
 */

const fs = require('node:fs');
const path = require('node:path');
const cli = require('./cli');
const { tail } = require('./process');

/** The API-token credential both start scripts import, pointing at the fake Pipedrive they start. */
const LOCAL_CREDENTIAL = Object.freeze({ id: 'pdLocalFakeCred1', name: 'Pipedrive (local fake)', type: 'pipedriveCompleteApi' });
const LOCAL_API_TOKEN = 'test-token';

const EXAMPLE_FILE = path.join(cli.REPO_ROOT, 'examples', 'new-deal-slack-notification.json');
const SLACK_NODE = 'Post to Slack';
const DEMO_IDS = Object.freeze({ alert: 'pdDemoDealAlert1', createDeal: 'pdDemoCreateDeal' });
/** Its own webhook path, so the example itself can be imported and published beside it. */
const DEMO_WEBHOOK_ID = '5e0c6a7d-1f2b-4c3d-9e8f-d3a0b1c2e4f6';
/** Written once the demo is imported: later starts leave the user's copies alone. */
const MARKER_FILE = 'pipedrive-complete-demo.json';
const DEMO_NOTE =
	'## Demo: new or moved deal → message\nThe example workflow `examples/new-deal-slack-notification.json`, on the fake Pipedrive ' +
	'(its Slack step left out). **Publish** it: the trigger registers webhooks at the fake. Then run **Demo: create a deal** ' +
	'(or create or move a deal with the Pipedrive Complete node): the fake sends the webhook and this workflow runs (see Executions).';

/** @typedef {{ id: string, name: string, type: string }} CredentialIdentity */

/**
 * The example, bound to `credential`, without the Slack step.
 * @param {CredentialIdentity} credential
 */
function alertWorkflow(credential) {
	const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	const nodes = example.nodes
		.filter((/** @type {any} */ node) => node.name !== SLACK_NODE)
		.map((/** @type {any} */ node) => {
			if (node.type === 'n8n-nodes-base.stickyNote') return { ...node, parameters: { ...node.parameters, content: DEMO_NOTE } };
			if (!node.credentials) return node;
			const trigger = node.type === cli.NODE_TYPES.trigger ? { webhookId: DEMO_WEBHOOK_ID } : {};
			return { ...node, ...trigger, credentials: cli.credentialsOf(credential) };
		});
	// The node that feeds the Slack step feeds nothing else.
	const connections = Object.fromEntries(
		Object.entries(example.connections).filter(([, outputs]) => !(/** @type {any} */ (outputs).main.flat().some((/** @type {any} */ target) => target.node === SLACK_NODE))),
	);
	return { ...example, id: DEMO_IDS.alert, name: 'Demo: new or moved deal → message', active: false, nodes, connections };
}

/** @param {CredentialIdentity} credential */
function demoWorkflows(credential) {
	const createDeal = cli.manualWorkflow({
		id: DEMO_IDS.createDeal,
		name: 'Demo: create a deal',
		node: {
			name: 'Create deal',
			type: cli.NODE_TYPES.action,
			parameters: { authentication: 'apiToken', resource: 'deal', operation: 'addDeal', title: "={{ 'Demo deal ' + $now.toFormat('HH:mm:ss') }}" },
			credentials: cli.credentialsOf(credential),
		},
	});
	return [alertWorkflow(credential), createDeal];
}

/**
 * Imports the demo the first time (a marker file in `dir` remembers it).
 * @param {string} dir
 * @param {(workflows: object[]) => Promise<unknown>} importWorkflows
 * @returns {Promise<boolean>} whether it was imported now
 */
async function importDemoOnce(dir, importWorkflows) {
	const marker = path.join(dir, MARKER_FILE);
	if (fs.existsSync(marker)) return false;
	await importWorkflows(demoWorkflows(LOCAL_CREDENTIAL));
	fs.writeFileSync(marker, `${JSON.stringify({ imported: new Date().toISOString(), workflows: DEMO_IDS }, null, 2)}\n`);
	return true;
}

/**
 * The fake Pipedrive on `port` that, like Pipedrive, notifies every matching webhook when a record
 * changes through its API.
 * @param {number} port
 * @param {object} [options] more options for startFakePipedrive
 */
async function startLocalFake(port, options = {}) {
	if (!(await cli.isPortFree(port))) throw new Error(`port ${port} for the fake Pipedrive is in use (choose another with --fake-port)`);
	const { startFakePipedrive, REAL_WEBHOOK_RETRY_DELAYS_MS } = require('../../fake-pipedrive');
	return await startFakePipedrive({ port, apiToken: LOCAL_API_TOKEN, autoWebhooks: true, webhookRetryDelaysMs: REAL_WEBHOOK_RETRY_DELAYS_MS, ...options });
}

/** @param {string} fakeUrl the credential record to import for LOCAL_CREDENTIAL */
const localCredentialRecord = (fakeUrl) => ({ ...LOCAL_CREDENTIAL, data: { apiToken: LOCAL_API_TOKEN, domain: fakeUrl } });

/**
 * Runs `stop`, then exits: on Ctrl-C or SIGTERM, when our parent is gone (`npm run` may exit on SIGTERM
 * without passing it on), or (exit code 1) when a watched process exits by itself.
 * @param {() => Promise<unknown>} stop
 */
function stopOnExit(stop) {
	let stopping = false;
	const shutdown = async (/** @type {number} */ code) => {
		if (stopping) return;
		stopping = true;
		await stop();
		process.exit(code);
	};
	process.on('SIGINT', () => void shutdown(0));
	process.on('SIGTERM', () => void shutdown(0));
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && void shutdown(0), 1000).unref();
	return {
		/** @param {import('./process').ServerProcess[]} processes n8n processes @param {{ printLogs: boolean }} options printLogs: their output was not shown */
		watch(processes, options) {
			for (const member of processes) {
				member.child.once('exit', (code) => {
					if (stopping) return;
					console.error(`\nn8n ${member.name} exited (code ${code})${options.printLogs ? `:\n${tail(member.logs(), 20)}` : '.'}`);
					void shutdown(1);
				});
			}
		},
	};
}

module.exports = { LOCAL_CREDENTIAL, LOCAL_API_TOKEN, DEMO_IDS, demoWorkflows, importDemoOnce, startLocalFake, localCredentialRecord, stopOnExit };
