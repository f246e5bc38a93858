import type { ILoadOptionsFunctions } from 'n8n-workflow';

import { loadOptions } from '../../../nodes/Pipedrive/methods/loadOptions';
import { PipedriveCompletePollingTrigger } from '../../../nodes/PipedriveCompletePollingTrigger/PipedriveCompletePollingTrigger.node';
import { apiTokenCredentials } from '../../harness/credentials';
import type { FakePipedrive } from '../../harness/fake';
import { useFake } from '../../harness/fake';
import { pollingTarget } from '../../harness/poll';
import { loadOptionsContext } from '../../harness/run';

// The trigger's dropdowns through n8n-core's LoadOptionsContext against the spec-validating fake.

const currentFake = useFake();
let fake: FakePipedrive;
beforeAll(() => {
	fake = currentFake();
});

const { methods } = new PipedriveCompletePollingTrigger();

function context(object: string): ILoadOptionsFunctions {
	return loadOptionsContext({ parameters: { object, event: 'createdOrUpdated' }, credentials: apiTokenCredentials(fake.url) }, 'parameters', pollingTarget());
}

describe('Saved Filter dropdown', () => {
	/** Every saved filter of a Pipedrive filter type the fake holds (its seed data plus this test's), by name. */
	function filtersOfType(type: string) {
		return fake.store
			.all('filters')
			.filter((filter) => filter.type === type)
			.map((filter) => ({ name: filter.name as string, value: filter.id as number }))
			.sort((a, b) => a.name.localeCompare(b.name));
	}

	beforeEach(() => {
		fake.seed('filters', [
			{ name: 'Open deals', type: 'deals', conditions: {} },
			{ name: 'Big deals', type: 'deals', conditions: {} },
			{ name: 'VIP people', type: 'people', conditions: {} },
		]);
	});

	it('lists the saved filters of the chosen object’s type, by name, from one request', async () => {
		const deals = await methods.loadOptions.getSavedFilters.call(context('deal'));
		expect(deals).toEqual(filtersOfType('deals'));
		expect(deals.map((choice) => choice.name)).toEqual(expect.arrayContaining(['Big deals', 'Open deals']));
		const people = await methods.loadOptions.getSavedFilters.call(context('person'));
		expect(people).toEqual(filtersOfType('people'));
		expect(people.map((choice) => choice.name)).toContain('VIP people');
		expect(people.map((choice) => choice.name)).not.toContain('Big deals');
		expect(fake.requests.map((r) => `${r.method} ${r.path}?${new URLSearchParams(r.query)}`)).toEqual([
			'GET /v1/filters?type=deals',
			'GET /v1/filters?type=people',
		]);
	});

	it('offers nothing, without asking Pipedrive, for notes (their list takes no filter)', async () => {
		expect(await methods.loadOptions.getSavedFilters.call(context('note'))).toEqual([]);
		expect(fake.requests).toEqual([]);
	});
});

it('reuses the action node’s user, pipeline and stage loaders', () => {
	expect(methods.loadOptions).toMatchObject({ getUsers: loadOptions.getUsers, getPipelines: loadOptions.getPipelines, getStages: loadOptions.getStages });
});
