import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { PipedriveCompleteApi } from '../../credentials/PipedriveCompleteApi.credentials';
import { PipedriveCompleteOAuth2Api } from '../../credentials/PipedriveCompleteOAuth2Api.credentials';

export const credentialTypes = {
	pipedriveCompleteApi: new PipedriveCompleteApi(),
	pipedriveCompleteOAuth2Api: new PipedriveCompleteOAuth2Api(),
};

export type CredentialType = keyof typeof credentialTypes;

export const TEST_API_TOKEN = 'test-token-0123456789abcdef';
export const TEST_ACCESS_TOKEN = 'oauth-access-token-abcdef0123';

export function apiTokenCredentials(domain = 'https://api.pipedrive.com'): ICredentialDataDecryptedObject {
	return { apiToken: TEST_API_TOKEN, domain };
}

export function oauth2Credentials(apiDomain = 'https://acme.pipedrive.com'): ICredentialDataDecryptedObject {
	return {
		grantType: 'authorizationCode',
		authUrl: 'https://oauth.pipedrive.com/oauth/authorize',
		accessTokenUrl: 'https://oauth.pipedrive.com/oauth/token',
		clientId: 'client-id',
		clientSecret: 'client-secret-value',
		authentication: 'header',
		scope: '',
		oauthTokenData: {
			access_token: TEST_ACCESS_TOKEN,
			refresh_token: 'refresh-token-value',
			token_type: 'Bearer',
			api_domain: apiDomain,
		},
	};
}
