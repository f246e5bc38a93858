// @ts-check
'use strict';

/**
 * CPU profiles of the measured run only (not module loading or warm-up), via the inspector, and a
 * self-time summary: the same numbers as the "Bottom-Up" view of Chrome DevTools for a .cpuprofile.
 */

const fs = require('fs');
const inspector = require('inspector');
const path = require('path');

/** @param {inspector.Session} session @param {string} method @param {object} [params] @returns {Promise<any>} */
function post(session, method, params = {}) {
	return new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}

async function startProfile() {
	const session = new inspector.Session();
	session.connect();
	await post(session, 'Profiler.enable');
	await post(session, 'Profiler.setSamplingInterval', { interval: 250 });
	await post(session, 'Profiler.start');
	return {
		/** @param {string} file */
		async stop(file) {
			const { profile } = await post(session, 'Profiler.stop');
			session.disconnect();
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(profile));
			return profile;
		},
	};
}

const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} url */
function shortUrl(url) {
	let file = url.replace(/^file:\/\//, '');
	if (file.startsWith(ROOT)) file = file.slice(ROOT.length + 1);
	return file.replace(/^.*node_modules\//, '');
}

/**
 * Self time per function, largest first.
 * @param {any} profile
 * @param {number} [top]
 */
function selfTimes(profile, top = 20) {
	const deltas = profile.timeDeltas ?? [];
	/** @type {Map<number, number>} */
	const selfById = new Map();
	for (let i = 0; i < profile.samples.length; i++) {
		const id = profile.samples[i];
		selfById.set(id, (selfById.get(id) ?? 0) + (deltas[i] ?? 0));
	}
	/** @type {Map<string, { name: string, where: string, selfUs: number }>} */
	const byFunction = new Map();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfById.get(node.id) ?? 0;
		total += us;
		const frame = node.callFrame;
		const name = frame.functionName || '(anonymous)';
		const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
		const key = `${name}@${where}`;
		const entry = byFunction.get(key) ?? { name, where, selfUs: 0 };
		entry.selfUs += us;
		byFunction.set(key, entry);
	}
	const rows = [...byFunction.values()].sort((a, b) => b.selfUs - a.selfUs).slice(0, top);
	return { totalMs: total / 1000, rows: rows.map((r) => ({ ...r, selfMs: r.selfUs / 1000, share: total ? r.selfUs / total : 0 })) };
}

/** Self time grouped by package / our source folder. @param {any} profile */
function selfTimesByModule(profile) {
	const deltas = profile.timeDeltas ?? [];
	/** @type {Map<number, number>} */
	const selfById = new Map();
	for (let i = 0; i < profile.samples.length; i++) selfById.set(profile.samples[i], (selfById.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
	/** @type {Map<string, number>} */
	const groups = new Map();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfById.get(node.id) ?? 0;
		total += us;
		const url = node.callFrame.url ?? '';
		let group = '(native: sockets, syscalls, timers)';
		const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
		if (node.callFrame.functionName === '(idle)') group = '(idle)';
		else if (node.callFrame.functionName === '(garbage collector)') group = '(garbage collector)';
		else if (pkg) group = pkg[1];
		else if (url.includes('/dist/nodes/')) group = 'our node (dist/nodes)';
		else if (url.startsWith('node:')) group = 'node: built-ins';
		else if (url) group = shortUrl(url);
		groups.set(group, (groups.get(group) ?? 0) + us);
	}
	return [...groups.entries()].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, selfMs: us / 1000, share: total ? us / total : 0 }));
}

module.exports = { startProfile, selfTimes, selfTimesByModule };
