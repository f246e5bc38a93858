import type { ResourceSurface } from './types';

/** Person Field: the operations of operations/personField.json as users see them. */
export const personField: ResourceSurface = {
	addPersonField: { name: 'Create', action: 'Create a person field' },
	addPersonFieldOptions: { name: 'Add Options', action: 'Add options to a person field' },
	deletePersonField: { name: 'Delete', action: 'Delete a person field' },
	deletePersonFieldOptions: { name: 'Delete Options', action: 'Delete options from a person field' },
	deletePersonFields: { name: 'Delete Many', action: 'Delete many person fields' },
	getPersonField: { name: 'Get', action: 'Get a person field' },
	getPersonFields: { name: 'Get Many', action: 'Get many person fields' },
	updatePersonField: { name: 'Update', action: 'Update a person field' },
	updatePersonFieldOptions: { name: 'Update Options', action: 'Update options of a person field' },
};
