import type { ResourceSurface } from './types';

/** Mailbox: the operations of operations/mailbox.json as users see them. */
export const mailbox: ResourceSurface = {
	deleteMailThread: { name: 'Delete Thread', action: 'Delete a mail thread' },
	getMailMessage: { name: 'Get Message', action: 'Get a mail message' },
	getMailThread: { name: 'Get Thread', action: 'Get a mail thread' },
	getMailThreadMessages: { name: 'Get Many Thread Messages', action: 'Get many messages of a mail thread' },
	getMailThreads: {
		name: 'Get Many Threads',
		action: 'Get many mail threads',
		description: 'List the mail threads of a folder, newest first',
		fields: {
			folder: {
				options: [
					{ name: 'Archive', value: 'archive' },
					{ name: 'Drafts', value: 'drafts' },
					{ name: 'Inbox', value: 'inbox' },
					{ name: 'Sent', value: 'sent' },
				],
				default: 'inbox',
			},
		},
	},
	updateMailThreadDetails: {
		name: 'Update Thread',
		action: 'Update a mail thread',
		description: 'Link a mail thread to a deal or lead, share it, mark it read or archive it',
		fields: {
			shared_flag: { displayName: 'Shared', description: 'Whether the thread is shared with the other users of the company' },
			read_flag: { displayName: 'Read', description: 'Whether the thread is read' },
			archived_flag: { displayName: 'Archived', description: 'Whether the thread is archived' },
		},
	},
};
