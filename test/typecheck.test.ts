/*
 * The tools, tests and runtime type-check cleanly (tsconfig.json). Typed-ucode sources are
 * checked by ucc against the ucode lib (the build and the ucc tests), and the views by
 * test/view-types.test.ts, each with its own lib.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

test('tsc -p tsconfig.json reports no errors', () => {
	const r = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'tsconfig.json')], { encoding: 'utf8', cwd: REPO });
	assert.equal(r.status, 0, r.stdout + r.stderr);
});
