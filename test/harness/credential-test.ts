import { ExecuteContext, RoutingNode } from 'n8n-core';
import type { ICredentialDataDecryptedObject, ICredentialTestRequest, INodeCredentialTestResult, INodeType } from 'n8n-workflow';
import { createEmptyRunExecutionData } from 'n8n-workflow';

import { credentialTypes } from './credentials';
import { Engine } from './engine';

/**
 * "Test" in n8n's credential dialog, for a credential with a declarative `test`: n8n (packages/cli,
 * `CredentialsTester.testCredentials`, 2.8.4 `dist/services/credentials-tester.service.js`) builds a
 * one-property node whose routing is the test request, runs it through n8n-core's RoutingNode with the
 * decrypted credential, then judges the outcome by the test's rules. The RoutingNode run here is
 * n8n-core's own; the judging below follows that file line by line (it is not in n8n-core).
 */
export async function testApiTokenCredential(data: ICredentialDataDecryptedObject): Promise<INodeCredentialTestResult> {
	const credentialType = 'pipedriveCompleteApi';
	const test = credentialTypes.pipedriveCompleteApi.test as ICredentialTestRequest;
	const nodeType = {
		description: {
			displayName: 'Temp',
			name: 'n8n-nodes-base.noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	} as unknown as INodeType;
	const engine = new Engine({ nodeTypes: { [nodeType.description.name]: nodeType }, credentialTypes, credentials: { [credentialType]: data } });
	const node = engine.node({ id: 'temp', name: 'Temp-Node', type: nodeType.description.name, parameters: {}, credentials: { [credentialType]: { id: 'credential-under-test', name: 'Pipedrive' } } });
	const workflow = engine.workflow(node);
	const additionalData = engine.additionalData({ currentNodeParameters: node.parameters });
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, { id: 'credential-under-test', name: 'Pipedrive', type: credentialType, data });
	let response;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const failure = error as { message: string; cause?: { code?: string; response?: { status: number; statusText?: string } } };
		if (failure.cause?.response) {
			const { status, statusText } = failure.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) return { status: 'Error', message: rule.properties.message };
			}
			if (status < 199 || status > 299) return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
		} else if (failure.cause?.code) {
			return { status: 'Error', message: failure.cause.code };
		}
		return { status: 'Error', message: failure.message.toString() };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = (response as Array<Array<{ json: Record<string, unknown> }>>)[0][0].json;
		if (getPath(body, rule.properties.key) === rule.properties.value) return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash `get` for the dotted keys rules use. */
function getPath(value: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), value);
}
