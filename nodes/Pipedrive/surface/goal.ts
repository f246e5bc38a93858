import type { ResourceSurface } from './types';

/** Goal: the operations of operations/goal.json as users see them. */
export const goal: ResourceSurface = {
	addGoal: { name: 'Create', action: 'Create a goal' },
	deleteGoal: { name: 'Delete', action: 'Delete a goal' },
	getGoalResult: { name: 'Get Result', action: 'Get the result of a goal' },
	getGoals: { name: 'Get Many', action: 'Get many goals' },
	updateGoal: { name: 'Update', action: 'Update a goal' },
};
