import type { ResourceSurface } from './types';

/** User Connection: the operations of operations/userConnection.json as users see them. */
export const userConnection: ResourceSurface = {
	getUserConnections: { name: 'Get Many', action: 'Get many user connections' },
};
