import type { ResourceSurface } from './types';

/** Activity: the operations of operations/activity.json as users see them. */
export const activity: ResourceSurface = {
	addActivity: { name: 'Create', action: 'Create an activity' },
	deleteActivity: { name: 'Delete', action: 'Delete an activity' },
	getActivities: { name: 'Get Many', action: 'Get many activities' },
	getActivity: { name: 'Get', action: 'Get an activity' },
	updateActivity: { name: 'Update', action: 'Update an activity' },
};
