/*
 * The pure router modules (settings, linestate, plan, conntrack, maprules, backup) as
 * compiled ucode in every interpreter named by $UCODE (e.g. the 23.05, 24.10 and master
 * builds), which lack the uci/ubus modules: fixtures/router/pure-check.uc feeds them data
 * and prints the decisions. The full CLI with libuci runs in router-ucode.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, buildBackendForTest } from './backend-build.ts';
import { ucodeBinaries, ucodeSkip } from './ucode-env.ts';

const skip = ucodeSkip('pure router modules in real ucode skipped');
if (skip) console.log(`# NOTICE: ${skip}`);

const EXPECTED = [
	'NOT_CONFIGURED 106.72.171.205 29 19700101-000000',
	'[ { "first": 7920, "last": 7935, "connections": 1, "ports_used": 1 }, { "first": 12016, "last": 12031, "connections": 0, "ports_used": 0 } ]',
	'[ "20250101-000000", "20250101-000000-9" ]',
	'',
].join('\n');

for (const ucode of ucodeBinaries()) {
	test(`pure router decisions in ${ucode}`, { skip }, () => {
		const b = buildBackendForTest();
		const r = spawnSync(ucode, ['-L', join(b.root, 'usr/share/ucode/*.uc'), join(REPO, 'test/fixtures/router/pure-check.uc')], {
			encoding: 'utf8', env: { ...process.env, TZ: 'UTC' },
		});
		assert.equal(r.stderr, '');
		assert.equal(r.stdout, EXPECTED);
	});
}
if (ucodeBinaries().length == 0) test('pure router decisions in real ucode', { skip }, () => {});
