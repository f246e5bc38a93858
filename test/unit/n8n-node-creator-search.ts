/**
 * How n8n's node panel finds and ranks a node's actions when the user types into its search box, so that
 * tests rank the actions our description yields exactly as the editor does. The scoring is n8n's own
 * published code (`sublimeSearch`, `reRankSearchResults` from @n8n/utils 1.24.0, the version n8n 2.8.4
 * ships); the two editor-ui parts n8n does not publish are ported here from n8n-io/n8n:
 *
 * - packages/frontend/editor-ui/src/components/Node/NodeCreator/utils.ts: `searchNodes`,
 *   `removeTrailingTrigger`.
 * - packages/frontend/editor-ui/src/components/Node/NodeCreator/composables/useActionsGeneration.ts:
 *   `resourceCategories` (which text an action is searched by: its `action`, else resource + name).
 */
import { reRankSearchResults, sublimeSearch } from '@n8n/utils';

function removeTrailingTrigger(searchFilter: string): string {
	const parts = searchFilter.split(' ');
	if (parts.length > 1 && 'trigger'.startsWith(parts.slice(-1)[0].toLowerCase())) {
		return parts
			.slice(0, -1)
			.filter((x) => x)
			.join(' ')
			.trimEnd();
	}
	return searchFilter;
}

export interface ActionItem {
	key: string;
	type: 'action';
	properties: { displayName: string; actionKey: string; resource: string; codex: { label: string } };
}

/** The editor's `searchNodes` as the node panel calls it inside a node ({ popularity } has no entry for community nodes). */
export function searchNodes<T extends { key: string }>(
	searchFilter: string,
	items: T[],
	additionalFactors: Record<string, Record<string, number>> = {},
): T[] {
	return reRankSearchResults(sublimeSearch(removeTrailingTrigger(searchFilter).toLowerCase(), items) || [], additionalFactors).map(
		({ item }) => item,
	);
}

interface DescriptionLike {
	name: string;
	properties: Array<{ name: string; options?: unknown[]; displayOptions?: { show?: Record<string, unknown[] | undefined> } }>;
}

function startCase(text: string): string {
	return text
		.replace(/([a-z])([A-Z])/g, '$1 $2')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word[0].toUpperCase() + word.slice(1))
		.join(' ');
}

/**
 * The action items the editor generates from a node description (`resourceCategories`): per resource
 * option, in order, the options of the first `operation` property shown for it. n8n's injected Custom
 * API Call entries are not in a description as the node defines it; the panel filters them out anyway.
 */
export function actionItems(nodeType: string, description: DescriptionLike): ActionItem[] {
	const resource = description.properties.find((p) => p.name === 'resource');
	const resources = (resource?.options ?? []) as Array<{ name: string; value: string }>;
	return resources.flatMap((resourceOption) => {
		const operations = description.properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resourceOption.value),
		);
		return ((operations?.options ?? []) as Array<{ name: string; value: string; action?: string }>).map((operation) => ({
			key: nodeType,
			type: 'action' as const,
			properties: {
				displayName: operation.action ?? `${resourceOption.name} ${startCase(operation.name)}`,
				actionKey: operation.value,
				resource: resourceOption.value,
				codex: { label: `${resourceOption.name} Actions` },
			},
		}));
	});
}
