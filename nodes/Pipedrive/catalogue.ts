import { generatedOperations } from './operations';
import type { OperationDefinition } from './types';

/** Every operation the node offers: the generated catalogue (see operations/, one file per resource). */
export const operations: OperationDefinition[] = generatedOperations;

const byKey = new Map(operations.map((op) => [`${op.resource}:${op.id}`, op]));

export function findOperation(resource: string, operationId: string): OperationDefinition | undefined {
	return byKey.get(`${resource}:${operationId}`);
}
