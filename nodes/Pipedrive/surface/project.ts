import type { ResourceSurface } from './types';

/** Project: the operations of operations/project.json as users see them. */
export const project: ResourceSurface = {
	addProject: { name: 'Create', action: 'Create a project' },
	archiveProject: { name: 'Archive', action: 'Archive a project' },
	deleteProject: { name: 'Delete', action: 'Delete a project' },
	getArchivedProjects: { name: 'Get Many Archived', action: 'Get many archived projects' },
	getProject: { name: 'Get', action: 'Get a project' },
	getProjectActivities: { name: 'Get Many Activities', action: 'Get many activities of a project' },
	getProjectChangelog: { name: 'Get Field Changes', action: 'Get field value changes of a project' },
	getProjectGroups: { name: 'Get Many Groups', action: 'Get many groups of a project' },
	getProjectPlan: { name: 'Get Plan', action: 'Get the plan of a project' },
	getProjects: { name: 'Get Many', action: 'Get many projects' },
	getProjectTasks: { name: 'Get Many Tasks', action: 'Get many tasks of a project' },
	getProjectUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a project' },
	putProjectPlanActivity: { name: 'Move Activity in Plan', action: 'Move an activity in a project plan' },
	putProjectPlanTask: { name: 'Move Task in Plan', action: 'Move a task in a project plan' },
	searchProjects: { name: 'Search', action: 'Search projects' },
	updateProject: { name: 'Update', action: 'Update a project' },
};
