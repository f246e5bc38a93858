/**
 * How n8n's node panel finds and ranks a node's actions when the user types into its search box, ported
 * line by line from n8n's editor so that tests can rank the actions our description yields exactly as
 * the editor does. Sources (n8n-io/n8n; identical in the n8n 2.8.4 editor bundle,
 * node_modules/n8n-editor-ui/dist/assets/users.store-*.js and nodeCreator.store-*.js):
 *
 * - packages/@n8n/utils/src/search/sublimeSearch.ts: `sublimeSearch`, `fuzzyMatch`, `fuzzyMatchSimple`,
 *   `fuzzyMatchRecursive` and their constants (a port of forrestthewoods/lib_fts fts_fuzzy_match).
 * - packages/@n8n/utils/src/search/reRankSearchResults.ts: `reRankSearchResults` (the editor adds
 *   `{ popularity: nodePopularityMap }`, keyed by node type; every action of one node has the same key).
 * - packages/frontend/editor-ui/src/components/Node/NodeCreator/utils.ts: `searchNodes`,
 *   `removeTrailingTrigger`.
 * - packages/frontend/editor-ui/src/components/Node/NodeCreator/composables/useActionsGeneration.ts:
 *   `resourceCategories` (which text an action is searched by: its `action`, else resource + name).
 */

const SEQUENTIAL_BONUS = 60; // bonus for adjacent matches
const SEPARATOR_BONUS = 38; // bonus if match occurs after a separator
const CAMEL_BONUS = 30; // bonus if match is uppercase and prev is lower
const FIRST_LETTER_BONUS = 15; // bonus if the first letter is matched
const LEADING_LETTER_PENALTY = -20; // penalty applied for every letter in str before the first match
const MAX_LEADING_LETTER_PENALTY = -200; // maximum penalty for leading letters
const UNMATCHED_LETTER_PENALTY = -5;

const DEFAULT_KEYS = [
	{ key: 'properties.displayName', weight: 1.3 },
	{ key: 'properties.codex.alias', weight: 1 },
];

function fuzzyMatchSimple(pattern: string, target: string): boolean {
	let patternIdx = 0;
	let strIdx = 0;
	while (patternIdx < pattern.length && strIdx < target.length) {
		if (pattern.charAt(patternIdx).toLowerCase() === target.charAt(strIdx).toLowerCase()) patternIdx++;
		++strIdx;
	}
	return pattern.length !== 0 && target.length !== 0 && patternIdx === pattern.length;
}

function fuzzyMatchRecursive(
	pattern: string,
	target: string,
	patternCurIndexIn: number,
	targetCurrIndexIn: number,
	targetMatches: null | number[],
	matchesIn: number[],
	maxMatches: number,
	nextMatchIn: number,
	recursionCountIn: number,
	recursionLimit: number,
): { matched: boolean; outScore: number } {
	let patternCurIndex = patternCurIndexIn;
	let targetCurrIndex = targetCurrIndexIn;
	let matches = matchesIn;
	let nextMatch = nextMatchIn;
	let recursionCount = recursionCountIn;
	let outScore = 0;
	if (++recursionCount >= recursionLimit) return { matched: false, outScore };
	if (patternCurIndex === pattern.length || targetCurrIndex === target.length) return { matched: false, outScore };

	let recursiveMatch = false;
	let bestRecursiveMatches: number[] = [];
	let bestRecursiveScore = 0;
	let firstMatch = true;
	while (patternCurIndex < pattern.length && targetCurrIndex < target.length) {
		if (pattern[patternCurIndex].toLowerCase() === target[targetCurrIndex].toLowerCase()) {
			if (nextMatch >= maxMatches) return { matched: false, outScore };
			if (firstMatch && targetMatches) {
				matches = [...targetMatches];
				firstMatch = false;
			}
			const recursiveMatches: number[] = [];
			const recursiveResult = fuzzyMatchRecursive(
				pattern,
				target,
				patternCurIndex,
				targetCurrIndex + 1,
				matches,
				recursiveMatches,
				maxMatches,
				nextMatch,
				recursionCount,
				recursionLimit,
			);
			const recursiveScore = recursiveResult.outScore;
			if (recursiveResult.matched) {
				if (!recursiveMatch || recursiveScore > bestRecursiveScore) {
					bestRecursiveMatches = [...recursiveMatches];
					bestRecursiveScore = recursiveScore;
				}
				recursiveMatch = true;
			}
			matches[nextMatch++] = targetCurrIndex;
			++patternCurIndex;
		}
		++targetCurrIndex;
	}

	const matched = patternCurIndex === pattern.length;
	if (matched) {
		outScore = 100;
		if (!target.toLowerCase().startsWith('n8n')) {
			let penalty = LEADING_LETTER_PENALTY * matches[0];
			penalty = penalty < MAX_LEADING_LETTER_PENALTY ? MAX_LEADING_LETTER_PENALTY : penalty;
			outScore += penalty;
		}
		const unmatched = target.length - nextMatch;
		outScore += UNMATCHED_LETTER_PENALTY * unmatched;
		for (let i = 0; i < nextMatch; i++) {
			const currIdx = matches[i];
			if (i > 0) {
				const prevIdx = matches[i - 1];
				if (currIdx === prevIdx + 1) outScore += SEQUENTIAL_BONUS;
			}
			if (currIdx > 0) {
				const neighbor = target[currIdx - 1];
				const curr = target[currIdx];
				if (neighbor !== neighbor.toUpperCase() && curr !== curr.toLowerCase()) outScore += CAMEL_BONUS;
				const isNeighbourSeparator = neighbor === '_' || neighbor === ' ';
				if (isNeighbourSeparator) outScore += SEPARATOR_BONUS;
			} else {
				outScore += FIRST_LETTER_BONUS;
			}
		}
		if (recursiveMatch && (!matched || bestRecursiveScore > outScore)) {
			matches = [...bestRecursiveMatches];
			outScore = bestRecursiveScore;
			return { matched: true, outScore };
		} else if (matched) {
			return { matched: true, outScore };
		} else {
			return { matched: false, outScore };
		}
	}
	return { matched: false, outScore };
}

function fuzzyMatch(pattern: string, target: string): { matched: boolean; outScore: number } {
	return fuzzyMatchRecursive(pattern, target, 0, 0, null, [], 256, 0, 0, 5);
}

function getValue(obj: object, prop: string): unknown {
	if (Object.prototype.hasOwnProperty.call(obj, prop)) return (obj as Record<string, unknown>)[prop];
	const segments = prop.split('.');
	let result: unknown = obj;
	let i = 0;
	while (result && i < segments.length) {
		result = (result as Record<string, unknown>)[segments[i]];
		i++;
	}
	return result;
}

export function sublimeSearch<T extends object>(
	filter: string,
	data: readonly T[],
	keys = DEFAULT_KEYS,
): Array<{ score: number; item: T }> {
	const results = data.reduce((accu: Array<{ score: number; item: T }>, item: T) => {
		let values: Array<{ value: string; weight: number }> = [];
		keys.forEach(({ key, weight }) => {
			const value = getValue(item, key);
			if (Array.isArray(value)) values = values.concat(value.map((v: string) => ({ value: v, weight })));
			else if (typeof value === 'string') values.push({ value, weight });
		});
		const itemMatch = values.reduce((result: null | { matched: boolean; outScore: number }, { value, weight }) => {
			if (!fuzzyMatchSimple(filter, value)) return result;
			const match = fuzzyMatch(filter, value);
			match.outScore *= weight;
			const { matched, outScore } = match;
			if (!result && matched) return match;
			if (matched && result && outScore > result.outScore) return match;
			return result;
		}, null);
		if (itemMatch) accu.push({ score: itemMatch.outScore, item });
		return accu;
	}, []);
	results.sort((a, b) => b.score - a.score);
	return results;
}

function reRankSearchResults<T extends { key: string }>(
	searchResults: Array<{ score: number; item: T }>,
	additionalFactors: Record<string, Record<string, number>>,
): Array<{ score: number; item: T }> {
	return searchResults
		.map(({ score, item }) => ({
			score:
				score +
				Object.entries(additionalFactors).reduce((acc, [, factorScores]) => {
					const factorScore = factorScores[item.key];
					return factorScore ? acc + factorScore : acc;
				}, 0),
			item,
		}))
		.sort((a, b) => b.score - a.score);
}

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
