import { DATE, FOLLOWER_ID } from './fields';
import type { FieldSurface, ResourceSurface } from './types';

const PERSON_WRITE: Record<string, FieldSurface> = {
	birthday: { ...DATE, description: 'The birthday of the person; only when contact sync is enabled' },
	job_title: { description: 'The job title of the person; only when contact sync is enabled' },
	notes: { description: 'Notes about the person; only when contact sync is enabled' },
	marketing_status: {
		description: 'The marketing consent of the person; without an email address it stays No Consent',
		options: [
			{ name: 'Archived', value: 'archived' },
			{ name: 'No Consent', value: 'no_consent' },
			{ name: 'Subscribed', value: 'subscribed' },
			{ name: 'Unsubscribed', value: 'unsubscribed' },
		],
		default: 'subscribed',
	},
};

/** Person: the operations of operations/person.json as users see them. */
export const person: ResourceSurface = {
	addPerson: {
		name: 'Create',
		action: 'Create a person',
		description: 'Create a person with contact details, organization and custom fields',
		fields: { ...PERSON_WRITE, name: { required: true, description: 'The name of the person' } },
	},
	addPersonFollower: { name: 'Add Follower', action: 'Add a follower to a person' },
	addPersonPicture: {
		name: 'Add Picture',
		action: 'Add a picture to a person',
		description: 'Upload a picture of a person, optionally cropped to a square',
		fields: {
			crop_x: { description: 'Where the crop starts from the left, in pixels' },
			crop_y: { description: 'Where the crop starts from the top, in pixels' },
			crop_width: { description: 'The width of the crop, in pixels' },
			crop_height: { description: 'The height of the crop, in pixels' },
		},
	},
	deletePerson: { name: 'Delete', action: 'Delete a person' },
	deletePersonFollower: { name: 'Remove Follower', action: 'Remove a follower from a person', fields: { follower_id: FOLLOWER_ID } },
	deletePersonPicture: { name: 'Delete Picture', action: 'Delete the picture of a person' },
	getPerson: { name: 'Get', action: 'Get a person' },
	getPersonChangelog: { name: 'Get Field Changes', action: 'Get field value changes of a person' },
	getPersonFiles: { name: 'Get Many Files', action: 'Get many files of a person' },
	getPersonFollowers: { name: 'Get Many Followers', action: 'Get many followers of a person' },
	getPersonFollowersChangelog: {
		name: 'Get Follower Changes',
		action: 'Get follower changes of a person',
		description: 'List when users started and stopped following a person',
	},
	getPersonMailMessages: { name: 'Get Many Mail Messages', action: 'Get many mail messages of a person' },
	getPersonPicture: { name: 'Get Picture', action: 'Get the picture of a person' },
	getPersonProducts: { name: 'Get Many Products', action: 'Get many products of a person' },
	getPersons: { name: 'Get Many', action: 'Get many persons' },
	getPersonUpdates: {
		name: 'Get Updates',
		action: 'Get updates about a person',
		description: 'List the updates about a person, including marketing status changes with Campaigns',
	},
	getPersonUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a person' },
	mergePersons: {
		name: 'Merge',
		action: 'Merge two persons',
		description: 'Merge a person into another person; the other person is kept',
	},
	searchPersons: { name: 'Search', action: 'Search persons' },
	updatePerson: {
		name: 'Update',
		action: 'Update a person',
		description: 'Change the fields of a person; fields left out keep their values',
		fields: PERSON_WRITE,
	},
};
