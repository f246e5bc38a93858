import type { ResourceSurface } from './types';

/** Currency: the operations of operations/currency.json as users see them. */
export const currency: ResourceSurface = {
	getCurrencies: {
		name: 'Get Many',
		action: 'Get many currencies',
		description: 'List the currencies of the company, with their codes for monetary values',
		filters: true,
	},
};
