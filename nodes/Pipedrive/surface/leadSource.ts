import type { ResourceSurface } from './types';

/** Lead Source: the operations of operations/leadSource.json as users see them. */
export const leadSource: ResourceSurface = {
	getLeadSources: { name: 'Get Many', action: 'Get many lead sources' },
};
