/*
 * The router backend end to end: the compiled `mape` CLI (JavaScript build, run as a
 * process like /usr/sbin/mape) against copies of the stock OpenWrt 23.05/24.10 config files
 * and a fake netifd on ubus (test/router-env.ts).
 *
 * Expected config files are written out by hand from design.md step 3 and japan-ipoe.md
 * §6/§7 (the Node uci runtime rewrites only the lines it touches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildBackendForTest } from './backend-build.ts';
import { mapEAnswer } from './hb46pp-cases.ts';
import { DEF, FIREWALL_WITH_WANMAP, PD56, RA64, WANMAP_V6PLUS, backups, luciCommit, refused, router, uciContent, wan6, withPlugin, type Iface } from './router-env.ts';

test('/64 RA-only line: status, plan, apply give relay mode, extendprefix and the v6plus MAP interface', () => {
	const r = router([RA64]);
	const st = r.json(['status']);
	assert.equal(st.state, 'NOT_CONFIGURED');
	assert.equal(st.line, 'ra64');
	assert.equal(st.input, '240b:10:abcd:ef00::/64');
	assert.equal(st.calc.service, 'v6plus');
	assert.equal(st.calc.ipv4, '106.72.171.205');
	assert.equal(st.error, null);

	const plan = r.json(['plan']);
	assert.equal(plan.interface, 'wanmap');
	assert.equal(plan.line, 'ra64');
	// SNAT is on by default: the plan has nothing to write in /etc/config/mape.
	assert.deepEqual(plan.configs, ['network', 'dhcp', 'firewall']);
	assert.deepEqual(plan.ops.filter((o: any) => o.config == 'mape'), []);
	// The stock wan zone is anonymous: staged by libuci's generated id, shown as uci show
	// names it (@zone[1]) and by its name option.
	assert.deepEqual(plan.ops.find((o: any) => o.option == 'network'),
		{ op: 'set', config: 'firewall', section: 'cfg03dc81', type: 'zone', option: 'network', old: ['wan', 'wan6'], new: ['wan', 'wan6', 'wanmap'], anonymous: true, ref: '@zone[1]', label: 'wan' });
	assert.deepEqual(plan.ops.find((o: any) => o.option == 'peeraddr'),
		{ op: 'set', config: 'network', section: 'wanmap', type: 'interface', option: 'peeraddr', old: null, new: '2404:9200:225:100::64', anonymous: false, ref: 'wanmap', label: 'wanmap' });
	const text = r.mape(['plan']).stdout;
	assert.match(text, /^  firewall\.@zone\[1\]\.network: \['wan', 'wan6'\] -> \['wan', 'wan6', 'wanmap'\]$/m);
	assert.doesNotMatch(text, /cfg[0-9a-f]{6}/, 'no generated section id in the text');

	const a = r.mape(['apply']);
	assert.equal(a.code, 0, a.stderr);
	assert.equal(r.read('network'), DEF.network + "\toption extendprefix '1'\n\n" + WANMAP_V6PLUS);
	assert.equal(r.read('dhcp'), DEF.dhcp
		.replace("\toption dhcpv6 'server'\n\toption ra 'server'\n", "\toption dhcpv6 'relay'\n\toption ra 'relay'\n")
		.replace("\tlist ra_flags 'other-config'\n", "\tlist ra_flags 'other-config'\n\toption ndp 'relay'\n")
		+ [
		"config dhcp 'wan6'",
		"\toption interface 'wan6'",
		"\toption master '1'",
		"\toption ra 'relay'",
		"\toption dhcpv6 'relay'",
		"\toption ndp 'relay'",
		'', ''].join('\n'));
	assert.equal(r.read('firewall'), FIREWALL_WITH_WANMAP);
	assert.equal(r.read('mape'), DEF.mape, 'untouched, comments and all');
	// dnsmasq and odhcpd both read /etc/config/dhcp (procd reloads both after a LuCI apply).
	assert.deepEqual(r.commands(), [['/etc/init.d/network', 'reload'], ['/etc/init.d/dnsmasq', 'reload'], ['/etc/init.d/odhcpd', 'reload'], ['/etc/init.d/firewall', 'reload']]);
	assert.equal(backups(r).length, 1);

	// Idempotence: the configured router has an empty plan, a second apply changes nothing.
	const after = r.files();
	assert.deepEqual(r.json(['plan']).ops, []);
	const again = r.json(['apply']);
	assert.equal(again.changed, false);
	assert.deepEqual(r.files(), after);
	assert.equal(backups(r).length, 1, 'no backup for an empty plan');
	assert.equal(r.commands().length, 4, 'nothing reloaded');
	assert.equal(r.json(['status']).state, 'CONFIGURED');

	// Byte-exact restore, with each reload reported as it went.
	const back = r.json(['restore']);
	assert.equal(back.restored, backups(r)[0]);
	assert.deepEqual(r.files(), DEF);
	assert.deepEqual([back.reloaded, back.failed, back.missing], [['network', 'dnsmasq', 'odhcpd', 'firewall'], [], []]);
	assert.deepEqual(r.commands().slice(4), [['/etc/init.d/network', 'reload'], ['/etc/init.d/dnsmasq', 'reload'], ['/etc/init.d/odhcpd', 'reload'], ['/etc/init.d/firewall', 'reload']]);
});

test('reloads are reported as they went: a failing init script is a failure (exit 1), a missing one is "not installed"', () => {
	// odhcpd not installed; the firewall reload fails (MAPE_DRYRUN_FAIL makes the recorded command return 1).
	const r = router([RA64], {}, { MAPE_DRYRUN_FAIL: 'init.d/firewall' });
	rmSync(join(r.dir, 'init.d/odhcpd'));
	const a = r.mape(['apply']);
	assert.equal(a.code, 1, 'the change is made, but a reload failed');
	assert.match(a.stdout, /^Applied 26 change\(s\); backup [0-9-]+ \(undo: mape restore [0-9-]+\)\.\nReloaded: network dnsmasq\.\nNot installed, so not reloaded: odhcpd\.\n$/m);
	assert.equal(a.stderr, 'Reload of firewall failed (/etc/init.d/firewall reload exited with 1): check logread.\n');
	assert.deepEqual(r.commands(), [['/etc/init.d/network', 'reload'], ['/etc/init.d/dnsmasq', 'reload'], ['/etc/init.d/firewall', 'reload']]);
	const back = r.mape(['restore', '--json']);
	assert.equal(back.code, 1);
	const res = JSON.parse(back.stdout);
	assert.deepEqual(res.configs, ['network', 'dhcp', 'firewall']);
	assert.deepEqual([res.reloaded, res.failed, res.missing], [['network', 'dnsmasq'], [{ service: 'firewall', status: 1 }], ['odhcpd']]);
	assert.deepEqual(r.files(), DEF, 'the files are back all the same');
	// The text when everything went well: a /56 plan changes network and firewall only.
	const pd = router([PD56]);
	assert.equal(pd.mape(['apply']).code, 0);
	const text = pd.mape(['restore']);
	assert.equal(text.code, 0);
	assert.equal(text.stdout, `Restored backup ${backups(pd)[0]} (network firewall).\nReloaded: network firewall.\n`);
});

test('/56 PD line: LAN server mode with ip6assign 64, no relay, no extendprefix', () => {
	const r = router([PD56]);
	const st = r.json(['status']);
	assert.equal(st.line, 'pd');
	assert.equal(st.uplink.pdlen, 56);
	assert.equal(st.input, '240b:10:abcd:ef00::/56');
	const a = r.mape(['apply']);
	assert.equal(a.code, 0, a.stderr);
	assert.equal(r.read('network'), DEF.network.replace("\toption ip6assign '60'\n", "\toption ip6assign '64'\n") + '\n' + WANMAP_V6PLUS);
	assert.equal(r.read('dhcp'), DEF.dhcp, 'stock dhcp is already server mode');
	assert.equal(r.read('firewall'), FIREWALL_WITH_WANMAP);
	assert.equal(r.read('mape'), DEF.mape);
	assert.deepEqual(r.commands(), [['/etc/init.d/network', 'reload'], ['/etc/init.d/firewall', 'reload']]);
	const after = r.files();
	assert.equal(r.json(['apply']).changed, false);
	assert.deepEqual(r.files(), after);
	r.mape(['restore']);
	assert.deepEqual(r.files(), DEF);
});

test('a /60 sub-delegation is widened to its /56 and flagged when it lacks subnet 00', () => {
	const r = router([wan6({ prefix: '240b:10:abcd:ef10::', mask: 60 })]);
	const st = r.json(['status']);
	assert.equal(st.input, '240b:10:abcd:ef00::/56');
	assert.deepEqual(st.warnings.map((w: any) => w.code), ['PD_WITHOUT_SUBNET_ZERO']);
});

test('netifd state: MAP_UP with its IPv4, MAP_ERROR with the error code', () => {
	const r = router([RA64]);
	r.mape(['apply']);
	r.setInterfaces([RA64, { interface: 'wanmap', up: true, proto: 'map', uptime: 3725, device: 'map-wanmap', l3_device: 'map-wanmap', 'ipv4-address': [{ address: '106.72.171.205', mask: 32 }] }]);
	let st = r.json(['status']);
	assert.equal(st.state, 'MAP_UP');
	assert.deepEqual(st.map, {
		name: 'wanmap', ours: true, up: true, device: 'map-wanmap', since: 3725, ipv4: '106.72.171.205',
		errors: [], matching: true, differences: [],
	});
	assert.match(r.mape(['status']).stdout, /^  MAP interface wanmap, up for 3725s \(map-wanmap\)$/m);
	r.setInterfaces([RA64, { interface: 'wanmap', up: false, proto: 'map', errors: [{ subsystem: 'map', code: 'INVALID_MAP_RULE' }] }]);
	st = r.json(['status']);
	assert.equal(st.state, 'MAP_ERROR');
	assert.deepEqual(st.map.errors, ['INVALID_MAP_RULE']);
	assert.equal(st.map.device, null, 'netifd names no device for an interface that never came up');
	assert.equal(st.map.since, null, 'no uptime while down');
	// Not in netifd's dump at all (e.g. just configured, network not reloaded yet).
	r.setInterfaces([RA64]);
	st = r.json(['status']);
	assert.equal(st.state, 'CONFIGURED');
	assert.equal(st.map.up, false);
	assert.equal(st.map.device, null);
	assert.equal(st.map.since, null);
});

test('stale router (prefix moved to another rule): STALE, plan updates the rule options, hotplug re-applies and logs', () => {
	const r = router([PD56]);
	r.mape(['apply']);
	const configured = r.files();
	// The line now has an OCN prefix (japan-ipoe.md §5.2).
	r.setInterfaces([wan6({ prefix: '2400:4050:1234:5600::', mask: 56 })]);
	const st = r.json(['status']);
	assert.equal(st.state, 'STALE');
	assert.deepEqual(st.map.differences, ['peeraddr', 'ipaddr', 'ip4prefixlen', 'ip6prefix', 'ip6prefixlen', 'ealen', 'psidlen', 'offset']);
	const plan = r.json(['plan']);
	assert.deepEqual(plan.ops.map((o: any) => `${o.config}.${o.section}.${o.option}=${o.new}`), [
		'network.wanmap.peeraddr=2001:380:a120::9', 'network.wanmap.ipaddr=153.240.64.0', 'network.wanmap.ip4prefixlen=20',
		'network.wanmap.ip6prefix=2400:4050:1000::', 'network.wanmap.ip6prefixlen=38', 'network.wanmap.ealen=18',
		'network.wanmap.psidlen=6', 'network.wanmap.offset=6',
	]);
	assert.equal(plan.ops[0].old, '2404:9200:225:100::64');

	const before = r.commands().length;
	const h = r.mape(['hotplug', 'ifupdate', 'wan6']);
	assert.equal(h.code, 0, h.stderr);
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds[0], ['/etc/init.d/network', 'reload']);
	assert.equal(cmds[1][0], 'logger');
	assert.match(cmds[1][3], /^prefix 2400:4050:1234:5600::\/56 \(ocn\): wanmap reconfigured/);
	assert.equal(cmds.length, 2);
	assert.equal(r.json(['status']).state, 'CONFIGURED');
	assert.match(r.read('network')!, /option peeraddr '2001:380:a120::9'/);
	assert.equal(r.read('firewall'), configured.firewall);
	// Nothing changes on the next ifupdate.
	r.mape(['hotplug', 'ifupdate', 'wan6']);
	assert.equal(r.commands().length, before + 2);
	// restore goes back to the v6plus configuration, byte for byte.
	r.mape(['restore']);
	assert.deepEqual(r.files(), configured);
});

test('renumbered /64 line: the deprecated old prefix netifd still lists first is not the line; STALE, and hotplug re-applies for the new one', () => {
	// What the router lab saw from odhcp6c + netifd after the ISP moved the line to another
	// rule and advertised the old /64 with lifetime 0: odhcp6c keeps it (preferred 0, valid
	// clamped to 2 hours) and netifd lists it before the new one.
	const old = { address: '240b:10:abcd:ef00:5ce6:cfff:fe8e:7d0c', prefix: '240b:10:abcd:ef00::' };
	const fresh = { address: '240b:12:1234:5600:5ce6:cfff:fe8e:7d0c', prefix: '240b:12:1234:5600::' };
	const renumbered = (deprecated: boolean): Iface => ({
		interface: 'wan6', up: true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1',
		'ipv6-address': [{ address: old.address, mask: 64, preferred: deprecated ? 0 : 14399, valid: 7199 },
			{ address: fresh.address, mask: 64, preferred: 14399, valid: 86399 }],
		'ipv6-prefix': [{ address: old.prefix, mask: 64, preferred: deprecated ? 0 : 14399, valid: 7199 },
			{ address: fresh.prefix, mask: 64, preferred: 14399, valid: 86399 }],
	});
	const r = router([wan6({ address: old.address, prefix: old.prefix, mask: 64 })]);
	assert.equal(r.mape(['apply']).code, 0);
	r.setInterfaces([renumbered(true)]);
	const st = r.json(['status']);
	assert.deepEqual([st.uplink.prefix, st.uplink.address, st.input], [`${fresh.prefix}/64`, `${fresh.address}/64`, '240b:12:1234:5600::/64']);
	assert.deepEqual([st.calc.ipv4, st.calc.psid, st.state, st.map.matching], ['14.8.18.52', 86, 'STALE', false]);
	const before = r.commands().length;
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.match(r.read('network')!, /option ipaddr '14\.8\.0\.0'/);
	assert.match(r.commands().slice(before).map((c) => c.join(' ')).join('\n'), /prefix 240b:12:1234:5600::\/64 \(v6plus\): wanmap reconfigured/);
	// Both still preferred (no lifetimes from netifd, or a second prefix on purpose): the first one.
	r.setInterfaces([renumbered(false)]);
	assert.equal(r.json(['status']).input, '240b:10:abcd:ef00::/64');
});

test('renumbered within the same rule: the MAP interface is set up again, or the uplink reconnected when map.sh would take the deprecated prefix; status warns meanwhile', () => {
	// Seen in the router lab: netifd does not set the MAP interface up again on wan6's
	// ifupdate, so it keeps the IPv4 map.sh computed from the old prefix; and mapcalc takes the
	// first matching prefix in netifd's (address) order, deprecated or not.
	const entry = (address: string, preferred: number) => ({ address, mask: 64, preferred, valid: preferred ? 86399 : 7199 });
	const line = (prefixes: [string, number][]): Iface => ({
		interface: 'wan6', up: true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1',
		'ipv6-address': prefixes.map(([p, pref]) => entry(p.replace(/::$/, ':5ce6:cfff:fe8e:7d0c'), pref)),
		'ipv6-prefix': prefixes.map(([p, pref]) => entry(p, pref)),
	});
	const wanmap = (ipv4: string): Iface => ({ interface: 'wanmap', up: true, proto: 'map', uptime: 60, l3_device: 'map-wanmap', 'ipv4-address': [{ address: ipv4, mask: 32 }] });
	const OLD = '240b:12:1234:5600::'; // 14.8.18.52
	const setup = (mape = DEF.mape) => {
		const r = router([line([[OLD, 14399]])], { mape });
		assert.equal(r.mape(['apply']).code, 0);
		return r;
	};

	// The new prefix sorts before the old one: mapcalc takes it once the interface is set up again.
	let r = setup();
	const configured = r.files();
	r.setInterfaces([line([['240b:12:102:7800::', 14399], [OLD, 0]]), wanmap('14.8.18.52')]);
	let st = r.json(['status']);
	assert.deepEqual([st.state, st.calc.ipv4, st.map.ipv4, st.map.matching], ['MAP_UP', '14.8.1.2', '14.8.18.52', true]);
	assert.deepEqual(st.warnings.map((w: any) => w.code), ['MAP_ADDRESS_DIFFERS']);
	assert.match(st.warnings[0].message, /wanmap still runs with 14\.8\.18\.52 from before the prefix changed to 240b:12:102:7800::\/64, which gives 14\.8\.1\.2: setting it up again \(ifup wanmap\)/);
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	let cmds = r.commands().filter((c) => c[0] != '/etc/init.d/network' && c[0] != '/etc/init.d/firewall' && !c[0].includes('dnsmasq') && !c[0].includes('odhcpd'));
	assert.deepEqual(cmds.map((c) => c[0] == 'logger' ? 'logger' : c.join(' ')), ['logger', 'ifup wanmap']);
	assert.match(cmds[0][3], /^prefix 240b:12:102:7800::\/64: wanmap runs with 14\.8\.18\.52 from the previous prefix: setting it up again for 14\.8\.1\.2$/);
	assert.deepEqual(r.files(), configured, 'no config change: the options still match');

	// The new prefix sorts after the deprecated old one: mapcalc would take the old one again.
	r = setup();
	const applied = r.commands().length;
	r.setInterfaces([line([[OLD, 0], ['240b:12:fedc:ba00::', 14399]]), wanmap('14.8.18.52')]);
	st = r.json(['status']);
	assert.match(st.warnings[0].message, /map\.sh takes the deprecated prefix 240b:12:1234:5600::\/64, which wan6 still lists\. Reconnecting wan6 \(ifup wan6\)/);
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	cmds = r.commands().slice(applied);
	assert.deepEqual(cmds.map((c) => c[0] == 'logger' ? 'logger' : c.join(' ')), ['logger', 'ifup wan6']);
	assert.match(cmds[0][3], /would take the deprecated prefix 240b:12:1234:5600::\/64 again: reconnecting wan6 for 14\.8\.254\.220$/);

	// Once the MAP interface runs with the computed address: no warning, nothing to do.
	r.setInterfaces([line([['240b:12:fedc:ba00::', 14399]]), wanmap('14.8.254.220')]);
	assert.deepEqual(r.json(['status']).warnings, []);
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.equal(r.commands().length, applied + 2);

	// auto_follow 0: the warning says what to do, the hotplug does nothing.
	r = setup(DEF.mape.replace("option auto_follow '1'", "option auto_follow '0'"));
	const before = r.commands().length;
	r.setInterfaces([line([['240b:12:102:7800::', 14399], [OLD, 0]]), wanmap('14.8.18.52')]);
	assert.equal(r.json(['status']).warnings[0].code, 'MAP_ADDRESS_DIFFERS');
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.equal(r.commands().length, before);
});

test('map.sh gave up while wan6 had no prefix of the rule (INVALID_MAP_RULE, NO_MATCHING_PD): the next wan6 ifup/ifupdate sets the MAP interface up again, also with auto_follow 0; nothing for other errors, while it is being set up or while the options differ', () => {
	// Seen in the router lab: when map.sh runs while wan6 has no prefix of the rule, mapcalc
	// exits 1, map.sh reports INVALID_MAP_RULE and blocks restarts (netifd clears autostart),
	// and wan6 coming back with the prefix does not bring wanmap up.
	const gaveUp = (code: string, pending = false): Iface => ({ interface: 'wanmap', up: false, pending, proto: 'map', errors: [{ subsystem: 'map', code }] });
	// After the apply, extendprefix 1 makes netifd list the /64 as a prefix, where mapcalc looks.
	const extended = wan6({ address: '240b:10:abcd:ef00:1234:5678:9abc:def0', prefix: '240b:10:abcd:ef00::', mask: 64 });
	for (const mape of [DEF.mape, DEF.mape.replace("option auto_follow '1'", "option auto_follow '0'")]) {
		const r = router([RA64], { mape });
		assert.equal(r.mape(['apply']).code, 0);
		const configured = r.files();
		for (const code of ['INVALID_MAP_RULE', 'NO_MATCHING_PD']) {
			const before = r.commands().length;
			r.setInterfaces([extended, gaveUp(code)]);
			assert.equal(r.json(['status']).state, 'MAP_ERROR');
			assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
			const cmds = r.commands().slice(before);
			assert.deepEqual(cmds.map((c) => c[0] == 'logger' ? 'logger' : c.join(' ')), ['logger', 'ifup wanmap']);
			assert.equal(cmds[0][3], `prefix 240b:10:abcd:ef00::/64: wanmap gave up while the uplink had no prefix of its rule (${code}): setting it up again for 106.72.171.205`);
			assert.deepEqual(r.files(), configured, 'no configuration change');
		}
		// Being set up right now, or failing for another reason, or the /64 still not among
		// wan6's prefixes (extendprefix removed by hand: mapcalc would fail again): left alone.
		for (const [uplink, other] of [[extended, gaveUp('INVALID_MAP_RULE', true)], [extended, gaveUp('UNSUPPORTED_TYPE')], [RA64, gaveUp('INVALID_MAP_RULE')]]) {
			r.setInterfaces([uplink, other]);
			const n = r.commands().length;
			assert.equal(r.mape(['hotplug', 'ifup', 'wan6']).code, 0);
			assert.equal(r.commands().length, n, JSON.stringify(other));
		}
		// The line moved to another rule: the options differ, mapcalc would fail again. With
		// auto_follow 0 this is left alone (STALE); with it on, the re-apply is the fix.
		if (mape != DEF.mape) {
			r.setInterfaces([wan6({ address: '240b:12:1234:5600:5ce6:cfff:fe8e:7d0c', prefix: '240b:12:1234:5600::', mask: 64 }), gaveUp('INVALID_MAP_RULE')]);
			assert.equal(r.json(['status']).state, 'STALE');
			const n = r.commands().length;
			assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
			assert.equal(r.commands().length, n, 'STALE with auto_follow 0: nothing');
		}
	}
});

test('hotplug leaves an unconfigured router alone and respects auto_follow 0', () => {
	const r = router([RA64]);
	assert.equal(r.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	assert.deepEqual(r.files(), DEF);
	assert.deepEqual(r.commands(), []);
	const off = router([PD56], { mape: DEF.mape.replace("option auto_follow '1'", "option auto_follow '0'") });
	off.mape(['apply']);
	const configured = off.files();
	off.setInterfaces([wan6({ prefix: '2400:4050:1234:5600::', mask: 56 })]);
	assert.equal(off.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	assert.deepEqual(off.files(), configured);
});

const RULES_V6PLUS = [
	'rule=type=map-e,ipv6prefix=240b:10::,prefix6len=31,ipv4prefix=106.72.0.0,prefix4len=15,psidlen=8,offset=4,ealen=25,br=2404:9200:225:100::64',
	'RULE_1_FMR=0', 'RULE_1_EALEN=25', 'RULE_1_PSIDLEN=8', 'RULE_1_OFFSET=4', 'RULE_1_PREFIX4LEN=15', 'RULE_1_PREFIX6LEN=31',
	'RULE_1_IPV4PREFIX=106.72.0.0', 'RULE_1_IPV6PREFIX=240b:10::', 'RULE_1_IPV6PD=240b:10:abcd:ef00::', 'RULE_1_PD6LEN=56',
	'RULE_1_PD6IFACE=wan6', 'RULE_1_IPV6ADDR=240b:10:abcd:ef00:6a:48ab:cd00:ef00', 'RULE_BMR=1', 'RULE_1_IPV4ADDR=106.72.171.205',
	'RULE_1_ADDR4LEN=32',
	"RULE_1_PORTSETS='" + [7920, 12016, 16112, 20208, 24304, 28400, 32496, 36592, 40688, 44784, 48880, 52976, 57072, 61168, 65264].map((p) => `${p}-${p + 15}`).join(' ') + " '",
	'RULE_1_BR=2404:9200:225:100::64', 'RULE_COUNT=1', '',
].join('\n');

test('hotplug on the MAP interface installs the SNAT table from /tmp/map-<iface>.rules and removes it on ifdown', () => {
	const r = router([PD56]);
	r.mape(['apply']);
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	const before = r.commands().length;
	const up = r.mape(['hotplug', 'ifup', 'wanmap']);
	assert.equal(up.code, 0, up.stderr);
	const cmds = r.commands().slice(before);
	const nftFile = join(r.dir, 'run/mape-snat-wanmap.nft');
	assert.deepEqual(cmds[0], ['nft', '-f', nftFile]);
	const script = readFileSync(nftFile, 'utf8');
	assert.match(script, /table inet mape_wanmap/);
	assert.match(script, /106\.72\.171\.205:65264-65279/);
	assert.match(cmds[1][3], /wanmap up: SNAT over 15 port sets for 106\.72\.171\.205 installed/);
	const down = r.mape(['hotplug', 'ifdown', 'wanmap']);
	assert.equal(down.code, 0, down.stderr);
	assert.deepEqual(r.commands().at(-1), ['nft', '-f', nftFile]);
	assert.match(readFileSync(nftFile, 'utf8'), /delete table inet mape_wanmap/);
	// Other interfaces and actions: nothing.
	const n = r.commands().length;
	r.mape(['hotplug', 'ifup', 'lan']);
	r.mape(['hotplug', 'ifdown', 'wan6']);
	assert.equal(r.commands().length, n);
});

test('hotplug resume (the package\'s post-install): a MAP interface netifd has up gets its SNAT table back; nothing when it is down or absent', () => {
	// Seen in the router lab: `opkg install --force-reinstall`, or remove and install, runs the
	// pre-remove script (our tables go) while MAP-E keeps running; the next ifup is far away.
	const r = router([PD56]);
	assert.equal(r.mape(['hotplug', 'resume']).code, 0);
	assert.deepEqual(r.commands(), [], 'not configured: nothing');
	r.mape(['apply']);
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	let before = r.commands().length;
	r.setInterfaces([PD56, { interface: 'wanmap', up: false, proto: 'map' }]);
	assert.equal(r.mape(['hotplug', 'resume']).code, 0);
	assert.equal(r.commands().length, before, 'down: nothing');
	r.setInterfaces([PD56, { interface: 'wanmap', up: true, proto: 'map', l3_device: 'map-wanmap', 'ipv4-address': [{ address: '106.72.171.205', mask: 32 }] }]);
	const up = r.mape(['hotplug', 'resume']);
	assert.equal(up.code, 0, up.stderr);
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds[0], ['nft', '-f', join(r.dir, 'run/mape-snat-wanmap.nft')]);
	assert.match(cmds[1][3], /wanmap up: SNAT over 15 port sets for 106\.72\.171\.205 installed/);
});

test('hotplug: when nft rejects the spill table (no nft_connlimit), it retries once with strategy group and logs why', () => {
	// MAPE_DRYRUN_FAIL: the recorded `nft -f` fails when its script contains `ct count` (spill only).
	const r = router([PD56], {}, { MAPE_DRYRUN_FAIL: 'ct count' });
	r.mape(['apply']);
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	const before = r.commands().length;
	const up = r.mape(['hotplug', 'ifup', 'wanmap']);
	assert.equal(up.code, 0, up.stderr);
	const nftFile = join(r.dir, 'run/mape-snat-wanmap.nft');
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds.map((c) => c[0]), ['nft', 'logger', 'nft', 'logger']);
	assert.deepEqual(cmds[0], ['nft', '-f', nftFile]);
	assert.deepEqual(cmds[1], ['logger', '-t', 'mape', 'wanmap up: nft rejected the spill SNAT table, most likely missing connlimit support (kmod-nft-connlimit); retrying with strategy group']);
	assert.deepEqual(cmds[2], ['nft', '-f', nftFile]);
	assert.deepEqual(cmds[3], ['logger', '-t', 'mape', 'wanmap up: SNAT over 15 port sets for 106.72.171.205 installed (strategy group)']);
	// What was loaded in the end: one range chain per group, no connection counting.
	const script = readFileSync(nftFile, 'utf8');
	assert.match(script, /strategy group\./);
	assert.equal((script.match(/^\tchain r\d+ \{$/gm) ?? []).length, 15);
	assert.doesNotMatch(script, /ct count/);

	// Only one retry: when group is rejected too, nothing more is tried and the hook exits 1.
	const broken = router([PD56], {}, { MAPE_DRYRUN_FAIL: 'mape_wanmap' });
	broken.mape(['apply']);
	writeFileSync(join(broken.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	const n = broken.commands().length;
	assert.equal(broken.mape(['hotplug', 'ifup', 'wanmap']).code, 1);
	const tried = broken.commands().slice(n);
	assert.deepEqual(tried.map((c) => c[0]), ['nft', 'logger', 'nft', 'logger']);
	assert.equal(tried[3][3], 'wanmap up, nft rejected the SNAT table');
});

test('hotplug: the external ports of port forwards from the wan zone (and reserved_ports) never appear in the SNAT script', () => {
	const r = router([PD56]);
	r.mape(['apply']);
	writeFileSync(join(r.confdir, 'firewall'), r.read('firewall') + [
		'',
		'config redirect',
		"\toption name 'Game'",
		"\toption src 'wan'",
		"\toption src_dport '7925 12016:12020'",
		"\toption dest 'lan'",
		"\toption dest_ip '192.168.1.10'",
		"\toption target 'DNAT'",
		'',
		'config redirect',
		"\toption name 'Web'",
		"\toption src 'wan'",
		"\toption proto 'tcp'",
		"\toption src_dport 'http'",
		"\toption dest 'lan'",
		"\toption dest_ip '192.168.1.11'",
		'',
		'config redirect',
		"\toption name 'Old'",
		"\toption src 'wan'",
		"\toption src_dport '20210'",
		"\toption dest 'lan'",
		"\toption dest_ip '192.168.1.12'",
		"\toption enabled '0'",
		'',
	].join('\n'));
	writeFileSync(join(r.confdir, 'mape'), r.read('mape') + "\tlist reserved_ports '65279'\n");
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	const before = r.commands().length;
	const up = r.mape(['hotplug', 'ifup', 'wanmap']);
	assert.equal(up.code, 0, up.stderr);
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds[0], ['logger', '-t', 'mape', 'wanmap up: port forward "Web": src_dport "http" is not a port number or range, not reserved']);
	assert.deepEqual(cmds[1], ['nft', '-f', join(r.dir, 'run/mape-snat-wanmap.nft')]);
	assert.equal(cmds.length, 3);
	const script = readFileSync(join(r.dir, 'run/mape-snat-wanmap.nft'), 'utf8');
	const targets = [...script.matchAll(/snat ip to 106\.72\.171\.205:(\d+)-(\d+)/g)].map((m) => [+m[1], +m[2]]);
	assert.ok(targets.length > 0);
	for (const port of [7925, 12016, 12018, 12020, 65279]) {
		assert.ok(!targets.some(([lo, hi]) => lo <= port && port <= hi), `port ${port} is a SNAT target`);
	}
	// The groups are split around them; the disabled forward's port stays in the pool.
	assert.match(script, /:7920-7924\n/);
	assert.match(script, /:7926-7935\n/);
	assert.match(script, /:12021-12031\n/);
	assert.match(script, /:65264-65278\n/);
	assert.match(script, /:20208-20223\n/);
	assert.match(script, /^# MAP-E source NAT for wanmap \(device map-wanmap\): 106\.72\.171\.205, 233 ports in 16 ranges, strategy spill\.$/m);
});

test('portusage counts SNATed flows per port group and ranks LAN hosts', () => {
	const r = router([PD56]);
	r.mape(['apply']);
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), RULES_V6PLUS);
	writeFileSync(join(r.dir, 'nf_conntrack'), [
		'ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.100 dst=93.184.216.34 sport=51234 dport=443 src=93.184.216.34 dst=106.72.171.205 sport=443 dport=7925 [ASSURED] mark=0 zone=0 use=2',
		'ipv4     2 tcp      6 431999 ESTABLISHED src=192.168.1.100 dst=93.184.216.35 sport=51235 dport=443 src=93.184.216.35 dst=106.72.171.205 sport=443 dport=7925 [ASSURED] mark=0 zone=0 use=2',
		'ipv4     2 udp      17 29 src=192.168.1.101 dst=8.8.8.8 sport=5353 dport=53 src=8.8.8.8 dst=106.72.171.205 sport=53 dport=12020 mark=0 zone=0 use=2',
		'ipv4     2 icmp     1 29 src=192.168.1.101 dst=8.8.8.8 type=8 code=0 id=1234 src=8.8.8.8 dst=106.72.171.205 type=0 code=0 id=65270 mark=0 zone=0 use=2',
		'ipv4     2 tcp      6 100 ESTABLISHED src=192.168.1.102 dst=192.168.1.1 sport=40000 dport=22 src=192.168.1.1 dst=192.168.1.102 sport=22 dport=40000 [ASSURED] mark=0 zone=0 use=2',
		'ipv4     2 tcp      6 100 ESTABLISHED src=192.168.1.102 dst=1.1.1.1 sport=40001 dport=80 src=1.1.1.1 dst=106.72.171.205 sport=80 dport=1024 [ASSURED] mark=0 zone=0 use=2',
		'ipv6     10 tcp      6 100 ESTABLISHED src=240b:10:abcd:ef01::2 dst=2001:db8::1 sport=1 dport=2 src=2001:db8::1 dst=240b:10:abcd:ef01::2 sport=2 dport=1 mark=0 use=2',
		'',
	].join('\n'));
	const u = r.json(['portusage']);
	assert.equal(u.ipv4, '106.72.171.205');
	assert.equal(u.source, 'rules');
	assert.equal(u.ports_total, 240);
	assert.equal(u.connections, 5);
	assert.equal(u.outside, 1);
	assert.equal(u.ports_used, 3);
	assert.equal(u.ports_available, 237);
	assert.deepEqual(u.groups[0], { first: 7920, last: 7935, connections: 2, ports_used: 1 });
	assert.deepEqual(u.groups[1], { first: 12016, last: 12031, connections: 1, ports_used: 1 });
	assert.deepEqual(u.groups[14], { first: 65264, last: 65279, connections: 1, ports_used: 1 });
	assert.deepEqual(u.hosts, [
		{ address: '192.168.1.101', connections: 2, ports: 2 },
		{ address: '192.168.1.100', connections: 2, ports: 1 },
	]);
	const text = r.mape(['portusage']);
	assert.match(text.stdout, /^106\.72\.171\.205 on wanmap: 5 connections, 3 of 240 ports used, 237 available\n/);
});

test('foreign config: extra interfaces and zones stay, a hand-made MAP interface is reused by name', () => {
	const network = DEF.network
		.replace("\toption proto 'dhcpv6'\n", "\toption proto 'dhcpv6'\n\toption ip6prefix '240b:10:abcd:ef00::/64'\n")
		+ [
			'',
			"config interface 'guest'",
			"\toption proto 'static'",
			"\toption ipaddr '192.168.2.1'",
			"\toption netmask '255.255.255.0'",
			'',
			"config interface 'v6plus'",
			"\toption proto 'map'",
			"\toption maptype 'map-e'",
			"\toption peeraddr '2404:9200:225:100::64'",
			"\toption ipaddr '106.72.0.0'",
			"\toption ip4prefixlen '15'",
			"\toption ip6prefix '240b:10::'",
			"\toption ip6prefixlen '31'",
			"\toption ealen '25'",
			"\toption psidlen '8'",
			"\toption offset '4'",
			"\toption psid '61184'",
			"\toption tunlink 'wan6'",
			"\toption mtu '1460'",
			"\toption ttl '64'",
			'',
		].join('\n');
	const firewall = DEF.firewall.replace("\tlist   network\t\t'wan6'\n", "\tlist   network\t\t'wan6'\n\tlist   network\t\t'v6plus'\n")
		+ "\nconfig zone\n\toption name 'guest'\n\tlist network 'guest'\n\toption input 'REJECT'\n\nconfig forwarding\n\toption src 'guest'\n\toption dest 'wan'\n";
	const r = router([RA64, { interface: 'v6plus', up: false, proto: 'map', errors: [{ subsystem: 'map', code: 'INVALID_MAP_RULE' }] }], { network, firewall });
	const st = r.json(['status']);
	assert.equal(st.state, 'FOREIGN');
	assert.equal(st.map.name, 'v6plus');
	assert.equal(st.map.ours, false);
	// No encaplimit is the same as 'ignore' to netifd, and maptype defaults to map-e: only
	// legacymap (absent: off) and the explicit psid differ.
	assert.deepEqual(st.map.differences, ['legacymap', 'psid']);
	assert.deepEqual(st.map.errors, ['INVALID_MAP_RULE']);

	const a = r.mape(['apply']);
	assert.equal(a.code, 0, a.stderr);
	assert.equal(r.read('network'), network
		.replace("\toption proto 'dhcpv6'\n\toption ip6prefix '240b:10:abcd:ef00::/64'\n", "\toption proto 'dhcpv6'\n\toption extendprefix '1'\n")
		.replace("\toption psid '61184'\n", '')
		.replace("\toption ttl '64'\n", "\toption ttl '64'\n\toption legacymap '1'\n"));
	assert.equal(r.read('firewall'), firewall, 'v6plus is already zoned, mtu_fix already set');
	assert.equal(r.read('mape'), DEF.mape.replace("option interface 'wanmap'", "option interface 'v6plus'"));
	assert.ok(r.read('dhcp')!.includes("config dhcp 'wan6'"));
	assert.equal(r.json(['status']).state, 'MAP_ERROR', 'matching now; netifd still reports the old error');
	assert.deepEqual(r.json(['plan']).ops, []);
	r.mape(['restore']);
	assert.deepEqual(r.files(), { ...DEF, network, firewall });
});

test('no /etc/config/mape: the defaults (wanmap, SNAT on) are what apply wants, so it writes none', () => {
	const r = router([PD56], { mape: null });
	assert.deepEqual(r.json(['plan']).configs, ['network', 'firewall']);
	assert.equal(r.mape(['apply']).code, 0);
	assert.equal(r.read('mape'), null);
	r.mape(['restore']);
	assert.deepEqual(r.files(), { ...DEF, mape: null });
});

/*
 * A router set up by hand the way Auto configure would, but spelled the way people write
 * it: booleans as yes/on/true, no maptype (map.sh: map-e), no encaplimit (netifd: ignore),
 * no snat (on). Every value already has the effect the plan wants, so the plan is empty.
 */
const NETWORK_HAND = DEF.network.replace("\toption proto 'dhcpv6'\n", "\toption proto 'dhcpv6'\n\toption extendprefix '1'\n") + [
	'',
	"config interface 'wanmap'",
	"\toption proto 'map'",
	"\toption peeraddr '2404:9200:225:100::64'",
	"\toption ipaddr '106.72.0.0'",
	"\toption ip4prefixlen '15'",
	"\toption ip6prefix '240b:10::'",
	"\toption ip6prefixlen '31'",
	"\toption ealen '25'",
	"\toption psidlen '8'",
	"\toption offset '4'",
	"\toption legacymap 'true'",
	"\toption tunlink 'wan6'",
	"\toption mtu '1460'",
	'',
].join('\n');
const DHCP_HAND = DEF.dhcp
	.replace("\toption dhcpv6 'server'\n\toption ra 'server'\n", "\toption dhcpv6 'relay'\n\toption ra 'relay'\n\toption ndp 'relay'\n")
	+ "\nconfig dhcp 'wan6'\n\toption interface 'wan6'\n\toption master 'true'\n\toption ra 'relay'\n\toption dhcpv6 'relay'\n\toption ndp 'relay'\n";
const FIREWALL_HAND = FIREWALL_WITH_WANMAP.replace('\toption mtu_fix\t\t1\n', '\toption mtu_fix\t\tyes\n');

test('configured by hand with other spellings of the same values: empty plan, nothing written', () => {
	assert.notEqual(FIREWALL_HAND, FIREWALL_WITH_WANMAP);
	const r = router([RA64], { network: NETWORK_HAND, dhcp: DHCP_HAND, firewall: FIREWALL_HAND, mape: DEF.mape.replace("\toption auto_follow '1'\n", "\toption auto_follow '1'\n\toption snat 'on'\n") });
	const st = r.json(['status']);
	assert.equal(st.state, 'CONFIGURED');
	assert.deepEqual(st.map.differences, []);
	assert.deepEqual(r.json(['plan']).ops, []);
	const before = r.files();
	assert.equal(r.json(['apply']).changed, false);
	assert.deepEqual(r.files(), before);
	assert.deepEqual(r.commands(), []);

	// A value that does change something is still written: SNAT switched off, mtu_fix off.
	const off = router([RA64], { network: NETWORK_HAND, dhcp: DHCP_HAND, firewall: FIREWALL_HAND.replace('\toption mtu_fix\t\tyes\n', '\toption mtu_fix\t\toff\n'), mape: DEF.mape.replace("\toption auto_follow '1'\n", "\toption auto_follow '1'\n\toption snat '0'\n") });
	assert.deepEqual(off.json(['plan']).ops.map((o: any) => `${o.config}.${o.option}: ${o.old} -> ${o.new}`), ['firewall.mtu_fix: off -> 1', 'mape.snat: 0 -> 1']);
});

test('anonymous sections the plan touches are named by what they serve, never by their generated id', () => {
	// A dhcp config whose LAN section is anonymous (as some images write it).
	const dhcp = DEF.dhcp.replace("config dhcp 'lan'\n", 'config dhcp\n');
	const r = router([RA64], { dhcp });
	const lan = r.json(['plan']).ops.filter((o: any) => o.config == 'dhcp' && o.anonymous);
	assert.deepEqual(lan.map((o: any) => [o.ref, o.label, o.option, o.new]),
		[['@dhcp[0]', 'lan', 'ra', 'relay'], ['@dhcp[0]', 'lan', 'dhcpv6', 'relay'], ['@dhcp[0]', 'lan', 'ndp', 'relay']]);
	assert.match(lan[0].section, /^cfg[0-9a-f]{6}$/, 'staged by its id');
	assert.doesNotMatch(r.mape(['plan']).stdout, /cfg[0-9a-f]{6}/);
});

test('25.12: DUID-LL client id from the WAN MAC when network.globals.dhcp_default_duid exists', () => {
	const network = DEF.network.replace("\toption ula_prefix 'fd12:3456:789a::/48'\n", "\toption ula_prefix 'fd12:3456:789a::/48'\n\toption dhcp_default_duid '0004aabbccddeeff00112233445566778899'\n");
	const r = router([PD56], { network });
	const plan = r.json(['plan']);
	assert.deepEqual(plan.ops.find((o: any) => o.option == 'clientid'),
		{ op: 'set', config: 'network', section: 'wan6', type: 'interface', option: 'clientid', old: null, new: '00030001525400123456', anonymous: false, ref: 'wan6', label: 'wan6' });
	const plain = router([PD56]).json(['plan']);
	assert.equal(plain.ops.find((o: any) => o.option == 'clientid'), undefined);
});

test('bad inputs give a clear error code and change nothing', () => {
	// Missing wan6 (no uplink interface at all).
	const noWan6 = DEF.network.replace("\nconfig interface 'wan6'\n\toption device 'eth1'\n\toption proto 'dhcpv6'\n", '');
	const missing = router([], { network: noWan6 });
	refused(missing, ['plan'], 'WAN6_MISSING');
	refused(missing, ['apply'], 'WAN6_MISSING');
	assert.equal(missing.json(['status']).error.code, 'WAN6_MISSING');
	// wan6 configured but down.
	refused(router([wan6({ up: false })]), ['apply'], 'WAN6_DOWN');
	// Unknown prefix, NTT East's own range (no VNE contract yet). (A DS-Lite VNE's block gets
	// a DS-Lite plan: router-dslite.test.ts.)
	refused(router([wan6({ prefix: '2001:db8:1:100::', mask: 56 })]), ['apply'], 'UNKNOWN');
	refused(router([wan6({ prefix: '2408:210:1234:5600::', mask: 56 })]), ['apply'], 'NTT_EAST_PENDING');
	// Half-configured: our name taken by a non-map interface; two map interfaces; staged uci changes.
	refused(router([PD56], { network: DEF.network + "\nconfig interface 'wanmap'\n\toption proto 'static'\n" }), ['apply'], 'NAME_CONFLICT');
	const two = DEF.network + "\nconfig interface 'mapa'\n\toption proto 'map'\n\nconfig interface 'mapb'\n\toption proto 'map'\n";
	refused(router([PD56], { network: two }), ['apply'], 'MULTIPLE_MAP_INTERFACES');
	const staged = router([PD56]);
	mkdirSync(join(staged.dir, 'save'));
	writeFileSync(join(staged.dir, 'save/network'), "network.lan.ipaddr='192.168.9.1'\n");
	refused(staged, ['apply'], 'PENDING_CHANGES');
	// No wan zone.
	const noZone = DEF.firewall.replace('\toption name\t\twan\n', "\toption name\t\twan_custom\n").replace("\tlist   network\t\t'wan6'\n", '');
	refused(router([PD56], { firewall: noZone }), ['apply'], 'NO_WAN_ZONE');
	// Bad settings.
	refused(router([PD56], { mape: DEF.mape.replace("'wanmap'", "'wan6_map'") }), ['plan'], 'BAD_INTERFACE_NAME');
	// restore without a backup, with a bad id.
	refused(router([PD56]), ['restore'], 'NO_BACKUP');
	refused(router([PD56]), ['restore', '../../etc'], 'BAD_BACKUP_ID');
});

test('backups: the last five are kept, restore by id', () => {
	const r = router([PD56]);
	const ids: string[] = [];
	for (let i = 0; i < 6; i++) {
		const a = r.json(['apply']);
		assert.equal(a.changed, true);
		ids.push(a.backup);
		r.mape(['restore']);
	}
	assert.deepEqual(r.json(['backups']).backups, ids.slice(1));
	assert.deepEqual(r.files(), DEF);
	r.mape(['apply']);
	const configured = r.files();
	const res = r.json(['restore', ids[3]]);
	assert.equal(res.restored, ids[3]);
	assert.deepEqual(r.files(), DEF);
	void configured;
});

test('the rpcd plugin answers every method and rejects wrong argument types', async () => {
	const r = router([RA64]);
	const b = buildBackendForTest();
	const { setUbusBackend } = await import('../luci-app-mape/runtime/ubus.ts');
	const fixture = JSON.parse(readFileSync(join(r.dir, 'ubus.json'), 'utf8'));
	setUbusBackend({ call: (o: string, m: string, a: any) => o == 'network.interface' ? fixture.dump : fixture.devices[a.name] });
	const saved = { ...process.env };
	Object.assign(process.env, { MAPE_CONFDIR: r.confdir, MAPE_SAVEDIR: join(r.dir, 'save'), MAPE_STATEDIR: join(r.dir, 'state'), MAPE_RUNDIR: join(r.dir, 'run'), MAPE_DRYRUN: join(r.dir, 'commands'), MAPE_CONNTRACK: join(r.dir, 'no-conntrack'), MAPE_INITDIR: join(r.dir, 'init.d'), MAPE_RPCD_SNAPSHOTS: join(r.dir, 'rpcd-snapshots') });
	try {
		const plugin = (await import(join(b.js, 'luci-app-mape/router/plugin.js'))).default['luci.mape'];
		const call = (method: string, args: any) => plugin[method].call({ args, info: {}, reply() {}, error() {} });
		assert.deepEqual(Object.keys(plugin), ['status', 'plan', 'apply', 'backup', 'restore_plan', 'restore_finish', 'backups', 'portusage', 'calc', 'provision', 'provision_status']);
		assert.deepEqual(plugin.calc.args, { input: '' });
		assert.deepEqual(plugin.restore_plan.args, { backup: '' });
		assert.deepEqual(plugin.restore_finish.args, { backup: '' });
		const st = call('status', {});
		assert.equal(st.state, 'NOT_CONFIGURED');
		assert.equal(st.version, '0.1.0');
		assert.equal(call('plan', { ubus_rpc_session: 'x' }).ops.length, 26);
		assert.equal(call('calc', { input: '240b:10:abcd:ef00::/56' }).ipv4, '106.72.171.205');
		for (const [method, args] of [['calc', { input: 5 }], ['calc', {}], ['calc', { input: 'x'.repeat(300) }], ['status', { extra: '' }],
			['restore_plan', { backup: 5 }], ['restore_plan', { backup: '', id: 'x' }], ['restore_finish', { backup: true }], ['restore_finish', {}],
			['restore_finish', { backup: '' }], ['plan', { x: true }], ['apply', { force: 1 }], ['backup', { reason: 'x' }]] as [string, any][]) {
			assert.equal(call(method, args).error?.code, 'INVALID_ARGUMENT', `${method} ${JSON.stringify(args)}`);
		}
		for (const method of ['restore_plan', 'restore_finish']) {
			const bad = call(method, { backup: '../x' }).error;
			assert.equal(bad.code, 'BAD_BACKUP_ID');
			assert.match(bad.message, /^"\.\.\/x" is not a backup id/);
			assert.equal(call(method, { backup: '20990101-000000' }).error.code, 'NO_BACKUP');
		}
		assert.deepEqual(r.files(), DEF);
		const applied = call('apply', {});
		assert.equal(applied.changed, true);
		assert.deepEqual(call('backups', {}).backups, [applied.backup]);
		assert.equal(applied.reloaded.length, 4);
		assert.equal(call('status', {}).state, 'CONFIGURED');
		assert.equal(call('restore_plan', { backup: '' }).backup, applied.backup, '"" is the newest');
		assert.equal(call('restore_finish', { backup: applied.backup }).error.code, 'RESTORE_NOT_APPLIED');
		assert.equal(call('portusage', {}).error.code, 'CONNTRACK_UNAVAILABLE');
	} finally {
		process.env = saved;
		setUbusBackend(null);
	}
});

/*
 * A manual rule (mape.manual 1 and the rule options the Setup page's form writes) for a
 * prefix outside the table: the documentation prefix 2001:db8::/31 with v6plus-shaped
 * parameters (ealen 25, psidlen 8, offset 4) over the benchmarking /15 198.18.0.0/15.
 * Worked out by hand for the line 2001:db8:abcd:ef00::/56:
 *   EA bits = bits 31..55 = 0 | abcd | ef  (bit 31 is the last bit of 0db8: 0)
 *   IPv4    = 198.18.0.0 + 0x0abcd (the first 17 EA bits) = 198.18.171.205
 *   PSID    = 0xef = 239; port sets A·4096 + 239·16 for A = 1…15: 7920-7935 … 65264-65279,
 *             15 × 16 = 240 ports
 *   CE      = 2001:db8:abcd:ef00 | 00 c6 12 ab cd 00 ef 00 (legacy) = 2001:db8:abcd:ef00:c6:12ab:cd00:ef00
 */
const MANUAL_OPTIONS = [
	"\toption manual '1'",
	"\toption br '2001:db8:ffff::64'",
	"\toption ip6prefix '2001:db8::'",
	"\toption ip6prefixlen '31'",
	"\toption ip4prefix '198.18.0.0'",
	"\toption ip4prefixlen '15'",
	"\toption ealen '25'",
	"\toption psidlen '8'",
	"\toption offset '4'",
	'',
].join('\n');
const MAPE_MANUAL = DEF.mape + MANUAL_OPTIONS;
const PD56_DOC = wan6({ address: '2001:db8:abcd:ef00::1001', prefix: '2001:db8:abcd:ef00::', mask: 56 });
const WANMAP_MANUAL = WANMAP_V6PLUS
	.replace("'2404:9200:225:100::64'", "'2001:db8:ffff::64'")
	.replace("'106.72.0.0'", "'198.18.0.0'")
	.replace("'240b:10::'", "'2001:db8::'");

test('manual rule: a prefix the table does not know is computed, planned and applied with the parameters from /etc/config/mape', () => {
	// Without manual 1 (the options alone do nothing) the prefix is unknown.
	const off = router([PD56_DOC], { mape: DEF.mape + MANUAL_OPTIONS.replace("option manual '1'", "option manual '0'") });
	assert.equal(off.json(['status']).error.code, 'UNKNOWN');

	const r = router([PD56_DOC], { mape: MAPE_MANUAL });
	const st = r.json(['status']);
	assert.equal(st.error, null);
	assert.equal(st.state, 'NOT_CONFIGURED');
	assert.equal(st.input, '2001:db8:abcd:ef00::/56');
	assert.equal(st.settings.manual, true);
	const { portsets, ...calc } = st.calc;
	assert.deepEqual(calc, {
		input: '2001:db8:abcd:ef00::/56', method: 'map-e', source: 'manual', service: 'manual', br: '2001:db8:ffff::64', ipv4: '198.18.171.205',
		psid: 239, psidlen: 8, offset: 4, ealen: 25, ip4prefix: '198.18.0.0', ip4prefixlen: 15,
		ip6prefix: '2001:db8::', ip6prefixlen: 31, ce: '2001:db8:abcd:ef00:c6:12ab:cd00:ef00',
		ports: 240, mtu: 1460, warnings: [],
	});
	assert.equal(portsets.length, 15);
	assert.deepEqual(portsets[0], [7920, 7935]);
	assert.deepEqual(portsets[1], [12016, 12031]);
	assert.deepEqual(portsets[14], [65264, 65279]);

	const plan = r.json(['plan']);
	assert.equal(plan.service, 'manual');
	assert.deepEqual(plan.configs, ['network', 'firewall']);
	const a = r.mape(['apply']);
	assert.equal(a.code, 0, a.stderr);
	assert.equal(r.read('network'), DEF.network.replace("\toption ip6assign '60'\n", "\toption ip6assign '64'\n") + '\n' + WANMAP_MANUAL);
	assert.equal(r.read('firewall'), FIREWALL_WITH_WANMAP);
	assert.equal(r.read('mape'), MAPE_MANUAL);
	assert.equal(r.json(['status']).state, 'CONFIGURED');
	assert.deepEqual(r.json(['plan']).ops, []);

	// Another prefix of the same manual rule keeps the section valid (mapcalc reads the PSID).
	r.setInterfaces([wan6({ prefix: '2001:db9:1234:5600::', mask: 56 })]);
	const moved = r.json(['status']);
	assert.equal(moved.state, 'CONFIGURED');
	assert.equal(moved.calc.ipv4, '198.19.18.52', '198.18.0.0 + 0x11234');
	assert.equal(moved.calc.psid, 0x56);

	// Editing the manual rule makes the router stale; the wan6 hotplug re-applies it.
	r.setInterfaces([PD56_DOC]);
	writeFileSync(join(r.confdir, 'mape'), r.read('mape')!.replace("'2001:db8:ffff::64'", "'2001:db8:ffff::65'"));
	const stale = r.json(['status']);
	assert.equal(stale.state, 'STALE');
	assert.deepEqual(stale.map.differences, ['peeraddr']);
	const before = r.commands().length;
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds[0], ['/etc/init.d/network', 'reload']);
	assert.match(cmds[1][3], /^prefix 2001:db8:abcd:ef00::\/56 \(manual\): wanmap reconfigured for the new MAP-E rule \(1 changes, backup /);
	assert.match(r.read('network')!, /option peeraddr '2001:db8:ffff::65'/);
	assert.equal(r.json(['status']).state, 'CONFIGURED');
});

test('manual rule: invalid parameters or a line outside the rule give the engine\'s code in status and plan, and change nothing', () => {
	const manual = (edit: (text: string) => string) => DEF.mape + edit(MANUAL_OPTIONS);
	const cases: [string, string, Iface][] = [
		[manual((t) => t.replace("\toption br '2001:db8:ffff::64'\n", '')), 'BAD_BR', PD56_DOC],
		[manual((t) => t.replace("'2001:db8:ffff::64'", "'2001:db8:ffff::/64'")), 'BAD_BR', PD56_DOC],
		[manual((t) => t.replace("'2001:db8::'", "'2001:db9::'")), 'BAD_IP6PREFIX', PD56_DOC],
		[manual((t) => t.replace("option ip6prefixlen '31'", "option ip6prefixlen '65'")), 'BAD_IP6PREFIXLEN', PD56_DOC],
		[manual((t) => t.replace("'198.18.0.0'", "'198.19.0.0'")), 'BAD_IP4PREFIX', PD56_DOC],
		[manual((t) => t.replace("option ip4prefixlen '15'", "option ip4prefixlen 'x'")), 'BAD_IP4PREFIXLEN', PD56_DOC],
		[manual((t) => t.replace("option ealen '25'", "option ealen '24'")), 'EALEN_MISMATCH', PD56_DOC],
		[manual((t) => t.replace("\toption psidlen '8'\n", '')), 'BAD_PSIDLEN', PD56_DOC],
		[manual((t) => t.replace("option offset '4'", "option offset '9'")), 'PSID_OFFSET_TOO_LONG', PD56_DOC],
		// Valid parameters, but the line's prefix is not inside the rule's 2001:db8::/31.
		[manual((t) => t), 'PREFIX_OUTSIDE_RULE', PD56],
	];
	for (const [mape, code, line] of cases) {
		const r = router([line], { mape });
		const st = r.json(['status']);
		assert.equal(st.error?.code, code, mape);
		assert.match(st.error.message, /^Manual MAP-E rule in \/etc\/config\/mape: /);
		assert.equal(st.calc, null);
		assert.equal(st.state, 'NOT_CONFIGURED', 'still a full status answer');
		assert.equal(st.uplink.up, true);
		refused(r, ['plan'], code);
		refused(r, ['apply'], code);
	}
	// A settings error: reported even before the line is up.
	const down = router([wan6({ up: false })], { mape: manual((t) => t.replace("option ealen '25'", "option ealen '24'")) });
	assert.equal(down.json(['status']).error.code, 'EALEN_MISMATCH');

	// A configured router whose manual rule is then broken: the hotplug handler leaves it alone.
	const r = router([PD56_DOC], { mape: MAPE_MANUAL });
	assert.equal(r.mape(['apply']).code, 0);
	const configured = r.files();
	writeFileSync(join(r.confdir, 'mape'), configured.mape!.replace("\toption ealen '25'", "\toption ealen '26'"));
	const broken = r.files();
	const n = r.commands().length;
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.deepEqual(r.files(), broken);
	assert.equal(r.commands().length, n);
	assert.equal(r.json(['status']).error.code, 'EALEN_MISMATCH');
});

test('LuCI path: backup, the plan staged and committed, then restore_plan staged and committed the same way and restore_finish: the stock files byte for byte', async () => {
	const r = router([RA64]);
	const { cursor } = await import('../luci-app-mape/runtime/uci.ts');
	await withPlugin(r, async (call) => {
		const plan = call('plan', {});
		assert.equal(plan.ops.length, 26);
		const made = call('backup', {});
		assert.deepEqual(Object.keys(made), ['backup']);
		assert.match(made.backup, /^[0-9]{8}-[0-9]{6}(-[0-9]+)?$/);
		assert.deepEqual(call('backups', {}).backups, [made.backup]);
		const dir = join(r.dir, 'state/backup', made.backup);
		assert.deepEqual(JSON.parse(readFileSync(join(dir, 'manifest'), 'utf8')),
			{ id: made.backup, reason: 'luci', configs: { network: true, dhcp: true, firewall: true, mape: true } });
		for (const c of ['network', 'dhcp', 'firewall', 'mape'] as const) assert.equal(readFileSync(join(dir, c), 'utf8'), DEF[c]);
		assert.deepEqual(r.files(), DEF, 'a backup changes no config');
		assert.deepEqual(r.commands(), [], 'and reloads nothing');
		assert.deepEqual(call('restore_plan', { backup: made.backup }).ops, [], 'nothing to restore yet');

		luciCommit(cursor(r.confdir, join(r.dir, 'save')), plan.ops);
		assert.equal(call('status', {}).state, 'CONFIGURED');
		const configured = r.files();

		// Not applied yet: restore_finish writes nothing, and names the first section that
		// differs in each config (wan6 has extendprefix, lan one option more, the zone's list).
		const early = call('restore_finish', { backup: made.backup }).error;
		assert.equal(early.code, 'RESTORE_NOT_APPLIED');
		assert.match(early.message, /\(network \(wan6\), dhcp \(lan\), firewall \(@zone\[1\]\.network\) differs\)/);
		assert.deepEqual(r.files(), configured);

		// Exactly what undoes the plan (written out from the plan above, by hand).
		const rp = call('restore_plan', { backup: '' });
		assert.equal(rp.backup, made.backup);
		assert.deepEqual(rp.configs, ['network', 'dhcp', 'firewall']);
		assert.deepEqual(rp.files, ['network', 'dhcp', 'firewall', 'mape']);
		assert.deepEqual(rp.ops.map((o: any) => [o.op, `${o.config}.${o.ref}${o.option ? '.' + o.option : ''}`, o.old, o.new]), [
			['remove', 'network.wanmap', null, null],
			['delete', 'network.wan6.extendprefix', '1', null],
			['remove', 'dhcp.wan6', null, null],
			['set', 'dhcp.lan.dhcpv6', 'relay', 'server'],
			['set', 'dhcp.lan.ra', 'relay', 'server'],
			['delete', 'dhcp.lan.ndp', 'relay', null],
			['set', 'firewall.@zone[1].network', ['wan', 'wan6', 'wanmap'], ['wan', 'wan6']],
		]);
		const zone = rp.ops.at(-1);
		assert.deepEqual([zone.section, zone.anonymous, zone.label], ['cfg03dc81', true, 'wan']);
		assert.deepEqual(r.files(), configured, 'restore_plan changes nothing');

		luciCommit(cursor(r.confdir, join(r.dir, 'save')), rp.ops);
		for (const c of ['network', 'dhcp', 'firewall', 'mape'] as const) assert.equal(await uciContent(r.read(c)!), await uciContent(DEF[c]), `${c}: the backup's content is live`);

		// Applied with rollback, not confirmed yet: rpcd keeps its copies of the replaced files.
		const snapshots = join(r.dir, 'rpcd-snapshots');
		mkdirSync(snapshots);
		for (const c of ['network', 'firewall']) writeFileSync(join(snapshots, c), configured[c]!);
		const restored = r.files();
		const pending = call('restore_finish', { backup: made.backup }).error;
		assert.equal(pending.code, 'APPLY_PENDING');
		assert.match(pending.message, /changes to network, firewall but not confirmed/);
		assert.deepEqual(r.files(), restored, 'nothing written while LuCI may still roll back');
		// Copies older than the rollback window are what an apply without rollback leaves …
		const old = Date.now() / 1000 - 120;
		for (const c of ['network', 'firewall']) utimesSync(join(snapshots, c), old, old);
		assert.equal(call('restore_finish', { backup: made.backup }).error, undefined, 'a stale copy does not block');
		// … unless LuCI's rollback window (luci.apply.rollback) is longer.
		writeFileSync(join(r.confdir, 'luci'), "config internal 'apply'\n\toption rollback '300'\n");
		assert.equal(call('restore_finish', { backup: made.backup }).error?.code, 'APPLY_PENDING');
		rmSync(join(r.confdir, 'luci'));
		rmSync(snapshots, { recursive: true });
		// The call with the stale copy finished the restore: back to the committed files.
		for (const [c, text] of Object.entries(restored)) if (text != null) writeFileSync(join(r.confdir, c), text);
		const done = call('restore_finish', { backup: made.backup });
		assert.equal(done.restored, made.backup);
		assert.deepEqual(done.configs, ['network', 'dhcp', 'firewall', 'mape']);
		assert.deepEqual(r.files(), DEF, 'the pre-Auto-configure files, byte for byte');
		for (const c of done.rewritten as (keyof typeof DEF)[]) assert.notEqual(configured[c], DEF[c], `${c} rewritten`);
		assert.deepEqual(call('restore_finish', { backup: made.backup }).rewritten, [], 'a second finish has nothing left to write');
		assert.deepEqual(r.commands(), [], 'LuCI reloads; the backend reloads nothing');
		assert.equal(call('status', {}).state, 'NOT_CONFIGURED');
	});
	// A config that did not exist is recorded as absent: restoring empties it, finishing removes the file.
	const fresh = router([PD56], { mape: null });
	await withPlugin(fresh, (call) => {
		const made = call('backup', {});
		const manifest = JSON.parse(readFileSync(join(fresh.dir, 'state/backup', made.backup, 'manifest'), 'utf8'));
		assert.deepEqual(manifest.configs, { network: true, dhcp: true, firewall: true, mape: false });
		writeFileSync(join(fresh.confdir, 'mape'), "config mape 'config'\n\toption snat '1'\n");
		const rp = call('restore_plan', { backup: made.backup });
		assert.deepEqual(rp.ops.map((o: any) => [o.op, o.config, o.ref]), [['remove', 'mape', 'config']]);
		luciCommit(cursor(fresh.confdir, join(fresh.dir, 'save')), rp.ops);
		assert.deepEqual(call('restore_finish', { backup: made.backup }).rewritten, ['mape']);
		assert.deepEqual(fresh.files(), { ...DEF, mape: null });
	});
	// The backup has a config the router lost: LuCI cannot stage into a missing file.
	const lost = router([PD56]);
	await withPlugin(lost, (call) => {
		const made = call('backup', {});
		rmSync(join(lost.confdir, 'mape'));
		const err = call('restore_plan', { backup: made.backup }).error;
		assert.equal(err.code, 'CONFIG_MISSING');
		assert.match(err.message, /mape restore /);
		assert.equal(lost.read('mape'), null, 'nothing changed');
	});
	// A backup that cannot be written is an error reply.
	const ro = router([PD56]);
	writeFileSync(join(ro.dir, 'state'), 'not a directory');
	await withPlugin(ro, (call) => {
		assert.equal(call('backup', {}).error.code, 'BACKUP_FAILED');
	});
});

test('restore_plan puts sections back in the backup\'s order: the out-of-place ones are removed and added again after the rest', async () => {
	// Since the backup: Allow-Ping and Allow-IGMP swapped, Allow-MLD deleted, a rule added,
	// the lan zone's input changed, and a forward added (named).
	const rule = (name: string) => DEF.firewall.match(new RegExp(`config rule\\n\\toption name\\t\\t${name}\\n[^]*?\\n\\n`))![0];
	const firewall = DEF.firewall
		.replace(rule('Allow-Ping'), '@PING@').replace(rule('Allow-IGMP'), rule('Allow-Ping')).replace('@PING@', rule('Allow-IGMP'))
		.replace(rule('Allow-MLD'), '')
		.replace('\toption name\t\tlan\n\tlist   network\t\t\'lan\'\n\toption input\t\tACCEPT\n', '\toption name\t\tlan\n\tlist   network\t\t\'lan\'\n\toption input\t\tREJECT\n')
		+ "\nconfig rule\n\toption name 'Allow-SSH'\n\toption src 'wan'\n\toption dest_port '22'\n\toption target 'ACCEPT'\n"
		+ "\nconfig redirect 'web'\n\toption src 'wan'\n\toption src_dport '8080'\n\toption dest 'lan'\n";
	assert.equal((firewall.match(/^config /gm) ?? []).length, (DEF.firewall.match(/^config /gm) ?? []).length + 1);
	const r = router([PD56], { firewall });
	writeFileSync(join(r.confdir, 'firewall'), DEF.firewall);
	const { cursor } = await import('../luci-app-mape/runtime/uci.ts');
	await withPlugin(r, async (call) => {
		const made = call('backup', {});
		writeFileSync(join(r.confdir, 'firewall'), firewall);
		const rp = call('restore_plan', { backup: made.backup });
		assert.deepEqual(rp.configs, ['firewall']);
		const summary = rp.ops.filter((o: any) => o.op == 'remove' || o.op == 'add').map((o: any) => `${o.op} ${o.label}`);
		// The backup's order: …, Allow-DHCP-Renew, Allow-Ping, Allow-IGMP, Allow-DHCPv6, Allow-MLD, Allow-ICMPv6-Input, …
		// Now Allow-IGMP comes before Allow-Ping. Allow-Ping still follows Allow-DHCP-Renew, so
		// it stays; from Allow-IGMP on, the backup's rules go and come back in its order, and
		// the new rule and the new redirect go.
		assert.deepEqual(summary, [
			'remove Allow-IGMP', 'remove Allow-DHCPv6', 'remove Allow-ICMPv6-Input', 'remove Allow-ICMPv6-Forward', 'remove Allow-IPSec-ESP',
			'remove Allow-ISAKMP', 'remove Allow-SSH', 'remove web',
			'add Allow-IGMP', 'add Allow-DHCPv6', 'add Allow-MLD', 'add Allow-ICMPv6-Input', 'add Allow-ICMPv6-Forward',
			'add Allow-IPSec-ESP', 'add Allow-ISAKMP',
		]);
		assert.deepEqual(rp.ops.filter((o: any) => o.op == 'set' && o.old != null).map((o: any) => [o.label, o.option, o.old, o.new]), [['lan', 'input', 'REJECT', 'ACCEPT']]);
		assert.ok(rp.ops.filter((o: any) => o.op == 'add').every((o: any) => /^new-[0-9]+$/.test(o.section) && o.anonymous));
		luciCommit(cursor(r.confdir, join(r.dir, 'save')), rp.ops);
		assert.equal(await uciContent(r.read('firewall')!), await uciContent(DEF.firewall));
		assert.deepEqual(call('restore_finish', { backup: made.backup }).rewritten, ['firewall']);
		assert.equal(r.read('firewall'), DEF.firewall);
	});
});

test('ACL: read methods and write methods of luci.mape granted separately, nothing else; menu: Network › MAP-E Auto with Setup and Status tabs on existing views', async () => {
	const acl = JSON.parse(readFileSync(join(REPO, 'root/usr/share/rpcd/acl.d/luci-app-mape.json'), 'utf8'))['luci-app-mape'];
	assert.deepEqual(Object.keys(acl.read).sort(), ['ubus', 'uci']);
	assert.deepEqual(Object.keys(acl.write).sort(), ['ubus', 'uci']);
	assert.deepEqual(Object.keys(acl.read.ubus), ['luci.mape']);
	assert.deepEqual(Object.keys(acl.write.ubus), ['luci.mape']);
	const read: string[] = acl.read.ubus['luci.mape'];
	const write: string[] = acl.write.ubus['luci.mape'];
	assert.deepEqual(write.sort(), ['apply', 'backup', 'provision', 'restore_finish'], 'only the mutating methods (and the one that sends a request out) need write');
	assert.ok(read.includes('restore_plan'), 'restore_plan changes nothing');
	const b = buildBackendForTest();
	const plugin = (await import(join(b.js, 'luci-app-mape/router/plugin.js'))).default['luci.mape'];
	assert.deepEqual([...read, ...write].sort(), Object.keys(plugin).sort(), 'every method granted exactly once');
	for (const scope of [acl.read.uci, acl.write.uci]) assert.deepEqual([...scope].sort(), ['dhcp', 'firewall', 'mape', 'network']);

	const menu = JSON.parse(readFileSync(join(REPO, 'root/usr/share/luci/menu.d/luci-app-mape.json'), 'utf8'));
	assert.deepEqual(Object.keys(menu), ['admin/network/mape', 'admin/network/mape/setup', 'admin/network/mape/status']);
	// The parent opens its first tab and carries the ACL dependency the tabs inherit.
	assert.deepEqual(menu['admin/network/mape'], { title: 'MAP-E Auto', order: 60, action: { type: 'firstchild' }, depends: { acl: ['luci-app-mape'] } });
	assert.deepEqual(menu['admin/network/mape/setup'], { title: 'Setup', order: 10, action: { type: 'view', path: 'mape/setup' } });
	assert.deepEqual(menu['admin/network/mape/status'], { title: 'Status', order: 20, action: { type: 'view', path: 'mape/status' } });
	for (const [path, node] of Object.entries<any>(menu)) {
		if (node.action.type != 'view') continue;
		const view = node.action.path.replace(/^mape\//, '');
		assert.ok(existsSync(join(REPO, 'luci-app-mape/view', view + '.ts')), `${path}: view ${node.action.path} exists as luci-app-mape/view/${view}.ts`);
	}
});

test('HB46PP in the background: wan6 ifup/ifupdate starts `mape provision --if-due`, rpcd\'s provision starts a run and returns; mape.hb46pp 0 stops both', async () => {
	const r = router([PD56]);
	const spawn = ['/bin/sh', '-c', '"$0" provision "$@" </dev/null >/dev/null 2>&1 &', '/usr/sbin/mape'];
	assert.equal(r.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	r.mape(['hotplug', 'ifup', 'lan']);
	r.mape(['hotplug', 'ifdown', 'wan6']);
	assert.deepEqual(r.provisionStarts(), [[...spawn, '--if-due'], [...spawn, '--if-due']], 'only for the uplink coming up or changing');
	await withPlugin(r, (call) => {
		assert.deepEqual(call('provision', {}), { started: true });
		assert.equal(call('provision', { now: true }).error.code, 'INVALID_ARGUMENT');
		assert.deepEqual(call('provision_status', {}), { enabled: true, running: false, cache: null });
		// What a finished run leaves (router/provision_command.ts): the status shows it.
		mkdirSync(join(r.dir, 'run/mape'));
		const cache = { checked: 1, next: 2, prefix: '240b:10:abcd:ef00::/56', url: 'https://p.example/', token: null, result: null, expires: null, error: { code: 'HB46PP_NXDOMAIN', message: 'x' } };
		writeFileSync(join(r.dir, 'run/mape/hb46pp.json'), JSON.stringify(cache));
		writeFileSync(join(r.dir, 'run/mape/hb46pp.lock'), '');
		assert.deepEqual(call('provision_status', {}), { enabled: true, running: true, cache });
	});
	assert.deepEqual(r.provisionStarts().at(-1), spawn, 'a forced run');

	assert.match(DEF.mape, /\toption hb46pp '1'\n/, 'on as shipped');
	const off = router([PD56], { mape: DEF.mape.replace("option hb46pp '1'", "option hb46pp '0'") });
	assert.equal(off.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	await withPlugin(off, (call) => {
		assert.equal(call('provision', {}).error.code, 'HB46PP_DISABLED');
		assert.equal(call('provision_status', {}).enabled, false);
	});
	assert.deepEqual(off.provisionStarts(), []);
});

test('HB46PP answer in the cache: the provider wins over the tables in status, plan and apply, and the differing fields are named; hb46pp 0 or an answer for another prefix leave the tables in charge', () => {
	// JPNE's answer splits the table's /31 rules into /32s (ea_length 24): the same IPv4 and
	// PSID for the line, other rule fields. What `mape provision` leaves (router/provision_cache.ts).
	const cacheFor = (prefix: string, raw: unknown) => ({ checked: 1, next: 2, prefix, url: 'https://p.example/', token: null, result: { source: 'hb46pp', raw }, expires: 3601, error: null });
	const withCache = (r: ReturnType<typeof router>, cache: unknown) => {
		mkdirSync(join(r.dir, 'run/mape'), { recursive: true });
		writeFileSync(join(r.dir, 'run/mape/hb46pp.json'), JSON.stringify(cache));
	};
	const LINE = '240b:10:abcd:ef00::/56';
	let r = router([PD56]);
	const table = r.json(['status']);
	assert.equal(table.calc.source, 'table');
	withCache(r, cacheFor(LINE, mapEAnswer()));
	const st = r.json(['status']);
	assert.deepEqual([st.calc.source, st.calc.service, st.calc.ipv4, st.calc.psid, st.calc.ip6prefixlen, st.calc.ip4prefixlen, st.calc.ealen],
		['hb46pp', 'v6plus', table.calc.ipv4, table.calc.psid, 32, 16, 24]);
	const differs = st.warnings.find((w: any) => w.code == 'PROVIDER_DIFFERS_FROM_TABLE');
	assert.equal(differs?.message, 'The provider\'s parameters differ from the built-in table in ip6prefixlen, ip4prefixlen, ealen; the provider\'s are used.');
	assert.deepEqual(differs?.fields, ['ip6prefixlen', 'ip4prefixlen', 'ealen'], 'the same fields for the pages to list');
	const plan = r.json(['plan']);
	const set = (option: string) => plan.ops.find((o: any) => o.section == 'wanmap' && o.option == option)?.new;
	assert.deepEqual([set('ip6prefixlen'), set('ip4prefixlen'), set('ealen'), set('ipaddr')], ['32', '16', '24', '106.72.0.0']);
	assert.equal(r.mape(['apply']).code, 0);
	assert.match(r.read('network')!, /option ealen '24'/);
	assert.equal(r.json(['status']).state, 'CONFIGURED', 'the configuration matches the provider\'s parameters');

	// A prefix the tables do not know: the provider's answer is all there is.
	const NEW = '2402:abcd:1234:5600::';
	r = router([wan6({ address: '2402:abcd:1234:5600::1001', prefix: NEW, mask: 56 })]);
	assert.equal(r.json(['status']).error.code, 'UNKNOWN');
	withCache(r, cacheFor(`${NEW}/56`, mapEAnswer({ br: '2001:db8:ffff::64', rules: [{ ipv6: '2402:abcd::/32', ipv4: '198.18.0.0/16', ea_length: 24, psid_offset: 4 }] }, { service_name: 'New VNE' })));
	const fresh = r.json(['status']);
	assert.deepEqual([fresh.error, fresh.calc?.source, fresh.calc?.service, fresh.calc?.br, fresh.state], [null, 'hb46pp', 'hb46pp', '2001:db8:ffff::64', 'NOT_CONFIGURED']);
	assert.equal(r.mape(['apply']).code, 0);
	assert.match(r.read('network')!, /option peeraddr '2001:db8:ffff::64'/);

	// The tables stay in charge: hb46pp 0, a manual rule, an answer for another prefix.
	for (const [mape, cachePrefix] of [[DEF.mape.replace("option hb46pp '1'", "option hb46pp '0'"), LINE], [DEF.mape, '240b:10:1111:2200::/56']]) {
		r = router([PD56], { mape });
		withCache(r, cacheFor(cachePrefix, mapEAnswer()));
		assert.equal(r.json(['status']).calc.source, 'table', `${cachePrefix}: ${mape.includes("hb46pp '0'") ? 'hb46pp 0' : 'another prefix'}`);
	}
});
