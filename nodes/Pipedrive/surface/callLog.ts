import type { ResourceSurface } from './types';

/** Call Log: the operations of operations/callLog.json as users see them. */
export const callLog: ResourceSurface = {
	addCallLog: { name: 'Create', action: 'Create a call log' },
	addCallLogAudioFile: { name: 'Attach Recording', action: 'Attach a recording to a call log' },
	deleteCallLog: { name: 'Delete', action: 'Delete a call log' },
	getCallLog: { name: 'Get', action: 'Get a call log' },
	getUserCallLogs: { name: 'Get Many', action: 'Get many call logs' },
};
