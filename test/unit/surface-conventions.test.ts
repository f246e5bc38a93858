/**
 * The editor surface as the node really ships it (the description built from the catalogue and
 * surface/<resource>.ts), checked against n8n's conventions:
 *
 * 1. n8n's own lint rules for node parameters (eslint-plugin-n8n-nodes-base, the `nodes` rule set that
 *    `npm run lint` applies to source) run over the built description, where the generated strings are;
 *    in source they are invisible to the rules. Three documented waivers, nothing else.
 * 2. What no lint rule covers (issue 12): Get Many not Get All/List, sentence-case actions naming the
 *    object, articles, length limits, marks, unique names and actions, whole-sentence descriptions, no
 *    silent numeric 0, the subtitle, every operation's own form order, and the per-item cost limits.
 */
import { Linter } from 'eslint';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';
import { sentenceCase } from 'sentence-case';

import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import { operationAction, operationDisplayName, statusMark } from '../../nodes/Pipedrive/builders/operations';
import { resourceDisplayName } from '../../nodes/Pipedrive/builders/description';
import { operations } from '../../nodes/Pipedrive/catalogue';
import { generatedOperations } from '../../nodes/Pipedrive/operations';
import { RESOURCE_SURFACES, surfaceOf } from '../../nodes/Pipedrive/surface';

/**
 * eslint-plugin-n8n-nodes-base (no type declarations) treats every file as a trigger and credential
 * file when NODE_ENV is "test", as under jest: load it as `npm run lint` does.
 */
function loadLintPlugin(): { configs: { nodes: { rules: Linter.RulesRecord } } } {
	const environment = process.env.NODE_ENV;
	process.env.NODE_ENV = 'production';
	try {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		return require('eslint-plugin-n8n-nodes-base');
	} finally {
		process.env.NODE_ENV = environment;
	}
}
const n8nNodesBase = loadLintPlugin();

const description: INodeTypeDescription = new PipedriveComplete().description;
const operationProperties = description.properties.filter((p) => p.name === 'operation');
const options = operationProperties.flatMap((p) =>
	((p.options ?? []) as INodePropertyOptions[]).map((o) => ({ ...o, resource: p.displayOptions!.show!.resource![0] as string })),
);
const catalogueOptions = options.filter((o) => o.resource !== 'apiRequest');
const MARK = / \((Deprecated|Beta)\)$/;

/** Every property, also inside collections, with the path to it. */
function allProperties(properties: INodeProperties[], path = ''): Array<{ path: string; property: INodeProperties }> {
	return properties.flatMap((property) => {
		const here = `${path}${property.name}`;
		const nested = property.type === 'collection' ? allProperties((property.options ?? []) as INodeProperties[], `${here}.`) : [];
		return [{ path: here, property }, ...nested];
	});
}

describe("n8n's lint rules for node parameters, run over the built description", () => {
	// The description as source text: object keys unquoted, as the rules expect them in a .node.ts file.
	const source = `const description = ${JSON.stringify(description, null, 1).replace(/"([A-Za-z_$][\w$]*)":/g, '$1:')};\n`;
	const lines = source.split('\n');
	const rules: Linter.RulesRecord = { ...n8nNodesBase.configs.nodes.rules };
	// About file names and the class, not parameters; the same three rules @n8n/node-cli switches off.
	for (const rule of [
		'node-filename-against-convention',
		'node-class-description-inputs-wrong-regular-node',
		'node-class-description-outputs-wrong',
		'node-param-type-options-max-value-present',
	]) {
		delete rules[`n8n-nodes-base/${rule}`];
	}
	const messages = new Linter({ configType: 'flat' }).verify(
		source,
		[{ files: ['**/*.js'], plugins: { 'n8n-nodes-base': n8nNodesBase as never }, rules }],
		{
			filename: 'nodes/Pipedrive/PipedriveComplete.node.js',
		},
	);
	const textOf = (message: Linter.LintMessage) =>
		lines.slice(message.line - 1, Math.max(message.endLine ?? message.line, message.line)).join('\n');

	/** Documented exceptions: each names the rule, what it excuses, and why. */
	const waivers: Array<{ rule: string; applies: (text: string) => boolean; why: string }> = [
		{
			rule: 'node-param-options-type-unsorted-items',
			applies: (text) => text.includes('value: "apiRequest"'),
			why: 'Custom API Call must stay the last resource: n8n adds its own entry unless the last one has that name',
		},
		{
			rule: 'node-param-placeholder-miscased-id',
			applies: (text) => /placeholder: "[[{]/.test(text),
			why: 'JSON placeholders show Pipedrive’s keys ("id"), which are not prose',
		},
		{
			rule: 'node-param-operation-option-action-miscased',
			applies: (text) => /action: ".*\((Deprecated|Beta)\)",?$/.test(text.trim()),
			why: 'the rule’s sentence case drops punctuation, so a "(Deprecated)" mark always fails; the words are checked below',
		},
	];

	test('no finding outside the documented waivers', () => {
		const findings = messages
			.filter((m) => !waivers.some((w) => m.ruleId === `n8n-nodes-base/${w.rule}` && w.applies(textOf(m))))
			.map((m) => `${m.ruleId}: ${m.message} @ ${textOf(m).trim().slice(0, 160)}`);
		expect(findings).toEqual([]);
	});

	test('the rules did run: a deliberately wrong parameter is reported', () => {
		const broken = `const p = { displayName: 'return all', name: 'x', type: 'boolean', default: false, description: 'Returns everything.' };`;
		const found = new Linter({ configType: 'flat' })
			.verify(broken, [{ files: ['**/*.js'], plugins: { 'n8n-nodes-base': n8nNodesBase as never }, rules }], {
				filename: 'nodes/X/X.node.js',
			})
			.map((m) => m.ruleId);
		expect(found).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base/node-param-display-name-miscased',
				'n8n-nodes-base/node-param-description-boolean-without-whether',
			]),
		);
	});
});

describe('every operation is designed in surface/<resource>.ts', () => {
	test('each catalogue operation has a surface entry in its resource file, and each entry an operation', () => {
		const missing = generatedOperations.filter((op) => !RESOURCE_SURFACES[op.resource]?.[op.id]).map((op) => `${op.resource}: ${op.id}`);
		const orphans = Object.entries(RESOURCE_SURFACES).flatMap(([resource, surface]) =>
			Object.keys(surface)
				.filter((id) => !generatedOperations.some((op) => op.id === id && op.resource === resource))
				.map((id) => `${resource}: ${id}`),
		);
		expect({ missing, orphans }).toEqual({ missing: [], orphans: [] });
	});

	test("field surfaces and orders name the operation's own parameters", () => {
		const unknown = generatedOperations.flatMap((op) => {
			const surface = surfaceOf(op.id)!;
			const names = new Set(op.params.map((p) => p.name));
			return [...Object.keys(surface.fields ?? {}), ...(surface.order ?? [])]
				.filter((name) => !names.has(name))
				.map((name) => `${op.id}.${name}`);
		});
		expect(unknown).toEqual([]);
	});

	test('operation values are the spec’s operation ids, unchanged (saved workflows keep working)', () => {
		expect(catalogueOptions.map((o) => o.value).sort()).toEqual(generatedOperations.map((op) => op.id).sort());
	});
});

describe('names and actions', () => {
	const base = (text: string) => text.replace(MARK, '');

	test('records use Create / Delete / Get / Get Many / Update / Search; never Get All or List', () => {
		const bad = catalogueOptions.filter(
			(o) => /^(Get All|List|Find|Add a|Fetch|Retrieve)\b/.test(o.name) || /^(Get all|List)\b/.test(o.action!),
		);
		expect(bad.map((o) => `${o.resource}: ${o.name} / ${o.action}`)).toEqual([]);
		const core = [
			'activity',
			'deal',
			'lead',
			'note',
			'organization',
			'person',
			'product',
			'project',
			'task',
			'pipeline',
			'stage',
			'filter',
			'goal',
		];
		for (const resource of core) {
			const names = catalogueOptions.filter((o) => o.resource === resource).map((o) => base(o.name));
			expect(names).toEqual(expect.arrayContaining(['Create', 'Delete', 'Get Many', 'Update']));
		}
	});

	test('names are short: at most 7 words, mostly at most 4', () => {
		const words = (name: string) => base(name).split(' ').length;
		expect(catalogueOptions.filter((o) => words(o.name) > 7).map((o) => o.name)).toEqual([]);
		expect(catalogueOptions.filter((o) => words(o.name) > 4).map((o) => o.name)).toEqual([]);
	});

	test('actions are sentence case and name what they act on, with the right article', () => {
		const notSentenceCase = catalogueOptions.filter((o) => {
			const words = base(o.action!);
			// The lint rule's own comparison: all-capital words (API) aside, the text equals its sentence case.
			const checked = words
				.split(' ')
				.filter((w) => w !== w.toUpperCase())
				.join(' ');
			return checked !== sentenceCase(checked);
		});
		expect(notSentenceCase.map((o) => o.action)).toEqual([]);
		const articles = catalogueOptions.filter((o) => /\ba [aeio]/i.test(o.action!) || /\ban [^aeiou\s]/i.test(o.action!));
		expect(articles.map((o) => o.action)).toEqual([]);
		expect(catalogueOptions.filter((o) => base(o.action!).split(' ').length > 9).map((o) => o.action)).toEqual([]);
	});

	test('names are unique within a resource, actions across the node', () => {
		const duplicates = (keys: string[]) => keys.filter((key, i) => keys.indexOf(key) !== i);
		expect(duplicates(catalogueOptions.map((o) => `${o.resource}: ${o.name}`))).toEqual([]);
		expect(duplicates(options.map((o) => o.action!))).toEqual([]);
	});

	test('deprecated and beta operations say so in the Operation dropdown and in the node panel', () => {
		const wrong = operations.filter((op) => {
			const option = catalogueOptions.find((o) => o.value === op.id)!;
			const mark = op.deprecated ? ' (Deprecated)' : op.beta ? ' (Beta)' : '';
			return (
				statusMark(op) !== mark ||
				!option.name.endsWith(mark) ||
				!option.action!.endsWith(mark) ||
				(!mark && MARK.test(option.name + option.action))
			);
		});
		expect(wrong.map((op) => op.id)).toEqual([]);
		expect(operations.filter((op) => op.deprecated).length).toBeGreaterThan(0);
		expect(operations.filter((op) => op.beta).length).toBeGreaterThan(0);
	});

	test('descriptions are whole sentences: nothing cut off or run together', () => {
		const bad = catalogueOptions.filter(
			(o) =>
				!o.description ||
				/…|\be\.g\.?$|—\s*$|\s-\s*$/.test(o.description) ||
				/[a-z]\.[A-Z]/.test(o.description) ||
				!/^[A-Z]/.test(o.description) ||
				o.description.length > 160,
		);
		expect(bad.map((o) => `${o.value}: ${o.description}`)).toEqual([]);
	});

	test('the canvas subtitle reads like the built-in node’s: "create: deal"', () => {
		const nodeTypes = { getByName: () => undefined, getByNameAndVersion: () => ({ description }), getKnownTypes: () => ({}) };
		// As the editor does: the subtitle expression evaluated against the node's parameters.
		const subtitle = (resource: string, operation: string) => {
			const node = {
				id: 'n',
				name: 'Pipedrive',
				type: 'CUSTOM.pipedriveComplete',
				typeVersion: 1,
				position: [0, 0] as [number, number],
				parameters: { resource, operation },
			};
			const workflow = new Workflow({
				id: 'w',
				nodes: [node],
				connections: {},
				active: false,
				nodeTypes: nodeTypes as never,
				settings: {},
			});
			return workflow.expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
		};
		expect(subtitle('deal', 'addDeal')).toBe('create: deal');
		expect(subtitle('dealProduct', 'addDealProduct')).toBe('add: deal product');
		expect(subtitle('organization', 'searchOrganization')).toBe('search: organization');
		expect(subtitle('apiRequest', 'send')).toBe('custom API call');
		for (const op of operations) {
			const text = String(subtitle(op.resource, op.id));
			expect(text).toBe(
				`${base(operationDisplayName(op)).replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase())}: ${resourceDisplayName(op.resource).replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase())}`,
			);
			expect(text).not.toContain(op.id);
		}
	});

	test('the node panel lists the same action text as the dropdown describes', () => {
		for (const op of operations) expect(catalogueOptions.find((o) => o.value === op.id)!.action).toBe(operationAction(op));
	});
});

describe('fields', () => {
	const everything = allProperties(description.properties);

	test('no number starts at 0: optional numbers are not sent untouched, required ones must be filled', () => {
		const zeros = everything.filter(({ property }) => property.type === 'number' && property.default === 0).map(({ path }) => path);
		expect(zeros).toEqual([]);
	});

	test('JSON fields start empty and show the expected shape', () => {
		const json = everything.filter(({ property }) => property.type === 'json' && !['queryJson', 'bodyJson'].includes(property.name));
		expect(json.length).toBeGreaterThan(10);
		expect(json.filter(({ property }) => property.default !== '').map(({ path }) => path)).toEqual([]);
		expect(json.filter(({ property }) => !property.placeholder).map(({ path }) => path)).toEqual([]);
	});

	test('read-only and server-set fields are not offered on create', () => {
		const createOps = operations.filter((op) => op.method === 'POST' && /^add/.test(op.id));
		const offered = createOps.flatMap((op) =>
			op.params
				.filter((p) => ['is_deleted', 'won_time', 'lost_time', 'close_time', 'add_time', 'update_time', 'archive_time'].includes(p.name))
				.map((p) => `${op.id}.${p.name}`),
		);
		expect(offered).toEqual([]);
		expect(operations.flatMap((op) => op.params.filter((p) => p.name === 'is_deleted'))).toEqual([]);
	});

	test("each operation's form shows its record and required fields in the order its surface gives", () => {
		const wrong: string[] = [];
		for (const op of operations) {
			const order = surfaceOf(op.id)?.order;
			if (!order) continue;
			const shown = description.properties
				.filter((p) => (p.displayOptions?.show?.operation as string[] | undefined)?.includes(op.id))
				.map((p) => p.name);
			const propertyOf = (param: string) => (param === 'id' ? (shown.find((n) => /Id$/.test(n) && !n.includes('_')) ?? param) : param);
			const positions = order.map((param) => shown.indexOf(propertyOf(param)));
			if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]))) wrong.push(`${op.id}: ${shown.join(', ')}`);
		}
		expect(wrong).toEqual([]);
	});

	test('required fields come before optional ones, collections last', () => {
		const wrong: string[] = [];
		for (const op of operations) {
			const shown = description.properties.filter((p) => (p.displayOptions?.show?.operation as string[] | undefined)?.includes(op.id));
			const lastRequired = shown.map((p) => !!p.required).lastIndexOf(true);
			const firstCollection = shown.findIndex((p) => p.type === 'collection');
			if (lastRequired > 0 && shown.slice(0, lastRequired).some((p) => !p.required)) wrong.push(op.id);
			if (firstCollection >= 0 && shown.slice(firstCollection).some((p) => p.type !== 'collection')) wrong.push(op.id);
		}
		expect(wrong).toEqual([]);
	});
});

describe('cost of the description', () => {
	test('top-level properties (walked by n8n for every item) stay at most 186; the description at most 2 KB per operation', () => {
		expect(description.properties.length).toBeLessThanOrEqual(186);
		expect(JSON.stringify(description).length).toBeLessThanOrEqual(2048 * operations.length);
	});
});
