import type { ResourceSurface } from './types';

/** Deal Product: the operations of operations/dealProduct.json as users see them. */
export const dealProduct: ResourceSurface = {
	addDealProduct: { name: 'Add', action: 'Add a product to a deal' },
	addManyDealProducts: { name: 'Add Many', action: 'Add many products to a deal' },
	deleteDealProduct: { name: 'Remove', action: 'Remove a product from a deal' },
	deleteManyDealProducts: { name: 'Remove Many', action: 'Remove many products from a deal' },
	getDealProducts: { name: 'Get Many', action: 'Get many products of a deal' },
	getDealsProducts: { name: 'Get Many of Several Deals', action: 'Get many products of several deals' },
	updateDealProduct: { name: 'Update', action: 'Update a product of a deal' },
};
