import type { ResourceSurface } from './types';

/** Call Log: the operations of operations/callLog.json as users see them. */
export const callLog: ResourceSurface = {
	addCallLog: {
		name: 'Create',
		action: 'Create a call log',
		description: 'Log a phone call with its outcome, numbers and times',
		order: ['outcome', 'to_phone_number', 'start_time', 'end_time'],
		fields: {
			outcome: { description: 'How the call went' },
			to_phone_number: { description: 'The number that was called', placeholder: 'e.g. +1 555 0100' },
			from_phone_number: { description: 'The number that made the call', placeholder: 'e.g. +1 555 0199' },
			start_time: { description: 'When the call started' },
			end_time: { description: 'When the call ended' },
			duration: { description: 'How long the call took, in seconds', placeholder: 'e.g. 95' },
			activity_id: { description: 'An activity to turn into this call log' },
			note: { description: 'A note about the call, in HTML' },
		},
	},
	addCallLogAudioFile: {
		name: 'Attach Recording',
		action: 'Attach a recording to a call log',
		description: 'Upload the audio recording of a call',
	},
	deleteCallLog: { name: 'Delete', action: 'Delete a call log' },
	getCallLog: { name: 'Get', action: 'Get a call log' },
	getUserCallLogs: {
		name: 'Get Many',
		action: 'Get many call logs',
		description: 'List the call logs of the user the credential belongs to',
	},
};
