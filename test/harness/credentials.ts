import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsExpressionResolveValues,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

import { PipedriveCompleteApi } from '../../credentials/PipedriveCompleteApi.credentials';
import { PipedriveCompleteOAuth2Api } from '../../credentials/PipedriveCompleteOAuth2Api.credentials';

const credentialTypes = {
	pipedriveCompleteApi: new PipedriveCompleteApi(),
	pipedriveCompleteOAuth2Api: new PipedriveCompleteOAuth2Api(),
};

export type CredentialType = keyof typeof credentialTypes;

/**
 * Supplies test credentials to n8n's engine and applies our credential types' own `authenticate`
 * definitions, the way n8n's CredentialsHelper does, so tests see the real auth headers.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly data: Partial<Record<CredentialType, ICredentialDataDecryptedObject>>) {
		super();
	}

	getParentTypes(name: string): string[] {
		return (credentialTypes as Record<string, { extends?: string[] }>)[name]?.extends ?? [];
	}

	/** n8n ≥ 2.3x asks before every credential read: false only for a type restricted to other nodes. */
	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = (credentialTypes as Record<string, { restrictToSupportedNodes?: boolean; supportedNodes?: string[] }>)[credentialType];
		return !type?.restrictToSupportedNodes || (type.supportedNodes ?? []).includes(nodeType);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const type = (credentialTypes as Record<string, { authenticate?: unknown }>)[typeName];
		const generic = type?.authenticate as { properties?: Record<string, Record<string, string>> } | undefined;
		const options = requestOptions as IHttpRequestOptions;
		for (const [target, values] of Object.entries(generic?.properties ?? {})) {
			const bag = ((options as unknown as Record<string, Record<string, unknown>>)[target] ??= {});
			for (const [key, expression] of Object.entries(values)) {
				bag[key] = workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'internal', { $credentials: credentials }, undefined, true);
			}
		}
		return options;
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
		_typeName: string,
		_node: INode,
		_expired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	/** n8n ≥ 2.3x's pre-authentication outside a node (OAuth helpers): our types have none. */
	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(_details: INodeCredentialsDetails, _type: string): Promise<ICredentials> {
		throw new Error('not used in tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
		_mode?: unknown,
		_executeData?: unknown,
		_raw?: boolean,
		_values?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type as CredentialType];
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return (credentialTypes as Record<string, { properties: INodeProperties[] }>)[type]?.properties ?? [];
	}
}

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
