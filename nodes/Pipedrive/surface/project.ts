import { idList, PROJECT_STATUS, PROJECT_STATUS_FILTER } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const PROJECT_WRITE: Record<string, FieldSurface> = {
	status: PROJECT_STATUS,
	deal_ids: idList('deals linked to the project', 'Deal IDs'),
	person_ids: idList('persons linked to the project', 'Person IDs'),
	org_ids: idList('organizations linked to the project', 'Organization IDs'),
	health_status: { description: 'The health status option ID of the project' },
	template_id: { description: 'The ID of the project template to start from' },
};

const PLAN_POSITION: Record<string, FieldSurface> = {
	phase_id: { displayName: 'Phase ID', description: 'The phase to move it to' },
	group_id: { displayName: 'Group ID', description: 'The group to move it to' },
};

/** Project: the operations of operations/project.json as users see them. */
export const project: ResourceSurface = {
	addProject: {
		name: 'Create',
		action: 'Create a project',
		description: 'Create a project on a board, linked to deals and contacts',
		fields: PROJECT_WRITE,
	},
	archiveProject: { name: 'Archive', action: 'Archive a project' },
	deleteProject: { name: 'Delete', action: 'Delete a project' },
	getArchivedProjects: { name: 'Get Many Archived', action: 'Get many archived projects', fields: { status: PROJECT_STATUS_FILTER } },
	getProject: { name: 'Get', action: 'Get a project' },
	getProjectActivities: { name: 'Get Many Activities', action: 'Get many activities of a project' },
	getProjectChangelog: { name: 'Get Field Changes', action: 'Get field value changes of a project' },
	getProjectGroups: { name: 'Get Many Groups', action: 'Get many groups of a project' },
	getProjectPlan: { name: 'Get Plan', action: 'Get the plan of a project' },
	getProjects: {
		name: 'Get Many',
		action: 'Get many projects',
		description: 'List projects that are not archived',
		fields: { status: PROJECT_STATUS_FILTER },
	},
	getProjectTasks: { name: 'Get Many Tasks', action: 'Get many tasks of a project' },
	getProjectUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a project' },
	putProjectPlanActivity: {
		name: 'Move Activity in Plan',
		action: 'Move an activity in a project plan',
		description: 'Move an activity of a project to another phase or group',
		fields: { ...PLAN_POSITION, activityId: { displayName: 'Activity ID' } },
	},
	putProjectPlanTask: {
		name: 'Move Task in Plan',
		action: 'Move a task in a project plan',
		description: 'Move a task of a project to another phase or group',
		fields: { ...PLAN_POSITION, taskId: { displayName: 'Task ID' } },
	},
	searchProjects: { name: 'Search', action: 'Search projects' },
	updateProject: {
		name: 'Update',
		action: 'Update a project',
		description: 'Change the fields of a project; fields left out keep their values',
		fields: PROJECT_WRITE,
	},
};
