import type { ResourceSurface } from './types';

/** Lead Label: the operations of operations/leadLabel.json as users see them. */
export const leadLabel: ResourceSurface = {
	addLeadLabel: { name: 'Create', action: 'Create a lead label' },
	deleteLeadLabel: { name: 'Delete', action: 'Delete a lead label' },
	getLeadLabels: { name: 'Get Many', action: 'Get many lead labels' },
	updateLeadLabel: { name: 'Update', action: 'Update a lead label' },
};
