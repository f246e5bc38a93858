#!/usr/bin/env node
// `npm run generate [-- --check]`: the operation catalogue from the official specs, then the node's
// description and run-time operation table from catalogue + surface. Each step exits non-zero when stale.
'use strict';

require('./generate-operations');
if (!process.exitCode) require('./generate-description').main(process.argv.includes('--check'));
