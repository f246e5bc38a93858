import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pipedriveRequest } from '../Pipedrive/transport/request';
import type { WebhookEvent } from './events';
import { eventKey } from './events';
import { readRunAsUserId, readWebhookEvents } from './settings';
import type { RegisteredWebhook, TriggerState } from './state';
import { clearRegistration, saveRegistration, triggerState } from './state';

/** What `GET /v1/webhooks` returns per webhook (the fields this trigger reads). */
interface PipedriveWebhook {
	id: number | string;
	subscription_url?: string;
	event_object?: string;
	event_action?: string;
	version?: string;
	is_active?: number | boolean;
	user_id?: number;
}

export const WEBHOOK_VERSION = '2.0';
const MAX_NAME_LENGTH = 255;

function webhookUrl(ctx: IHookFunctions): string {
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n did not provide a webhook URL for this trigger.');
	return url;
}

/** Pipedrive requires a name (≤ 255 chars): `n8n: <workflow name> – deal.change`. */
export function webhookName(workflowName: string | undefined, event: WebhookEvent): string {
	const suffix = ` – ${eventKey(event)}`;
	const room = MAX_NAME_LENGTH - 'n8n: '.length - suffix.length;
	const name = (workflowName || 'workflow').trim();
	const fitted = name.length > room ? `${name.slice(0, room - 1)}…` : name;
	return `n8n: ${fitted}${suffix}`;
}

async function listOurWebhooks(ctx: IHookFunctions, url: string): Promise<PipedriveWebhook[]> {
	const { body } = await pipedriveRequest(ctx, { method: 'GET', version: 'v1', path: '/webhooks', scopes: ['admin'] });
	const data = (body as IDataObject).data;
	return (Array.isArray(data) ? (data as PipedriveWebhook[]) : []).filter((hook) => hook.subscription_url === url);
}

/** Errors from the transport already are NodeApiErrors; anything else is wrapped so n8n shows it well. */
function asNodeError(node: INode, error: unknown): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error as Error);
}

const isGone = (error: unknown): boolean =>
	error instanceof NodeApiError && (error.httpCode === '404' || error.httpCode === '410');

/** Deletes one webhook; one Pipedrive already removed (404/410) counts as deleted. */
async function deleteWebhook(ctx: IHookFunctions, id: number | string): Promise<void> {
	try {
		await pipedriveRequest(ctx, {
			method: 'DELETE',
			version: 'v1',
			path: `/webhooks/${encodeURIComponent(String(id))}`,
			pathTemplate: '/webhooks/{id}',
			pathValues: { id: String(id) },
			scopes: ['admin'],
		});
	} catch (error) {
		if (isGone(error)) return;
		throw asNodeError(ctx.getNode(), error);
	}
}

/** Deletes each webhook it can; returns the ones that could not be deleted, each failure logged. */
async function deleteEach(ctx: IHookFunctions, hooks: Array<{ id: number | string }>): Promise<Array<{ id: number | string }>> {
	const failed: Array<{ id: number | string }> = [];
	for (const hook of hooks) {
		try {
			await deleteWebhook(ctx, hook.id);
		} catch (error) {
			ctx.logger.warn(`Pipedrive trigger: could not delete webhook ${hook.id}: ${(error as Error).message}`);
			failed.push(hook);
		}
	}
	return failed;
}

/** Turns Pipedrive's webhook-limit and missing-permission answers into errors that say what to do. */
function explain(node: INode, error: unknown, eventCount: number): NodeApiError | NodeOperationError {
	if (!(error instanceof NodeApiError)) return asNodeError(node, error);
	const said = `${error.message} ${error.description ?? ''}`;
	const response: JsonObject = { statusCode: Number(error.httpCode), error: error.message };
	if (error.httpCode === '400' && /limit|maximum|too many|exceed/i.test(said)) {
		return new NodeApiError(node, response, {
			httpCode: error.httpCode,
			message: 'Pipedrive’s limit of 40 webhooks per user is reached',
			description:
				`This trigger needs ${eventCount} webhook(s) for the chosen events. Delete webhooks that are no longer used ` +
				'(Pipedrive: Tools and apps → Webhooks), choose fewer events (one "Any Event" or a Custom object × "Any Action" ' +
				'replaces several), or run the webhooks as another user (Options → Run As User).',
		});
	}
	if (error.httpCode === '403') {
		return new NodeApiError(node, response, {
			httpCode: error.httpCode,
			message: 'Pipedrive refused to manage webhooks for this credential (403)',
			description:
				'With OAuth2, the Pipedrive app needs the "admin" scope: add it in the Developer Hub (OAuth & access scopes) and ' +
				'reconnect the credential. With an API token, use the token of a user who may manage webhooks (an admin), ' +
				'especially when the webhooks run as another user.',
		});
	}
	return error;
}

/** Same events, same "run as" user, every stored webhook still at Pipedrive (active, v2) and nothing extra. */
function matchesRemote(state: TriggerState, wanted: WebhookEvent[], runAsUserId: number | undefined, remote: PipedriveWebhook[]): boolean {
	const stored = state.webhooks ?? [];
	const keysOf = (events: WebhookEvent[]) => events.map(eventKey).sort().join(',');
	if (keysOf(stored) !== keysOf(wanted) || state.runAsUserId !== runAsUserId) return false;
	if (remote.length !== stored.length) return false;
	const remoteById = new Map(remote.map((hook) => [String(hook.id), hook]));
	return stored.every((hook) => {
		const found = remoteById.get(String(hook.id));
		return (
			!!found &&
			found.event_object === hook.object &&
			found.event_action === hook.action &&
			String(found.version) === WEBHOOK_VERSION &&
			Number(found.is_active ?? 1) !== 0
		);
	});
}

export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const url = webhookUrl(this);
	if (!state.authUser || !state.authPassword || state.webhookUrl !== url || !state.webhooks?.length) return false;
	const wanted = readWebhookEvents(this);
	let remote: PipedriveWebhook[];
	try {
		remote = await listOurWebhooks(this, url);
	} catch (error) {
		throw explain(this.getNode(), error, wanted.length);
	}
	const intact = matchesRemote(state, wanted, readRunAsUserId(this), remote);
	if (!intact) this.logger.info('Pipedrive trigger: webhooks missing or changed at Pipedrive; registering them again');
	return intact;
}

async function fetchOwnUserId(ctx: IHookFunctions): Promise<number | string | undefined> {
	const { body } = await pipedriveRequest(ctx, { method: 'GET', version: 'v1', path: '/users/me' });
	const id = ((body as IDataObject).data as IDataObject | undefined)?.id;
	return typeof id === 'number' || typeof id === 'string' ? id : undefined;
}

async function registerOne(
	ctx: IHookFunctions,
	event: WebhookEvent,
	settings: { url: string; authUser: string; authPassword: string; runAsUserId?: number },
): Promise<RegisteredWebhook> {
	const body: IDataObject = {
		subscription_url: settings.url,
		event_object: event.object,
		event_action: event.action,
		version: WEBHOOK_VERSION,
		name: webhookName(ctx.getWorkflow().name, event),
		http_auth_user: settings.authUser,
		http_auth_password: settings.authPassword,
	};
	if (settings.runAsUserId !== undefined) body.user_id = settings.runAsUserId;
	const response = await pipedriveRequest(ctx, { method: 'POST', version: 'v1', path: '/webhooks', body, scopes: ['admin'] });
	const id = ((response.body as IDataObject).data as IDataObject | undefined)?.id;
	if (typeof id !== 'number' && typeof id !== 'string') {
		throw new NodeOperationError(ctx.getNode(), `Pipedrive did not return the id of the ${eventKey(event)} webhook it created.`);
	}
	return { id, object: event.object, action: event.action };
}

export async function create(this: IHookFunctions): Promise<boolean> {
	const node = this.getNode();
	const events = readWebhookEvents(this);
	if (events.length === 0) throw new NodeOperationError(node, 'Choose at least one event to listen to.');
	const url = webhookUrl(this);
	const runAsUserId = readRunAsUserId(this);
	const settings = {
		url,
		runAsUserId,
		authUser: `n8n-${randomBytes(6).toString('hex')}`,
		authPassword: randomBytes(32).toString('base64url'),
	};
	const created: RegisteredWebhook[] = [];
	try {
		const ownUserId = await fetchOwnUserId(this);
		// Webhooks at this node's URL are this trigger's own leftovers: remove them so none is duplicated.
		const stale = await deleteEach(this, await listOurWebhooks(this, url));
		if (stale.length) {
			throw new NodeOperationError(node, `Could not remove earlier webhooks of this trigger (${stale.map((hook) => hook.id).join(', ')}).`);
		}
		for (const event of events) created.push(await registerOne(this, event, settings));
		saveRegistration(triggerState(this), {
			webhookUrl: url,
			authUser: settings.authUser,
			authPassword: settings.authPassword,
			webhooks: created,
			runAsUserId,
			ownUserId,
		});
		return true;
	} catch (error) {
		// Do not leave half a registration behind: what was created is removed again (failures are logged).
		await deleteEach(this, created);
		throw explain(node, error, events.length);
	}
}

export async function deleteWebhooks(this: IHookFunctions): Promise<boolean> {
	const state = triggerState(this);
	const remaining = await deleteEach(this, state.webhooks ?? []);
	if (remaining.length) {
		state.webhooks = (state.webhooks ?? []).filter((hook) => remaining.some((left) => left.id === hook.id));
		return false;
	}
	clearRegistration(state);
	return true;
}
