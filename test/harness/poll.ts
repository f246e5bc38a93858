import type { PollContext } from 'n8n-core';
import type { IDataObject, INodeExecutionData, WorkflowActivateMode } from 'n8n-workflow';

import { PipedriveCompletePollingTrigger } from '../../nodes/PipedriveCompletePollingTrigger/PipedriveCompletePollingTrigger.node';
import type { RunNodeOptions, RunNodeResult, Setup } from './run';
import { runNode, setUp } from './run';

export const POLLING_NODE_NAME = 'Pipedrive Polling';
const POLLING_NODE_TYPE = 'CUSTOM.pipedriveCompletePollingTrigger';

const pollingTrigger = new PipedriveCompletePollingTrigger();

export const pollingTarget = (staticData?: IDataObject) => ({ type: POLLING_NODE_TYPE, name: POLLING_NODE_NAME, nodeType: pollingTrigger, staticData });

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * The polling trigger in an active workflow, polled the way n8n does it (Engine.poll, one PollContext
 * made at activation, one Workflow object, so static data lives on between polls as in n8n's memory).
 * Like n8n, the static data is "saved" only after activation and when a poll emits items; `restart()`
 * continues from what was saved, as n8n does after a restart.
 */
export class Poller {
	private setup: Setup;

	/** The static data as n8n would have stored it in its database. */
	saved: IDataObject = {};

	/** Items of each poll that emitted (what n8n would start workflow executions with). */
	readonly emitted: INodeExecutionData[][] = [];

	private context?: PollContext;

	private activation: WorkflowActivateMode = 'activate';

	constructor(private readonly options: RunNodeOptions) {
		this.setup = setUp(options, pollingTarget());
	}

	/** This node's static data as the running workflow holds it. */
	get state(): IDataObject {
		return this.setup.workflow.staticData[`node:${POLLING_NODE_NAME}`] as IDataObject;
	}

	/** One poll: the items it emitted, or null. The first poll is the activation's. */
	async poll(): Promise<INodeExecutionData[] | null> {
		const { engine, workflow, node } = this.setup;
		const activating = this.context === undefined;
		this.context ??= engine.pollContext(workflow, node, this.activation, (data) => {
			this.save();
			this.emitted.push(data[0]);
		});
		const response = await engine.poll(workflow, node, this.context);
		if (response !== null) this.context.__emit(response);
		if (activating) this.save();
		return response?.[0] ?? null;
	}

	/** n8n's restart: a new Workflow object from the saved static data; the next poll is an activation. */
	restart(): void {
		this.setup = setUp(this.options, pollingTarget(clone(this.saved[`node:${POLLING_NODE_NAME}`] as IDataObject | undefined)));
		this.context = undefined;
		this.activation = 'init';
	}

	/** What n8n's WorkflowStaticDataService does: store the static data if it changed. */
	private save(): void {
		const staticData = this.setup.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		if (staticData.__dataChanged !== true) return;
		this.saved = clone(staticData);
		staticData.__dataChanged = false;
	}
}

export const pollNode = (options: RunNodeOptions): Poller => new Poller(options);

/** "Fetch Test Event": the trigger in a manual execution through n8n's WorkflowExecute. */
export async function testPollNode(options: RunNodeOptions): Promise<RunNodeResult> {
	return await runNode(options, pollingTarget());
}
