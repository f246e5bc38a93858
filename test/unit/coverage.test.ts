/**
 * Coverage of the official specs and of other connectors' actions (scripts/coverage.js, scripts/seeds/),
 * computed from the TypeScript sources so that no build is needed.
 */
import type { INodeProperties } from 'n8n-workflow';

import { pathPropertyName } from '../../nodes/Pipedrive/builders/operations';
import type { OperationDefinition } from '../../nodes/Pipedrive/types';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { computeCoverage, mapSeeds } = require('../../scripts/coverage');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadBuilt, root } = require('../../scripts/lib/catalogue');

interface SeedAction {
	name: string;
	status: string;
	target?: string;
	note?: string;
	required?: string[];
}

const built = loadBuilt(root);
const coverage = computeCoverage(built);
const { seeds, unusedReplacements } = mapSeeds(coverage, built) as {
	seeds: Array<{ id: string; actions: SeedAction[]; triggers: SeedAction[]; dataSources: SeedAction[] }>;
	unusedReplacements: string[];
};
const properties: INodeProperties[] = new built.PipedriveComplete().description.properties;
const operations = new Map<string, OperationDefinition>(
	(built.generatedOperations as OperationDefinition[]).map((op) => [`${op.resource}:${op.id}`, op]),
);

const describeAction = (a: SeedAction) => `${a.name} → ${a.target ?? a.status}${a.note ? ` (${a.note})` : ''}`;

describe('spec coverage', () => {
	it('routes every non-deprecated, non-OAuth operation, or its v2 successor', () => {
		expect(coverage.missing.map((op: { id: string }) => op.id)).toEqual([]);
		expect(coverage.covered).toBe(coverage.live);
		expect(coverage.live).toBeGreaterThanOrEqual(351);
	});

	it('routes nothing the specs do not have, under the operationId, labelled when deprecated or beta', () => {
		expect(coverage.problems).toEqual([]);
	});
});

describe('seed connectors', () => {
	it('maps every action Pipedrive still serves; the rest say why not', () => {
		for (const seed of seeds) {
			const all = [...seed.actions, ...seed.triggers, ...seed.dataSources];
			expect(all.filter((a) => a.status === 'unmapped').map(describeAction)).toEqual([]);
			for (const action of all.filter((a) => a.status === 'none')) expect(action.note).toBeTruthy();
		}
	});

	it('uses every entry of the hand-written replacements table', () => {
		expect(unusedReplacements).toEqual([]);
	});

	it('maps the ByteChef docs site like the ByteChef reference (the same component)', () => {
		const [reference, docs] = ['bytechef', 'bytechef-docs'].map((id) => seeds.find((s) => s.id === id)!);
		expect(docs.actions.map((a) => a.target)).toEqual(reference.actions.map((a) => a.target));
	});

	it('maps the ByteChef triggers to trigger events', () => {
		for (const seed of seeds.filter((s) => s.id.startsWith('bytechef'))) {
			expect(seed.triggers.map((t) => t.target)).toEqual(seed.triggers.map(() => expect.stringMatching(/^trigger \w+\.(create|change)$/)));
		}
	});

	/** The fields the node shows for an operation, by name, with whether they are required. */
	function fieldsOf(op: OperationDefinition): Map<string, boolean> {
		const shown = properties.filter((p) => {
			const show = p.displayOptions?.show;
			// Fields shared by operations of several resources are shown by operation alone (ids are unique).
			return (!show?.resource || show.resource.includes(op.resource)) && show?.operation?.includes(op.id);
		});
		return new Map(shown.map((p) => [p.name, !!p.required]));
	}

	const bytechef = seeds.find((s) => s.id === 'bytechef')!;
	it.each(bytechef.actions.map((a) => [a.name, a] as const))('ByteChef %s: the operation takes what the action requires', (_, action) => {
		const op = operations.get(action.target!)!;
		expect(op).toBeDefined();
		const params = new Map(op.params.map((p) => [p.name, p]));
		for (const name of action.required ?? []) expect(params.has(name)).toBe(true);
		// Every parameter the operation requires is a required field of the node for it.
		const fields = fieldsOf(op);
		for (const param of op.params.filter((p) => p.required)) {
			const field = param.in === 'path' ? pathPropertyName(op, param) : param.name;
			expect([field, fields.get(field)]).toEqual([field, true]);
		}
	});
});
