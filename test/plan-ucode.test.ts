/*
 * The pure router modules (settings, linestate, plan, conntrack, maprules, backup) as
 * compiled ucode in every real interpreter (test/openwrt-env.ts: the ucode of 23.05, 24.10
 * and master), without uci or ubus: fixtures/router/pure-check.uc feeds them data and prints
 * the decisions, MAP-E and DS-Lite plans (a switch between them too). The full CLI with libuci runs in router-ucode.test.ts.
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
	// DS-Lite (router-dslite.test.ts has the same decisions on the stock configs).
	'NOT_CONFIGURED dslite gw.transix.jp wandslite',
	'add:network.wandslite set:network.wandslite.proto="dslite" set:network.wandslite.peeraddr="gw.transix.jp" set:network.wandslite.tunlink="wan6" ' +
		'set:network.wandslite.mtu="1460" set:network.wandslite.encaplimit="ignore" set:network.wan6.iface_dslite="0" ' +
		'add:dhcp.wan6 set:dhcp.wan6.interface="wan6" set:dhcp.wan6.master="1" set:dhcp.wan6.ra="relay" set:dhcp.wan6.dhcpv6="relay" set:dhcp.wan6.ndp="relay" ' +
		'set:dhcp.lan.ra="relay" set:dhcp.lan.dhcpv6="relay" set:dhcp.lan.ndp="relay" set:firewall.cfg03dc81.network=[ "wan", "wan6", "wandslite" ] set:firewall.cfg03dc81.mtu_fix="1"',
	'STALE',
	'remove:network.wanmap add:network.wandslite set:network.wandslite.proto="dslite" set:network.wandslite.peeraddr="gw.transix.jp" set:network.wandslite.tunlink="wan6" ' +
		'set:network.wandslite.mtu="1460" set:network.wandslite.encaplimit="ignore" set:network.wan6.iface_dslite="0" ' +
		'add:dhcp.wan6 set:dhcp.wan6.interface="wan6" set:dhcp.wan6.master="1" set:dhcp.wan6.ra="relay" set:dhcp.wan6.dhcpv6="relay" set:dhcp.wan6.ndp="relay" ' +
		'set:dhcp.lan.ra="relay" set:dhcp.lan.dhcpv6="relay" set:dhcp.lan.ndp="relay" set:firewall.cfg03dc81.network=[ "wan", "wan6", "wandslite" ] set:firewall.cfg03dc81.mtu_fix="1"',
	'DSLITE_UNAVAILABLE',
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
