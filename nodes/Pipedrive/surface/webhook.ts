import type { ResourceSurface } from './types';

/** Webhook: the operations of operations/webhook.json as users see them. */
export const webhook: ResourceSurface = {
	addWebhook: {
		name: 'Create',
		action: 'Create a webhook',
		description: 'Subscribe a URL to changes in Pipedrive (the Pipedrive Complete Trigger does this for you)',
		order: ['name', 'subscription_url', 'event_action', 'event_object'],
		fields: {
			subscription_url: {
				displayName: 'URL',
				description: 'The public URL Pipedrive sends the events to',
				placeholder: 'e.g. https://example.com/webhook',
			},
			event_action: {
				displayName: 'Action',
				options: [
					{ name: 'All', value: '*' },
					{ name: 'Change', value: 'change' },
					{ name: 'Create', value: 'create' },
					{ name: 'Delete', value: 'delete' },
				],
				default: '*',
			},
			event_object: {
				displayName: 'Object',
				options: [
					{ name: 'Activity', value: 'activity' },
					{ name: 'All', value: '*' },
					{ name: 'Deal', value: 'deal' },
					{ name: 'Lead', value: 'lead' },
					{ name: 'Note', value: 'note' },
					{ name: 'Organization', value: 'organization' },
					{ name: 'Person', value: 'person' },
					{ name: 'Pipeline', value: 'pipeline' },
					{ name: 'Product', value: 'product' },
					{ name: 'Stage', value: 'stage' },
					{ name: 'User', value: 'user' },
				],
				default: 'deal',
			},
			user_id: { hint: 'Events are sent only for what this user can see' },
			http_auth_user: { displayName: 'Basic Auth User', description: 'The user name Pipedrive sends with each event (HTTP Basic auth)' },
			http_auth_password: {
				displayName: 'Basic Auth Password',
				description: 'The password Pipedrive sends with each event (HTTP Basic auth)',
			},
			version: {
				options: [
					{ name: 'Version 1 (Legacy)', value: '1.0' },
					{ name: 'Version 2', value: '2.0' },
				],
				default: '2.0',
			},
		},
	},
	deleteWebhook: { name: 'Delete', action: 'Delete a webhook' },
	getWebhooks: { name: 'Get Many', action: 'Get many webhooks' },
};
