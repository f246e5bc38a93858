#!/usr/bin/env node
// `npm test`: the unit and engine-level suite (jest). Arguments are passed to jest.
'use strict';

const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureDependencies, root } = require('./ensure-deps');

ensureDependencies();
const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
const result = spawnSync(process.execPath, [jest, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
