// @ts-check
'use strict';

/** Starts bench/fake-server.js in its own process and talks to it over IPC. */

const { fork } = require('child_process');
const path = require('path');

/**
 * @param {{ apiToken: string, rateLimit?: object, validate?: boolean }} options
 * @returns {Promise<{ url: string, port: number, pid: number, call: (cmd: string, args?: object) => Promise<any>, close: () => Promise<void> }>}
 */
function startFakeProcess(options) {
	const child = fork(path.join(__dirname, '..', 'fake-server.js'), [JSON.stringify(options)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		execArgv: ['--max-old-space-size=4096'],
	});
	let nextId = 1;
	/** @type {Map<number, { resolve: (v: any) => void, reject: (e: Error) => void }>} */
	const pending = new Map();
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => {
			for (const { reject: fail } of pending.values()) fail(new Error(`fake server exited (${code})`));
			reject(new Error(`fake server exited (${code}) before it was ready`));
		});
		child.on('message', (/** @type {any} */ msg) => {
			if (msg.ready) {
				resolve({
					url: msg.url,
					port: msg.port,
					pid: /** @type {number} */ (child.pid),
					call(cmd, args = {}) {
						const id = nextId++;
						return new Promise((res, rej) => {
							pending.set(id, { resolve: res, reject: rej });
							child.send({ id, cmd, ...args });
						});
					},
					async close() {
						if (child.exitCode !== null) return;
						const exited = new Promise((res) => child.once('exit', res));
						child.send({ id: nextId++, cmd: 'close' });
						const timer = setTimeout(() => child.kill(), 3000);
						await exited;
						clearTimeout(timer);
					},
				});
				return;
			}
			const waiter = pending.get(msg.id);
			if (!waiter) return;
			pending.delete(msg.id);
			if (msg.ok) waiter.resolve(msg.value);
			else waiter.reject(new Error(msg.error));
		});
	});
}

module.exports = { startFakeProcess };
