import type { IDataObject, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

import { credentialTypeFor } from '../Pipedrive/transport/credentials';
import type { PagingStyle } from '../Pipedrive/transport/request';
import { pipedriveRequestPages } from '../Pipedrive/transport/request';
import type { ApiVersion } from '../Pipedrive/types';

/*
 * Minimal custom-field name resolution for the trigger. The action node's `nodes/Pipedrive/customFields.ts`
 * is meant to replace it: keep the `resolveCustomFieldNames(ctx, object, record)` signature when swapping.
 */

interface FieldSource {
	version: ApiVersion;
	path: string;
	paging: PagingStyle;
}

type FieldsContext = IWebhookFunctions | IHookFunctions | ILoadOptionsFunctions;

const v2Fields = (path: string): FieldSource => ({ version: 'v2', path, paging: 'cursor' });
const v1Fields = (path: string): FieldSource => ({ version: 'v1', path, paging: 'offset' });

/** Where each webhook object's field definitions live (v2 where it exists; leads and notes only have v1). */
const FIELD_SOURCES: Record<string, FieldSource> = {
	activity: v2Fields('/activityFields'),
	deal: v2Fields('/dealFields'),
	organization: v2Fields('/organizationFields'),
	person: v2Fields('/personFields'),
	product: v2Fields('/productFields'),
	lead: v1Fields('/leadFields'),
	note: v1Fields('/noteFields'),
};

/** v1 puts custom values at the top level under a 40-hex key, plus `_currency`/`_until`/… companions. */
const HASH_KEY = /^([0-9a-f]{40})(_[a-z_]+)?$/;
const CACHE_MS = 5 * 60_000;
const FAILURE_CACHE_MS = 60_000;

const cache = new Map<string, { expires: number; names: Promise<Map<string, string>> }>();

function isRecord(value: unknown): value is IDataObject {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

function hasCustomKeys(record: IDataObject): boolean {
	const nested = record.custom_fields;
	return (isRecord(nested) && Object.keys(nested).length > 0) || Object.keys(record).some((key) => HASH_KEY.test(key));
}

async function loadNames(ctx: FieldsContext, source: FieldSource): Promise<Map<string, string>> {
	const names = new Map<string, string>();
	await pipedriveRequestPages(ctx, { method: 'GET', version: source.version, path: source.path, timeout: 5000 }, source.paging, {
		onRecords: (records) => {
			for (const field of records as IDataObject[]) {
				const key = String(field.field_code ?? field.key ?? '');
				const name = field.field_name ?? field.name;
				const custom = field.is_custom_field === true || field.edit_flag === true || HASH_KEY.test(key);
				if (key && custom && typeof name === 'string' && name) names.set(key, name);
			}
		},
	});
	return names;
}

/** Field key → name for one object, cached per credential for a few minutes (deliveries must answer fast). */
async function customFieldNames(ctx: FieldsContext, object: string): Promise<Map<string, string>> {
	const source = FIELD_SOURCES[object];
	if (!source) return new Map();
	const credentialType = credentialTypeFor(ctx.getNodeParameter('authentication', 'apiToken'));
	const key = `${ctx.getNode().credentials?.[credentialType]?.id ?? credentialType}:${object}`;
	const now = Date.now();
	const cached = cache.get(key);
	if (cached && cached.expires > now) return await cached.names;
	const names = loadNames(ctx, source);
	cache.set(key, { expires: now + CACHE_MS, names });
	try {
		return await names;
	} catch (error) {
		cache.set(key, { expires: now + FAILURE_CACHE_MS, names: Promise.resolve(new Map()) });
		ctx.logger.warn(`Pipedrive trigger: custom field names of ${object} unavailable, raw keys kept: ${(error as Error).message}`);
		return new Map();
	}
}

function renameKeys(record: IDataObject, rename: (key: string) => string | undefined): IDataObject {
	const renamed: IDataObject = {};
	for (const [key, value] of Object.entries(record)) {
		const name = rename(key);
		renamed[name && !(name in record) && !(name in renamed) ? name : key] = value;
	}
	return renamed;
}

/**
 * The record with custom-field keys replaced by the fields' names: inside v2's `custom_fields`, and v1's
 * top-level hash keys (with their `_currency`-style companions). A name that would clash keeps its key.
 */
export async function resolveCustomFieldNames(
	ctx: FieldsContext,
	object: string,
	record: IDataObject | null,
): Promise<IDataObject | null> {
	if (!isRecord(record) || !hasCustomKeys(record)) return record;
	const names = await customFieldNames(ctx, object);
	if (names.size === 0) return record;
	const resolved = renameKeys(record, (key) => {
		const match = HASH_KEY.exec(key);
		const name = match ? names.get(match[1]) : undefined;
		return name === undefined ? undefined : `${name}${match?.[2] ?? ''}`;
	});
	if (isRecord(resolved.custom_fields)) {
		resolved.custom_fields = renameKeys(resolved.custom_fields, (key) => names.get(key));
	}
	return resolved;
}
