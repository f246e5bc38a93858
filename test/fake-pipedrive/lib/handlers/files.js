// @ts-check
'use strict';

/** `POST /v1/files` (multipart upload) and `GET /v1/files/{id}/download`; other file operations are CRUD. */

const { entityFor } = require('../entities');
const { ApiError, send, sendJson } = require('../http');
const { insertRow } = require('../seed');

/** @typedef {import('./index').Handler} Handler */
/** @typedef {import('../http').UploadedFile} UploadedFile */

/** Multipart fields that link the file to an item. */
const LINK_FIELDS = ['deal_id', 'person_id', 'org_id', 'product_id', 'activity_id', 'lead_id', 'project_id'];

/** @param {UploadedFile} file */
function fileTypeOf(file) {
	if (file.contentType.startsWith('image/')) return 'img';
	const extension = /\.([a-z0-9]+)$/i.exec(file.filename)?.[1]?.toLowerCase();
	return extension ?? 'other';
}

/** @param {string} name */
function contentDisposition(name) {
	const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
	return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** @type {Handler} */
const upload = {
	handle(ctx, call) {
		const { fields = {}, files = [] } = call.body ?? {};
		const file = /** @type {UploadedFile[]} */ (files).find((f) => f.field === 'file') ?? files[0];
		if (!file) throw new ApiError(400, 'No file was uploaded');
		const links = Object.fromEntries(LINK_FIELDS.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]]));
		const row = insertRow(ctx, entityFor('files'), {
			...links,
			user_id: 1,
			file_name: file.filename,
			name: file.filename,
			file_type: fileTypeOf(file),
			file_size: file.size,
			remote_location: 's3',
			description: '',
		});
		row.url = `${ctx.url}/v1/files/${row.id}/download`;
		ctx.store.fileContents.set(row.id, { data: file.data ?? Buffer.alloc(0), contentType: file.contentType });
		sendJson(call.res, call.op.successStatus, { success: true, data: row });
	},
};

/** @type {Handler} */
const download = {
	handle(ctx, call) {
		const row = ctx.store.get('files', call.params.id);
		const content = row && ctx.store.fileContents.get(row.id);
		if (!row || !content) throw new ApiError(404, 'File not found');
		send(call.res, 200, content.data, content.contentType, { 'content-disposition': contentDisposition(row.name) });
	},
};

module.exports = { upload, download };
