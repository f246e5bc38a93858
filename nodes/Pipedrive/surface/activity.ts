import { DATE, TIME } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const ACTIVITY_WRITE: Record<string, FieldSurface> = {
	due_date: { ...DATE, description: 'The day the activity is due' },
	due_time: { ...TIME, description: 'The time the activity is due, in UTC' },
	duration: { ...TIME, description: 'How long the activity takes, as hours and minutes', placeholder: 'e.g. 01:30' },
	busy: { description: 'Whether the activity marks the owner as busy in their calendar' },
	done: { description: 'Whether the activity is done' },
	priority: { description: 'The priority option ID (Activity Field → Get lists the options)' },
	public_description: { description: 'A description shared with the attendees of the activity' },
	note: { description: 'A note about the activity, in HTML' },
	participants: { description: 'The persons taking part, each with their person ID; one may be primary' },
	attendees: { description: 'The people invited, each with their email address and optionally their name' },
};

/** Activity: the operations of operations/activity.json as users see them. */
export const activity: ResourceSurface = {
	addActivity: {
		name: 'Create',
		action: 'Create an activity',
		description: 'Schedule a call, meeting, task or other activity, linked to deals and contacts',
		fields: ACTIVITY_WRITE,
	},
	deleteActivity: { name: 'Delete', action: 'Delete an activity' },
	getActivities: { name: 'Get Many', action: 'Get many activities' },
	getActivity: { name: 'Get', action: 'Get an activity' },
	updateActivity: {
		name: 'Update',
		action: 'Update an activity',
		description: 'Change the fields of an activity, e.g. mark it done; fields left out keep their values',
		fields: ACTIVITY_WRITE,
	},
};
