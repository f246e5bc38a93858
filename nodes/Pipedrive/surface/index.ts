/**
 * The node's designed surface, one file per resource (same names as operations/<resource>.json): each
 * operation's name, action, description and field layout, keyed by operation id. Shared field designs
 * (visibility, statuses, dates) live in fields.ts.
 */
import { activity } from './activity';
import { activityField } from './activityField';
import { activityType } from './activityType';
import { billing } from './billing';
import { callLog } from './callLog';
import { channel } from './channel';
import { currency } from './currency';
import { deal } from './deal';
import { dealField } from './dealField';
import { dealInstallment } from './dealInstallment';
import { dealProduct } from './dealProduct';
import { file } from './file';
import { filter } from './filter';
import { goal } from './goal';
import { itemSearch } from './itemSearch';
import { lead } from './lead';
import { leadField } from './leadField';
import { leadLabel } from './leadLabel';
import { leadSource } from './leadSource';
import { legacyTeam } from './legacyTeam';
import { mailbox } from './mailbox';
import { meeting } from './meeting';
import { note } from './note';
import { noteField } from './noteField';
import { organization } from './organization';
import { organizationField } from './organizationField';
import { organizationRelationship } from './organizationRelationship';
import { permissionSet } from './permissionSet';
import { person } from './person';
import { personField } from './personField';
import { pipeline } from './pipeline';
import { product } from './product';
import { productField } from './productField';
import { project } from './project';
import { projectBoard } from './projectBoard';
import { projectField } from './projectField';
import { projectPhase } from './projectPhase';
import { projectTemplate } from './projectTemplate';
import { recent } from './recent';
import { role } from './role';
import { stage } from './stage';
import { task } from './task';
import { user } from './user';
import { userConnection } from './userConnection';
import { userSetting } from './userSetting';
import { webhook } from './webhook';
import type { OperationDefinition, ParameterDefinition } from '../types';
import { commonFieldSurface } from './fields';
import type { FieldSurface, OperationSurface, ResourceSurface } from './types';

export type { FieldOption, FieldSurface, OperationSurface, ResourceSurface } from './types';

/** Every resource's surface, keyed by resource value. */
export const RESOURCE_SURFACES: Record<string, ResourceSurface> = {
	activity,
	activityField,
	activityType,
	billing,
	callLog,
	channel,
	currency,
	deal,
	dealField,
	dealInstallment,
	dealProduct,
	file,
	filter,
	goal,
	itemSearch,
	lead,
	leadField,
	leadLabel,
	leadSource,
	legacyTeam,
	mailbox,
	meeting,
	note,
	noteField,
	organization,
	organizationField,
	organizationRelationship,
	permissionSet,
	person,
	personField,
	pipeline,
	product,
	productField,
	project,
	projectBoard,
	projectField,
	projectPhase,
	projectTemplate,
	recent,
	role,
	stage,
	task,
	user,
	userConnection,
	userSetting,
	webhook,
};

const byOperation = new Map<string, OperationSurface>(Object.values(RESOURCE_SURFACES).flatMap((resource) => Object.entries(resource)));

/** The surface of one operation (operation ids are unique across resources). */
export function surfaceOf(operationId: string): OperationSurface | undefined {
	return byOperation.get(operationId);
}

const NO_FIELD_SURFACE: FieldSurface = {};

/**
 * How one parameter of one operation is offered: what repeats across operations (fields.ts), overridden by
 * the operation's own entry; `{}` when the spec's definition is used as is.
 */
export function fieldSurfaceOf(op: OperationDefinition, param: ParameterDefinition): FieldSurface {
	const common = commonFieldSurface(op, param);
	const own = byOperation.get(op.id)?.fields?.[param.name];
	if (!common) return own ?? NO_FIELD_SURFACE;
	return own ? { ...common, ...own } : common;
}

/** Resource names where the spelled-out value does not read well. */
export const RESOURCE_NAMES: Record<string, string> = {
	itemSearch: 'Item Search',
	legacyTeam: 'Legacy Team',
	recent: 'Recent Change',
	meeting: 'Video Call Integration',
	userSetting: 'User Setting',
};
