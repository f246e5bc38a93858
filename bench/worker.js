// @ts-check
'use strict';

/**
 * One measurement in a fresh process (forked by bench/lib/orchestrate.js on the engine's Node, with
 * --expose-gc): the scenario module's measure() for one contender, through the kit (bench/lib/kit.js);
 * the result goes to the parent over IPC. argv[2], JSON: { scenario, contender, port?, apiToken?, params?, profileFile? }
 */

const { prepareProcess } = require('./lib/env');

prepareProcess();

const { redirectPipedriveTo } = require('./lib/redirect');
const { createKit } = require('./lib/kit');
const { SCENARIOS } = require('./scenarios');

const task = JSON.parse(process.argv[2]);
redirectPipedriveTo(task.port);

async function main() {
	const kit = createKit(task);
	const scenario = SCENARIOS.find((s) => s.key === task.scenario);
	if (!scenario?.measure) throw new Error(`scenario "${task.scenario}" is unknown or measures nothing in a worker`);
	const result = await scenario.measure(task.contender, task.params, kit);
	const builtinVersion = result.builtinVersion ?? (task.contender.startsWith('builtin') ? kit.builtin.version : undefined);
	process.send?.({ ok: true, result: { ...result, builtinVersion } }, () => process.exit(0));
}

main().catch((error) => {
	process.send?.({ ok: false, error: String(error?.stack ?? error) }, () => process.exit(1));
});
