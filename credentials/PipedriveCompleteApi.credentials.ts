import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
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
			description: 'Your personal API token: in Pipedrive, open your profile menu → Personal preferences → API',
		},
		{
			displayName: 'Company Domain',
			name: 'domain',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme, acme.pipedrive.com or https://acme.pipedrive.com',
			description:
				'Your company\'s Pipedrive address, to send requests straight to it. Leave empty to use api.pipedrive.com, which works for every company.',
		},
	];

	// A function rather than a generic `={{$credentials.apiToken}}` block: n8n evaluates such a block as an
	// expression (a whole data proxy) for every request, about a tenth of a write's CPU.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		requestOptions.headers = { ...requestOptions.headers, 'x-api-token': String(credentials.apiToken ?? '') };
		return requestOptions;
	}

	// Same rules as the node's transport (apiDomainFrom): `acme` → https://acme.pipedrive.com, a host
	// gets https://, a trailing slash or /v1 is dropped, empty means api.pipedrive.com.
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ (d => !d ? "https://api.pipedrive.com" : (/^https?:\\/\\//i.test(d) ? d : d.includes(".") ? "https://" + d : "https://" + d + ".pipedrive.com").replace(/\\/(api\\/)?v[12]$/i, ""))(String($credentials.domain || "").trim().replace(/\\/+$/, "")) }}',
			url: '/v1/users/me',
			// Pipedrive's answer is judged by the rules below, so its own error text reaches the user.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errorCode',
					value: 401,
					message:
						'Pipedrive: "unauthorized access". The API token is wrong or was regenerated; copy it again from Personal preferences → API in Pipedrive.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message: 'Pipedrive refused the request (its answer was not successful). Check the API token, and that this user may use the API.',
				},
			},
			{
				// Anything without Pipedrive's `success` flag is not the Pipedrive API (a wrong domain, a proxy page).
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: undefined,
					message: 'No Pipedrive API answered at this Company Domain. Use your company name (acme), acme.pipedrive.com, or leave it empty.',
				},
			},
		],
	};
}
