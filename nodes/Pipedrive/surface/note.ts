import type { FieldSurface, ResourceSurface } from './types';

const CONTENT: FieldSurface = { description: 'The content of the note, in HTML' };

/** Note: the operations of operations/note.json as users see them. */
export const note: ResourceSurface = {
	addNote: {
		name: 'Create',
		action: 'Create a note',
		description: 'Add a note to a deal, person, organization, lead or project',
		fields: { content: CONTENT },
	},
	addNoteComment: { name: 'Add Comment', action: 'Add a comment to a note', fields: { content: { description: 'The comment, in HTML' } } },
	deleteComment: { name: 'Delete Comment', action: 'Delete a comment from a note' },
	deleteNote: { name: 'Delete', action: 'Delete a note' },
	getComment: { name: 'Get Comment', action: 'Get a comment of a note' },
	getNote: { name: 'Get', action: 'Get a note' },
	getNoteComments: { name: 'Get Many Comments', action: 'Get many comments of a note' },
	getNotes: { name: 'Get Many', action: 'Get many notes' },
	updateCommentForNote: {
		name: 'Update Comment',
		action: 'Update a comment of a note',
		fields: { content: { description: 'The comment, in HTML' } },
	},
	updateNote: { name: 'Update', action: 'Update a note', fields: { content: CONTENT } },
};
