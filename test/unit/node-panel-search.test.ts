/**
 * What a user finds when they open Pipedrive Complete in n8n's node panel and type what they want to do:
 * the actions our built description yields, ranked by n8n's own search (@n8n/utils'
 * scoring and the editor's `searchNodes`, see n8n-node-creator-search.ts). The browser e2e test
 * (test/e2e/editor.e2e.test.ts) checks the same four searches in the real editor.
 */
import { PipedriveComplete } from '../../nodes/Pipedrive/PipedriveComplete.node';
import { actionItems, searchNodes } from './n8n-node-creator-search';

const description = new PipedriveComplete().description;
const actions = actionItems('CUSTOM.pipedriveComplete', description);
const ranked = (search: string) =>
	searchNodes(search, actions).map((item) => `${item.properties.resource}:${item.properties.actionKey} "${item.properties.displayName}"`);

test('every operation is an action in the panel, found by its action text', () => {
	expect(actions).toHaveLength(316);
	expect(actions.find((a) => a.properties.actionKey === 'addDeal')!.properties.displayName).toBe('Create a deal');
});

test.each([
	['create deal', 'deal:addDeal "Create a deal"'],
	['update person', 'person:updatePerson "Update a person"'],
	['add product to deal', 'dealProduct:addDealProduct "Add a product to a deal"'],
	['search organization', 'organization:searchOrganization "Search organizations"'],
	['get many deals', 'deal:getDeals "Get many deals"'],
	['delete lead', 'lead:deleteLead "Delete a lead"'],
	['create activity', 'activity:addActivity "Create an activity"'],
	['add follower to deal', 'deal:addDealFollower "Add a follower to a deal"'],
	['upload file', 'file:addFile "Upload a file"'],
	['convert lead to deal', 'lead:convertLeadToDeal "Convert a lead to a deal"'],
	['deals', 'deal:searchDeals "Search deals"'],
	['create note', 'note:addNote "Create a note"'],
	['search persons', 'person:searchPersons "Search persons"'],
])('typing "%s" ranks %s first', (search, expected) => {
	const results = ranked(search);
	expect(results.slice(0, 1)).toEqual([expected]);
});
