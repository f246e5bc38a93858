// @ts-check
'use strict';

/**
 * The process plumbing every e2e tool shares: one way to wait for a condition, free ports, and one way
 * to start a long-running server (n8n, PostgreSQL, Redis) and stop it.
 */

const { spawn } = require('node:child_process');
const net = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');

/**
 * Polls `check` until it returns something truthy, and returns that.
 * @template T
 * @param {() => T | Promise<T>} check
 * @param {{ timeoutMs?: number, intervalMs?: number, what?: string }} [options]
 * @returns {Promise<Exclude<T, false | 0 | '' | null | undefined>>}
 */
async function waitFor(check, options = {}) {
	const timeoutMs = options.timeoutMs ?? 15_000;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return /** @type {any} */ (value);
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.what ?? 'a condition'}`);
		await sleep(options.intervalMs ?? 200);
	}
}

/** @param {number} [port] 0: any free one @returns {Promise<number | undefined>} the port listened on, undefined if taken */
function tryListen(port = 0) {
	return new Promise((resolve) => {
		const server = net.createServer().once('error', () => resolve(undefined));
		server.listen(port, '127.0.0.1', () => {
			const address = /** @type {net.AddressInfo} */ (server.address());
			server.close(() => resolve(address.port));
		});
	});
}

/** @returns {Promise<number>} a free TCP port on 127.0.0.1 */
const getFreePort = async () => /** @type {number} */ (await tryListen());
/** @param {number} port */
const isPortFree = async (port) => (await tryListen(port)) !== undefined;

/** @param {string} text */
const stripAnsi = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');

/** @param {string} text @param {number} [lines] */
const tail = (text, lines = 40) => stripAnsi(text).trim().split('\n').slice(-lines).join('\n');

/** @param {string} url @returns {Promise<boolean>} whether GET `url` answers 2xx */
async function answers(url) {
	try {
		return (await fetch(url, { signal: AbortSignal.timeout(5000) })).ok;
	} catch {
		return false;
	}
}

/**
 * @typedef {object} ServerProcess
 * @property {string} name
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => string} logs what it printed so far (ANSI colours removed)
 * @property {() => Promise<number | null>} stop `stopSignal`, SIGKILL of its process group after the grace time
 * @property {number} startupMs time from spawn until ready
 */

/** Process groups of servers still running: killed if we exit without stopping them. */
const liveGroups = new Set();
process.once('exit', () => {
	for (const pid of liveGroups) killGroup(pid);
});

/** @param {number | undefined} pid */
function killGroup(pid) {
	try {
		if (pid) process.kill(-pid, 'SIGKILL');
	} catch {
		// the group is gone already
	}
}

/**
 * Spawns a server in its own process group (so helpers it starts, like n8n's task runner, go with it) and
 * resolves once `isReady(logs)` says so.
 * @param {{ name: string, command: string, args: string[], options?: import('node:child_process').SpawnOptions,
 *   isReady: (logs: string) => boolean | Promise<boolean>, stopSignal?: NodeJS.Signals, graceMs?: number,
 *   timeoutMs?: number, onOutput?: (chunk: string) => void }} spec
 * @returns {Promise<ServerProcess>}
 */
async function startProcess(spec) {
	const started = Date.now();
	const child = spawn(spec.command, spec.args, { stdio: ['ignore', 'pipe', 'pipe'], ...spec.options, detached: true });
	let output = '';
	const collect = (/** @type {string} */ chunk) => {
		output = output.length > 4_000_000 ? output.slice(-2_000_000) + chunk : output + chunk;
		spec.onOutput?.(chunk);
	};
	child.stdout?.setEncoding('utf8').on('data', collect);
	child.stderr?.setEncoding('utf8').on('data', collect);
	let hasExited = false;
	/** @type {Promise<number | null>} */
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => {
			hasExited = true;
			liveGroups.delete(child.pid);
			killGroup(child.pid);
			resolve(code ?? (signal ? -1 : null));
		}),
	);
	liveGroups.add(child.pid);
	/** @type {ServerProcess} */
	const handle = {
		name: spec.name,
		child,
		logs: () => stripAnsi(output),
		startupMs: 0,
		stop: async () => {
			if (!hasExited) child.kill(spec.stopSignal ?? 'SIGTERM');
			const timer = setTimeout(() => killGroup(child.pid), spec.graceMs ?? 25_000);
			const code = await exited;
			clearTimeout(timer);
			return code;
		},
	};
	const timeoutMs = spec.timeoutMs ?? 240_000;
	try {
		await waitFor(
			async () => {
				if (hasExited) throw new Error(`${spec.name} exited during startup (code ${await exited}).`);
				return await spec.isReady(handle.logs());
			},
			{ timeoutMs, intervalMs: 250, what: `${spec.name} to be ready` },
		);
	} catch (error) {
		await handle.stop();
		throw new Error(`${/** @type {Error} */ (error).message}\n${tail(handle.logs())}`);
	}
	handle.startupMs = Date.now() - started;
	return handle;
}

module.exports = { sleep, waitFor, getFreePort, isPortFree, stripAnsi, tail, answers, startProcess };
