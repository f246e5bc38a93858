import { BILLING_CYCLES, BILLING_FREQUENCY, FOLLOWER_ID } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const PRODUCT_WRITE: Record<string, FieldSurface> = {
	code: { description: 'The product code, e.g. a SKU' },
	unit: { description: 'The unit the product is sold in', placeholder: 'e.g. hours' },
	tax: { description: 'The tax rate in percent' },
	category: { description: 'The ID of the category option (Product Field → Get lists the options)' },
	is_linkable: { description: 'Whether the product can be added to deals' },
	prices: { description: 'The prices of the product, one per currency, each with its price and optionally its cost' },
	billing_frequency: BILLING_FREQUENCY,
	billing_frequency_cycles: BILLING_CYCLES,
};

const VARIATION_PRICES: FieldSurface = {
	description: 'The prices of the variation, one per currency, each with its price and optionally its cost',
};

/** Product: the operations of operations/product.json as users see them. */
export const product: ResourceSurface = {
	addProduct: {
		name: 'Create',
		action: 'Create a product',
		description: 'Create a product in the products catalog',
		fields: PRODUCT_WRITE,
	},
	addProductFollower: { name: 'Add Follower', action: 'Add a follower to a product' },
	addProductVariation: { name: 'Add Variation', action: 'Add a variation to a product', fields: { prices: VARIATION_PRICES } },
	deleteProduct: { name: 'Delete', action: 'Delete a product' },
	deleteProductFollower: { name: 'Remove Follower', action: 'Remove a follower from a product', fields: { follower_id: FOLLOWER_ID } },
	deleteProductImage: { name: 'Delete Image', action: 'Delete the image of a product' },
	deleteProductVariation: { name: 'Delete Variation', action: 'Delete a variation of a product' },
	duplicateProduct: { name: 'Duplicate', action: 'Duplicate a product' },
	getProduct: { name: 'Get', action: 'Get a product' },
	getProductDeals: {
		name: 'Get Many Deals',
		action: 'Get many deals with a product',
		description: 'List the deals a product is attached to',
		fields: {
			status: {
				options: [
					{ name: 'All Not Deleted', value: 'all_not_deleted' },
					{ name: 'Deleted', value: 'deleted' },
					{ name: 'Lost', value: 'lost' },
					{ name: 'Open', value: 'open' },
					{ name: 'Won', value: 'won' },
				],
				default: 'all_not_deleted',
			},
		},
	},
	getProductFiles: { name: 'Get Many Files', action: 'Get many files of a product' },
	getProductFollowers: { name: 'Get Many Followers', action: 'Get many followers of a product' },
	getProductFollowersChangelog: {
		name: 'Get Follower Changes',
		action: 'Get follower changes of a product',
		description: 'List when users started and stopped following a product',
	},
	getProductImage: { name: 'Get Image', action: 'Get the image of a product' },
	getProducts: { name: 'Get Many', action: 'Get many products' },
	getProductUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a product' },
	getProductVariations: { name: 'Get Many Variations', action: 'Get many variations of a product' },
	searchProducts: { name: 'Search', action: 'Search products' },
	updateProduct: {
		name: 'Update',
		action: 'Update a product',
		description: 'Change the fields of a product; fields left out keep their values',
		fields: PRODUCT_WRITE,
	},
	updateProductImage: { name: 'Update Image', action: 'Update the image of a product' },
	updateProductVariation: { name: 'Update Variation', action: 'Update a variation of a product', fields: { prices: VARIATION_PRICES } },
	uploadProductImage: { name: 'Upload Image', action: 'Upload an image for a product' },
};
