import type { ResourceSurface } from './types';

/** Stage: the operations of operations/stage.json as users see them. */
export const stage: ResourceSurface = {
	addStage: { name: 'Create', action: 'Create a stage' },
	deleteStage: { name: 'Delete', action: 'Delete a stage' },
	getStage: { name: 'Get', action: 'Get a stage' },
	getStageDeals: { name: 'Get Many Deals', action: 'Get many deals in a stage' },
	getStages: { name: 'Get Many', action: 'Get many stages' },
	updateStage: { name: 'Update', action: 'Update a stage' },
};
