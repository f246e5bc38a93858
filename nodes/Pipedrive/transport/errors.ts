import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** What a failed Pipedrive call left us: status, parsed (or raw) body, headers. */
export interface FailedResponse {
	statusCode: number;
	body: unknown;
	headers: Record<string, unknown>;
}

export interface ErrorContext {
	itemIndex?: number;
	/** e.g. `GET /api/v2/deals/{id}` */
	endpoint: string;
	/** Path values, to name the record a 404 is about. */
	pathValues?: Record<string, string>;
	/** OAuth scopes the operation needs, for 403 hints. */
	scopes?: string[];
	/** Strings that must never appear in an error (tokens, secrets). */
	secrets?: string[];
}

const HINTS: Record<number, string> = {
	400: 'Pipedrive rejected the request: check the field named in the message.',
	401: 'Check the credential: Pipedrive did not accept the API token or OAuth connection.',
	402: 'This needs a Pipedrive plan or add-on the company does not have (payment required).',
	403: "The credential's user lacks permission for this",
	404: 'Not found',
	405: 'Pipedrive does not allow this method on this endpoint.',
	409: 'The request conflicts with the record’s current state.',
	410: 'Gone: the record or endpoint no longer exists in Pipedrive.',
	422: 'Pipedrive could not process a field value: check the field named in the message.',
	429: 'Pipedrive rate limit reached.',
};

export function redact(text: string, secrets: string[] = []): string {
	let safe = text;
	for (const secret of secrets) {
		if (secret && secret.length >= 4) safe = safe.split(secret).join('***');
	}
	return safe;
}

/** Pipedrive's own words: `error`, the webhooks endpoint's `errors{}`, or the text of a non-JSON page. */
export function pipedriveMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		if (typeof record.error === 'string' && record.error) return record.error;
		if (record.errors && typeof record.errors === 'object') {
			return Object.entries(record.errors as Record<string, unknown>)
				.map(([field, problems]) => `${field}: ${[problems].flat().join(', ')}`)
				.join('; ');
		}
		if (typeof record.message === 'string') return record.message;
		return undefined;
	}
	if (typeof body === 'string' && body.trim()) {
		const text = body
			.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return text.length > 200 ? `${text.slice(0, 199)}…` : text || undefined;
	}
	return undefined;
}

function hintFor(statusCode: number, context: ErrorContext): string {
	if (statusCode === 403) {
		const scopes = context.scopes?.length ? ` (OAuth scope needed: ${context.scopes.join(' or ')})` : '';
		return `${HINTS[403]}, or the OAuth app lacks the scope${scopes}.`;
	}
	if (statusCode === 404) {
		const ids = Object.entries(context.pathValues ?? {})
			.map(([name, value]) => `${name} ${value}`)
			.join(', ');
		return ids
			? `No record with ${ids} exists, or the credential's user cannot see it.`
			: `${HINTS[404]}: check the IDs used.`;
	}
	if (statusCode >= 500) return 'Pipedrive had a server error; try again later.';
	return HINTS[statusCode] ?? 'Pipedrive returned an error.';
}

/** A NodeApiError that carries Pipedrive's message plus what to do, and nothing secret. */
export function pipedriveApiError(node: INode, failure: FailedResponse, context: ErrorContext): NodeApiError {
	const own = pipedriveMessage(failure.body);
	const hint = hintFor(failure.statusCode, context);
	const item = context.itemIndex !== undefined ? ` (item ${context.itemIndex})` : '';
	const message = redact(`Pipedrive error ${failure.statusCode}${item}: ${own ?? hint}`, context.secrets);
	const description = redact(`${own ? `${hint} ` : ''}Request: ${context.endpoint}`, context.secrets);
	const response: JsonObject = {
		statusCode: failure.statusCode,
		error: redact(own ?? '', context.secrets),
	};
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(failure.statusCode),
		itemIndex: context.itemIndex,
	});
}

/** A connection-level failure (reset, timeout, refused), without the request config that holds the token. */
export function networkError(node: INode, error: { code?: string; message?: string }, context: ErrorContext): NodeApiError {
	const reason = error.code ?? 'NETWORK_ERROR';
	const item = context.itemIndex !== undefined ? ` (item ${context.itemIndex})` : '';
	return new NodeApiError(
		node,
		{ networkError: reason },
		{
			message: redact(`Could not reach Pipedrive${item}: ${reason}`, context.secrets),
			description: redact(`${error.message ?? ''} Request: ${context.endpoint}`.trim(), context.secrets),
			httpCode: reason,
			itemIndex: context.itemIndex,
		},
	);
}
