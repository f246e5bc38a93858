/** The shape of one Pipedrive API operation, as generated from the official OpenAPI specs. */

export type ApiVersion = 'v1' | 'v2';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type ParameterLocation = 'path' | 'query' | 'body';
export type ParameterType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'file';

export interface ParameterDefinition {
	/** The name Pipedrive uses (path placeholder, query key or body property). */
	name: string;
	in: ParameterLocation;
	type: ParameterType;
	required?: boolean;
	enum?: Array<string | number | boolean>;
	/** Element type of an array parameter. */
	items?: ParameterType;
	default?: string | number | boolean;
	/** `timestamp`: Pipedrive's v1 `YYYY-MM-DD HH:MM:SS` (UTC); `time`: `HH:MM`; `color`: 6-digit hex. Only set by the surface. */
	format?: 'date' | 'date-time' | 'timestamp' | 'time' | 'color' | 'email' | 'uuid';
	min?: number;
	max?: number;
	nullable?: boolean;
	/** The shape of a structured (JSON) value, e.g. `[{"id":1,"label":"text"}]`. */
	example?: string;
	/** Keys a JSON object (or every object of a JSON array) must have before it is sent. */
	requiredKeys?: string[];
	/** Plain text typed into this JSON field is sent as `{ [textKey]: text }` (addresses). */
	textKey?: string;
	/** UI hints passed through to the n8n field, e.g. masking of passwords. */
	typeOptions?: { password: true };
	description?: string;
	/**
	 * Where the node keeps this parameter's value: a top-level property (`title`) or an entry of a
	 * collection (`additionalFields.value`). Set in the run-time table (generated/operations.json) for
	 * every parameter the user fills in; the executor reads it there.
	 */
	field?: string;
}

export interface OperationDefinition {
	/** The spec's operationId; also the n8n `operation` value. */
	id: string;
	/** The n8n `resource` value. */
	resource: string;
	version: ApiVersion;
	method: HttpMethod;
	/** Path relative to the version's base, e.g. `/deals/{id}`. */
	path: string;
	summary?: string;
	description?: string;
	params: ParameterDefinition[];
	bodyEncoding?: 'multipart' | 'form';
	/** The body must carry at least one value (e.g. an update with nothing to update is rejected). */
	bodyRequired?: boolean;
	paging?: 'cursor' | 'offset';
	binaryResponse?: boolean;
	tokenCost?: number;
	/** OAuth scopes that allow the operation (any one of them). */
	scopes?: string[];
	beta?: boolean;
	/** Set on deprecated v1 operations kept because nothing replaces them: what to do instead. */
	deprecated?: string;
}
