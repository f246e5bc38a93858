// @ts-check
'use strict';

/**
 * The trigger demo `npm start` sets up next to the fake Pipedrive: the example workflow
 * examples/new-deal-slack-notification.json bound to the fake's credential (without its Slack step,
 * which needs a real incoming-webhook URL), and a one-node workflow that creates a deal with the
 * action node. Publish the first, run the second: the fake delivers the deal's webhook to n8n and
 * the first workflow runs. The e2e suite imports these same workflows (test/e2e/examples.e2e.test.ts).
 */

const fs = require('node:fs');
const path = require('node:path');
const cli = require('./cli');

const EXAMPLE_FILE = path.join(cli.REPO_ROOT, 'examples', 'new-deal-slack-notification.json');
const SLACK_NODE = 'Post to Slack';
const DEMO_IDS = Object.freeze({ alert: 'pdDemoDealAlert1', createDeal: 'pdDemoCreateDeal' });
/** Its own webhook path, so the example itself can be imported and published beside it. */
const DEMO_WEBHOOK_ID = '5e0c6a7d-1f2b-4c3d-9e8f-d3a0b1c2e4f6';
/** Written to the user folder once the demo is imported: later starts leave the user's copies alone. */
const MARKER_FILE = 'pipedrive-complete-demo.json';

/**
 * @typedef {object} CredentialIdentity
 * @property {string} id
 * @property {string} name
 * @property {string} type e.g. pipedriveCompleteApi
 */

/** @param {CredentialIdentity} credential */
const credentialsOf = (credential) => ({ [credential.type]: { id: credential.id, name: credential.name } });

/**
 * The example, bound to `credential`, without the Slack step.
 * @param {CredentialIdentity} credential
 */
function alertWorkflow(credential) {
	const example = JSON.parse(fs.readFileSync(EXAMPLE_FILE, 'utf8'));
	const nodes = example.nodes
		.filter((/** @type {any} */ node) => node.name !== SLACK_NODE)
		.map((/** @type {any} */ node) => {
			if (node.type === 'n8n-nodes-base.stickyNote') {
				return {
					...node,
					parameters: {
						...node.parameters,
						content:
							'## Demo: new or moved deal → message\nThe example workflow `examples/new-deal-slack-notification.json`, on the fake Pipedrive ' +
							'(its Slack step left out). **Publish** it: the trigger registers webhooks at the fake. Then run **Demo: create a deal** ' +
							'(or create or move a deal with the Pipedrive Complete node): the fake sends the webhook and this workflow runs (see Executions).',
					},
				};
			}
			if (!node.credentials) return node;
			const trigger = node.type === cli.NODE_TYPES.trigger ? { webhookId: DEMO_WEBHOOK_ID } : {};
			return { ...node, ...trigger, credentials: credentialsOf(credential) };
		});
	const connections = Object.fromEntries(
		Object.entries(example.connections)
			.map(([from, outputs]) => [from, { main: /** @type {any} */ (outputs).main.map((/** @type {any[]} */ targets) => targets.filter((target) => target.node !== SLACK_NODE)) }])
			.filter(([, outputs]) => /** @type {any} */ (outputs).main.some((/** @type {any[]} */ targets) => targets.length > 0)),
	);
	return { ...example, id: DEMO_IDS.alert, name: 'Demo: new or moved deal → message', active: false, nodes, connections };
}

/**
 * A Manual Trigger and the action node's Create Deal, titled with the time.
 * @param {CredentialIdentity} credential
 */
function createDealWorkflow(credential) {
	return cli.manualWorkflow({
		id: DEMO_IDS.createDeal,
		name: 'Demo: create a deal',
		node: {
			name: 'Create deal',
			type: cli.NODE_TYPES.action,
			parameters: { authentication: 'apiToken', resource: 'deal', operation: 'addDeal', title: "={{ 'Demo deal ' + $now.toFormat('HH:mm:ss') }}" },
			credentials: credentialsOf(credential),
		},
	});
}

/** @param {CredentialIdentity} credential */
function demoWorkflows(credential) {
	return [alertWorkflow(credential), createDealWorkflow(credential)];
}

/**
 * Imports the demo into the user folder the first time (later starts keep the user's copies).
 * @param {{ userFolder: string, credential: CredentialIdentity }} options
 * @returns {Promise<'imported' | 'present'>}
 */
async function importDemoOnce({ userFolder, credential }) {
	const marker = path.join(userFolder, MARKER_FILE);
	if (fs.existsSync(marker)) return 'present';
	await cli.importWorkflow(demoWorkflows(credential), { userFolder, hermetic: false });
	fs.writeFileSync(marker, `${JSON.stringify({ imported: new Date().toISOString(), workflows: DEMO_IDS }, null, 2)}\n`);
	return 'imported';
}

module.exports = { DEMO_IDS, demoWorkflows, importDemoOnce };
