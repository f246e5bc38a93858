import type { ResourceSurface } from './types';

/** Pipeline: the operations of operations/pipeline.json as users see them. */
export const pipeline: ResourceSurface = {
	addPipeline: {
		name: 'Create',
		action: 'Create a pipeline',
		fields: {
			is_deal_probability_enabled: {
				displayName: 'Deal Probability',
				description: 'Whether deals in the pipeline have a success probability',
			},
		},
	},
	deletePipeline: { name: 'Delete', action: 'Delete a pipeline' },
	getPipeline: { name: 'Get', action: 'Get a pipeline' },
	getPipelineConversionStatistics: { name: 'Get Conversion Rates', action: 'Get deal conversion rates of a pipeline' },
	getPipelineDeals: {
		name: 'Get Many Deals',
		action: 'Get many deals in a pipeline',
		description: 'List the deals in a pipeline. Deprecated: use Deal → Get Many with the Pipeline filter.',
		fields: {
			totals_convert_currency: { description: 'The 3-letter code of the currency to convert the totals to', placeholder: 'e.g. EUR' },
		},
	},
	getPipelineMovementStatistics: { name: 'Get Movement Statistics', action: 'Get deal movement statistics of a pipeline' },
	getPipelines: { name: 'Get Many', action: 'Get many pipelines' },
	updatePipeline: {
		name: 'Update',
		action: 'Update a pipeline',
		fields: {
			is_deal_probability_enabled: {
				displayName: 'Deal Probability',
				description: 'Whether deals in the pipeline have a success probability',
			},
		},
	},
};
