#!/usr/bin/env node
// @ts-check
'use strict';

/** Starts the fake on 127.0.0.1 and prints its URL; Ctrl-C stops it. */

const { parseArgs } = require('util');
const { startFakePipedrive } = require('./index');

const USAGE = 'usage: cli.js [--port 8787] [--seed-deals N] [--token T] [--enforce-rate-limit] [--no-validate] [--auto-webhooks]';

async function main() {
	const { values: args } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			'seed-deals': { type: 'string', default: '0' },
			token: { type: 'string', default: 'test-token' },
			'enforce-rate-limit': { type: 'boolean', default: false },
			'no-validate': { type: 'boolean', default: false },
			'auto-webhooks': { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (args.help) {
		console.log(USAGE);
		return;
	}
	const fake = await startFakePipedrive({
		port: Number(args.port),
		apiToken: args.token,
		validate: !args['no-validate'],
		autoWebhooks: args['auto-webhooks'],
		rateLimit: { enforce: args['enforce-rate-limit'] },
	});
	const deals = Number(args['seed-deals']);
	if (deals > 0) fake.seedMany('deals', deals, (i) => ({ title: `Deal ${i}`, value: i }));
	console.log(`fake Pipedrive listening on ${fake.url}`);
	console.log(`  API token: ${fake.apiToken} (header x-api-token)   v1: ${fake.url}/v1   v2: ${fake.url}/api/v2`);
	console.log(`  OAuth: ${fake.url}/oauth/authorize, ${fake.url}/oauth/token   deals seeded: ${deals}`);
	const stop = () => {
		console.log(`\nrequests: ${fake.stats.requests}, violations: ${fake.violations.length}`);
		for (const violation of fake.violations.slice(0, 20)) console.log(`  ${violation.method} ${violation.path}: ${violation.message}`);
		fake.close().then(() => process.exit(0));
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
