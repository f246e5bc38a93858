import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { API_REQUEST_RESOURCE } from './operationFacts';
import { nextPage, pagingStyleOf, pipedriveRequest, pipedriveRequestPages, recordsOf } from './transport/request';
import type { HttpMethod } from './types';
import { InputError, parseJson } from './validation';

const show = { resource: [API_REQUEST_RESOURCE] };

/** "Custom API Call": any Pipedrive endpoint, with the node's credential, pacing, retries and errors. */
export const apiRequestProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show },
		options: [
			{
				// Named like n8n's own entry, which n8n then does not add to this list a second time.
				name: 'Custom API Call',
				value: 'send',
				action: 'Make a custom API call',
				description: 'Call any Pipedrive endpoint with this credential, for what the other operations do not cover',
				routing: { send: { paginate: true } },
			},
		],
		default: 'send',
	},
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		displayOptions: { show },
		options: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'].map((m) => ({ name: m, value: m })),
		default: 'GET',
	},
	{
		displayName: 'API Version',
		name: 'apiVersion',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Version 1', value: 'v1', description: 'Paths below /v1' },
			{ name: 'Version 2', value: 'v2', description: 'Paths below /api/v2' },
		],
		default: 'v2',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		displayOptions: { show },
		default: '',
		required: true,
		placeholder: '/deals/42',
		description: 'Path below the version prefix',
	},
	{
		displayName: 'Query Parameters (JSON)',
		name: 'queryJson',
		type: 'json',
		displayOptions: { show },
		default: '{}',
	},
	{
		displayName: 'Body (JSON)',
		name: 'bodyJson',
		type: 'json',
		displayOptions: { show: { ...show, method: ['POST', 'PUT', 'PATCH', 'DELETE'] } },
		default: '{}',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		displayOptions: { show: { ...show, method: ['GET'] } },
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'Follows Pipedrive’s paging (cursor or offset, whichever the response shows) to the end',
	},
];

function jsonParameter(ctx: IExecutePaginationFunctions, name: string, label: string): IDataObject {
	const raw = ctx.getNodeParameter(name, '{}');
	if (typeof raw === 'object' && raw !== null) return raw as IDataObject;
	const text = String(raw ?? '').trim();
	if (!text) return {};
	const parsed = parseJson(label, text);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new InputError(label, 'must be a JSON object');
	return parsed as IDataObject;
}

export async function buildApiRequest(
	ctx: IExecutePaginationFunctions,
	routed: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const method = ctx.getNodeParameter('method', 'GET') as HttpMethod;
	const version = ctx.getNodeParameter('apiVersion', 'v2') as 'v1' | 'v2';
	let path = String(ctx.getNodeParameter('path', '')).trim();
	if (!path) throw new InputError('Path', 'is required but empty');
	if (/^https?:\/\//i.test(path)) throw new InputError('Path', 'must be relative, like /deals/42 (the credential decides the domain)');
	path = `/${path.replace(/^\/+/, '').replace(/^(api\/)?v[12]\//, '')}`;
	const qs = jsonParameter(ctx, 'queryJson', 'Query Parameters');
	const body = method === 'GET' ? undefined : jsonParameter(ctx, 'bodyJson', 'Body');
	const request = { method, version, path, qs, body, itemIndex: ctx.getItemIndex(), timeout: routed.options.timeout };
	const first = await pipedriveRequest(ctx, request);
	const out = recordsOf(first.body) as IDataObject[];
	const style = pagingStyleOf(first.body);
	const from = style && nextPage(style, first.body);
	if (method === 'GET' && ctx.getNodeParameter('returnAll', false) && style && from) {
		await pipedriveRequestPages(ctx, request, style, { from, onRecords: (page) => out.push(...(page as IDataObject[])) });
	}
	if (out.length === 0 && method !== 'GET') out.push({ success: true });
	return out.map((json) => ({ json: json && typeof json === 'object' ? json : { result: json } }));
}
