/** Text conventions of n8n's UI, applied to generated strings. */

export { alphabetical } from '../shared';

/**
 * A tooltip or dropdown description: sentence case, one sentence without a final period, or several
 * sentences each ending with one (n8n's UI text style).
 */
export function hintText(text: string | undefined): string | undefined {
	if (!text) return undefined;
	// The catalogue repeats the same descriptions across operations: each is shaped once.
	const known = hints.get(text);
	if (known !== undefined) return known || undefined;
	const out = shapeHint(text);
	hints.set(text, out ?? '');
	return out;
}

const hints = new Map<string, string>();

function shapeHint(text: string): string | undefined {
	let out = text.replace(/\s+/g, ' ').trim();
	if (!out) return undefined;
	out = out[0].toUpperCase() + out.slice(1);
	const sentences = out.replace(/\b(e\.g|i\.e|etc)\./g, '$1').split('. ').length;
	if (sentences === 1 && out.endsWith('.')) out = out.slice(0, -1);
	if (sentences > 1 && !/[.!?]$/.test(out)) out += '.';
	return out;
}
