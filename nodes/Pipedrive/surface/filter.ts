import type { FieldSurface, ResourceSurface } from './types';

const FILTER_TYPES: FieldSurface = {
	displayName: 'Type',
	options: [
		{ name: 'Activities', value: 'activity' },
		{ name: 'Deals', value: 'deals' },
		{ name: 'Leads', value: 'leads' },
		{ name: 'Organizations', value: 'org' },
		{ name: 'Persons', value: 'people' },
		{ name: 'Products', value: 'products' },
		{ name: 'Projects', value: 'projects' },
	],
	default: 'deals',
};

const CONDITIONS: FieldSurface = {
	description: 'The conditions, as Pipedrive documents them: two groups, the first joined by AND, the second by OR',
};

/** Filter: the operations of operations/filter.json as users see them. */
export const filter: ResourceSurface = {
	addFilter: {
		name: 'Create',
		action: 'Create a filter',
		description: 'Create a saved filter of deals, leads, persons, organizations, products, activities or projects',
		order: ['name', 'type', 'conditions'],
		fields: { type: { ...FILTER_TYPES, description: 'What the filter finds' }, conditions: CONDITIONS },
	},
	deleteFilter: { name: 'Delete', action: 'Delete a filter' },
	deleteFilters: { name: 'Delete Many', action: 'Delete many filters' },
	getFilter: { name: 'Get', action: 'Get a filter' },
	getFilterHelpers: { name: 'Get Helpers', action: 'Get the filter helpers' },
	getFilters: {
		name: 'Get Many',
		action: 'Get many filters',
		filters: true,
		fields: { type: { ...FILTER_TYPES, description: 'Only filters of this type' } },
	},
	updateFilter: { name: 'Update', action: 'Update a filter', fields: { conditions: CONDITIONS } },
};
