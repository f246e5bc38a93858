import type { ResourceSurface } from './types';

/** Filter: the operations of operations/filter.json as users see them. */
export const filter: ResourceSurface = {
	addFilter: { name: 'Create', action: 'Create a filter' },
	deleteFilter: { name: 'Delete', action: 'Delete a filter' },
	deleteFilters: { name: 'Delete Many', action: 'Delete many filters' },
	getFilter: { name: 'Get', action: 'Get a filter' },
	getFilterHelpers: { name: 'Get Helpers', action: 'Get the filter helpers' },
	getFilters: { name: 'Get Many', action: 'Get many filters' },
	updateFilter: { name: 'Update', action: 'Update a filter' },
};
