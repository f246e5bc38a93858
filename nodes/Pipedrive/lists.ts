import type { IDataObject } from 'n8n-workflow';

import { allOperations } from './operationTable';
import type { PagingStyle, PipedriveContext } from './transport/request';
import { nextPage, pipedriveRequest, pipedriveRequestPages, recordsOf } from './transport/request';
import type { ApiVersion } from './types';

/** What the spec says a documented `GET` list accepts: its query parameters and how it pages. */
export interface ListEndpoint {
	version: ApiVersion;
	path: string;
	paging?: PagingStyle;
	query: Set<string>;
}

let endpoints: Map<string, ListEndpoint> | undefined;

/** The catalogue's `GET` operations by `version path`, built on first use. */
export async function listEndpoint(version: ApiVersion, path: string): Promise<ListEndpoint> {
	endpoints ??= new Map(
		(await allOperations())
			.filter((op) => op.method === 'GET')
			.map((op) => [
				`${op.version} ${op.path}`,
				{ version: op.version, path: op.path, paging: op.paging, query: new Set(op.params.filter((p) => p.in === 'query').map((p) => p.name)) },
			]),
	);
	const endpoint = endpoints.get(`${version} ${path}`);
	// A programming error, not a user's: every picker must read a documented list.
	if (!endpoint) throw new Error(`GET ${version} ${path} is not a documented Pipedrive list`);
	return endpoint;
}

export interface ListRequest {
	version: ApiVersion;
	path: string;
	/** Filters only; paging parameters are added where the endpoint pages. */
	qs?: IDataObject;
	timeout?: number;
}

/** The endpoint, after checking that the request sends only query parameters it documents. */
async function checkedEndpoint(request: ListRequest): Promise<ListEndpoint> {
	const endpoint = await listEndpoint(request.version, request.path);
	const unknown = Object.keys(request.qs ?? {}).filter((key) => !endpoint.query.has(key));
	if (unknown.length) throw new Error(`GET ${request.version} ${request.path} does not take ${unknown.join(', ')}`);
	return endpoint;
}

/**
 * Reads a whole list: every page where the endpoint pages (v2 cursor, v1 offset), one plain request
 * where it does not (`/v1/users`, `/v1/currencies` … answer 400 to `start`/`limit`).
 */
export async function readList(ctx: PipedriveContext, request: ListRequest, onRecords: (records: unknown[]) => void): Promise<void> {
	const endpoint = await checkedEndpoint(request);
	const base = { method: 'GET' as const, version: request.version, path: request.path, qs: request.qs, timeout: request.timeout };
	if (endpoint.paging) {
		await pipedriveRequestPages(ctx, base, endpoint.paging, { onRecords });
		return;
	}
	const { body } = await pipedriveRequest(ctx, base);
	onRecords(recordsOf(body));
}

/** Every record of a list, for small lists (users, stages, field definitions…). */
export async function readAll(ctx: PipedriveContext, request: ListRequest): Promise<IDataObject[]> {
	const all: IDataObject[] = [];
	await readList(ctx, request, (records) => all.push(...(records as IDataObject[])));
	return all;
}

/** One page of a list or search, for pickers that page on demand; `token` is the previous page's `next`. */
export async function readPage(
	ctx: PipedriveContext,
	request: ListRequest,
	pageSize: number,
	token?: string,
): Promise<{ records: IDataObject[]; next?: string }> {
	const endpoint = await checkedEndpoint(request);
	const qs: IDataObject = { ...(request.qs ?? {}) };
	if (endpoint.paging) qs.limit = pageSize;
	if (token && endpoint.paging === 'cursor') qs.cursor = token;
	if (token && endpoint.paging === 'offset') qs.start = Number(token);
	const { body } = await pipedriveRequest(ctx, { method: 'GET', version: request.version, path: request.path, qs, timeout: request.timeout });
	const following = endpoint.paging ? nextPage(endpoint.paging, body) : undefined;
	const next = following?.cursor ?? (following?.start !== undefined ? String(following.start) : undefined);
	return { records: recordsOf(body) as IDataObject[], next };
}
