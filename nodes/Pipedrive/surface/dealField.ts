import type { ResourceSurface } from './types';

/** Deal Field: the operations of operations/dealField.json as users see them. */
export const dealField: ResourceSurface = {
	addDealField: { name: 'Create', action: 'Create a deal field' },
	addDealFieldOptions: { name: 'Add Options', action: 'Add options to a deal field' },
	deleteDealField: { name: 'Delete', action: 'Delete a deal field' },
	deleteDealFieldOptions: { name: 'Delete Options', action: 'Delete options from a deal field' },
	deleteDealFields: { name: 'Delete Many', action: 'Delete many deal fields' },
	getDealField: { name: 'Get', action: 'Get a deal field' },
	getDealFields: { name: 'Get Many', action: 'Get many deal fields' },
	updateDealField: { name: 'Update', action: 'Update a deal field' },
	updateDealFieldOptions: { name: 'Update Options', action: 'Update options of a deal field' },
};
