import type { ResourceSurface } from './types';

/** Activity Type: the operations of operations/activityType.json as users see them. */
export const activityType: ResourceSurface = {
	addActivityType: { name: 'Create', action: 'Create an activity type', fields: { icon_key: { displayName: 'Icon', default: 'task' } } },
	deleteActivityType: { name: 'Delete', action: 'Delete an activity type' },
	getActivityTypes: { name: 'Get Many', action: 'Get many activity types' },
	updateActivityType: {
		name: 'Update',
		action: 'Update an activity type',
		fields: {
			icon_key: { displayName: 'Icon', default: 'task' },
			order_nr: { displayName: 'Order', description: 'The position of the type in lists' },
		},
	},
};
