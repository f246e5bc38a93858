import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { API_TOKEN_CREDENTIAL, PIPEDRIVE_APP_CREDENTIAL } from './transport/credentials';

/** The credential choice both nodes offer; the transport reads it to pick the credential type. */
export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'API Token', value: 'apiToken' },
		{ name: 'OAuth2', value: 'oAuth2' },
	],
	default: 'apiToken',
};

export const pipedriveCredentials: INodeCredentialDescription[] = [
	{ name: API_TOKEN_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['apiToken'] } } },
	{ name: PIPEDRIVE_APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

/** Case-insensitive order without ICU collation, which is slow at load time (names are ASCII). */
export function alphabetical(a: string, b: string): number {
	const x = a.toLowerCase();
	const y = b.toLowerCase();
	return x < y ? -1 : x > y ? 1 : 0;
}
