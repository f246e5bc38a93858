import type { ResourceSurface } from './types';

/** File: the operations of operations/file.json as users see them. */
export const file: ResourceSurface = {
	addFile: {
		name: 'Upload',
		action: 'Upload a file',
		description: 'Upload a file and attach it to a deal, person, organization, activity, product, lead or project',
	},
	addFileAndLinkIt: {
		name: 'Create Remote File',
		action: 'Create a remote file linked to an item',
		description: 'Create an empty Google Drive document and link it to a deal, person or organization',
		order: ['title', 'file_type', 'item_type', 'item_id', 'remote_location'],
		fields: {
			file_type: {
				description: 'The kind of Google document to create',
				options: [
					{ name: 'Google Docs', value: 'gdoc' },
					{ name: 'Google Drawings', value: 'gdraw' },
					{ name: 'Google Forms', value: 'gform' },
					{ name: 'Google Sheets', value: 'gsheet' },
					{ name: 'Google Slides', value: 'gslides' },
				],
				default: 'gdoc',
			},
			item_type: { description: 'The kind of record to link the file to' },
			item_id: { description: 'The ID of the record to link the file to' },
			remote_location: { options: [{ name: 'Google Drive', value: 'googledrive' }], default: 'googledrive' },
		},
	},
	deleteFile: { name: 'Delete', action: 'Delete a file' },
	downloadFile: { name: 'Download', action: 'Download a file', description: 'Download the content of a file into a binary field' },
	getFile: { name: 'Get', action: 'Get a file' },
	getFiles: { name: 'Get Many', action: 'Get many files' },
	linkFileToItem: {
		name: 'Link Remote File',
		action: 'Link a remote file to an item',
		description: 'Link an existing Google Drive file to a deal, person or organization',
		fields: {
			item_type: { description: 'The kind of record to link the file to' },
			item_id: { description: 'The ID of the record to link the file to' },
			remote_id: { displayName: 'Remote File ID', description: 'The ID of the file in Google Drive' },
			remote_location: { options: [{ name: 'Google Drive', value: 'googledrive' }], default: 'googledrive' },
		},
	},
	updateFile: { name: 'Update', action: 'Update a file' },
};
