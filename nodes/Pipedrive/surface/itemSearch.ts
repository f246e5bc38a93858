import type { ResourceSurface } from './types';

/** Item Search: the operations of operations/itemSearch.json as users see them. */
export const itemSearch: ResourceSurface = {
	searchItem: { name: 'Search', action: 'Search items of several types' },
	searchItemByField: { name: 'Search by Field', action: 'Search items by one field' },
};
