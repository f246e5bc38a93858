import type { ResourceSurface } from './types';

/** Deal Installment: the operations of operations/dealInstallment.json as users see them. */
export const dealInstallment: ResourceSurface = {
	deleteInstallment: { name: 'Delete', action: 'Delete an installment from a deal' },
	getInstallments: { name: 'Get Many', action: 'Get many installments of deals' },
	postInstallment: { name: 'Add', action: 'Add an installment to a deal' },
	updateInstallment: { name: 'Update', action: 'Update an installment of a deal' },
};
