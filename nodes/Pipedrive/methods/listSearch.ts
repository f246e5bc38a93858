import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { ListRequest } from '../lists';
import { readPage } from '../lists';
import { apiDomainOf } from '../transport/request';

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

const PAGE_SIZE = 50;

/** One page of records for a resource locator: a search when the user typed 2+ characters, else the list. */
async function search(ctx: ILoadOptionsFunctions, entity: string, filter?: string, token?: string): Promise<INodeListSearchResult> {
	const target = TARGETS[entity];
	const term = filter?.trim() ?? '';
	const searching = !!target.searchPath && term.length >= 2;
	const request: ListRequest = searching
		? { version: 'v2', path: target.searchPath!, qs: { term } }
		: { version: target.listVersion, path: target.listPath };
	const [{ records: found, next }, base] = await Promise.all([readPage(ctx, request, PAGE_SIZE, token), webBase(ctx)]);
	let records = found.map((r) => (r.item as IDataObject) ?? r);
	if (!searching && term) {
		records = records.filter((r) => String(r[target.nameKey] ?? '').toLowerCase().includes(term.toLowerCase()));
	}
	return {
		results: records.map((r) => ({
			name: String(r[target.nameKey] ?? r.id),
			value: r.id as string | number,
			url: `${base}${target.webPath(r.id as string | number)}`,
		})),
		paginationToken: next,
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
