import type { ResourceSurface } from './types';

/** Meeting: the operations of operations/meeting.json as users see them. */
export const meeting: ResourceSurface = {
	deleteUserProviderLink: {
		name: 'Unlink User',
		action: 'Unlink a user from a video call integration',
		description: 'For video call apps: remove the link between a user and the app',
	},
	saveUserProviderLink: {
		name: 'Link User',
		action: 'Link a user to a video call integration',
		description: 'For video call apps: register a user who installed the app',
		fields: {
			user_provider_id: { displayName: 'User Provider ID', description: 'The ID that links the user to the installed integration' },
			marketplace_client_id: {
				displayName: 'Marketplace Client ID',
				description: 'The Marketplace client ID of the installed integration',
			},
		},
	},
};
