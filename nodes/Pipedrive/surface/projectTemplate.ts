import type { ResourceSurface } from './types';

/** Project Template: the operations of operations/projectTemplate.json as users see them. */
export const projectTemplate: ResourceSurface = {
	getProjectTemplate: { name: 'Get', action: 'Get a project template' },
	getProjectTemplates: { name: 'Get Many', action: 'Get many project templates' },
};
