/*
 * Auto configure on DS-Lite lines (issue #12): the compiled `mape` CLI and the rpcd plugin
 * against the stock OpenWrt configs (test/router-env.ts), for a transix line.
 *
 * Expected files are written out by hand from shared/docs/ipv4-over-ipv6-provisioning.md
 * §2.2–§2.4: a `proto dslite` interface named wandslite (peeraddr the AFTR's name, tunlink
 * wan6, mtu 1460, encaplimit ignore), `iface_dslite 0` on wan6 (dhcpv6.script of 23.05.4 and
 * 24.10.4 then adds no DS-Lite tunnel of its own for an AFTR-Name option), the interface in
 * the wan zone, relay mode on /64 lines and server mode on PD lines as for MAP-E, no SNAT.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEF, FIREWALL_WITH_WANMAP, PD56, RA64, WANMAP_V6PLUS, backups, luciCommit, refused, router, uciContent, wan6, withPlugin } from './router-env.ts';

/** transix (2409:10::/30): a /64 by RA only, and a /56 prefix delegation. */
const TRANSIX64 = wan6({ address: '2409:10:1234:5600:1234:5678:9abc:def0' });
const TRANSIX56 = wan6({ address: '2409:10:1234:5600::1001', prefix: '2409:10:1234:5600::', mask: 56 });

/** Our DS-Lite interface as the Node uci runtime writes a new section. */
const DSLITE_TRANSIX = [
	"config interface 'wandslite'",
	"\toption proto 'dslite'",
	"\toption peeraddr 'gw.transix.jp'",
	"\toption tunlink 'wan6'",
	"\toption mtu '1460'",
	"\toption encaplimit 'ignore'",
	'',
].join('\n');
const NETWORK_DSLITE = DEF.network + "\toption iface_dslite '0'\n\n" + DSLITE_TRANSIX;
const FIREWALL_WITH_DSLITE = FIREWALL_WITH_WANMAP.replace("'wanmap'", "'wandslite'");
/** The dhcp config of a /64 line after Auto configure (router.test.ts, the same for MAP-E). */
const DHCP_RELAY = DEF.dhcp
	.replace("\toption dhcpv6 'server'\n\toption ra 'server'\n", "\toption dhcpv6 'relay'\n\toption ra 'relay'\n")
	.replace("\tlist ra_flags 'other-config'\n", "\tlist ra_flags 'other-config'\n\toption ndp 'relay'\n")
	+ "config dhcp 'wan6'\n\toption interface 'wan6'\n\toption master '1'\n\toption ra 'relay'\n\toption dhcpv6 'relay'\n\toption ndp 'relay'\n\n";

const summary = (plan: any): string[] => plan.ops.map((o: any) => o.op == 'add' || o.op == 'remove'
	? `${o.op} ${o.config}.${o.ref}` : `${o.op} ${o.config}.${o.ref}.${o.option}=${JSON.stringify(o.new)}`);

test('/64 RA-only transix line: a dslite interface to the AFTR, iface_dslite 0 on wan6, relay mode, no SNAT; idempotent; restore byte for byte', () => {
	const r = router([TRANSIX64]);
	const st = r.json(['status']);
	assert.equal(st.state, 'NOT_CONFIGURED');
	assert.equal(st.method, 'dslite');
	assert.equal(st.line, 'ra64');
	assert.equal(st.input, '2409:10:1234:5600::/64');
	assert.deepEqual(st.calc, { input: '2409:10:1234:5600::/64', method: 'dslite', source: 'table', service: 'transix', aftr: 'gw.transix.jp', mtu: 1460, warnings: [] });
	assert.deepEqual([st.map, st.dslite, st.error], [null, null, null]);
	assert.equal(st.settings.dslite_interface, 'wandslite');

	const plan = r.json(['plan']);
	assert.deepEqual([plan.method, plan.interface, plan.uplink, plan.line, plan.service], ['dslite', 'wandslite', 'wan6', 'ra64', 'transix']);
	assert.deepEqual(plan.configs, ['network', 'dhcp', 'firewall']);
	assert.deepEqual(summary(plan), [
		'add network.wandslite', 'set network.wandslite.proto="dslite"', 'set network.wandslite.peeraddr="gw.transix.jp"', 'set network.wandslite.tunlink="wan6"',
		'set network.wandslite.mtu="1460"', 'set network.wandslite.encaplimit="ignore"', 'set network.wan6.iface_dslite="0"',
		'add dhcp.wan6', 'set dhcp.wan6.interface="wan6"', 'set dhcp.wan6.master="1"', 'set dhcp.wan6.ra="relay"', 'set dhcp.wan6.dhcpv6="relay"', 'set dhcp.wan6.ndp="relay"',
		'set dhcp.lan.ra="relay"', 'set dhcp.lan.dhcpv6="relay"', 'set dhcp.lan.ndp="relay"',
		'set firewall.@zone[1].network=["wan","wan6","wandslite"]',
	]);
	assert.equal(r.mape(['plan']).stdout.split('\n')[0], 'DS-Lite for 2409:10:1234:5600::/64 (transix, /64 RA line) on interface wandslite via wan6');

	const a = r.mape(['apply']);
	assert.equal(a.code, 0, a.stderr);
	assert.equal(r.read('network'), NETWORK_DSLITE, 'no extendprefix: that is for mapcalc');
	assert.equal(r.read('dhcp'), DHCP_RELAY);
	assert.equal(r.read('firewall'), FIREWALL_WITH_DSLITE);
	assert.equal(r.read('mape'), DEF.mape, 'untouched');
	assert.deepEqual(r.commands(), [['/etc/init.d/network', 'reload'], ['/etc/init.d/dnsmasq', 'reload'], ['/etc/init.d/odhcpd', 'reload'], ['/etc/init.d/firewall', 'reload']]);

	// Idempotence.
	const after = r.files();
	assert.deepEqual(r.json(['plan']).ops, []);
	assert.equal(r.json(['apply']).changed, false);
	assert.deepEqual(r.files(), after);
	assert.equal(backups(r).length, 1);
	const configured = r.json(['status']);
	assert.equal(configured.state, 'CONFIGURED');
	assert.deepEqual(configured.dslite, { name: 'wandslite', ours: true, up: false, device: null, since: null, errors: [], matching: true, differences: [], aftr: 'gw.transix.jp' });
	assert.equal(configured.map, null);

	// No port sets on a DS-Lite line; the SNAT hotplug never acts for the DS-Lite interface.
	assert.equal(r.json(['portusage']).error.code, 'DSLITE_LINE');
	const n = r.commands().length;
	for (const iface of ['wandslite', 'wanmap']) for (const action of ['ifup', 'ifdown']) assert.equal(r.mape(['hotplug', action, iface]).code, 0);
	assert.deepEqual(r.commands().slice(n), [['nft', '-f', join(r.dir, 'run/mape-snat-wanmap.nft')]], 'only a MAP interface\'s ifdown removes its table (none here)');

	const back = r.json(['restore']);
	assert.equal(back.restored, backups(r)[0]);
	assert.deepEqual(r.files(), DEF);
});

test('/56 PD transix line: server mode as for MAP-E (stock dhcp already is), ip6assign left alone; restore byte for byte', () => {
	const r = router([TRANSIX56]);
	const st = r.json(['status']);
	assert.deepEqual([st.line, st.input, st.method, st.calc.service], ['pd', '2409:10:1234:5600::/56', 'dslite', 'transix']);
	assert.deepEqual(r.json(['plan']).configs, ['network', 'firewall']);
	assert.equal(r.mape(['apply']).code, 0);
	assert.equal(r.read('network'), NETWORK_DSLITE);
	assert.equal(r.read('dhcp'), DEF.dhcp);
	assert.equal(r.read('firewall'), FIREWALL_WITH_DSLITE);
	assert.deepEqual(r.commands(), [['/etc/init.d/network', 'reload'], ['/etc/init.d/firewall', 'reload']]);
	const after = r.files();
	assert.equal(r.json(['apply']).changed, false);
	assert.deepEqual(r.files(), after);
	assert.equal(r.mape(['restore']).code, 0);
	assert.deepEqual(r.files(), DEF);
});

test('netifd state: DSLITE_UP with the tunnel device, DSLITE_ERROR with dslite.sh\'s code; the text status', () => {
	const r = router([TRANSIX56]);
	r.mape(['apply']);
	r.setInterfaces([TRANSIX56, { interface: 'wandslite', up: true, proto: 'dslite', uptime: 42, device: 'ds-wandslite', l3_device: 'ds-wandslite', 'ipv4-address': [{ address: '192.0.0.2', mask: 32 }] }]);
	const st = r.json(['status']);
	assert.equal(st.state, 'DSLITE_UP');
	assert.deepEqual(st.dslite, { name: 'wandslite', ours: true, up: true, device: 'ds-wandslite', since: 42, errors: [], matching: true, differences: [], aftr: 'gw.transix.jp' });
	const text = r.mape(['status']).stdout;
	assert.match(text, /^State: DSLITE_UP$/m);
	assert.match(text, /^  AFTR          gw\.transix\.jp \(DS-Lite\)$/m);
	assert.match(text, /^  DS-Lite       wandslite, up for 42s \(ds-wandslite\)$/m);
	assert.doesNotMatch(text, /PSID|BR /);
	r.setInterfaces([TRANSIX56, { interface: 'wandslite', up: false, proto: 'dslite', errors: [{ subsystem: 'dslite', code: 'AFTR_DNS_FAIL' }] }]);
	const err = r.json(['status']);
	assert.equal(err.state, 'DSLITE_ERROR');
	assert.deepEqual(err.dslite.errors, ['AFTR_DNS_FAIL']);
	assert.match(r.mape(['status']).stdout, /^  netifd errors AFTR_DNS_FAIL$/m);
});

test('the line moves from MAP-E to DS-Lite and back: our interface of the other method and its zone entry go, hotplug follows, restore brings back each step byte for byte', () => {
	const r = router([PD56]);
	r.mape(['apply']);
	const mape = r.files();
	writeFileSync(join(r.dir, 'run/map-wanmap.rules'), 'RULE_COUNT=0\n');

	// The prefix now comes from transix's block.
	r.setInterfaces([TRANSIX56, { interface: 'wanmap', up: false, proto: 'map', errors: [{ subsystem: 'map', code: 'NO_MATCHING_PD' }] }]);
	const st = r.json(['status']);
	assert.equal(st.state, 'STALE', 'configured for the other method');
	assert.equal(st.method, 'dslite');
	assert.deepEqual([st.map.name, st.map.ours, st.map.matching, st.dslite], ['wanmap', true, null, null]);
	const plan = r.json(['plan']);
	assert.deepEqual(summary(plan), [
		'remove network.wanmap', 'add network.wandslite', 'set network.wandslite.proto="dslite"', 'set network.wandslite.peeraddr="gw.transix.jp"',
		'set network.wandslite.tunlink="wan6"', 'set network.wandslite.mtu="1460"', 'set network.wandslite.encaplimit="ignore"', 'set network.wan6.iface_dslite="0"',
		'set firewall.@zone[1].network=["wan","wan6","wandslite"]',
	]);
	assert.deepEqual(plan.warnings, []);
	assert.match(r.mape(['plan']).stdout, /^- network\.wanmap=interface$/m);

	const before = r.commands().length;
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	const cmds = r.commands().slice(before);
	assert.deepEqual(cmds.map((c) => c[0]), ['/etc/init.d/network', '/etc/init.d/firewall', 'logger']);
	assert.match(cmds[2][3], /^prefix 2409:10:1234:5600::\/56 \(transix\): wandslite reconfigured for the new DS-Lite service \(9 changes, backup [0-9-]+\)$/);
	const dslite = r.files();
	assert.equal(dslite.network, DEF.network.replace("\toption ip6assign '60'\n", "\toption ip6assign '64'\n").replace("\toption proto 'dhcpv6'\n", "\toption proto 'dhcpv6'\n\toption iface_dslite '0'\n") + '\n' + DSLITE_TRANSIX);
	assert.equal(dslite.firewall, FIREWALL_WITH_DSLITE);
	assert.deepEqual([dslite.dhcp, dslite.mape], [mape.dhcp, mape.mape]);
	// netifd takes the removed MAP interface down: its SNAT table goes with it.
	const n = r.commands().length;
	assert.equal(r.mape(['hotplug', 'ifdown', 'wanmap']).code, 0);
	assert.deepEqual(r.commands().slice(n), [['nft', '-f', join(r.dir, 'run/mape-snat-wanmap.nft')]]);
	assert.match(readFileSync(join(r.dir, 'run/mape-snat-wanmap.nft'), 'utf8'), /delete table inet mape_wanmap/);
	r.setInterfaces([TRANSIX56]);
	assert.equal(r.json(['status']).state, 'CONFIGURED');
	assert.equal(r.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.equal(r.commands().length, n + 1, 'nothing more to follow');

	// And back to v6plus: the DS-Lite interface goes, wanmap comes back; iface_dslite 0 stays
	// (an AFTR-Name option has no business on a MAP-E line either).
	r.setInterfaces([PD56]);
	assert.equal(r.json(['status']).state, 'STALE');
	assert.deepEqual(summary(r.json(['plan'])).slice(0, 3), ['remove network.wandslite', 'add network.wanmap', 'set network.wanmap.proto="map"']);
	assert.equal(r.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	assert.match(r.commands().at(-1)![3], /^prefix 240b:10:abcd:ef00::\/56 \(v6plus\): wanmap reconfigured for the new MAP-E rule/);
	assert.equal(r.read('network'), mape.network!.replace("\toption proto 'dhcpv6'\n", "\toption proto 'dhcpv6'\n\toption iface_dslite '0'\n"));
	assert.equal(r.read('firewall'), FIREWALL_WITH_WANMAP);
	assert.equal(r.json(['status']).state, 'CONFIGURED');
	assert.deepEqual(r.json(['plan']).ops, [], 'idempotent');

	// Each backup brings back its step, byte for byte.
	const ids = backups(r);
	assert.equal(ids.length, 3);
	r.mape(['restore', ids[2]]);
	assert.deepEqual(r.files(), dslite);
	r.mape(['restore', ids[1]]);
	assert.deepEqual(r.files(), mape);
	r.mape(['restore', ids[0]]);
	assert.deepEqual(r.files(), DEF);
});

test('a /64 line moving from DS-Lite to MAP-E gets extendprefix; dhcp stays in relay mode', () => {
	const r = router([TRANSIX64]);
	r.mape(['apply']);
	r.setInterfaces([RA64]);
	const plan = r.json(['plan']);
	assert.deepEqual(plan.configs, ['network', 'firewall']);
	assert.ok(summary(plan).includes('set network.wan6.extendprefix="1"'));
	assert.equal(r.mape(['apply']).code, 0);
	assert.equal(r.read('network'), DEF.network + "\toption iface_dslite '0'\n\toption extendprefix '1'\n\n" + WANMAP_V6PLUS);
	assert.equal(r.read('dhcp'), DHCP_RELAY);
	assert.equal(r.read('firewall'), FIREWALL_WITH_WANMAP);
});

test('interfaces of the other method that we did not make are reported and left alone; a hand-made dslite interface (named dslite, as people name theirs: not ours) is reused by name only by Auto configure', () => {
	const handMap = "\nconfig interface 'v6plus'\n\toption proto 'map'\n\toption peeraddr '2404:9200:225:100::64'\n\toption tunlink 'wan6'\n";
	const network = DEF.network + handMap;
	const firewall = DEF.firewall.replace("\tlist   network\t\t'wan6'\n", "\tlist   network\t\t'wan6'\n\tlist   network\t\t'v6plus'\n");
	const r = router([TRANSIX56], { network, firewall });
	const st = r.json(['status']);
	assert.equal(st.state, 'NOT_CONFIGURED');
	assert.deepEqual([st.map.name, st.map.ours, st.map.matching], ['v6plus', false, null]);
	assert.equal(r.mape(['hotplug', 'ifup', 'wan6']).code, 0);
	assert.deepEqual(r.commands(), [], 'a router we never configured is left alone');
	const plan = r.json(['plan']);
	assert.deepEqual(plan.warnings.map((w: any) => w.code), ['FOREIGN_TUNNEL_KEPT']);
	assert.match(plan.warnings[0].message, /^network\.v6plus \(proto map\) was not set up by this package and is left as it is/);
	assert.ok(!plan.ops.some((o: any) => o.section == 'v6plus'));
	assert.deepEqual(plan.ops.find((o: any) => o.option == 'network').new, ['wan', 'wan6', 'v6plus', 'wandslite']);
	assert.equal(r.mape(['apply']).code, 0);
	assert.equal(r.read('network'), network.replace("\toption proto 'dhcpv6'\n", "\toption proto 'dhcpv6'\n\toption iface_dslite '0'\n") + '\n' + DSLITE_TRANSIX);

	// On a MAP-E line, a hand-made DS-Lite interface stays too.
	const handDs = "\nconfig interface 'dslite'\n\toption proto 'dslite'\n\toption peeraddr '2404:8e00::feed:100'\n\toption tunlink 'wan6'\n";
	const m = router([PD56], { network: DEF.network + handDs });
	assert.equal(m.json(['status']).state, 'NOT_CONFIGURED', 'not ours: the default name is wandslite');
	const mp = m.json(['plan']);
	assert.deepEqual(mp.warnings.map((w: any) => w.code), ['FOREIGN_TUNNEL_KEPT']);
	assert.match(mp.warnings[0].message, /^network\.dslite \(proto dslite\) .* on a MAP-E line/);
	assert.ok(!mp.ops.some((o: any) => o.section == 'dslite'));

	// On a DS-Lite line it is the DS-Lite interface: FOREIGN (its AFTR address and MTU
	// differ), left alone by hotplug (it may well work), reused by apply under its name,
	// which makes it ours.
	const d = router([TRANSIX56], { network: DEF.network + handDs });
	const ds = d.json(['status']);
	assert.equal(ds.state, 'FOREIGN');
	assert.deepEqual([ds.dslite.name, ds.dslite.ours, ds.dslite.differences, ds.dslite.aftr], ['dslite', false, ['peeraddr', 'mtu'], '2404:8e00::feed:100']);
	assert.equal(d.mape(['hotplug', 'ifupdate', 'wan6']).code, 0);
	assert.deepEqual(d.commands(), []);
	assert.deepEqual(summary(d.json(['plan'])).filter((l) => !l.includes('zone')), [
		'set network.dslite.peeraddr="gw.transix.jp"', 'set network.dslite.mtu="1460"', 'set network.wan6.iface_dslite="0"', 'set mape.config.dslite_interface="dslite"',
	]);
	// A pinned AFTR address (mape.aftr) is what the plan wants instead of the name.
	const pinned = router([TRANSIX56], { network: DEF.network + handDs, mape: DEF.mape + "\toption aftr '2404:8e00::feed:100'\n\toption mtu '1454'\n" });
	assert.deepEqual(summary(pinned.json(['plan'])).filter((l) => l.includes('network.dslite.')), ['set network.dslite.mtu="1454"']);
	assert.equal(pinned.mape(['apply']).code, 0);
	assert.equal(pinned.json(['status']).state, 'CONFIGURED');
	assert.match(pinned.read('mape')!, /option dslite_interface 'dslite'/);
});

test('DS-Lite refusals: several dslite interfaces, our name taken, no dslite protocol in netifd, bad settings; nothing changes', () => {
	const two = DEF.network + "\nconfig interface 'dsa'\n\toption proto 'dslite'\n\nconfig interface 'dsb'\n\toption proto 'dslite'\n";
	const many = router([TRANSIX56], { network: two });
	assert.equal(many.json(['status']).error.code, 'MULTIPLE_DSLITE_INTERFACES');
	refused(many, ['apply'], 'MULTIPLE_DSLITE_INTERFACES');
	// Two proto map interfaces are no obstacle on a DS-Lite line (neither is ours: both stay).
	const maps = router([TRANSIX56], { network: DEF.network + "\nconfig interface 'mapa'\n\toption proto 'map'\n\nconfig interface 'mapb'\n\toption proto 'map'\n" });
	assert.deepEqual(maps.json(['plan']).warnings.map((w: any) => w.code), ['FOREIGN_TUNNEL_KEPT', 'FOREIGN_TUNNEL_KEPT']);
	refused(router([TRANSIX56], { network: DEF.network + "\nconfig interface 'wandslite'\n\toption proto 'static'\n" }), ['apply'], 'NAME_CONFLICT');
	// A hand-made DS-Lite interface under the MAP interface's name cannot be adopted (the two names must differ).
	refused(router([TRANSIX56], { network: DEF.network + "\nconfig interface 'wanmap'\n\toption proto 'dslite'\n" }), ['apply'], 'NAME_CONFLICT');

	// netifd without dslite.sh (package ds-lite missing): refused; with it, planned.
	const noProto = router([TRANSIX56]);
	noProto.setProtocols(['static', 'dhcp', 'dhcpv6', 'map']);
	refused(noProto, ['apply'], 'DSLITE_UNAVAILABLE');
	noProto.setProtocols(['static', 'dhcp', 'dhcpv6', 'map', 'dslite']);
	assert.equal(noProto.json(['plan']).interface, 'wandslite');

	for (const [option, code] of [["dslite_interface 'wan6_4'", 'BAD_INTERFACE_NAME'], ["dslite_interface 'abcdefghijklm'", 'BAD_INTERFACE_NAME'],
		["dslite_interface 'wanmap'", 'BAD_INTERFACE_NAME'], ["aftr 'gw.transix.jp; reboot'", 'BAD_AFTR']]) {
		refused(router([TRANSIX56], { mape: DEF.mape + `\toption ${option}\n` }), ['plan'], code);
	}
	// 12 characters (device ds-abcdefghijkl: 15) is fine.
	const long = router([TRANSIX56], { mape: DEF.mape + "\toption dslite_interface 'abcdefghijkl'\n" });
	assert.equal(long.json(['plan']).interface, 'abcdefghijkl');
});

test('LuCI path on a line that moved to DS-Lite: the plan with its section removal staged and committed as LuCI does, then restore_plan and restore_finish give the MAP-E files byte for byte', async () => {
	const r = router([RA64]);
	r.mape(['apply']);
	const mape = r.files();
	r.setInterfaces([TRANSIX64]);
	const { cursor } = await import('../luci-app-mape/runtime/uci.ts');
	await withPlugin(r, async (call) => {
		const st = call('status', {});
		assert.deepEqual([st.state, st.method, st.version], ['STALE', 'dslite', '0.1.0']);
		const plan = call('plan', {});
		assert.equal(plan.ops[0].op, 'remove');
		const made = call('backup', {});
		luciCommit(cursor(r.confdir, join(r.dir, 'save')), plan.ops);
		assert.equal(call('status', {}).state, 'CONFIGURED');
		assert.deepEqual(call('plan', {}).ops, []);
		const rp = call('restore_plan', { backup: made.backup });
		assert.deepEqual(rp.ops.filter((o: any) => o.op == 'remove' || o.op == 'add').map((o: any) => `${o.op} ${o.config}.${o.ref}`), ['remove network.wandslite', 'add network.wanmap']);
		luciCommit(cursor(r.confdir, join(r.dir, 'save')), rp.ops);
		for (const c of ['network', 'dhcp', 'firewall', 'mape'] as const) assert.equal(await uciContent(r.read(c)!), await uciContent(mape[c]!), c);
		assert.deepEqual(call('restore_finish', { backup: made.backup }).restored, made.backup);
		assert.deepEqual(r.files(), mape);
		assert.equal(call('status', {}).state, 'STALE', 'the MAP-E configuration is back on what is still a DS-Lite line');
	});
	assert.deepEqual(r.commands().slice(4), [], 'LuCI reloads; the backend reloads nothing');
});
