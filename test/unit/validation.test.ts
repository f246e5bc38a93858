/** Values checked and converted before anything is sent: which field, and why, when a value cannot go. */
import type { ParameterDefinition } from '../../nodes/Pipedrive/types';
import { checkPathValue, coerceParameter, coerceValues, InputError, tryParseJson } from '../../nodes/Pipedrive/validation';

const param = (name: string, type: ParameterDefinition['type'], extra: Partial<ParameterDefinition> = {}): ParameterDefinition => ({ name, in: 'body', type, ...extra });
const refusal = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(InputError);
		return (error as Error).message;
	}
	throw new Error('accepted');
};

describe('coerceParameter', () => {
	test.each([
		[param('value', 'number'), ' 12.5 ', 12.5],
		[param('count', 'integer'), '-3', -3],
		[param('owner_id', 'integer'), '7', 7],
		[param('active_flag', 'boolean'), 'yes', true],
		[param('done', 'integer', { enum: [0, 1] }), true, 1],
		[param('due_date', 'string', { format: 'date' }), '2026-01-31T10:00:00Z', '2026-01-31'],
		[param('due', 'string', { format: 'date-time' }), '2026-01-31 10:00', '2026-01-31T10:00:00Z'],
		[param('add_time', 'string', { format: 'timestamp' }), new Date('2026-01-31T10:00:00Z'), '2026-01-31 10:00:00'],
		[param('due_time', 'string', { format: 'time' }), '9:5', '09:05'],
		[param('color', 'string', { format: 'color' }), '#1a2b3c', '1A2B3C'],
		[param('ids', 'array', { items: 'integer' }), '1, 2', [1, 2]],
		[param('ids', 'array', { items: 'integer' }), '[3,4]', [3, 4]],
		[param('emails', 'array', { items: 'object' }), 'a@x.io, b@y.io', [
			{ value: 'a@x.io', primary: true, label: 'work' },
			{ value: 'b@y.io', primary: false, label: 'work' },
		]],
		[param('address', 'object', { textKey: 'value' }), ' 1 Main St ', { value: '1 Main St' }],
		[param('settings', 'object'), '{"a":1}', { a: 1 }],
		[param('status', 'string', { enum: ['open', 'won'] }), 'won', 'won'],
	])('%j: %j → %j', (definition, value, expected) => {
		expect(coerceParameter(definition, value)).toEqual(expected);
	});

	test.each([
		[param('owner_id', 'integer'), '0', /Owner.*must be a positive ID, got 0/],
		[param('count', 'integer'), '1.5', /must be a whole number, got "1.5"/],
		[param('value', 'number'), 'ten', /must be a number, got "ten"/],
		[param('active_flag', 'boolean'), 'maybe', /must be true or false/],
		[param('due_date', 'string', { format: 'date' }), '31/01/2026', /must be a date like 2026-01-31/],
		[param('due_time', 'string', { format: 'time' }), '25:00', /must be a time like 14:30/],
		[param('color', 'string', { format: 'color' }), 'red', /must be a 6-digit hex color/],
		[param('email', 'string', { format: 'email' }), 'nobody', /must be an email address/],
		[param('lead_id', 'string', { format: 'uuid' }), 'abc', /must be a UUID/],
		[param('status', 'string', { enum: ['open', 'won'] }), 'lost', /must be one of open, won; got "lost"/],
		[param('settings', 'object'), '{nope', /is not valid JSON/],
		[param('participants', 'array', { items: 'object', requiredKeys: ['person_id'], example: '[{"person_id":1}]' }), '[{}]', /needs "person_id" \(entry 1\)/],
	])('%j refuses %j', (definition, value, message) => {
		expect(refusal(() => coerceParameter(definition, value))).toMatch(message);
	});
});

describe('coerceValues', () => {
	test('converts in place, drops empty optional values and empty query lists, refuses an empty required one', () => {
		const values: Record<string, unknown> = { title: ' T ', value: '', ids: '' };
		coerceValues(values as never, [param('title', 'string', { required: true }), param('value', 'number'), param('ids', 'array', { in: 'query', items: 'integer' })]);
		expect(values).toEqual({ title: ' T ' });
		expect(refusal(() => coerceValues({ title: ' ' }, [param('title', 'string', { required: true })]))).toBe('Title: is required but empty');
	});
});

test('path values are present and well-formed before they go into a URL', () => {
	expect(checkPathValue(param('id', 'integer', { in: 'path' }), { __rl: true, value: ' 42 ' }, 'Deal')).toBe('42');
	expect(refusal(() => checkPathValue(param('id', 'integer', { in: 'path' }), 0, 'Deal'))).toBe('Deal: is required but empty');
	expect(refusal(() => checkPathValue(param('id', 'string', { in: 'path', format: 'uuid' }), 'x', 'Lead'))).toBe('Lead: must be a UUID, got "x"');
});

test('tryParseJson reports failure as a value', () => {
	expect(tryParseJson('[1]')).toEqual({ ok: true, value: [1] });
	expect(tryParseJson('{')).toMatchObject({ ok: false, message: expect.stringContaining('JSON') });
});
