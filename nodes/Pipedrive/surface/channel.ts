import type { ResourceSurface } from './types';

/** Channel: the operations of operations/channel.json as users see them. */
export const channel: ResourceSurface = {
	addChannel: {
		name: 'Create',
		action: 'Create a channel',
		description: 'Register a messaging channel (admins only, Messengers integration)',
		fields: {
			provider_type: { description: 'Which icons Pipedrive shows for the channel' },
			avatar_url: { displayName: 'Avatar URL', placeholder: 'e.g. https://example.com/icon.png' },
		},
	},
	deleteChannel: {
		name: 'Delete',
		action: 'Delete a channel',
		description:
			'Delete a messaging channel with its conversations and messages. Deprecated: part of the Messengers integration, no replacement announced.',
	},
	deleteConversation: { name: 'Delete Conversation', action: 'Delete a conversation from a channel' },
	receiveMessage: {
		name: 'Receive Message',
		action: 'Receive a message in a channel',
		description: 'Add a message from a messaging app to a Pipedrive conversation',
		fields: {
			id: { displayName: 'Message ID' },
			created_at: { displayName: 'Created At', description: 'When the message was created' },
			reply_by: { displayName: 'Reply By', description: 'When the message can no longer be answered' },
		},
	},
};
