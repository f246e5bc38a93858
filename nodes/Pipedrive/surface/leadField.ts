import type { ResourceSurface } from './types';

/** Lead Field: the operations of operations/leadField.json as users see them. */
export const leadField: ResourceSurface = {
	getLeadFields: { name: 'Get Many', action: 'Get many lead fields' },
};
