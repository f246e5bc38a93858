import { idList } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const TASK_WRITE: Record<string, FieldSurface> = {
	done: { description: 'Whether the task is done' },
	milestone: { description: 'Whether the task is a milestone' },
	assignee_ids: idList('users assigned to the task', 'Assignee IDs'),
	priority: { description: 'The priority of the task' },
	parent_task_id: { description: 'The ID of the task this one is a subtask of' },
};

/** Task: the operations of operations/task.json as users see them. */
export const task: ResourceSurface = {
	addTask: {
		name: 'Create',
		action: 'Create a task',
		description: 'Create a task in a project',
		order: ['title', 'project_id'],
		fields: TASK_WRITE,
	},
	deleteTask: { name: 'Delete', action: 'Delete a task' },
	getTask: { name: 'Get', action: 'Get a task' },
	getTasks: {
		name: 'Get Many',
		action: 'Get many tasks',
		fields: {
			is_done: { description: 'Whether to return only done tasks (on) or only open ones (off)' },
			is_milestone: { description: 'Whether to return only milestones (on) or only other tasks (off)' },
			parent_task_id: { description: 'Only subtasks of this task; "null" for tasks without a parent', placeholder: 'e.g. 42 or null' },
		},
	},
	updateTask: { name: 'Update', action: 'Update a task', fields: TASK_WRITE },
};
