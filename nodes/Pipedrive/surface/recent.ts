import type { ResourceSurface } from './types';

/** Recent: the operations of operations/recent.json as users see them. */
export const recent: ResourceSurface = {
	getRecents: {
		name: 'Get Many',
		action: 'Get many recent changes',
		description: 'List everything that changed since a given time, of all or some item types',
	},
};
