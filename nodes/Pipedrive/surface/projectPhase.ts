import type { ResourceSurface } from './types';

/** Project Phase: the operations of operations/projectPhase.json as users see them. */
export const projectPhase: ResourceSurface = {
	addProjectPhase: { name: 'Create', action: 'Create a project phase' },
	deleteProjectPhase: { name: 'Delete', action: 'Delete a project phase' },
	getProjectsPhase: { name: 'Get', action: 'Get a project phase' },
	getProjectsPhases: { name: 'Get Many', action: 'Get many project phases' },
	updateProjectPhase: { name: 'Update', action: 'Update a project phase' },
};
