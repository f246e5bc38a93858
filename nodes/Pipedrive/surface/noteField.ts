import type { ResourceSurface } from './types';

/** Note Field: the operations of operations/noteField.json as users see them. */
export const noteField: ResourceSurface = {
	getNoteFields: { name: 'Get Many', action: 'Get many note fields' },
};
