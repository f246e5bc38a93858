import type { ResourceSurface } from './types';

/** Mailbox: the operations of operations/mailbox.json as users see them. */
export const mailbox: ResourceSurface = {
	deleteMailThread: { name: 'Delete Thread', action: 'Delete a mail thread' },
	getMailMessage: { name: 'Get Message', action: 'Get a mail message' },
	getMailThread: { name: 'Get Thread', action: 'Get a mail thread' },
	getMailThreadMessages: { name: 'Get Many Thread Messages', action: 'Get many messages of a mail thread' },
	getMailThreads: { name: 'Get Many Threads', action: 'Get many mail threads' },
	updateMailThreadDetails: { name: 'Update Thread', action: 'Update a mail thread' },
};
