import { NodeApiError } from 'n8n-workflow';

import { webhookName } from '../../../nodes/PipedriveCompleteTrigger/registration';
import type { RegisteredWebhook, TriggerState } from '../../../nodes/PipedriveCompleteTrigger/state';
import {  hookContext, OAUTH_API, OUR_URL, pipedrive, registeredState, runHook, stateOf, testWorkflow } from '../../harness/trigger';
import { expectEveryMockedCall, pipedriveScope } from '../../harness/mock';

const hook = (id: number, object: string, action: string): RegisteredWebhook => ({ id, object, action });

const OTHER_URL = 'https://example.org/not-ours';

const me = () => pipedrive().get('/v1/users/me').reply(200, { success: true, data: { id: 900, name: 'Integration' } });

const remoteHook = (id: number, object: string, action: string, url = OUR_URL, extra: object = {}) => ({
	id,
	subscription_url: url,
	event_object: object,
	event_action: action,
	version: '2.0',
	is_active: 1,
	user_id: 900,
	...extra,
});

const listing = (...hooks: object[]) => pipedrive().get('/v1/webhooks').reply(200, { success: true, data: hooks });

/** Accepts POST /v1/webhooks, records each body and answers with increasing ids from `firstId`. */
function acceptCreates(count: number, firstId: number, bodies: Array<Record<string, unknown>>) {
	let next = firstId;
	return pipedrive()
		.post('/v1/webhooks', (body: Record<string, unknown>) => {
			bodies.push(body);
			return true;
		})
		.times(count)
		.reply(201, () => ({ success: true, data: { id: next++ } }));
}

expectEveryMockedCall();

describe('create', () => {
	it('registers one v2 webhook per event with a name, our URL and a fresh Basic-auth secret', async () => {
		const { workflow, node } = testWorkflow({
			parameters: {
				events: ['deal.create', 'deal.change', 'custom'],
				customEvents: { event: [{ object: 'person', action: '*' }] },
			},
		});
		const bodies: Array<Record<string, unknown>> = [];
		me();
		listing(remoteHook(1, 'deal', 'change', OTHER_URL));
		acceptCreates(3, 101, bodies);

		await expect(runHook('create', workflow, node)).resolves.toBe(true);

		expect(bodies.map((body) => `${body.event_object}.${body.event_action}`)).toEqual(['deal.change', 'deal.create', 'person.*']);
		const state = stateOf(workflow);
		for (const body of bodies) {
			expect(body).toMatchObject({
				subscription_url: OUR_URL,
				version: '2.0',
				name: `n8n: Sales sync – ${body.event_object}.${body.event_action}`,
				http_auth_user: state.authUser,
				http_auth_password: state.authPassword,
			});
			expect(body).not.toHaveProperty('user_id');
		}
		expect(state.authPassword).toMatch(/^[A-Za-z0-9_-]{40,}$/);
		expect(state.webhooks).toEqual([
			{ id: 101, object: 'deal', action: 'change' },
			{ id: 102, object: 'deal', action: 'create' },
			{ id: 103, object: 'person', action: '*' },
		]);
		expect(state).toMatchObject({ webhookUrl: OUR_URL, ownUserId: 900 });
	});

	it('sends user_id when the webhooks run as another user, and drops events a wider one covers', async () => {
		const { workflow, node } = testWorkflow({
			parameters: {
				events: ['deal.change', 'deal.create', 'custom'],
				customEvents: { event: [{ object: 'deal', action: '*' }] },
				options: { runAsUserId: 42 },
			},
		});
		const bodies: Array<Record<string, unknown>> = [];
		me();
		listing();
		acceptCreates(1, 7, bodies);

		await runHook('create', workflow, node);

		expect(bodies).toHaveLength(1);
		expect(bodies[0]).toMatchObject({ event_object: 'deal', event_action: '*', user_id: 42, version: '2.0' });
		expect(stateOf(workflow).runAsUserId).toBe(42);
	});

	it('registers the April 2026 objects, and a merge through its object’s change webhook (once)', async () => {
		const { workflow, node } = testWorkflow({ parameters: { events: ['deal.merge', 'deal.change', 'person.merge', 'project.change', 'deal_installment.create'] } });
		const bodies: Array<Record<string, unknown>> = [];
		me();
		listing();
		acceptCreates(4, 20, bodies);

		await runHook('create', workflow, node);

		expect(bodies.map((body) => `${body.event_object}.${body.event_action}`)).toEqual(['deal_installment.create', 'deal.change', 'person.change', 'project.change']);
		expect(stateOf(workflow).webhooks).toEqual([
			{ id: 20, object: 'deal_installment', action: 'create' },
			{ id: 21, object: 'deal', action: 'change' },
			{ id: 22, object: 'person', action: 'change' },
			{ id: 23, object: 'project', action: 'change' },
		]);
		// Stored and wanted agree: the next activation finds them intact.
		listing(remoteHook(20, 'deal_installment', 'create'), remoteHook(21, 'deal', 'change'), remoteHook(22, 'person', 'change'), remoteHook(23, 'project', 'change'));
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(true);
	});

	it('with OAuth2, calls the token’s api_domain with the Bearer token', async () => {
		const { workflow, node } = testWorkflow({ authentication: 'oAuth2' });
		const oauth = () => pipedriveScope(OAUTH_API, 'oAuth2');
		oauth().get('/v1/users/me').reply(200, { data: { id: 900 } });
		oauth().get('/v1/webhooks').reply(200, { data: [] });
		oauth().post('/v1/webhooks', (body: Record<string, unknown>) => body.version === '2.0' && body.subscription_url === OUR_URL).reply(201, { data: { id: 5 } });

		await expect(runHook('create', workflow, node)).resolves.toBe(true);
		expect(stateOf(workflow).webhooks).toEqual([hook(5, 'deal', 'change')]);
	});

	it('gives every registration its own secret', async () => {
		const secrets: Array<string | undefined> = [];
		for (let i = 0; i < 2; i++) {
			const { workflow, node } = testWorkflow();
			me();
			listing();
			acceptCreates(1, 1, []);
			await runHook('create', workflow, node);
			secrets.push(stateOf(workflow).authPassword);
		}
		expect(secrets[0]).not.toEqual(secrets[1]);
	});

	it('ignores custom pairs left over once "Custom" is deselected', async () => {
		const { workflow, node } = testWorkflow({
			parameters: { events: ['person.create'], customEvents: { event: [{ object: 'deal', action: '*' }] } },
		});
		const bodies: Array<Record<string, unknown>> = [];
		me();
		listing();
		acceptCreates(1, 1, bodies);
		await runHook('create', workflow, node);
		expect(bodies.map((body) => `${body.event_object}.${body.event_action}`)).toEqual(['person.create']);
	});

	it('refuses to register without events', async () => {
		const { workflow, node } = testWorkflow({ parameters: { events: [] } });
		await expect(runHook('create', workflow, node)).rejects.toThrow('Choose at least one event');
	});

	it('keeps names within 255 characters', () => {
		const name = webhookName('x'.repeat(400), { object: 'organization', action: 'change' });
		expect(name.length).toBeLessThanOrEqual(255);
		expect(name.endsWith(' – organization.change')).toBe(true);
	});
});

describe('checkExists', () => {
	const registered = (): TriggerState => registeredState({ webhooks: [hook(11, 'deal', 'change'), hook(12, 'person', 'create')] });
	const bothEvents = { events: ['deal.change', 'person.create'] };

	it('is true when every stored webhook is still at Pipedrive', async () => {
		const { workflow, node } = testWorkflow({ parameters: bothEvents, staticData: registered() });
		listing(remoteHook(11, 'deal', 'change'), remoteHook(12, 'person', 'create'), remoteHook(3, 'deal', 'change', OTHER_URL));
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(true);
	});

	it('is false when Pipedrive deleted one of them; create then replaces ours and leaves others alone', async () => {
		const { workflow, node } = testWorkflow({ parameters: bothEvents, staticData: registered() });
		listing(remoteHook(11, 'deal', 'change'), remoteHook(3, 'deal', 'change', OTHER_URL));
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);

		const bodies: Array<Record<string, unknown>> = [];
		me();
		listing(remoteHook(11, 'deal', 'change'), remoteHook(3, 'deal', 'change', OTHER_URL));
		pipedrive().delete('/v1/webhooks/11').reply(200, { success: true, data: { id: 11 } });
		acceptCreates(2, 21, bodies);
		await runHook('create', workflow, node);

		expect(stateOf(workflow).webhooks?.map((hook) => hook.id)).toEqual([21, 22]);
		expect(stateOf(workflow).authPassword).not.toBe(registered().authPassword);
	});

	it('is false without asking Pipedrive when the secret is lost; create re-registers cleanly', async () => {
		const lost = { ...registered(), authPassword: undefined };
		const { workflow, node } = testWorkflow({ parameters: bothEvents, staticData: lost });
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);

		me();
		listing(remoteHook(11, 'deal', 'change'), remoteHook(12, 'person', 'create'));
		pipedrive().delete('/v1/webhooks/11').reply(200, { success: true });
		pipedrive().delete('/v1/webhooks/12').reply(200, { success: true });
		acceptCreates(2, 31, []);
		await runHook('create', workflow, node);
		expect(stateOf(workflow).authPassword).toEqual(expect.any(String));
	});

	it('is false when nothing was registered yet', async () => {
		const { workflow, node } = testWorkflow();
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);
	});

	it.each([
		['the events changed', { events: ['deal.change'] }, [remoteHook(11, 'deal', 'change'), remoteHook(12, 'person', 'create')]],
		['a webhook is inactive', bothEvents, [remoteHook(11, 'deal', 'change', OUR_URL, { is_active: 0 }), remoteHook(12, 'person', 'create')]],
		['a webhook is v1', bothEvents, [remoteHook(11, 'deal', 'change', OUR_URL, { version: '1.0' }), remoteHook(12, 'person', 'create')]],
		['an extra webhook of ours exists', bothEvents, [remoteHook(11, 'deal', 'change'), remoteHook(12, 'person', 'create'), remoteHook(13, 'deal', 'change')]],
	])('is false when %s', async (_case, parameters, remote) => {
		const { workflow, node } = testWorkflow({ parameters, staticData: registered() });
		listing(...remote);
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);
	});

	it('is false when the webhook URL changed (for example a test URL)', async () => {
		const { workflow, node } = testWorkflow({ parameters: bothEvents, staticData: { ...registered(), webhookUrl: OTHER_URL } });
		await expect(runHook('checkExists', workflow, node)).resolves.toBe(false);
	});
});

describe('delete', () => {
	it('removes every webhook it created, counts 404/410 as removed and clears static data', async () => {
		const webhooks = [hook(11, 'deal', 'change'), hook(12, 'deal', 'create'), hook(13, 'deal', 'delete')];
		const { workflow, node } = testWorkflow({ staticData: registeredState({ webhooks, seenEventIds: ['e1'] }) });
		pipedrive().delete('/v1/webhooks/11').reply(200, { success: true });
		pipedrive().delete('/v1/webhooks/12').reply(404, { success: false, error: 'Webhook not found' });
		pipedrive().delete('/v1/webhooks/13').reply(410, { success: false, error: 'Gone' });

		await expect(runHook('delete', workflow, node)).resolves.toBe(true);
		expect({ ...stateOf(workflow) }).toEqual({});
	});

	it('keeps (and logs) what it could not delete, and says so', async () => {
		const { workflow, node } = testWorkflow({ staticData: registeredState({ webhooks: [hook(11, 'deal', 'change'), hook(12, 'deal', 'create')] }) });
		const warn = jest.spyOn(hookContext(workflow, node).logger, 'warn').mockImplementation(() => undefined);
		pipedrive().delete('/v1/webhooks/11').reply(200, { success: true });
		pipedrive().delete('/v1/webhooks/12').reply(500, { success: false, error: 'Internal error' });

		await expect(runHook('delete', workflow, node)).resolves.toBe(false);
		expect(stateOf(workflow).webhooks).toEqual([{ id: 12, object: 'deal', action: 'create' }]);
		expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not delete webhook 12'));
		warn.mockRestore();
	});

	it('does nothing when nothing was registered', async () => {
		const { workflow, node } = testWorkflow();
		await expect(runHook('delete', workflow, node)).resolves.toBe(true);
	});
});

describe('errors', () => {
	it('explains the 40-webhooks limit and removes the webhooks it had already created', async () => {
		const { workflow, node } = testWorkflow({ parameters: { events: ['deal.change', 'deal.create'] } });
		me();
		listing();
		pipedrive().post('/v1/webhooks').reply(201, { success: true, data: { id: 51 } });
		pipedrive()
			.post('/v1/webhooks')
			.reply(400, { status: 'error', success: false, errors: { user_id: ['Webhooks limit (40) per user reached'] } });
		pipedrive().delete('/v1/webhooks/51').reply(200, { success: true });

		const error = await runHook('create', workflow, node).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).message).toBe('Pipedrive’s limit of 40 webhooks per user is reached');
		expect((error as NodeApiError).description).toMatch(/Delete webhooks that are no longer used/);
		expect((error as NodeApiError).httpCode).toBe('400');
		expect(stateOf(workflow)?.webhooks).toBeUndefined();
	});

	it('passes other 400s through with Pipedrive’s own message', async () => {
		const { workflow, node } = testWorkflow();
		me();
		listing();
		pipedrive()
			.post('/v1/webhooks')
			.reply(400, { status: 'error', success: false, errors: { subscription_url: ['invalid or non-reachable URL'] } });

		await expect(runHook('create', workflow, node)).rejects.toThrow(/subscription_url: invalid or non-reachable URL/);
	});

	it('explains a 403 (missing admin scope or rights)', async () => {
		const { workflow, node } = testWorkflow();
		me();
		pipedrive().get('/v1/webhooks').reply(403, { success: false, error: 'Scope and URL mismatch', errorCode: 403 });

		const error = (await runHook('create', workflow, node).catch((caught: unknown) => caught)) as NodeApiError;
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toMatch(/refused to manage webhooks/);
		expect(error.description).toMatch(/"admin" scope/);
	});

	it('explains a 403 from checkExists too', async () => {
		const { workflow, node } = testWorkflow({ staticData: registeredState() });
		pipedrive().get('/v1/webhooks').reply(403, { success: false, error: 'Forbidden' });
		await expect(runHook('checkExists', workflow, node)).rejects.toThrow(/refused to manage webhooks/);
	});
});
