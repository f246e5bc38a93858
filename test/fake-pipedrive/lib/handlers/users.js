// @ts-check
'use strict';

const { ApiError, sendJson } = require('../http');

/** @type {import('./index').Handler} */
const me = {
	handle(ctx, call) {
		const user = ctx.store.get('users', call.auth.userId);
		if (!user) throw new ApiError(404, 'User not found');
		sendJson(call.res, 200, { success: true, data: { ...user, is_you: true } });
	},
};

module.exports = { me };
