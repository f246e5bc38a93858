import type { FieldSurface, ResourceSurface } from './types';

const GOAL_TYPE_SHAPE = '{"name":"deals_won","params":{"pipeline_id":[1]}}';
const DURATION_SHAPE = '{"start":"2026-01-01","end":"2026-12-31"}';

/** Goal → Create and Update take four JSON objects; each is checked for the keys Pipedrive needs before sending. */
const GOAL_WRITE: Record<string, FieldSurface> = {
	assignee: { description: 'Who the goal is for: a user (person), a team or the whole company' },
	type: {
		displayName: 'Goal Type',
		description:
			'What is measured (deals_won, deals_progressed, activities_completed, activities_added or deals_started) and for which pipelines or activity types',
		json: { shape: GOAL_TYPE_SHAPE, requiredKeys: ['name'] },
	},
	expected_outcome: { description: 'The target, tracked as a quantity or a sum (with currency_id for sums)' },
	duration: {
		description: 'When the goal starts and, optionally, ends (YYYY-MM-DD)',
		json: { shape: DURATION_SHAPE, requiredKeys: ['start'] },
	},
	interval: { default: 'monthly' },
};

/** Goal: the operations of operations/goal.json as users see them. */
export const goal: ResourceSurface = {
	addGoal: {
		name: 'Create',
		action: 'Create a goal',
		description: 'Set a goal for a user, team or company, e.g. deals won per month',
		order: ['type', 'assignee', 'expected_outcome', 'duration', 'interval'],
		fields: GOAL_WRITE,
	},
	deleteGoal: { name: 'Delete', action: 'Delete a goal' },
	getGoalResult: {
		name: 'Get Result',
		action: 'Get the result of a goal',
		description: 'Get the progress of a goal over a period',
		fields: { 'period.start': { displayName: 'Period Start' }, 'period.end': { displayName: 'Period End' } },
	},
	getGoals: {
		name: 'Get Many',
		action: 'Get many goals',
		filters: true,
		description: 'Find goals by type, assignee, target or period',
		fields: {
			'type.name': { displayName: 'Goal Type' },
			'assignee.id': { displayName: 'Assignee ID' },
			'assignee.type': { displayName: 'Assignee Type' },
			'expected_outcome.target': { displayName: 'Target' },
			'expected_outcome.tracking_metric': { displayName: 'Tracking Metric' },
			'expected_outcome.currency_id': { displayName: 'Currency ID' },
			'type.params.pipeline_id': { displayName: 'Pipeline IDs', description: 'Only goals for these pipelines' },
			'type.params.stage_id': { displayName: 'Stage ID' },
			'type.params.activity_type_id': { displayName: 'Activity Type IDs', description: 'Only goals for these activity types' },
			'period.start': { displayName: 'Period Start' },
			'period.end': { displayName: 'Period End' },
			is_active: { description: 'Whether to return only active goals (on) or only inactive ones (off)' },
		},
	},
	updateGoal: { name: 'Update', action: 'Update a goal', fields: GOAL_WRITE },
};
