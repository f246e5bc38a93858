// @ts-check
'use strict';

/**
 * @typedef {object} Violation
 * @property {string} method
 * @property {string} path the request path, prefix included
 * @property {string} message
 * @property {string} [operationId]
 */

/**
 * @param {{ violations: Violation[], stats: { violations: number } }} ctx
 * @param {Violation} violation
 */
function recordViolation(ctx, violation) {
	ctx.violations.push(violation);
	ctx.stats.violations += 1;
}

module.exports = { recordViolation };
