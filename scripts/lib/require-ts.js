// Lets a generator script require the node's TypeScript sources directly (builders, surface, catalogue):
// each .ts file is transpiled to CommonJS on load, without type checking (`npm run typecheck` does that).
'use strict';

const fs = require('node:fs');
const ts = require('typescript');

let registered = false;

function registerTypeScript() {
	if (registered) return;
	registered = true;
	require.extensions['.ts'] = (module, filename) => {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, {
			fileName: filename,
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2021, esModuleInterop: true, resolveJsonModule: true },
		});
		module._compile(outputText, filename);
	};
}

module.exports = { registerTypeScript };
