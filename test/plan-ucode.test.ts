/*
 * The pure router modules (settings, linestate, plan, conntrack, maprules, backup) as
 * compiled ucode in every real interpreter (test/openwrt-env.ts: the ucode of 23.05, 24.10
 * and master), without uci or ubus: fixtures/router/pure-check.uc feeds them data and prints
 * the decisions. The full CLI with libuci runs in router-ucode.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, buildBackendForTest } from './backend-build.ts';
import { realTest, ucodeBinaries, ucodeLabel, ucodeMissing } from './openwrt-env.ts';

const EXPECTED = [
	'NOT_CONFIGURED 106.72.171.205 27 19700101-000000',
	'[ { "first": 7920, "last": 7935, "connections": 1, "ports_used": 1 }, { "first": 12016, "last": 12031, "connections": 0, "ports_used": 0 } ]',
	'[ "20250101-000000", "20250101-000000-9" ]',
	'',
].join('\n');

const missing = ucodeMissing('the pure router modules are not run in real ucode');
for (const ucode of missing ? [] : ucodeBinaries()) {
	test(`pure router decisions in ${ucodeLabel(ucode)}`, () => {
		const b = buildBackendForTest();
		const r = spawnSync(ucode, ['-L', join(b.root, 'usr/share/ucode/*.uc'), join(REPO, 'test/fixtures/router/pure-check.uc')], {
			encoding: 'utf8', env: { ...process.env, TZ: 'UTC' },
		});
		assert.equal(r.stderr, '');
		assert.equal(r.stdout, EXPECTED);
	});
}
if (missing) realTest('pure router decisions in real ucode', missing, () => {});
