import { DATE, idList } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const INSTALLMENT_WRITE: Record<string, FieldSurface> = {
	description: { displayName: 'Name', description: 'The name of the installment' },
	billing_date: { ...DATE, description: 'When the installment is charged' },
	amount: { description: 'The amount of the installment' },
};

/** Deal Installment: the operations of operations/dealInstallment.json as users see them. */
export const dealInstallment: ResourceSurface = {
	deleteInstallment: {
		name: 'Delete',
		action: 'Delete an installment from a deal',
		fields: { installment_id: { displayName: 'Installment ID' } },
	},
	getInstallments: {
		name: 'Get Many',
		action: 'Get many installments of deals',
		description: 'List the installments of up to 100 deals',
		fields: { deal_ids: idList('deals (up to 100)', 'Deal IDs') },
	},
	postInstallment: {
		name: 'Add',
		action: 'Add an installment to a deal',
		description: 'Split the payment of a deal with one-time products into installments',
		order: ['id', 'description', 'amount', 'billing_date'],
		fields: INSTALLMENT_WRITE,
	},
	updateInstallment: {
		name: 'Update',
		action: 'Update an installment of a deal',
		fields: { ...INSTALLMENT_WRITE, installment_id: { displayName: 'Installment ID' } },
	},
};
