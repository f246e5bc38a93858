import type { ResourceSurface } from './types';

/** Person: the operations of operations/person.json as users see them. */
export const person: ResourceSurface = {
	addPerson: { name: 'Create', action: 'Create a person' },
	addPersonFollower: { name: 'Add Follower', action: 'Add a follower to a person' },
	addPersonPicture: { name: 'Add Picture', action: 'Add a picture to a person' },
	deletePerson: { name: 'Delete', action: 'Delete a person' },
	deletePersonFollower: { name: 'Remove Follower', action: 'Remove a follower from a person' },
	deletePersonPicture: { name: 'Delete Picture', action: 'Delete the picture of a person' },
	getPerson: { name: 'Get', action: 'Get a person' },
	getPersonChangelog: { name: 'Get Field Changes', action: 'Get field value changes of a person' },
	getPersonFiles: { name: 'Get Many Files', action: 'Get many files of a person' },
	getPersonFollowers: { name: 'Get Many Followers', action: 'Get many followers of a person' },
	getPersonFollowersChangelog: { name: 'Get Follower Changes', action: 'Get follower changes of a person' },
	getPersonMailMessages: { name: 'Get Many Mail Messages', action: 'Get many mail messages of a person' },
	getPersonPicture: { name: 'Get Picture', action: 'Get the picture of a person' },
	getPersonProducts: { name: 'Get Many Products', action: 'Get many products of a person' },
	getPersons: { name: 'Get Many', action: 'Get many persons' },
	getPersonUpdates: { name: 'Get Updates', action: 'Get updates about a person' },
	getPersonUsers: { name: 'Get Permitted Users', action: 'Get users permitted to see a person' },
	mergePersons: { name: 'Merge', action: 'Merge two persons' },
	searchPersons: { name: 'Search', action: 'Search persons' },
	updatePerson: { name: 'Update', action: 'Update a person' },
};
