import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Pipedrive OAuth2 (authorization code). API calls go to the `api_domain` Pipedrive returns with the
 * token; the node reads it from the stored token data.
 */
export class PipedriveCompleteOAuth2Api implements ICredentialType {
	name = 'pipedriveCompleteOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Pipedrive Complete OAuth2 API';

	icon: Icon = { light: 'file:../icons/pipedrive.svg', dark: 'file:../icons/pipedrive.dark.svg' };

	documentationUrl = 'https://pipedrive.readme.io/docs/marketplace-oauth-authorization';

	properties: INodeProperties[] = [
		{
			// n8n names the app after this credential type ("In Pipedrive Complete, use the URL above"):
			// say where that is in Pipedrive.
			displayName:
				"In Pipedrive's Developer Hub, open your app's OAuth & access scopes, paste the OAuth Redirect URL above as its Callback URL, and copy the app's Client ID and Client Secret here",
			name: 'pipedriveAppNotice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://oauth.pipedrive.com/oauth/authorize',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://oauth.pipedrive.com/oauth/token',
			required: true,
		},
		{
			// Scopes are configured on the app in Pipedrive's Developer Hub, not per request.
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Pipedrive expects the client id and secret as HTTP Basic on the token request.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
