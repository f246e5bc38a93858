import type { ResourceSurface } from './types';

/** File: the operations of operations/file.json as users see them. */
export const file: ResourceSurface = {
	addFile: { name: 'Upload', action: 'Upload a file' },
	addFileAndLinkIt: { name: 'Create Remote File', action: 'Create a remote file linked to an item' },
	deleteFile: { name: 'Delete', action: 'Delete a file' },
	downloadFile: { name: 'Download', action: 'Download a file' },
	getFile: { name: 'Get', action: 'Get a file' },
	getFiles: { name: 'Get Many', action: 'Get many files' },
	linkFileToItem: { name: 'Link Remote File', action: 'Link a remote file to an item' },
	updateFile: { name: 'Update', action: 'Update a file' },
};
