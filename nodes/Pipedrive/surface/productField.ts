import type { ResourceSurface } from './types';

/** Product Field: the operations of operations/productField.json as users see them. */
export const productField: ResourceSurface = {
	addProductField: { name: 'Create', action: 'Create a product field' },
	addProductFieldOptions: { name: 'Add Options', action: 'Add options to a product field' },
	deleteProductField: { name: 'Delete', action: 'Delete a product field' },
	deleteProductFieldOptions: { name: 'Delete Options', action: 'Delete options from a product field' },
	deleteProductFields: { name: 'Delete Many', action: 'Delete many product fields' },
	getProductField: { name: 'Get', action: 'Get a product field' },
	getProductFields: { name: 'Get Many', action: 'Get many product fields' },
	updateProductField: { name: 'Update', action: 'Update a product field' },
	updateProductFieldOptions: { name: 'Update Options', action: 'Update options of a product field' },
};
