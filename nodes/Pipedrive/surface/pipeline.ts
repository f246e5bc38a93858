import type { ResourceSurface } from './types';

/** Pipeline: the operations of operations/pipeline.json as users see them. */
export const pipeline: ResourceSurface = {
	addPipeline: { name: 'Create', action: 'Create a pipeline' },
	deletePipeline: { name: 'Delete', action: 'Delete a pipeline' },
	getPipeline: { name: 'Get', action: 'Get a pipeline' },
	getPipelineConversionStatistics: { name: 'Get Conversion Rates', action: 'Get deal conversion rates of a pipeline' },
	getPipelineDeals: { name: 'Get Many Deals', action: 'Get many deals in a pipeline' },
	getPipelineMovementStatistics: { name: 'Get Movement Statistics', action: 'Get deal movement statistics of a pipeline' },
	getPipelines: { name: 'Get Many', action: 'Get many pipelines' },
	updatePipeline: { name: 'Update', action: 'Update a pipeline' },
};
