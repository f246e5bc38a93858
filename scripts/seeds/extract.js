#!/usr/bin/env node
// Turns the seed documents (shared/seeds/*.txt: other products' Pipedrive connectors and an API reference)
// into the action lists in scripts/seeds/data/, the input of the seed mapping (scripts/seeds/mapping.js).
// Run once when a seed document changes: `node scripts/seeds/extract.js [seeds folder]`.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const dataDir = path.join(__dirname, 'data');

/** Cells of a markdown-ish table row, trimmed. */
const cells = (line) => line.split('|').map((c) => c.trim());

/** ByteChef component reference: `Name: getDeals` blocks with a `name | label | type | description | required |` table. */
function bytechef(text) {
	const out = { actions: [], triggers: [] };
	let list = out.actions;
	let current;
	for (const line of text.split('\n')) {
		if (line.trim() === 'Triggers') list = out.triggers;
		const name = /^Name: (\w+)$/.exec(line);
		if (name) list.push((current = list === out.actions ? { name: name[1], params: [], required: [] } : { name: name[1] }));
		else if (current && current.params && /^\w+ \| .*\|\s*$/.test(line) && !line.startsWith('Name |')) {
			const [param, , type, ...rest] = cells(line);
			if (!/^[A-Z]/.test(type)) continue;
			current.params.push(param);
			if (rest.includes('true')) current.required.push(param);
		} else if (/^(Output|Example JSON)/.test(line)) current = undefined;
	}
	return out;
}

/** ByteChef docs site: `### Title` under `## Actions` / `## Triggers`, properties as display names. */
function bytechefDocs(text) {
	const out = { actions: [], triggers: [] };
	let list;
	let current;
	for (const line of text.split('\n')) {
		const section = /^## (Actions|Triggers)$/.exec(line);
		if (section) list = out[section[1].toLowerCase()];
		else if (/^## /.test(line)) list = undefined;
		const title = /^### (.+)$/.exec(line);
		if (title && list) current = title[1] === 'Output' ? undefined : { title: title[1], params: [] };
		if (title && current) list.push(current);
		const row = /^\| ([A-Z][\w ]*?) \| [A-Z]+ \| [A-Z_]+ +\|$/.exec(line);
		if (row && current) current.params.push(row[1]);
	}
	return out;
}

/** Prismatic component: `description | key: addDeal` lines; data sources carry `| type: picklist`. */
function prismatic(text) {
	const out = { actions: [], dataSources: [] };
	for (const match of text.matchAll(/\| key: (\w+)( \| type: \w+)?$/gm)) {
		(match[2] ? out.dataSources : out.actions).push({ name: match[1] });
	}
	return out;
}

/**
 * Abstra connector: one row per action, `<method>_<snake path>` glued to its purpose text. The rows list
 * API v1, then API v2: the v2 block starts at the first row that repeats an earlier (non-OAuth) name.
 */
function abstra(text) {
	const seen = new Set();
	let version = 'v1';
	const actions = [];
	for (const match of text.matchAll(/^((?:get|post|put|patch|delete)_[a-z0-9_]+)(?=[A-Z])/gm)) {
		const name = match[1];
		const oauth = /^(get|post)_oauth_/.test(name);
		if (!oauth && seen.has(name)) version = 'v2';
		if (!oauth) seen.add(name);
		actions.push({ name, version });
	}
	return { actions };
}

/** API v1 reference: `GET /deals/{id}` lines. */
function endpointReference(text) {
	const actions = [...text.matchAll(/^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/gm)].map((m) => ({ name: `${m[1]} ${m[2]}`, version: 'v1' }));
	return { actions };
}

/** Seed file prefix → what it is and how its actions are named (see mapping.js). */
const SEEDS = [
	{ prefix: '000', id: 'bytechef', title: 'ByteChef component (reference)', naming: 'operationId', parse: bytechef },
	{ prefix: '001', id: 'prismatic', title: 'Prismatic component', naming: 'operationId', parse: prismatic },
	{ prefix: '002', id: 'bytechef-docs', title: 'ByteChef component (docs site)', naming: 'title', parse: bytechefDocs },
	{ prefix: '003', id: 'abstra', title: 'Abstra connector', naming: 'snakePath', parse: abstra },
	{ prefix: '004', id: 'v1-reference', title: 'API v1 reference (paths)', naming: 'endpoint', parse: endpointReference },
];

/** The docs site lists the same ByteChef actions as the reference, in the same order: name them alike. */
function pairTitles(docs, reference) {
	for (const kind of ['actions', 'triggers']) {
		if (docs[kind].length !== reference[kind].length) throw new Error(`ByteChef ${kind}: ${docs[kind].length} titles, ${reference[kind].length} names`);
		docs[kind].forEach((entry, i) => {
			const name = reference[kind][i].name;
			if (!entry.title.toLowerCase().startsWith(name.replace(/[A-Z].*/, ''))) throw new Error(`"${entry.title}" is not ${name}`);
			entry.name = name;
		});
	}
}

function main() {
	const folder = path.resolve(process.argv[2] || path.join(root, '../shared/seeds'));
	const files = fs.readdirSync(folder);
	const parsed = {};
	for (const seed of SEEDS) {
		const file = files.find((f) => f.startsWith(`${seed.prefix}_`));
		if (!file) throw new Error(`No seed ${seed.prefix}_*.txt in ${folder}`);
		const { parse, prefix, ...about } = seed;
		parsed[seed.id] = { file, ...about, ...parse(fs.readFileSync(path.join(folder, file), 'utf8')) };
	}
	pairTitles(parsed['bytechef-docs'], parsed.bytechef);
	fs.mkdirSync(dataDir, { recursive: true });
	for (const [id, seed] of Object.entries(parsed)) {
		fs.writeFileSync(path.join(dataDir, `${id}.json`), JSON.stringify(seed, null, '\t') + '\n');
		const counts = ['actions', 'triggers', 'dataSources'].filter((k) => seed[k]).map((k) => `${seed[k].length} ${k}`);
		console.log(`${seed.file} → data/${id}.json: ${counts.join(', ')}`);
	}
}

main();
