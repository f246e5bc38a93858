import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/** Pipedrive personal API token, sent in the `x-api-token` header (never in the query string). */
export class PipedriveCompleteApi implements ICredentialType {
	name = 'pipedriveCompleteApi';

	displayName = 'Pipedrive Complete API';

	icon: Icon = { light: 'file:../icons/pipedrive.svg', dark: 'file:../icons/pipedrive.dark.svg' };

	documentationUrl = 'https://pipedrive.readme.io/docs/how-to-find-the-api-token';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Found in Pipedrive under Personal preferences → API',
		},
		{
			displayName: 'Company Domain',
			name: 'domain',
			type: 'string',
			default: 'https://api.pipedrive.com',
			placeholder: 'https://yourcompany.pipedrive.com',
			description:
				'Base URL of your Pipedrive company. The default works for every company; set your own domain to pin requests to it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-token': '={{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.domain || "https://api.pipedrive.com").replace(/\\/+$/, "")}}',
			url: '/v1/users/me',
		},
	};
}
