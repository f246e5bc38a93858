import type { INodeProperties, INodePropertyCollection, INodePropertyOptions, INodeType, INodeTypeDescription, NodeParameterValueType } from 'n8n-workflow';

/**
 * The interface saved workflows depend on, and the gate that protects it (interface/<node>.json).
 *
 * A saved workflow stores the node's type version and the parameters it set, by name and place:
 * `resource`, `operation`, top-level fields, entries of collections (`additionalFields.title`) and of
 * fixed collections (`customFieldsUi.field.key`). n8n does not store values equal to a top-level
 * default, so a changed default changes what such a workflow sends. Everything else (labels, hints,
 * order, routing) may change freely.
 */

/** One parameter as saved workflows meet it. */
export interface ParameterFacts {
	type: string;
	required?: true;
	/** Option values (options, multiOptions) or resource locator modes. */
	values?: Array<string | number | boolean>;
	/** Top-level fields only: the value a workflow that never set the field gets. */
	default?: NodeParameterValueType;
}

/** Parameter path → facts, for one operation. */
export type OperationInterface = Record<string, ParameterFacts>;

/**
 * Per node version: resource → operation → parameters; `common` holds what every operation shows.
 * `defaults`: the resource and each resource's operation a workflow gets when it stored none.
 */
export interface VersionInterface {
	defaults: { resource: string; operation: Record<string, string> };
	common: OperationInterface;
	resources: Record<string, Record<string, OperationInterface>>;
}

export interface NodeInterface {
	node: string;
	versions: Record<string, VersionInterface>;
}

type Selection = { resource: string; operation: string; version: number };

/** Only the conditions on resource, operation and version decide; a condition on another field may hold. */
const DECIDING: Record<string, keyof Selection> = {
	resource: 'resource',
	'/resource': 'resource',
	operation: 'operation',
	'/operation': 'operation',
	'@version': 'version',
};

function conditionHolds(allowed: unknown[], value: string | number): boolean {
	return allowed.some((entry) => {
		if (entry && typeof entry === 'object' && '_cnd' in entry) {
			const [[kind, bound]] = Object.entries((entry as { _cnd: Record<string, number> })._cnd);
			const n = value as number;
			return { eq: n === bound, not: n !== bound, gte: n >= bound, lte: n <= bound, gt: n > bound, lt: n < bound }[kind] ?? true;
		}
		return entry === value;
	});
}

function isShown(property: { displayOptions?: INodeProperties['displayOptions'] }, selection: Selection): boolean {
	const { show, hide } = property.displayOptions ?? {};
	for (const [key, allowed] of Object.entries(show ?? {})) {
		const facet = DECIDING[key];
		if (facet && !conditionHolds(allowed as unknown[], selection[facet])) return false;
	}
	for (const [key, hidden] of Object.entries(hide ?? {})) {
		const facet = DECIDING[key];
		if (facet && conditionHolds(hidden as unknown[], selection[facet])) return false;
	}
	return true;
}

function factsOf(property: INodeProperties, topLevel: boolean): ParameterFacts {
	const facts: ParameterFacts = { type: property.type };
	if (property.required) facts.required = true;
	if (property.type === 'options' || property.type === 'multiOptions') {
		const options = (property.options ?? []) as INodePropertyOptions[];
		if (options.length) facts.values = options.map((option) => option.value);
	}
	if (property.type === 'resourceLocator') facts.values = (property.modes ?? []).map((mode) => mode.name);
	if (topLevel && property.type !== 'collection' && property.type !== 'fixedCollection') facts.default = property.default;
	return facts;
}

/** The parameters one operation shows, by path: fields, collection entries, fixed-collection values. */
function parametersOf(properties: INodeProperties[], selection: Selection): OperationInterface {
	const out: OperationInterface = {};
	const add = (path: string, property: INodeProperties, topLevel: boolean) => {
		if (property.type === 'notice' || property.type === 'hidden' || path in out) return;
		out[path] = factsOf(property, topLevel);
		if (property.type === 'collection') {
			for (const entry of (property.options ?? []) as INodeProperties[]) if (isShown(entry, selection)) add(`${path}.${entry.name}`, entry, false);
		}
		if (property.type === 'fixedCollection') {
			for (const group of (property.options ?? []) as INodePropertyCollection[]) {
				for (const value of group.values) if (isShown(value, selection)) add(`${path}.${group.name}.${value.name}`, value, false);
			}
		}
	};
	for (const property of properties) {
		if (property.name === 'resource' || property.name === 'operation') continue;
		if (isShown(property, selection)) add(property.name, property, true);
	}
	return out;
}

function optionValues(property: INodeProperties | undefined): string[] {
	return ((property?.options ?? []) as INodePropertyOptions[]).map((option) => String(option.value));
}

function versionInterface(properties: INodeProperties[], version: number): VersionInterface {
	const resourceProperty = properties.find((p) => p.name === 'resource' && isShown(p, { resource: '', operation: '', version }));
	const perOperation: Array<{ resource: string; operation: string; parameters: OperationInterface }> = [];
	const defaults: VersionInterface['defaults'] = { resource: String(resourceProperty?.default), operation: {} };
	for (const resource of optionValues(resourceProperty)) {
		const operationProperty = properties.find((p) => p.name === 'operation' && isShown(p, { resource, operation: '', version }));
		defaults.operation[resource] = String(operationProperty?.default);
		for (const operation of optionValues(operationProperty)) {
			perOperation.push({ resource, operation, parameters: parametersOf(properties, { resource, operation, version }) });
		}
	}
	// What every operation shows (authentication, request options) is listed once.
	const common: OperationInterface = {};
	const [first] = perOperation;
	for (const [path, facts] of Object.entries(first?.parameters ?? {})) {
		const json = JSON.stringify(facts);
		if (perOperation.every(({ parameters }) => JSON.stringify(parameters[path]) === json)) common[path] = facts;
	}
	const resources: VersionInterface['resources'] = {};
	for (const { resource, operation, parameters } of perOperation) {
		const own = Object.fromEntries(Object.entries(parameters).filter(([path]) => !(path in common)));
		(resources[resource] ??= {})[operation] = own;
	}
	return { defaults, common, resources };
}

/** Every version's description: a VersionedNodeType's, or the versions one description serves. */
export function descriptionsByVersion(node: INodeType | { nodeVersions: Record<number, INodeType> }): Array<[number, INodeTypeDescription]> {
	if ('nodeVersions' in node && node.nodeVersions) {
		return Object.entries(node.nodeVersions).map(([version, type]) => [Number(version), (type as INodeType).description]);
	}
	const { description } = node as INodeType;
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	return versions.map((version) => [version, description]);
}

export function interfaceOf(name: string, versions: Array<[number, Pick<INodeTypeDescription, 'properties'>]>): NodeInterface {
	return { node: name, versions: Object.fromEntries(versions.map(([version, description]) => [String(version), versionInterface(description.properties, version)])) };
}

function expand(version: VersionInterface, resource: string, operation: string): OperationInterface {
	return { ...version.common, ...version.resources[resource][operation] };
}

const isEmpty = (value: unknown) =>
	value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || (typeof value === 'object' && value !== null && Object.keys(value).length === 0);

function leaf(path: string): string {
	return path.slice(path.lastIndexOf('.') + 1);
}

/** One incompatible difference, named so a maintainer can find it. */
export interface Incompatibility {
	version: string;
	resource?: string;
	operation?: string;
	parameter?: string;
	problem: string;
}

function parameterChanges(before: OperationInterface, after: OperationInterface): Array<{ parameter: string; problem: string }> {
	const out: Array<{ parameter: string; problem: string }> = [];
	for (const [path, was] of Object.entries(before)) {
		const now = after[path];
		if (!now) {
			const movedTo = Object.keys(after).filter((candidate) => !(candidate in before) && leaf(candidate) === leaf(path));
			out.push({ parameter: path, problem: movedTo.length ? `moved to "${movedTo.join('", "')}"` : 'removed or renamed' });
			continue;
		}
		if (now.type !== was.type) out.push({ parameter: path, problem: `type changed from ${was.type} to ${now.type}` });
		const removed = (was.values ?? []).filter((value) => !(now.values ?? []).includes(value));
		if (removed.length && now.type === was.type) out.push({ parameter: path, problem: `option value(s) ${removed.map((v) => JSON.stringify(v)).join(', ')} removed` });
		if (now.required && !was.required && isEmpty(now.default)) out.push({ parameter: path, problem: 'became required without a default' });
		if ('default' in was && JSON.stringify(now.default) !== JSON.stringify(was.default)) {
			out.push({ parameter: path, problem: `default changed from ${JSON.stringify(was.default)} to ${JSON.stringify(now.default)}` });
		}
	}
	for (const [path, now] of Object.entries(after)) {
		if (!(path in before) && now.required && isEmpty(now.default)) out.push({ parameter: path, problem: 'is new and required without a default' });
	}
	return out;
}

/**
 * What saved workflows would lose between the recorded interface and the current one: removed versions,
 * resources, operations and parameters, moved parameters, type changes, removed option values, new
 * required fields without a default, changed top-level defaults. Additions are compatible.
 */
export function incompatibilities(recorded: NodeInterface, current: NodeInterface): Incompatibility[] {
	const out: Incompatibility[] = [];
	for (const [version, before] of Object.entries(recorded.versions)) {
		const after = current.versions[version];
		if (!after) {
			out.push({ version, problem: `node version ${version} is gone` });
			continue;
		}
		if (after.defaults.resource !== before.defaults.resource) {
			out.push({ version, parameter: 'resource', problem: `default changed from "${before.defaults.resource}" to "${after.defaults.resource}"` });
		}
		for (const [resource, operations] of Object.entries(before.resources)) {
			const defaultOperation = after.defaults.operation[resource];
			if (defaultOperation && defaultOperation !== before.defaults.operation[resource]) {
				out.push({ version, resource, parameter: 'operation', problem: `default changed from "${before.defaults.operation[resource]}" to "${defaultOperation}"` });
			}
			if (!after.resources[resource]) {
				out.push({ version, resource, problem: 'resource removed or renamed' });
				continue;
			}
			for (const operation of Object.keys(operations)) {
				if (!after.resources[resource][operation]) {
					out.push({ version, resource, operation, problem: 'operation removed or renamed' });
					continue;
				}
				const changes = parameterChanges(expand(before, resource, operation), expand(after, resource, operation));
				for (const change of changes) out.push({ version, resource, operation, ...change });
			}
		}
	}
	return out;
}

export const HOW_TO_VERSION =
	'Saved workflows depend on this. Keep it, or ship the change as a new node version: the previous version keeps its ' +
	'description (VersionedNodeType), a migration note goes to CHANGELOG.md (README › Development › Breaking changes).';

export function describeIncompatibility(entry: Incompatibility): string {
	const where = [entry.resource, entry.operation].filter(Boolean).join(' › ');
	const parameter = entry.parameter ? ` parameter "${entry.parameter}"` : '';
	return `v${entry.version}${where ? ` ${where}` : ''}:${parameter} ${entry.problem}`;
}

export function gateReport(found: Incompatibility[]): string {
	return `${found.length} incompatible change(s) to the node's interface:\n  ${found.map(describeIncompatibility).join('\n  ')}\n${HOW_TO_VERSION}`;
}
