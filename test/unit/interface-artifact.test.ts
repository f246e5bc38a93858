import { buildDescription, buildOperationTable } from '../../nodes/Pipedrive/builders/artifact';
import generatedDescription from '../../nodes/Pipedrive/generated/description.json';
import generatedOperations from '../../nodes/Pipedrive/generated/operations.json';
import { descriptionsByVersion, interfaceOf } from '../../nodes/Pipedrive/builders/interface';
import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import type { OperationDefinition } from '../../nodes/Pipedrive/types';

/**
 * The node loads its description and operation table as committed data (npm run generate). A surface,
 * overlay or builder edit without regenerating would ship the old description: this fails first.
 */
describe('generated description', () => {
	it('is what the builders make of the catalogue and surface today (else: npm run generate)', () => {
		expect(generatedDescription).toEqual(JSON.parse(JSON.stringify(buildDescription())));
	});

	it('comes with the run-time operation table of the same catalogue (else: npm run generate)', () => {
		expect(generatedOperations).toEqual(JSON.parse(JSON.stringify(buildOperationTable())));
	});

	it('is the description the node serves, properties and subtitle unchanged', () => {
		const { description } = new PipedriveComplete();
		expect(description.properties).toBe(generatedDescription.properties);
		expect(description.subtitle).toBe(generatedDescription.subtitle);
	});

	it('puts every value the executor reads where the description shows it, for that operation', () => {
		const shown = interfaceOf('pipedriveComplete', descriptionsByVersion(new PipedriveComplete())).versions['1'];
		const misplaced: string[] = [];
		let fields = 0;
		for (const op of generatedOperations as unknown as OperationDefinition[]) {
			const parameters = { ...shown.common, ...shown.resources[op.resource][op.id] };
			for (const param of op.params.filter((p) => p.field)) {
				fields++;
				if (!(param.field! in parameters)) misplaced.push(`${op.id}: ${param.name} → ${param.field}`);
			}
		}
		expect(misplaced).toEqual([]);
		expect(fields).toBeGreaterThan(800);
	});
});
