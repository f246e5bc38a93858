import type { IDataObject } from 'n8n-workflow';

/**
 * Webhooks v2 wrap each custom field value in a typed object ("Custom fields format in webhooks v2",
 * https://pipedrive.readme.io/docs/webhooks-v2-migration-guide): `{type: "double", value: 123}`,
 * `{type: "enum", id: 17}`, `{type: "set", values: [{id: 13}]}`, `{type: "monetary", value, currency}`,
 * `{type: "address", value, route, …}`, `{type: "daterange", from, until}`, …
 *
 * They are turned into the shapes the API returns, so the action node's option-label lookup applies and
 * `{{$json.current.custom_fields.Budget}}` reads the same in a trigger item and a Get result: a lone
 * `value` → the value; an option, person, organization or user → its id; a set → the option ids; any
 * other shape (monetary, address, date/time ranges, time) → the object without `type`.
 */

const isRecord = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/** Types whose value is one id (an option, or a linked person, organization or user). */
const ID_TYPES = new Set(['enum', 'people', 'org', 'user']);

function plainValue(typed: IDataObject): IDataObject[string] {
	const { type, ...rest } = typed;
	if (ID_TYPES.has(String(type)) && 'id' in rest) return rest.id;
	if (type === 'set' && Array.isArray(rest.values)) {
		return (rest.values as unknown[]).map((option) => (isRecord(option) && 'id' in option ? option.id : option)) as IDataObject[string];
	}
	const keys = Object.keys(rest);
	if (keys.length === 1 && keys[0] === 'value') return rest.value;
	return rest;
}

/** Replaces typed v2 values in `record.custom_fields` in place; untyped values (v1, the API) stay. */
export function unwrapTypedCustomFields(record: IDataObject | null): void {
	const custom = record?.custom_fields;
	if (!isRecord(custom)) return;
	for (const [key, value] of Object.entries(custom)) {
		if (isRecord(value) && typeof value.type === 'string') custom[key] = plainValue(value);
	}
}
