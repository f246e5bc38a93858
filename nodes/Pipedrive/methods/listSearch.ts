import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { apiDomainOf, nextPage, pipedriveRequest, recordsOf } from '../transport/request';

interface SearchTarget {
	/** v2 (or v1 for leads) list path, used when no filter is typed. */
	listPath: string;
	listVersion: 'v1' | 'v2';
	/** v2 search path; Pipedrive's search needs at least 2 characters. */
	searchPath?: string;
	nameKey: string;
	webPath: (id: string | number) => string;
}

const TARGETS: Record<string, SearchTarget> = {
	deal: { listPath: '/deals', listVersion: 'v2', searchPath: '/deals/search', nameKey: 'title', webPath: (id) => `/deal/${id}` },
	person: { listPath: '/persons', listVersion: 'v2', searchPath: '/persons/search', nameKey: 'name', webPath: (id) => `/person/${id}` },
	organization: {
		listPath: '/organizations',
		listVersion: 'v2',
		searchPath: '/organizations/search',
		nameKey: 'name',
		webPath: (id) => `/organization/${id}`,
	},
	product: { listPath: '/products', listVersion: 'v2', searchPath: '/products/search', nameKey: 'name', webPath: (id) => `/product/${id}` },
	lead: { listPath: '/leads', listVersion: 'v1', searchPath: '/leads/search', nameKey: 'title', webPath: (id) => `/leads/inbox/${id}` },
	activity: { listPath: '/activities', listVersion: 'v2', nameKey: 'subject', webPath: (id) => `/activities/list?activity=${id}` },
};

async function webBase(ctx: ILoadOptionsFunctions): Promise<string> {
	const domain = await apiDomainOf(ctx);
	return domain.replace('://api.pipedrive.com', '://app.pipedrive.com');
}

/** One page of records for a resource locator: a search when the user typed 2+ characters, else the list. */
async function search(ctx: ILoadOptionsFunctions, entity: string, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const target = TARGETS[entity];
	const term = filter?.trim() ?? '';
	const searching = !!target.searchPath && term.length >= 2;
	const qs: IDataObject = { limit: 50 };
	const version = searching ? 'v2' : target.listVersion;
	const style = version === 'v2' ? 'cursor' : 'offset';
	if (token) qs[style === 'cursor' ? 'cursor' : 'start'] = style === 'cursor' ? token : Number(token);
	if (searching) qs.term = term;
	const { body } = await pipedriveRequest(ctx, { method: 'GET', version, path: searching ? target.searchPath! : target.listPath, qs });
	const base = await webBase(ctx);
	let records = (recordsOf(body) as IDataObject[]).map((r) => (r.item as IDataObject) ?? r);
	if (!searching && term) {
		records = records.filter((r) => String(r[target.nameKey] ?? '').toLowerCase().includes(term.toLowerCase()));
	}
	const next = nextPage(style, body);
	return {
		results: records.map((r) => ({
			name: String(r[target.nameKey] ?? r.id),
			value: r.id as string | number,
			url: `${base}${target.webPath(r.id as string | number)}`,
		})),
		paginationToken: next ? String(next.cursor ?? next.start) : undefined,
	};
}

function searcher(entity: string) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		return await search(this, entity, filter, paginationToken);
	};
}

export const listSearch = {
	searchDeals: searcher('deal'),
	searchPersons: searcher('person'),
	searchOrganizations: searcher('organization'),
	searchProducts: searcher('product'),
	searchLeads: searcher('lead'),
	searchActivities: searcher('activity'),
};
