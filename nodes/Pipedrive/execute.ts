import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeParameters,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	API_REQUEST_RESOURCE,
	BINARY_PROPERTY,
	CUSTOM_FIELDS_PROPERTY,
	hasCustomFieldInput,
	hasCustomFieldOutput,
	isListOperation,
	pathPropertyName,
	RAW_CUSTOM_FIELDS_OPTION,
} from './operationFacts';
import { customFieldEntries, encodeCustomFields, fieldDefinitions, hasCustomFieldValues, resolveCustomFieldNames } from './customFields';
import { findOperation } from './operationTable';
import { V1_CUSTOM_FIELD_WRITES } from './overlays';
import { buildApiRequest } from './apiRequest';
import type { PipedriveRequest } from './transport/request';
import { itemTurn } from './transport/pacer';
import { DEFAULT_MAX_IN_FLIGHT, nodeOf, pipedriveRequest, pipedriveRequestPages, recordsOf } from './transport/request';
import type { OperationDefinition } from './types';
import { checkPathValue, coerceValues, InputError, UUID_PATTERN } from './validation';

type Context = IExecutePaginationFunctions;

/** The value of the "Custom API Call" entry n8n adds to every Operation dropdown (it points to the HTTP Request node). */
const N8N_CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

/** The node's stored parameters, from the one copy of the node kept per item's context. */
function storedParametersOf(ctx: Context): INodeParameters {
	return nodeOf(ctx).parameters;
}

const isPlain = (value: unknown) =>
	value === null || typeof value === 'number' || typeof value === 'boolean' || (typeof value === 'string' && !value.startsWith('='));

/**
 * `={{ $json.title }}`, `={{ $json.deal["id"] }}`: an expression that only reads the current item's
 * JSON. The most common mapping; n8n would build a full data proxy (and its date/time context) for
 * each such read, for every item.
 */
const ITEM_JSON_EXPRESSION = /^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\\]*"|'[^'\\]*'|\d+)\])+)\s*\}\}$/;
const ITEM_JSON_STEP = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"\\]*)"|'([^'\\]*)'|(\d+))\]/g;
const itemJsonPaths = new Map<string, string[] | null>();

function itemJsonPath(expression: string): string[] | null {
	let path = itemJsonPaths.get(expression);
	if (path === undefined) {
		const match = ITEM_JSON_EXPRESSION.exec(expression);
		path = match ? [...match[1].matchAll(ITEM_JSON_STEP)].map((step) => step[1] ?? step[2] ?? step[3] ?? step[4]) : null;
		if (itemJsonPaths.size > 1000) itemJsonPaths.clear();
		itemJsonPaths.set(expression, path);
	}
	return path;
}

/**
 * The value of a `$json` path expression for the current item, when it is a string, number or
 * boolean reached through the item's own objects and arrays (what n8n would return for it);
 * `undefined` for anything else, which then goes through n8n's expression engine as usual.
 */
function itemJsonValue(ctx: Context, expression: string): string | number | boolean | undefined {
	const path = itemJsonPath(expression);
	if (!path) return undefined;
	let value: unknown = ctx.getInputData()?.json;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * A stored value as the executor reads it without n8n's parameter resolution: plain values, a
 * locator's ID, and `$json` path expressions (for the current item). `undefined`: ask n8n.
 */
function directValue(ctx: Context, stored: unknown, extractValue: boolean): unknown {
	if (isPlain(stored)) return stored;
	if (typeof stored === 'string') return itemJsonValue(ctx, stored);
	const locator = stored as { __rl?: boolean; mode?: string; value?: unknown } | undefined;
	if (!extractValue || !locator?.__rl || locator.mode === 'url') return undefined;
	if (isPlain(locator.value)) return locator.value;
	return typeof locator.value === 'string' ? itemJsonValue(ctx, locator.value) : undefined;
}

/**
 * A node parameter for the current item. Plain stored values (not expressions, not objects) and
 * `$json` path expressions are read directly: n8n's getNodeParameter copies and resolves every value,
 * and this runs for every item.
 */
function parameter<T>(ctx: Context, name: string, fallback: T): T {
	let stored: unknown = storedParametersOf(ctx);
	for (const key of name.split('.')) stored = (stored as Record<string, unknown> | undefined)?.[key];
	if (stored === undefined) return fallback;
	const direct = directValue(ctx, stored, false);
	return (direct !== undefined ? direct : ctx.getNodeParameter(name, fallback)) as T;
}

/**
 * The values the user filled in for the operation's query or body parameters, read where the operation
 * table says each lives: a top-level field, or an entry the user added to a collection. Locators give
 * their ID; expressions are resolved for the current item.
 */
function filledIn(ctx: Context, op: OperationDefinition, location: 'query' | 'body'): IDataObject {
	const stored = storedParametersOf(ctx);
	const out: IDataObject = {};
	for (const param of op.params) {
		if (param.in !== location || !param.field) continue;
		const [first, entry] = param.field.split('.');
		const holder = entry === undefined ? stored : stored[first];
		const key = entry ?? first;
		if (!holder || typeof holder !== 'object' || !(key in holder)) continue;
		const direct = directValue(ctx, (holder as IDataObject)[key], true);
		out[param.name] = (direct !== undefined ? direct : ctx.getNodeParameter(param.field, undefined, { extractValue: true })) as IDataObject[string];
	}
	return out;
}

/** Fills `{placeholders}` from the node's path fields, validated and URL-encoded. */
function fillPath(ctx: Context, op: OperationDefinition): { path: string; values: Record<string, string> } {
	const values: Record<string, string> = {};
	let path = op.path;
	for (const param of op.params.filter((p) => p.in === 'path')) {
		const propertyName = pathPropertyName(op, param);
		const direct = directValue(ctx, storedParametersOf(ctx)[propertyName], true);
		const raw = direct !== undefined ? direct : ctx.getNodeParameter(propertyName, undefined, { extractValue: true });
		const value = checkPathValue(param, raw, propertyName);
		if (propertyName === 'leadId' && !UUID_PATTERN.test(value)) {
			throw new InputError(propertyName, `must be a lead UUID, got "${value}"`);
		}
		values[param.name] = value;
		path = path.replace(`{${param.name}}`, encodeURIComponent(value));
	}
	return { path, values };
}

async function multipartBody(ctx: Context, op: OperationDefinition, fields: IDataObject): Promise<FormData> {
	const form = new FormData();
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined || value === null) continue;
		form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	const fileParam = op.params.find((p) => p.type === 'file');
	if (fileParam) {
		const binaryName = parameter(ctx, BINARY_PROPERTY, 'data');
		const itemIndex = ctx.getItemIndex();
		const binary = ctx.getInputData()?.binary?.[binaryName];
		if (!binary) {
			throw new InputError('Input Binary Field', `item ${itemIndex} has no binary field "${binaryName}"`);
		}
		const buffer = await ctx.helpers.getBinaryDataBuffer(binaryName);
		const blob = new Blob([buffer], { type: binary.mimeType || 'application/octet-stream' });
		form.append(fileParam.name, blob, binary.fileName ?? binaryName);
	}
	return form;
}

function formBody(fields: IDataObject): URLSearchParams {
	const form = new URLSearchParams();
	for (const [key, value] of Object.entries(fields)) {
		if (value !== undefined && value !== null) form.append(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
	}
	return form;
}

function hasCustomFields(fields: IDataObject): boolean {
	return !!fields.custom_fields && Object.keys(fields.custom_fields as IDataObject).length > 0;
}

/** Operations whose JSON body is a bare array (the generator names it `items`). */
function isArrayBody(op: OperationDefinition): boolean {
	const body = op.params.filter((p) => p.in === 'body');
	return body.length === 1 && body[0].name === 'items' && body[0].type === 'array';
}

/** Whether stored Custom Fields may have entries: n8n's resolved copy of them is read only then (most writes have none). */
function mayHoldCustomFields(stored: unknown): boolean {
	if (stored === undefined || stored === null) return false;
	return typeof stored !== 'object' || customFieldEntries(stored as IDataObject).length > 0;
}

/** The node's "Max Concurrency" request option: its items and their requests in flight at once. */
function maxInFlightOf(ctx: Context): number {
	return parameter<number>(ctx, 'requestOptions.maxConcurrency', 0) || DEFAULT_MAX_IN_FLIGHT;
}

/** The request an operation makes for the current item, checked before anything is sent. */
async function buildRequest(ctx: Context, op: OperationDefinition, routed: DeclarativeRestApiSettings.ResultOptions): Promise<PipedriveRequest> {
	const { path, values } = fillPath(ctx, op);
	const qs = filledIn(ctx, op, 'query');
	const fields = filledIn(ctx, op, 'body');
	coerceValues(qs, op.params.filter((p) => p.in === 'query'));
	// Pipedrive takes lists in the query string comma-separated (`ids=1,2,3`), not repeated.
	for (const [key, value] of Object.entries(qs)) if (Array.isArray(value)) qs[key] = value.join(',');
	coerceValues(fields, op.params.filter((p) => p.in === 'body'));
	for (const param of op.params.filter((p) => p.in === 'body' && p.required && p.type !== 'file')) {
		if (!(param.name in fields)) throw new InputError(param.name, 'is required');
	}
	if (hasCustomFieldInput(op) && mayHoldCustomFields(storedParametersOf(ctx)[CUSTOM_FIELDS_PROPERTY])) {
		const entries = customFieldEntries(parameter<IDataObject>(ctx, CUSTOM_FIELDS_PROPERTY, {}));
		if (entries.length) {
			const v1 = V1_CUSTOM_FIELD_WRITES.has(op.id);
			const encoded = encodeCustomFields(entries, await fieldDefinitions(ctx, op.resource), v1 ? 'v1' : 'v2');
			if (v1) Object.assign(fields, encoded);
			else fields.custom_fields = { ...((fields.custom_fields as IDataObject) ?? {}), ...encoded };
		}
	}
	if (op.bodyRequired && Object.keys(fields).length === 0 && !hasCustomFields(fields)) {
		throw new InputError(op.method === 'PATCH' || op.method === 'PUT' ? 'Update Fields' : 'Fields', 'add at least one value: Pipedrive rejects an empty request');
	}
	let body: unknown = fields;
	if (op.bodyEncoding === 'multipart') body = await multipartBody(ctx, op, fields);
	else if (op.bodyEncoding === 'form') body = formBody(fields);
	else if (isArrayBody(op)) body = fields.items;
	return {
		method: op.method,
		version: op.version,
		path,
		qs,
		body: op.method === 'GET' ? undefined : body,
		binaryResponse: op.binaryResponse,
		itemIndex: ctx.getItemIndex(),
		pathTemplate: op.path,
		pathValues: values,
		scopes: op.scopes,
		timeout: routed.options.timeout,
		maxInFlight: maxInFlightOf(ctx),
	};
}

function fileNameFrom(headers: Record<string, unknown>): string | undefined {
	const disposition = String(headers['content-disposition'] ?? '');
	const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
	if (encoded) return decodeURIComponent(encoded[1]);
	const plain = /filename="?([^";]+)"?/i.exec(disposition);
	return plain?.[1];
}

async function download(ctx: Context, request: PipedriveRequest): Promise<INodeExecutionData[]> {
	const response = await pipedriveRequest(ctx, request);
	const property = parameter(ctx, BINARY_PROPERTY, 'data');
	const contentType = String(response.headers['content-type'] ?? 'application/octet-stream').split(';')[0];
	const binary = await ctx.helpers.prepareBinaryData(
		Buffer.from(response.body as Buffer),
		fileNameFrom(response.headers),
		contentType,
	);
	const input = ctx.getInputData();
	return [{ json: { ...(request.pathValues ?? {}), fileName: binary.fileName, mimeType: binary.mimeType, fileSize: binary.fileSize }, binary: { ...(input?.binary ?? {}), [property]: binary } }];
}

/** Search hits arrive as `{ result_score, item }`: output the item itself, with its score. */
function flattenSearchHit(record: IDataObject): IDataObject {
	if (record && typeof record === 'object' && record.item && typeof record.item === 'object') {
		return { ...(record.item as IDataObject), result_score: record.result_score };
	}
	return record;
}

function confirmDeletion(request: PipedriveRequest, body: unknown): IDataObject[] {
	const data = (body as IDataObject | undefined)?.data;
	const records = Array.isArray(data) ? (data as IDataObject[]) : [data && typeof data === 'object' ? (data as IDataObject) : {}];
	return records.map((record) => ({
		deleted: true,
		...(request.pathValues?.id !== undefined && record.id === undefined ? { id: maybeNumber(request.pathValues.id) } : {}),
		...record,
	}));
}

function maybeNumber(value: string): string | number {
	return /^\d+$/.test(value) ? Number(value) : value;
}

async function records(ctx: Context, op: OperationDefinition, request: PipedriveRequest): Promise<IDataObject[]> {
	if (isListOperation(op)) {
		const returnAll = parameter(ctx, 'returnAll', false);
		const limit = parameter(ctx, 'limit', 50);
		const pageSize = op.params.find((p) => p.name === 'limit')?.max ?? 500;
		const out: IDataObject[] = [];
		await pipedriveRequestPages(ctx, request, op.paging!, {
			max: returnAll ? undefined : limit,
			pageSize: Math.min(pageSize, 500),
			onRecords: (page) => {
				for (const record of page) out.push(flattenSearchHit(record as IDataObject));
			},
		});
		return out;
	}
	const { body } = await pipedriveRequest(ctx, request);
	if (op.method === 'DELETE') return confirmDeletion(request, body);
	const data = (body as IDataObject | undefined)?.data;
	if (data === undefined || data === null || typeof data !== 'object') {
		return [{ success: true, ...(data !== undefined && data !== null ? { result: data } : {}) }];
	}
	return recordsOf(body).map((r) => flattenSearchHit(r as IDataObject));
}

async function runOperation(ctx: Context, op: OperationDefinition, routed: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const request = await buildRequest(ctx, op, routed);
	if (op.binaryResponse) return await download(ctx, request);
	const output = await records(ctx, op, request);
	if (hasCustomFieldOutput(op) && hasCustomFieldValues(output) && !parameter(ctx, `options.${RAW_CUSTOM_FIELDS_OPTION}`, false)) {
		resolveCustomFieldNames(output, await fieldDefinitions(ctx, op.resource));
	}
	const itemIndex = ctx.getItemIndex();
	return output.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

function asNodeError(ctx: Context, error: unknown): NodeApiError | NodeOperationError {
	const itemIndex = ctx.getItemIndex();
	if (error instanceof InputError) {
		return new NodeOperationError(ctx.getNode(), `Invalid value for "${error.field}" (item ${itemIndex}): ${error.problem}`, {
			itemIndex,
			description: 'Nothing was sent to Pipedrive for this item.',
		});
	}
	// By name as well: n8n may load its own copy of n8n-workflow, so instanceof can miss its errors.
	const name = (error as Error)?.name;
	if (error instanceof NodeApiError || error instanceof NodeOperationError || name === 'NodeApiError' || name === 'NodeOperationError') {
		return error as NodeApiError | NodeOperationError;
	}
	return new NodeOperationError(ctx.getNode(), (error as Error).message ?? String(error), { itemIndex });
}

/**
 * The node's declarative pagination hook, enabled on every operation: n8n's routing has already built
 * the query and body from the parameters; this validates them, sends them through the shared transport
 * (pacing, retries, errors), follows paging, and shapes one output item per record. With "Continue On
 * Fail", a failing item yields one item holding the error and later items still run.
 */
export async function executeOperation(
	this: IExecutePaginationFunctions,
	routed: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	// Before anything else is read or built: a waiting item holds nothing but its place in line.
	const endTurn = await itemTurn(this.getExecutionId() ?? '', maxInFlightOf(this));
	try {
		const resource = parameter<string>(this, 'resource', '');
		const operation = parameter<string>(this, 'operation', '');
		let items: INodeExecutionData[];
		if (resource === API_REQUEST_RESOURCE) {
			items = await buildApiRequest(this, routed);
		} else {
			const op = await findOperation(resource, operation);
			if (operation === N8N_CUSTOM_API_CALL) {
				throw new NodeOperationError(this.getNode(), 'To call any Pipedrive endpoint, choose Resource → Custom API Call', { itemIndex });
			}
			if (!op) throw new NodeOperationError(this.getNode(), `Unknown operation "${resource}: ${operation}"`, { itemIndex });
			items = await runOperation(this, op, routed);
		}
		for (const item of items) item.pairedItem ??= { item: itemIndex };
		return items;
	} catch (error) {
		const nodeError = asNodeError(this, error);
		if (this.continueOnFail()) {
			return [{ json: { error: nodeError.message, description: nodeError.description ?? undefined, httpCode: (nodeError as NodeApiError).httpCode ?? undefined }, pairedItem: { item: itemIndex } }];
		}
		throw nodeError;
	} finally {
		endTurn();
	}
}
