#!/usr/bin/env node
// @ts-check
'use strict';

// `npm start` (--with-fake) and `npm run start:queue` (--queue): the HELP text below says what they do.

const fs = require('node:fs');
const path = require('node:path');
const { parseArgs } = require('node:util');
const { ensureRuntime, runNpm } = require('./ensure-runtime');
const { ensureDependenciesInBackground } = require('../../../scripts/ensure-deps');
const cli = require('./cli');
const demo = require('./demo');
const { QUEUE_DIR, startQueueStack } = require('./queue');

const HELP = `Runs n8n 2.8.4 on http://localhost:5678 with this package's nodes (built into dist/).

usage: node test/e2e/n8n/start.js [--with-fake] [--port 5678] [--fake-port 8787] [--no-build] [--user-folder DIR]
       npm start   (= --with-fake)

  --with-fake     also start the fake Pipedrive (test/fake-pipedrive) on 127.0.0.1:<fake-port> and import
                  a "Pipedrive (local fake)" credential pointing at it: try every node without a Pipedrive
                  account. The fake sends webhooks (v2, Basic auth) when records change through its API;
                  two trigger demo workflows are imported once.
  --port N        n8n's port (default 5678, or N8N_PORT); the task-runner broker takes the next free one.
  --fake-port N   the fake's port (default 8787).
  --enforce-rate-limit  the fake answers 429 beyond 80 requests / 2 s.
  --no-build      use dist/ as it is (skip npm run build).
  --user-folder   n8n's data folder (default .n8n-runtime/user: SQLite database, encryption key, owner
                  account); delete it to start over.
  -h, --help      this text.

Queue mode: npm run start:queue -- [--workers 2] [--webhooks 1] [--concurrency 10] [--webhook-port 5688]
       [--postgres-port 54329] [--redis-port 63790] [--no-fake] [--data-dir .queue/default] (and the above)
  (= --queue --with-fake) PostgreSQL and Redis (apt-get install on first use, as root), an n8n main, workers
  and webhook processors (README "Queue mode"); data and logs in --data-dir.

The first run, on a fresh clone, installs two things side by side, with their progress shown:
the package's dev dependencies (npm ci, 1.1 GB in node_modules) and the pinned n8n runtime (npm ci in
.n8n-runtime, 2.2 GB, plus SQLite's native binding, compiled once per machine and then cached in
~/.cache): 3.2 GB, several minutes (README "Try it: two commands" says what it took). Later runs start
in about a minute.
n8n listens on 127.0.0.1 only, uses embedded SQLite, and has telemetry, version checks, templates,
banners and the AI assistant switched off (privacyEnv in ./cli.js). Ctrl-C stops n8n and the fake.`;

/** n8n warns at every start that its Python task runner cannot start without Python 3; no setting
 * turns the check off (n8n 2.8.4 and 2.40.7), and the Pipedrive nodes do not use it. */
const PYTHON_RUNNER_WARNING = /^.*Failed to start Python task runner in internal mode\..*(\r?\n|$)/gm;

const text = (/** @type {string} */ value) => /** @type {const} */ ({ type: 'string', default: value });
const flag = () => /** @type {const} */ ({ type: 'boolean', default: false });

async function main() {
	const { values: args } = parseArgs({
		options: {
			'with-fake': flag(),
			port: text(process.env.N8N_PORT || '5678'),
			'fake-port': text('8787'),
			'enforce-rate-limit': flag(),
			'no-build': flag(),
			'user-folder': text(cli.DEFAULT_USER_FOLDER),
			queue: flag(),
			workers: text('2'),
			webhooks: text('1'),
			concurrency: text('10'),
			'webhook-port': text('5688'),
			'postgres-port': text('54329'),
			'redis-port': text('63790'),
			'no-fake': flag(),
			'data-dir': text(path.join(QUEUE_DIR, 'default')),
			help: { ...flag(), short: 'h' },
		},
	});
	if (args.help) return console.log(HELP);
	const port = Number(args.port);
	if (!(await cli.isPortFree(port))) throw new Error(`port ${port} on 127.0.0.1 is already in use (another n8n?). Stop it or pass --port.`);

	// The two installs a fresh clone needs do not depend on each other: run them side by side.
	console.log(`\n▶ Checking the dev dependencies (node_modules) and the n8n runtime (${path.relative(cli.REPO_ROOT, cli.RUNTIME.dir)})`);
	await Promise.all([ensureDependenciesInBackground(), ensureRuntime({ runtime: cli.RUNTIME.name })]);
	if (!args['no-build']) {
		console.log('\n▶ Building the package (npm run build)');
		await runNpm('npm run build', ['run', 'build'], { cwd: cli.REPO_ROOT, log: console.log }).catch((/** @type {Error} */ error) =>
			console.warn(`⚠ ${error.message.split('\n')[0]}; continuing with the dist/ there is (if any).`),
		);
	}
	if (!cli.isPackageBuilt()) console.warn(`⚠ no ${path.relative(cli.REPO_ROOT, cli.ACTION_NODE_FILE)}: the action node will be missing.`);

	/** @type {any} */
	let fake;
	if (args.queue ? !args['no-fake'] : args['with-fake']) {
		const enforce = args['enforce-rate-limit'];
		console.log(`\n▶ Starting the fake Pipedrive on 127.0.0.1:${args['fake-port']}`);
		fake = await demo.startLocalFake(Number(args['fake-port']), { rateLimit: { enforce } });
		console.log(`  fake Pipedrive: ${fake.url} (API token ${demo.LOCAL_API_TOKEN}${enforce ? ', 80 requests / 2 s enforced' : ''})`);
	}
	const lines = await (args.queue ? startQueueMode(args, fake) : startOne(args, fake));
	const rule = '─'.repeat(68);
	console.log(['', rule, ...lines, '  • Ctrl-C stops everything this command started.', rule].join('\n'));
}

/**
 * One `n8n start` on SQLite; the fake's credential and the demo imported first.
 * @param {Record<string, any>} args @param {any} fake @returns {Promise<string[]>} the banner
 */
async function startOne(args, fake) {
	const port = Number(args.port);
	const userFolder = path.resolve(args['user-folder']);
	let demoReady = false;
	if (fake) {
		await cli.importCredentials([demo.localCredentialRecord(fake.url)], { userFolder, hermetic: false });
		console.log(`  credential "${demo.LOCAL_CREDENTIAL.name}" (${demo.LOCAL_CREDENTIAL.type}) imported`);
		try {
			if (await demo.importDemoOnce(userFolder, (workflows) => cli.importWorkflow(workflows, { userFolder, hermetic: false }))) {
				console.log('  trigger demo workflows imported ("Demo: new or moved deal → message", "Demo: create a deal")');
			}
			demoReady = true;
		} catch (error) {
			console.warn(`⚠ the trigger demo workflows could not be imported: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
		}
	}

	console.log(`\n▶ Starting n8n on http://localhost:${port} (data: ${path.relative(cli.REPO_ROOT, userFolder) || userFolder})`);
	/** @type {import('./cli').ServerHandle | undefined} */
	let server;
	const stopper = demo.stopOnExit(async () => {
		await server?.stop();
		await fake?.close();
	});
	try {
		server = await cli.startServer({
			userFolder,
			port,
			brokerPort: (await cli.isPortFree(port + 1)) ? port + 1 : await cli.getFreePort(),
			hermetic: false,
			timeoutMs: 300_000,
			onOutput: (chunk) => process.stdout.write(chunk.replace(PYTHON_RUNNER_WARNING, '')),
		});
	} catch (error) {
		console.error(`\n✗ ${error instanceof Error ? error.message.split('\n')[0] : error}`);
		console.error('  (n8n output is above; a node that fails to load stops n8n at startup)');
		await fake?.close();
		process.exit(1);
	}
	stopper.watch([server], { printLogs: false });

	const problems = cli.findLoadProblems(server.logs());
	const lines = [
		`n8n is ready: http://localhost:${port}   (started in ${(server.startupMs / 1000).toFixed(1)} s)`,
		'  • First visit: create the owner account (any email/password; stored locally only).',
		'  • Nodes: search "Pipedrive Complete" (CUSTOM.pipedriveComplete, CUSTOM.pipedriveCompleteTrigger).',
	];
	if (fake) {
		lines.push(`  • Fake Pipedrive: ${fake.url}; pick credential "${demo.LOCAL_CREDENTIAL.name}" in the node.`);
		lines.push('    It sends webhooks (v2, Basic auth) to this n8n when a record changes through its API.');
		lines.push(
			...(demoReady
				? ['  • Trigger demo: publish "Demo: new or moved deal → message", then run "Demo: create a deal":', '    the first workflow runs (see its Executions).']
				: ['  • Trigger demo: publish a workflow with Pipedrive Complete Trigger, then create or change a', "    deal with the Pipedrive Complete node: the trigger's workflow runs."]),
		);
	}
	lines.push(`  • Data: ${userFolder} (delete it to start over).`);
	if (problems.length) lines.push('', '⚠ n8n reported problems loading custom nodes:', ...problems.map((line) => `  ${line}`));
	return lines;
}

/**
 * PostgreSQL, Redis and n8n in queue mode (./queue.js), each process logging to <data-dir>/logs; then the
 * fake's credential and the demo.
 * @param {Record<string, any>} args @param {any} fake @returns {Promise<string[]>} the banner
 */
async function startQueueMode(args, fake) {
	console.log('\n▶ Starting PostgreSQL, Redis and n8n in queue mode');
	const dataDir = path.resolve(args['data-dir']);
	const logDir = path.join(dataDir, 'logs');
	fs.mkdirSync(logDir, { recursive: true });
	/** @type {import('./queue').QueueStack | undefined} */
	let stack;
	const stopper = demo.stopOnExit(async () => {
		console.log('\nStopping the webhook processors, workers, main, Redis and PostgreSQL…');
		await stack?.stop();
		await fake?.close();
	});
	try {
		stack = await startQueueStack({
			dataDir,
			workers: Number(args.workers),
			webhookProcessors: Number(args.webhooks),
			workerConcurrency: Number(args.concurrency),
			ports: { main: Number(args.port), webhook: Number(args['webhook-port']), postgres: Number(args['postgres-port']), redis: Number(args['redis-port']) },
			log: (line) => console.log(`  ${line}`),
			onOutput: (name, chunk) => fs.appendFileSync(path.join(logDir, `${name}.log`), chunk),
		});
	} catch (error) {
		await fake?.close();
		throw error;
	}
	const processes = [stack.main, ...stack.workers, ...stack.webhookProcessors];
	stopper.watch(processes, { printLogs: true });

	const lines = [
		`n8n (queue mode) is ready: http://localhost:${stack.ports.main}   (first visit: create the owner account)`,
		`  • main: editor, REST API, activation, polling    ${processes.map((p) => `${p.name} ${(p.startupMs / 1000).toFixed(0)} s`).join(', ')}`,
		`  • ${stack.workers.length} worker(s) run the executions; ${stack.webhookProcessors.length} webhook processor(s) at ${stack.webhookUrl} (WEBHOOK_URL)`,
		`  • PostgreSQL 127.0.0.1:${stack.ports.postgres}, Redis 127.0.0.1:${stack.ports.redis}, data in ${path.relative(cli.REPO_ROOT, dataDir) || dataDir}`,
		`  • Logs: ${path.relative(cli.REPO_ROOT, logDir)}/<process>.log (a worker logs "Worker started execution <id>" for each one it runs)`,
	];
	if (fake) {
		await stack.importCredentials([demo.localCredentialRecord(fake.url)]);
		await demo.importDemoOnce(dataDir, stack.importWorkflows);
		lines.push(
			`  • Fake Pipedrive: ${fake.url}; credential "${demo.LOCAL_CREDENTIAL.name}". Its webhooks go to the webhook processor.`,
			'  • Demo: publish "Demo: new or moved deal → message", run "Demo: create a deal": both executions run on a worker.',
		);
	}
	return lines;
}

main().catch((error) => {
	console.error(`\n✗ ${error instanceof Error ? error.message : error}`);
	process.exit(1);
});
