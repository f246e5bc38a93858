import type { ResourceSurface } from './types';

/** Webhook: the operations of operations/webhook.json as users see them. */
export const webhook: ResourceSurface = {
	addWebhook: { name: 'Create', action: 'Create a webhook' },
	deleteWebhook: { name: 'Delete', action: 'Delete a webhook' },
	getWebhooks: { name: 'Get Many', action: 'Get many webhooks' },
};
