import type { ResourceSurface } from './types';

/** User Setting: the operations of operations/userSetting.json as users see them. */
export const userSetting: ResourceSurface = {
	getUserSettings: { name: 'Get Many', action: 'Get many settings of the current user' },
};
