/**
 * The designed layer on top of the generated catalogue: how one operation looks in n8n. The catalogue
 * (operations/<resource>.json) says what Pipedrive accepts; the surface (surface/<resource>.ts) says how
 * a user meets it. Builders and the executor read both.
 */

export interface FieldOption {
	name: string;
	value: string | number;
	description?: string;
}

/** How one API parameter of one operation is offered. Keys are Pipedrive's parameter names. */
export interface FieldSurface {
	displayName?: string;
	/** Tooltip; one sentence, no final period. */
	description?: string;
	placeholder?: string;
	hint?: string;
	/** Not offered: set by Pipedrive, read-only, or meaningless here (e.g. `is_deleted` on create). */
	hidden?: boolean;
	/** Required (a top-level field) or optional (inside Additional Fields / Filters / Options). */
	required?: boolean;
	/** The value a new field starts with. Numbers without one start empty and are not sent. */
	default?: string | number | boolean;
	/** Choices with Pipedrive's labels; the executor accepts only these values. */
	options?: FieldOption[];
	/**
	 * A date or date-time picker, the executor sending what Pipedrive expects: `date` YYYY-MM-DD, `date-time`
	 * RFC 3339 (v2), `timestamp` YYYY-MM-DD HH:MM:SS in UTC (v1); `time` is HH:MM text; `color` a color picker
	 * sending the 6-digit hex Pipedrive stores.
	 */
	format?: 'date' | 'date-time' | 'timestamp' | 'time' | 'color';
	/** A list entered one value per row (IDs, e.g.) instead of comma-separated text: the type of each value. */
	list?: 'integer' | 'string';
	/** A JSON value: the shape shown as placeholder, and the keys it must have before it is sent. */
	json?: { shape: string; requiredKeys?: string[] };
	/** With `json`: plain text typed instead of JSON is sent as `{ [textKey]: text }` (addresses). */
	textKey?: string;
}

export interface OperationSurface {
	/** Operation dropdown entry, Title Case, ≤ 4 words where possible (never more than 7). */
	name: string;
	/** Node panel entry, sentence case, names the object ("Create a deal", "Add a product to a deal"). */
	action: string;
	/** Subtext in the dropdown, one sentence; defaults to the spec's first sentence. */
	description?: string;
	fields?: Record<string, FieldSurface>;
	/** Required top-level fields in this order (Pipedrive parameter names; `id` is the record). */
	order?: string[];
	/** Its optional query fields choose what is returned (Filters), though the operation does not page. */
	filters?: boolean;
}

/** One resource's operations, keyed by operation id (the n8n `operation` value). */
export type ResourceSurface = Record<string, OperationSurface>;
