import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import {
	CONTACT_LIST_PARAMETERS,
	displayNameOf,
	LOCATOR_ENTITIES,
	LOCATOR_PARAMETERS,
	PICKER_PARAMETERS,
	RESOURCE_PICKER_PARAMETERS,
} from '../overlays';
import type { FieldSurface } from '../surface';
import type { ParameterDefinition } from '../types';
import { isFlagParameter } from '../validation';
import { alphabetical, hintText } from './text';

/** A resource locator for a record: From list (searchable), By ID, By URL. */
export function recordLocator(entity: string, name: string, displayName: string, required: boolean): INodeProperties {
	const locator = LOCATOR_ENTITIES[entity];
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		description: `The ${locator.displayName.toLowerCase()} to use`,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: locator.searchMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: entity === 'lead' ? 'e.g. 1a2b3c4d-…' : 'e.g. 42',
				validation: [
					{
						type: 'regex',
						properties: { regex: locator.idPattern, errorMessage: `Not a valid ${locator.displayName} ID` },
					},
				],
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: `https://yourcompany.pipedrive.com${locator.urlPattern.includes('leads') ? '/leads/inbox/…' : `/${entity}/42`}`,
				extractValue: { type: 'regex', regex: locator.urlPattern },
				validation: [
					{
						type: 'regex',
						properties: { regex: `.*${locator.urlPattern}.*`, errorMessage: `Not a Pipedrive ${entity} URL` },
					},
				],
			},
		],
	};
}

/** Choices sorted by label (n8n's convention); the surface's labels where it names them. */
function enumOptions(values: Array<string | number | boolean>, surface: FieldSurface): INodePropertyOptions[] {
	const options: INodePropertyOptions[] =
		surface.options?.map((option) => ({ ...option })) ??
		values.map((value) => ({ name: displayNameOf(String(value)) || String(value), value: value as string | number }));
	return options.sort((a, b) => alphabetical(a.name, b.name));
}

/**
 * The value a new field starts with. Numbers start empty: an empty field is not sent, and a required one
 * is flagged in the editor and refused by the executor, so nothing ever goes out as an unnoticed 0.
 */
function defaultFor(param: ParameterDefinition): INodeProperties['default'] {
	// A spec default of 0 is what Pipedrive applies anyway when the field is not sent.
	const numeric = param.type === 'integer' || param.type === 'number';
	if (param.default !== undefined && !(numeric && param.default === 0)) return param.default;
	if (param.enum?.length && param.type !== 'array') return param.enum[0] as string | number;
	switch (param.type) {
		case 'boolean':
			return false;
		case 'array':
			return [];
		default:
			return '';
	}
}

/** The input control for one API parameter (no name, no routing yet). */
function controlFor(param: ParameterDefinition, resource: string, surface: FieldSurface): Partial<INodeProperties> {
	const picker: { method: string; dependsOn?: string[] } | undefined =
		RESOURCE_PICKER_PARAMETERS[resource]?.[param.name] ?? PICKER_PARAMETERS[param.name];
	if (picker && param.type !== 'object') {
		const multiple = param.type === 'array';
		return {
			type: multiple ? 'multiOptions' : 'options',
			typeOptions: {
				loadOptionsMethod: picker.method,
				...(picker.dependsOn ? { loadOptionsDependsOn: picker.dependsOn } : {}),
			},
			default: multiple ? [] : '',
			description: `Choose from the list, or specify ${multiple ? 'IDs' : 'an ID'} using an <a href="https://docs.n8n.io/code/expressions/">expression</a>`,
		};
	}
	if (CONTACT_LIST_PARAMETERS[param.name] && param.type === 'array') {
		const kind = CONTACT_LIST_PARAMETERS[param.name];
		return {
			type: 'string',
			default: '',
			placeholder: kind === 'email' ? 'e.g. ann@example.com, ann@home.example' : 'e.g. +1 555 0100',
			description: `Comma-separated ${kind === 'email' ? 'email addresses' : 'phone numbers'} (the first is primary), or a JSON array of {value, primary, label}`,
		};
	}
	// `0`/`1` flags (`include_body`, `pinned_to_deal_flag`, …) are toggles; the executor sends 1 or 0.
	if (isFlagParameter(param)) return { type: 'boolean', default: param.default === 1 };
	if (param.enum?.length) {
		return { type: param.type === 'array' ? 'multiOptions' : 'options', options: enumOptions(param.enum, surface), default: defaultFor(param) };
	}
	if (param.format === 'date' || param.format === 'date-time' || param.format === 'timestamp') return { type: 'dateTime', default: '' };
	if (param.format === 'time') return { type: 'string', default: '', placeholder: 'e.g. 14:30' };
	if (param.format === 'color') return { type: 'color', default: '' };
	if (param.format === 'email') return { type: 'string', default: '', placeholder: 'e.g. nathan@example.com' };
	switch (param.type) {
		case 'integer':
		case 'number': {
			const typeOptions: INodeProperties['typeOptions'] = {};
			if (param.min !== undefined) typeOptions.minValue = param.min;
			if (param.max !== undefined) typeOptions.maxValue = param.max;
			if (param.type === 'integer') typeOptions.numberPrecision = 0;
			return { type: 'number', typeOptions, default: defaultFor(param) };
		}
		case 'boolean':
			return { type: 'boolean', default: defaultFor(param) };
		case 'object':
			return { type: 'json', default: '', ...(param.example ? { placeholder: param.example } : {}) };
		case 'array':
			if (param.items === 'object') return { type: 'json', default: '', ...(param.example ? { placeholder: param.example } : {}) };
			// One value per row; a row may also hold an expression that yields a list.
			return {
				type: 'string',
				typeOptions: { multipleValues: true, multipleValueButtonText: param.items === 'integer' ? 'Add ID' : 'Add Value' },
				default: [],
				placeholder: param.items === 'integer' ? 'e.g. 42' : '',
			};
		default:
			return { type: 'string', default: defaultFor(param) };
	}
}

/** A tooltip that only repeats the label ("Field name" on Field Name) says nothing. */
function sameWords(description: string, displayName: string): boolean {
	if (description.length > displayName.length + 6) return false;
	const words = (text: string) => text.toLowerCase().replace(/^the /, '').replace(/[^a-z0-9]+/g, ' ').trim();
	return words(description) === words(displayName);
}

/** n8n's convention for dynamic dropdowns: "Owner Name or ID", "Label Names or IDs". */
function pickerDisplayName(param: ParameterDefinition): string {
	const subject = displayNameOf(param.name.replace(/_ids?$/, '').replace(/_name$/, ''));
	return param.type === 'array' ? `${subject} Names or IDs` : `${subject} Name or ID`;
}

/**
 * The n8n property name of a body or query parameter: Pipedrive's name, with dots (goal filters such as
 * `type.name`) replaced, since n8n reads a value inside a collection by a dotted path.
 */
export function propertyNameOf(param: ParameterDefinition): string {
	return param.name.replace(/\./g, '_');
}

/**
 * One API parameter as an n8n property. It carries no routing: the executor reads the value from where
 * the operation table says it is (`field`), validates and converts it against the same definition.
 * (Routing would make n8n resolve every shown field once more per item, twice on n8n 2.40.)
 */
export function parameterField(param: ParameterDefinition, required: boolean, resource: string, surface: FieldSurface = {}): INodeProperties {
	const entity = LOCATOR_PARAMETERS[param.name];
	if (entity && (param.type === 'integer' || param.type === 'string')) {
		const locator: INodeProperties = recordLocator(entity, param.name, LOCATOR_ENTITIES[entity].displayName, required);
		if (!required) delete locator.required;
		return locator;
	}
	const control = controlFor(param, resource, surface);
	const field = {
		displayName: surface.displayName ?? (control.typeOptions?.loadOptionsMethod ? pickerDisplayName(param) : displayNameOf(param.name)),
		name: propertyNameOf(param),
		...control,
		description: (control.typeOptions?.loadOptionsMethod ? undefined : surface.description) ?? control.description ?? hintText(param.description),
	} as INodeProperties;
	if (surface.placeholder) field.placeholder = surface.placeholder;
	if (surface.hint) field.hint = surface.hint;
	if (field.description && sameWords(field.description, field.displayName)) delete field.description;
	if (required) field.required = true;
	if (param.typeOptions?.password) field.typeOptions = { ...field.typeOptions, password: true };
	if (!field.description) delete field.description;
	return field;
}
