import type { ResourceSurface } from './types';

/** Channel: the operations of operations/channel.json as users see them. */
export const channel: ResourceSurface = {
	addChannel: { name: 'Create', action: 'Create a channel' },
	deleteChannel: { name: 'Delete', action: 'Delete a channel' },
	deleteConversation: { name: 'Delete Conversation', action: 'Delete a conversation from a channel' },
	receiveMessage: { name: 'Receive Message', action: 'Receive a message in a channel' },
};
