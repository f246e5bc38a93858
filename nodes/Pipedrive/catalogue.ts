import { generatedOperations } from './operations';
import type { FieldSurface } from './surface';
import { fieldSurfaceOf } from './surface';
import type { OperationDefinition, ParameterDefinition } from './types';

/** A parameter as its operation's surface designs it: the executor validates and converts against this. */
function surfacedParameter(param: ParameterDefinition, field: FieldSurface): ParameterDefinition {
	if (Object.keys(field).length === 0) return param;
	const out: ParameterDefinition = { ...param };
	if (field.required === true) out.required = true;
	if (field.required === false) delete out.required;
	if (field.format) out.format = field.format;
	if (field.options) out.enum = field.options.map((option) => option.value);
	if (field.list && out.type !== 'array') {
		out.items = field.list;
		out.type = 'array';
	}
	if (field.default !== undefined) out.default = field.default;
	if (field.json) {
		out.example = field.json.shape;
		if (field.json.requiredKeys) out.requiredKeys = field.json.requiredKeys;
	}
	if (field.textKey) out.textKey = field.textKey;
	return out;
}

/**
 * The operation with its surface applied: hidden parameters dropped (read-only or set by Pipedrive),
 * formats, choices, lists and required flags as designed in surface/<resource>.ts.
 */
function surfaced(op: OperationDefinition): OperationDefinition {
	const params = op.params.map((p) => ({ param: p, field: fieldSurfaceOf(op, p) }));
	return { ...op, params: params.filter(({ field }) => !field.hidden).map(({ param, field }) => surfacedParameter(param, field)) };
}

/** Every operation the node offers: the generated catalogue (operations/, one file per resource) with its surface. */
export const operations: OperationDefinition[] = generatedOperations.map(surfaced);

const byKey = new Map(operations.map((op) => [`${op.resource}:${op.id}`, op]));

export function findOperation(resource: string, operationId: string): OperationDefinition | undefined {
	return byKey.get(`${resource}:${operationId}`);
}
