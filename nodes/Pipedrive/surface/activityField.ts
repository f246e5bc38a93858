import type { ResourceSurface } from './types';

/** Activity Field: the operations of operations/activityField.json as users see them. */
export const activityField: ResourceSurface = {
	getActivityField: { name: 'Get', action: 'Get an activity field' },
	getActivityFields: { name: 'Get Many', action: 'Get many activity fields' },
};
