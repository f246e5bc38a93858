import { additionalDataOf } from '../../nodes/Pipedrive/transport/request';

describe('additionalDataOf: the next page position read from the end of a page text', () => {
	test('v2 cursor at the end of the page', () => {
		expect(additionalDataOf(JSON.stringify({ success: true, data: [{ id: 1 }], additional_data: { next_cursor: 'eyJ9' } }))).toEqual({ next_cursor: 'eyJ9' });
	});

	test('v1 offset paging followed by related objects', () => {
		const text = JSON.stringify({
			success: true,
			data: [{ id: 1 }],
			additional_data: { pagination: { start: 0, limit: 100, more_items_in_collection: true, next_start: 100 } },
			related_objects: { user: { 1: { name: 'A } "{' } } },
		});
		expect(additionalDataOf(text)).toEqual({ pagination: { start: 0, limit: 100, more_items_in_collection: true, next_start: 100 } });
	});

	test('braces and escaped quotes inside strings do not end the object', () => {
		const text = JSON.stringify({ data: [], additional_data: { next_cursor: 'a}"{b\\' } });
		expect(additionalDataOf(text)).toEqual({ next_cursor: 'a}"{b\\' });
	});

	test('a record whose text mentions additional_data is not taken for the key', () => {
		expect(additionalDataOf(JSON.stringify({ data: [{ note: '"additional_data":{"next_cursor":"x"}' }] }))).toBeUndefined();
	});

	test('no additional_data, or a cut text: nothing', () => {
		expect(additionalDataOf('{"success":true,"data":[]}')).toBeUndefined();
		expect(additionalDataOf('{"data":[],"additional_data":{"next_cursor":"ab')).toBeUndefined();
	});
});
