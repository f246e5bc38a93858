import type { ResourceSurface } from './types';

/** Note: the operations of operations/note.json as users see them. */
export const note: ResourceSurface = {
	addNote: { name: 'Create', action: 'Create a note' },
	addNoteComment: { name: 'Add Comment', action: 'Add a comment to a note' },
	deleteComment: { name: 'Delete Comment', action: 'Delete a comment from a note' },
	deleteNote: { name: 'Delete', action: 'Delete a note' },
	getComment: { name: 'Get Comment', action: 'Get a comment of a note' },
	getNote: { name: 'Get', action: 'Get a note' },
	getNoteComments: { name: 'Get Many Comments', action: 'Get many comments of a note' },
	getNotes: { name: 'Get Many', action: 'Get many notes' },
	updateCommentForNote: { name: 'Update Comment', action: 'Update a comment of a note' },
	updateNote: { name: 'Update', action: 'Update a note' },
};
