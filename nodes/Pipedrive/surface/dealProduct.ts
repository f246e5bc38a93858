import { BILLING_CYCLES, BILLING_FREQUENCY, DATE, idList } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const ATTACHMENT: Record<string, FieldSurface> = {
	item_price: { displayName: 'Item Price', description: 'The price of one unit', placeholder: 'e.g. 100' },
	quantity: { description: 'How many units', default: 1 },
	discount: { description: 'The discount, in percent or as an amount (see Discount Type)' },
	tax: { description: 'The tax rate in percent' },
	billing_frequency: BILLING_FREQUENCY,
	billing_frequency_cycles: BILLING_CYCLES,
	billing_start_date: { ...DATE, description: 'When billing starts; not for one-time billing' },
	is_enabled: { description: 'Whether the product counts towards the deal value' },
};

/** Deal Product: the operations of operations/dealProduct.json as users see them. */
export const dealProduct: ResourceSurface = {
	addDealProduct: {
		name: 'Add',
		action: 'Add a product to a deal',
		description: 'Attach a product to a deal with its price, quantity, discount and tax',
		order: ['id', 'product_id', 'item_price', 'quantity'],
		fields: ATTACHMENT,
	},
	addManyDealProducts: {
		name: 'Add Many',
		action: 'Add many products to a deal',
		description: 'Attach several products to a deal at once, each with its price and quantity',
		fields: { data: { displayName: 'Products', description: 'The products to attach, each with its product ID, item price and quantity' } },
	},
	deleteDealProduct: {
		name: 'Remove',
		action: 'Remove a product from a deal',
		fields: {
			product_attachment_id: { displayName: 'Attachment ID', description: 'The ID of the product on the deal (Get Many lists them)' },
		},
	},
	deleteManyDealProducts: { name: 'Remove Many', action: 'Remove many products from a deal' },
	getDealProducts: { name: 'Get Many', action: 'Get many products of a deal' },
	getDealsProducts: {
		name: 'Get Many Across Deals',
		action: 'Get many products of several deals',
		description: 'List the products attached to up to 100 deals',
		fields: { deal_ids: idList('deals (up to 100)', 'Deal IDs') },
	},
	updateDealProduct: {
		name: 'Update',
		action: 'Update a product of a deal',
		fields: {
			...ATTACHMENT,
			product_attachment_id: { displayName: 'Attachment ID', description: 'The ID of the product on the deal (Get Many lists them)' },
		},
	},
};
