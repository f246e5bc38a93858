import type { FieldSurface, ResourceSurface } from './types';

const STAGE_WRITE: Record<string, FieldSurface> = {
	deal_probability: { description: 'The success probability of deals in the stage, in percent', placeholder: 'e.g. 40' },
	is_deal_rot_enabled: { displayName: 'Rotting', description: 'Whether deals in the stage become rotten when not updated' },
	days_to_rotten: { description: 'After how many days without updates a deal in the stage becomes rotten' },
};

/** Stage: the operations of operations/stage.json as users see them. */
export const stage: ResourceSurface = {
	addStage: { name: 'Create', action: 'Create a stage', order: ['name', 'pipeline_id'], fields: STAGE_WRITE },
	deleteStage: { name: 'Delete', action: 'Delete a stage' },
	getStage: { name: 'Get', action: 'Get a stage' },
	getStageDeals: {
		name: 'Get Many Deals',
		action: 'Get many deals in a stage',
		description: 'List the deals in a stage. Deprecated: use Deal → Get Many with the Stage filter.',
	},
	getStages: { name: 'Get Many', action: 'Get many stages' },
	updateStage: { name: 'Update', action: 'Update a stage', fields: STAGE_WRITE },
};
