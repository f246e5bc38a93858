// @ts-check
'use strict';

/**
 * CPU profiles of the measured run only (not module loading or warm-up), via the inspector, and a
 * self-time summary: the same numbers as the "Bottom-Up" view of Chrome DevTools for a .cpuprofile.
 */

const fs = require('fs');
const inspector = require('inspector');
const { SourceMap } = require('module');
const path = require('path');
const { promisify } = require('util');

async function startProfile() {
	const session = new inspector.Session();
	session.connect();
	/** @type {(method: string, params?: object) => Promise<any>} */
	const post = promisify(/** @type {any} */ (session.post).bind(session));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 250 });
	await post('Profiler.start');
	return {
		/** @param {string} file */
		async stop(file) {
			const { profile } = await post('Profiler.stop');
			session.disconnect();
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(profile));
			return profile;
		},
	};
}

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Microseconds per profile node: its sample count times the mean sampling interval. (Weighting each
 * sample by its own time delta lets one late sample, e.g. right after the profiler starts, claim a
 * long gap.)
 * @param {any} profile
 */
function samplesById(profile) {
	const samples = profile.samples ?? [];
	const interval = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
	/** @type {Map<number, number>} */
	const byId = new Map();
	for (const id of samples) byId.set(id, (byId.get(id) ?? 0) + interval);
	return byId;
}

/** @param {string} url */
function shortUrl(url) {
	let file = url.replace(/^file:\/\//, '');
	if (file.startsWith(ROOT)) file = file.slice(ROOT.length + 1);
	return file.replace(/^.*node_modules\//, '');
}

/** `…/bench/.build/nodes/X/y.js` (or dist/) → `nodes/X/y.ts`. @param {string} url */
function ourSourceFile(url) {
	return shortUrl(url).replace(/^(bench\/\.build|dist)\//, '').replace(/\.js$/, '.ts');
}

/** @type {Map<string, import('module').SourceMap | null>} */
const sourceMaps = new Map();

/**
 * Our compiled files (bench/.build) point back to their TypeScript source and line.
 * @param {string} url @param {number} line 0-based @param {number} column 0-based
 */
function originalPosition(url, line, column) {
	const file = url.replace(/^file:\/\//, '');
	if (file.includes(`${path.sep}node_modules${path.sep}`)) return null;
	if (!file.includes(`${path.sep}bench${path.sep}.build${path.sep}`) && !file.includes(`${path.sep}dist${path.sep}`)) return null;
	let map = sourceMaps.get(file);
	if (map === undefined) {
		try {
			map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
		} catch {
			map = null;
		}
		sourceMaps.set(file, map);
	}
	const entry = /** @type {any} */ (map?.findEntry(line, column));
	if (!entry?.originalSource) return null;
	return `${path.relative(ROOT, path.resolve(path.dirname(file), entry.originalSource))}:${entry.originalLine + 1}`;
}

/**
 * Display names: anonymous functions (callbacks, arrows) are named after the nearest named JavaScript
 * function that calls them, e.g. `(anonymous in namesByKey)`.
 * @param {any} profile
 * @returns {Map<number, string>}
 */
function functionNames(profile) {
	/** @type {Map<number, any>} */
	const byId = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
	/** @type {Map<number, number>} */
	const parentOf = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
	/** @type {Map<number, string>} */
	const names = new Map();
	for (const node of profile.nodes.filter((/** @type {any} */ n) => !n.callFrame.functionName)) {
		let owner;
		for (let id = node.callFrame.url ? parentOf.get(node.id) : undefined; id !== undefined && !owner; id = parentOf.get(id)) {
			const frame = byId.get(id).callFrame;
			if (frame.functionName && frame.url && !frame.url.startsWith('node:')) owner = frame.functionName;
		}
		names.set(node.id, owner ? `(anonymous in ${owner})` : '(anonymous)');
	}
	return names;
}

/** Module group of a profile node: package, our source file, Node built-ins, … @param {any} frame */
function groupOf(frame) {
	const url = frame.url ?? '';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (frame.functionName === '(idle)' || frame.functionName === '(garbage collector)') return frame.functionName;
	if (pkg) return pkg[1];
	if (url.includes('/dist/nodes/') || url.includes('/bench/.build/')) return `ours: ${ourSourceFile(url)}`;
	if (url.startsWith('node:')) return 'node: built-ins';
	return url ? shortUrl(url) : '(native: sockets, syscalls, timers)';
}

/**
 * Self time per function (the `top` largest) and per module group, largest first.
 * @param {any} profile @param {number} [top]
 */
function selfTimes(profile, top = 25) {
	const selfById = samplesById(profile);
	const names = functionNames(profile);
	/** @type {Map<string, { name: string, where: string, selfUs: number }>} */
	const byFunction = new Map();
	/** @type {Map<string, number>} */
	const byGroup = new Map();
	let total = 0;
	for (const node of profile.nodes) {
		const us = selfById.get(node.id) ?? 0;
		total += us;
		const frame = node.callFrame;
		const name = names.get(node.id) ?? frame.functionName;
		const where = frame.url ? (originalPosition(frame.url, frame.lineNumber, frame.columnNumber) ?? `${shortUrl(frame.url)}:${frame.lineNumber + 1}`) : '';
		const entry = byFunction.get(`${name}@${where}`) ?? { name, where, selfUs: 0 };
		entry.selfUs += us;
		byFunction.set(`${name}@${where}`, entry);
		byGroup.set(groupOf(frame), (byGroup.get(groupOf(frame)) ?? 0) + us);
	}
	const share = (/** @type {number} */ us) => (total ? us / total : 0);
	const rows = [...byFunction.values()].sort((a, b) => b.selfUs - a.selfUs).slice(0, top);
	return {
		functions: { totalMs: total / 1000, rows: rows.map((r) => ({ ...r, selfMs: r.selfUs / 1000, share: share(r.selfUs) })) },
		modules: [...byGroup.entries()].sort((a, b) => b[1] - a[1]).map(([group, us]) => ({ group, selfMs: us / 1000, share: share(us) })),
	};
}

module.exports = { startProfile, selfTimes };
