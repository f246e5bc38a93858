import type { ResourceSurface } from './types';

/** Item Search: the operations of operations/itemSearch.json as users see them. */
export const itemSearch: ResourceSurface = {
	searchItem: {
		name: 'Search',
		action: 'Search items of several types',
		description: 'Search deals, persons, organizations, products, leads, files and projects at once',
	},
	searchItemByField: {
		name: 'Search by Field',
		action: 'Search items by one field',
		description: 'Search the values of one field, e.g. for autocompletion',
		order: ['entity_type', 'field', 'term'],
		fields: { field: { description: 'The key of the field to search in', placeholder: 'e.g. title' } },
	},
};
