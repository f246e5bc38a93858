/**
 * A goal as a user fills it in: its four objects have no better control than JSON. The engine test
 * checks what reaches Pipedrive; the editor test checks the editor shows no problem for it.
 */
export const GOAL_PARAMETERS = {
	resource: 'goal',
	operation: 'addGoal',
	type: '{"name":"deals_won","params":{"pipeline_id":[1]}}',
	assignee: '{"id":1,"type":"person"}',
	expected_outcome: '{"target":10,"tracking_metric":"quantity"}',
	duration: '{"start":"2026-01-01","end":"2026-12-31"}',
};
