import type { ResourceSurface } from './types';

/** Task: the operations of operations/task.json as users see them. */
export const task: ResourceSurface = {
	addTask: { name: 'Create', action: 'Create a task' },
	deleteTask: { name: 'Delete', action: 'Delete a task' },
	getTask: { name: 'Get', action: 'Get a task' },
	getTasks: { name: 'Get Many', action: 'Get many tasks' },
	updateTask: { name: 'Update', action: 'Update a task' },
};
