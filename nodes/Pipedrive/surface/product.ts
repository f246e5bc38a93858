import type { ResourceSurface } from './types';

/** Product: the operations of operations/product.json as users see them. */
export const product: ResourceSurface = {
	addProduct: { name: 'Create', action: 'Create a product' },
	addProductFollower: { name: 'Add Follower', action: 'Add a follower to a product' },
	addProductVariation: { name: 'Add Variation', action: 'Add a variation to a product' },
	deleteProduct: { name: 'Delete', action: 'Delete a product' },
	deleteProductFollower: { name: 'Remove Follower', action: 'Remove a follower from a product' },
	deleteProductImage: { name: 'Delete Image', action: 'Delete the image of a product' },
	deleteProductVariation: { name: 'Delete Variation', action: 'Delete a variation of a product' },
	duplicateProduct: { name: 'Duplicate', action: 'Duplicate a product' },
	getProduct: { name: 'Get', action: 'Get a product' },
	getProductDeals: { name: 'Get Many Deals', action: 'Get many deals with a product' },
	getProductFiles: { name: 'Get Many Files', action: 'Get many files of a product' },
	getProductFollowers: { name: 'Get Many Followers', action: 'Get many followers of a product' },
	getProductFollowersChangelog: { name: 'Get Follower Changes', action: 'Get follower changes of a product' },
	getProductImage: { name: 'Get Image', action: 'Get the image of a product' },
	getProducts: { name: 'Get Many', action: 'Get many products' },
	getProductUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a product' },
	getProductVariations: { name: 'Get Many Variations', action: 'Get many variations of a product' },
	searchProducts: { name: 'Search', action: 'Search products' },
	updateProduct: { name: 'Update', action: 'Update a product' },
	updateProductImage: { name: 'Update Image', action: 'Update the image of a product' },
	updateProductVariation: { name: 'Update Variation', action: 'Update a variation of a product' },
	uploadProductImage: { name: 'Upload Image', action: 'Upload an image for a product' },
};
