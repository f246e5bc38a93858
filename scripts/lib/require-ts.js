// Lets a generator script require the node's TypeScript sources directly (builders, surface, catalogue):
// each .ts file is transpiled to CommonJS on load, without type checking (`npm run typecheck` does that).
'use strict';

const fs = require('node:fs');
const ts = require('typescript');

let registered = false;

/** A TypeScript file as CommonJS (also how the bench compiles the engine harness). */
function transpile(filename) {
	const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true, resolveJsonModule: true };
	return ts.transpileModule(fs.readFileSync(filename, 'utf8'), { fileName: filename, compilerOptions }).outputText;
}

function registerTypeScript() {
	if (registered) return;
	registered = true;
	require.extensions['.ts'] = (module, filename) => module._compile(transpile(filename), filename);
}

module.exports = { registerTypeScript, transpile };
