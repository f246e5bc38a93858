import type { ResourceSurface } from './types';

/** Billing: the operations of operations/billing.json as users see them. */
export const billing: ResourceSurface = {
	getCompanyAddons: {
		name: 'Get Many Add-Ons',
		action: 'Get many addons of the company',
		description: 'List the add-ons of the company’s subscription',
	},
};
