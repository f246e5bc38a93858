import type { ResourceSurface } from './types';

/** Project Board: the operations of operations/projectBoard.json as users see them. */
export const projectBoard: ResourceSurface = {
	addProjectBoard: { name: 'Create', action: 'Create a project board' },
	deleteProjectBoard: { name: 'Delete', action: 'Delete a project board' },
	getProjectsBoard: { name: 'Get', action: 'Get a project board' },
	getProjectsBoards: { name: 'Get Many', action: 'Get many project boards' },
	updateProjectBoard: { name: 'Update', action: 'Update a project board' },
};
