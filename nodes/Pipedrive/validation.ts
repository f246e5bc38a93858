import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { CONTACT_LIST_PARAMETERS, displayNameOf } from './overlays';
import type { ParameterDefinition, ParameterType } from './types';

/** A value that cannot be sent: which field, and why. The executor turns it into a NodeOperationError. */
export class InputError extends Error {
	constructor(
		readonly field: string,
		readonly problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function show(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text && text.length > 60 ? `${text.slice(0, 57)}…` : String(text);
}

/** IDs are positive whole numbers; other integers may be zero or negative. */
function toInteger(field: string, value: unknown, isId: boolean): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isInteger(number)) throw new InputError(field, `must be a whole number, got "${show(value)}"`);
	if (isId && number <= 0) throw new InputError(field, `must be a positive ID, got ${number}`);
	return number;
}

function toNumber(field: string, value: unknown): number {
	const number = typeof value === 'number' ? value : Number(String(value).trim());
	if (!Number.isFinite(number)) throw new InputError(field, `must be a number, got "${show(value)}"`);
	return number;
}

function toBoolean(field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	const text = String(value).trim().toLowerCase();
	if (['true', '1', 'yes'].includes(text)) return true;
	if (['false', '0', 'no'].includes(text)) return false;
	throw new InputError(field, `must be true or false, got "${show(value)}"`);
}

/** n8n's jsonParse, reporting failure as a value, so callers can name the field in their own error. */
export function tryParseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
	try {
		return { ok: true, value: jsonParse(text) };
	} catch (error) {
		return { ok: false, message: (error as Error).message };
	}
}

export function parseJson(field: string, value: string): unknown {
	const parsed = tryParseJson(value);
	if (!parsed.ok) throw new InputError(field, `is not valid JSON (${parsed.message})`);
	return parsed.value;
}

/** Dates from the date picker, from expressions (`$now`, a Luxon DateTime or a JS Date) or typed. */
function dateText(value: unknown): string {
	if (value instanceof Date) return value.toISOString();
	if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return String((value as { toISO: () => string }).toISO());
	}
	return String(value).trim();
}

type DateFormat = 'date' | 'date-time' | 'timestamp';

/** `date` YYYY-MM-DD; `date-time` RFC 3339 in UTC; `timestamp` Pipedrive v1's `YYYY-MM-DD HH:MM:SS` in UTC. */
function toDate(field: string, value: unknown, format: DateFormat): string {
	const text = dateText(value);
	if (format === 'date') {
		const day = text.slice(0, 10);
		if (DATE.test(day) && !Number.isNaN(Date.parse(day))) return day;
		throw new InputError(field, `must be a date like 2026-01-31, got "${show(value)}"`);
	}
	const iso = text.replace(/^(\d{4}-\d{2}-\d{2}) (\d)/, '$1T$2');
	const parsed = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) || DATE.test(iso) ? iso : `${iso}Z`);
	if (Number.isNaN(parsed)) throw new InputError(field, `must be a date-time like 2026-01-31T09:00:00Z, got "${show(value)}"`);
	const utc = new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return format === 'timestamp' ? utc.replace('T', ' ').replace('Z', '') : utc;
}

/** `HH:MM` (Pipedrive's due time and duration); `9:5` and `09:05:00` are accepted. */
function toTime(field: string, value: unknown): string {
	const match = /^(\d{1,2}):(\d{1,2})(?::\d{1,2})?$/.exec(String(value).trim());
	if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) throw new InputError(field, `must be a time like 14:30, got "${show(value)}"`);
	return `${match[1].padStart(2, '0')}:${match[2].padStart(2, '0')}`;
}

/** The color picker gives `#1a2b3c`; Pipedrive stores `1A2B3C`. */
function toHexColor(field: string, value: unknown): string {
	const hex = String(value).trim().replace(/^#/, '');
	if (!/^[0-9a-f]{6}$/i.test(hex)) throw new InputError(field, `must be a 6-digit hex color like FFAA00, got "${show(value)}"`);
	return hex.toUpperCase();
}

/** JSON objects checked for the keys Pipedrive requires; plain text goes into `textKey` where the field has one. */
function checkShape(field: string, param: ParameterDefinition, value: unknown): unknown {
	const objects = Array.isArray(value) ? value : [value];
	for (const [index, object] of objects.entries()) {
		const where = Array.isArray(value) ? ` (entry ${index + 1})` : '';
		if (!object || typeof object !== 'object' || Array.isArray(object)) throw new InputError(field, `must be a JSON object${where}, like ${param.example}`);
		const missing = (param.requiredKeys ?? []).filter((key) => (object as IDataObject)[key] === undefined || (object as IDataObject)[key] === '');
		if (missing.length) throw new InputError(field, `needs ${missing.map((key) => `"${key}"`).join(', ')}${where}, like ${param.example}`);
	}
	return value;
}

/** `0`/`1` flags are offered as toggles: true and false become 1 and 0. */
export function isFlagParameter(param: ParameterDefinition): boolean {
	return (param.type === 'integer' || param.type === 'number') && param.enum?.length === 2 && param.enum.includes(0) && param.enum.includes(1);
}

function isIdName(name: string): boolean {
	return name === 'id' || name.endsWith('_id') || name.endsWith('Id');
}

function convertScalar(field: string, param: ParameterDefinition, type: ParameterType | undefined, value: unknown): unknown {
	switch (type) {
		case 'integer':
			return toInteger(field, value, isIdName(param.name));
		case 'number':
			return toNumber(field, value);
		case 'boolean':
			return toBoolean(field, value);
		case 'object':
			return typeof value === 'string' ? parseJson(field, value) : value;
		default:
			if (typeof value === 'object' && value !== null) return value;
			return String(value);
	}
}

/** A list: rows of a multi-value field (each may itself hold a list or comma-separated text), a JSON array or text. */
function toArray(field: string, value: unknown): unknown[] {
	if (Array.isArray(value)) {
		return value.flatMap((row) => (Array.isArray(row) || (typeof row === 'string' && /[,[]/.test(row)) ? toArray(field, row) : [row])).filter((row) => !isEmpty(row));
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text.startsWith('[')) {
			const parsed = parseJson(field, text);
			if (!Array.isArray(parsed)) throw new InputError(field, 'must be a JSON array');
			return parsed;
		}
		return text === '' ? [] : text.split(',').map((part) => part.trim());
	}
	return [value];
}

/** `a@x.com, b@y.com` → `[{ value, primary, label }]`; given objects keep their shape but are checked. */
function contactList(field: string, kind: 'email' | 'phone', value: unknown): IDataObject[] {
	const entries = typeof value === 'string' && !value.trim().startsWith('[') ? value.split(',').map((v) => v.trim()).filter(Boolean) : toArray(field, value);
	return entries.map((entry, index) => {
		const contact = (typeof entry === 'object' && entry !== null ? { ...(entry as IDataObject) } : { value: String(entry) }) as IDataObject;
		if (typeof contact.value !== 'string' || !contact.value.trim()) throw new InputError(field, `entry ${index + 1} has no value`);
		if (kind === 'email' && !EMAIL.test(contact.value.trim())) {
			throw new InputError(field, `"${show(contact.value)}" is not an email address`);
		}
		contact.primary ??= index === 0;
		contact.label ??= 'work';
		return contact;
	});
}

/**
 * Checks and converts one value against its spec definition: whole numbers and positive IDs, dates,
 * emails, UUIDs, enums, JSON, arrays (comma-separated or JSON). Returns what Pipedrive expects.
 */
export function coerceParameter(param: ParameterDefinition, value: unknown): unknown {
	const field = displayNameOf(param.name);
	if (value === null && param.nullable) return null;
	let converted: unknown;
	const contactKind = CONTACT_LIST_PARAMETERS[param.name];
	if (isFlagParameter(param) && (typeof value === 'boolean' || /^(true|false)$/i.test(String(value).trim()))) {
		return toBoolean(field, value) ? 1 : 0;
	}
	if (param.textKey && typeof value === 'string' && !/^\s*[[{]/.test(value)) {
		converted = { [param.textKey]: value.trim() };
	} else if (contactKind && param.type === 'array') {
		converted = contactList(field, contactKind, value);
	} else if (param.type === 'array') {
		converted = toArray(field, value).map((element) => convertScalar(field, param, param.items, element));
	} else {
		converted = convertScalar(field, param, param.type, value);
	}
	if (param.type === 'string' && (param.format === 'date' || param.format === 'date-time' || param.format === 'timestamp')) {
		converted = toDate(field, value, param.format);
	}
	if (param.type === 'string' && param.format === 'time') converted = toTime(field, converted);
	if (param.type === 'string' && param.format === 'color') converted = toHexColor(field, converted);
	if (param.requiredKeys || param.textKey) converted = checkShape(field, param, converted);
	if (param.type === 'string' && typeof converted === 'string') {
		if (param.format === 'email' && !EMAIL.test(converted as string)) {
			throw new InputError(field, `must be an email address, got "${show(value)}"`);
		}
		if (param.format === 'uuid' && !UUID.test(converted as string)) throw new InputError(field, `must be a UUID, got "${show(value)}"`);
	}
	if (param.enum?.length) {
		const allowed = param.enum.map(String);
		const values = Array.isArray(converted) ? converted : [converted];
		const bad = values.find((v) => !allowed.includes(String(v)));
		if (bad !== undefined) throw new InputError(field, `must be one of ${allowed.join(', ')}; got "${show(bad)}"`);
	}
	return converted;
}

/** Validates and converts the values routing put into `target` (query or body), in place. */
export function coerceValues(target: IDataObject, params: ParameterDefinition[]): void {
	for (const param of params) {
		if (!(param.name in target)) continue;
		const value = target[param.name];
		if (isEmpty(value) && !(value === null && param.nullable)) {
			if (param.required) throw new InputError(displayNameOf(param.name), 'is required but empty');
			delete target[param.name];
			continue;
		}
		const converted = coerceParameter(param, value);
		if (param.required && Array.isArray(converted) && converted.length === 0) {
			throw new InputError(displayNameOf(param.name), 'needs at least one entry');
		}
		// An empty filter list filters nothing: not sent (an empty list in a body still clears, e.g. labels).
		if (param.in === 'query' && Array.isArray(converted) && converted.length === 0) {
			delete target[param.name];
			continue;
		}
		target[param.name] = converted as IDataObject[string];
	}
}

/** Path values must be present and well-formed before they go into a URL. */
export function checkPathValue(param: ParameterDefinition, value: unknown, fieldName: string): string {
	if (isEmpty(value) || value === 0) throw new InputError(fieldName, 'is required but empty');
	const text = String(typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value).trim();
	if (param.type === 'integer') return String(toInteger(fieldName, text, true));
	if (param.format === 'uuid' && !UUID.test(text)) throw new InputError(fieldName, `must be a UUID, got "${show(text)}"`);
	return text;
}

export { UUID as UUID_PATTERN };
