import type { ResourceSurface } from './types';

/** Meeting: the operations of operations/meeting.json as users see them. */
export const meeting: ResourceSurface = {
	deleteUserProviderLink: { name: 'Unlink User', action: 'Unlink a user from a video call integration' },
	saveUserProviderLink: { name: 'Link User', action: 'Link a user to a video call integration' },
};
