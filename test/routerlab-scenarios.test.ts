/*
 * The router lab's scenarios 3, 5 and 6 of issue #11, driven through the CLI and
 * `ubus call luci.mape …` on the real OpenWrt userland of each release (test/routerlab/;
 * the helpers are in test/routerlab/scenarios.ts, for the LuCI versions of these too):
 *
 * 3. Prefix change on the /64 RA-only v6plus line: the ISP renumbers to a /64 of another
 *    rule (another IPv4, PSID and CE) and advertises the old one with lifetime 0.
 *    - auto_follow on (stage 2): the wan6 ifupdate hotplug re-applies (a backup with reason
 *      auto-follow), map.sh computes the new IPv4 into /tmp/map-wanmap.rules, our SNAT table
 *      and `ubus call luci.mape status` show it, no rule of the old IPv4 is left anywhere in
 *      nftables, and LAN traffic goes through a BR that now enforces the new port set.
 *    - auto_follow off (stage 1): no config file changes, no backup, and status says the
 *      MAP interface is STALE (map.matching false, the differing options listed).
 * 5. Removal and upgrade: an upgrade to a newer version keeps an edited /etc/config/mape
 *    (the new default beside it as mape-opkg) and the running SNAT table; `opkg remove`
 *    deletes our tables, the luci.mape object and the menu; installing again works and
 *    keeps the edited config.
 * 6. Foreign and broken states: wan6 down (WAN6_DOWN) and a prefix outside every rule
 *    (UNKNOWN) from status, plan and apply over ubus and the CLI, with network, dhcp,
 *    firewall and mape byte for byte unchanged and no backup; a hand-made proto map
 *    interface (`mymap`) is reused by plan and apply, never a second MAP interface.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './backend-build.ts';
import { realTest } from './openwrt-env.ts';
import { LAB_RELEASES, SUITE_TIMEOUT, labLog, routerImage } from './routerlab/router.ts';
import { waitFor } from './netns.ts';
import { RouterLab, SERVER, labMissing } from './routerlab/lab.ts';
import { borderCounters } from './lab/lab.ts';
import { V6PLUS, allowedPorts, groupOf, type Shape } from './lab/portset.ts';
import {
	lanTraffic,
	IPK, LINE, OTHER_RULE, UNKNOWN_PREFIX, applySettled, backups, bootRaLine, engine, handMadeInterface, ipkWithVersion,
	mapInterfaces, mapRules, mapeJson, nftTables, provisionedCache, reconnectWan6, renumber, wan6Entries, wanmapGaveUp,
} from './routerlab/scenarios.ts';
import { MAPE_BODY } from './hb46pp-cases.ts';

const log = labLog;
/** The port set after renumbering to OTHER_RULE: v6plus's PSID is the prefix's bits 48–55 (0x56). */
const RENUMBERED: Shape = { psid: 0x56, psidlen: 8, offset: 4 };
const SHIPPED_MAPE = readFileSync(join(REPO, 'root/etc/config/mape'), 'utf8');

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * After a prefix change with auto_follow on: map.sh computed `calc` (rules file), the SNAT
 * table and netifd have its IPv4, nothing of the `previous` IPv4s is left in nftables,
 * status shows it, and with the BR now enforcing `shape`, the LAN host's traffic uses every
 * port group of the new set and nothing outside it.
 */
async function followed(lab: RouterLab, calc: any, shape: Shape, previous: string[]): Promise<void> {
	const r = lab.router;
	const rl = waitFor(`/tmp/map-wanmap.rules with ${calc.ipv4}`, 20000, () => {
		const x = mapRules(r);
		return x?.RULE_1_IPV4ADDR == calc.ipv4 ? x : null;
	});
	assert.deepEqual([rl.RULE_1_IPV6PD, rl.RULE_1_IPV6ADDR, rl.RULE_1_BR, rl.RULE_1_PORTSETS],
		[calc.input.replace(/\/64$/, ''), calc.ce, calc.br, calc.portsets.map(([a, b]: number[]) => `${a}-${b}`).join(' ')]);
	const first = `snat ip to ${calc.ipv4}:${calc.portsets[0][0]}-${calc.portsets[0][1]}`;
	waitFor(`inet mape_wanmap for ${calc.ipv4}`, 20000, () => r.sh('nft list table inet mape_wanmap').stdout.includes(first));
	const wanmap = waitFor(`wanmap up with ${calc.ipv4}`, 10000, () => {
		const i = r.interfaces().wanmap;
		return i?.up && i['ipv4-address']?.[0]?.address == calc.ipv4 ? i : null;
	});
	assert.deepEqual(wanmap['ipv4-address'], [{ address: calc.ipv4, mask: 32 }]);
	// fw4 reloads on the MAP interface's ifup; wait for its rules of the new address.
	const ruleset = waitFor(`fw4's rules for ${calc.ipv4}`, 10000, () => {
		const text = r.sh('nft list table inet fw4').stdout;
		return text.includes(`snat ip to ${calc.ipv4}`) ? r.sh('nft list ruleset').stdout : null;
	});
	for (const old of previous) assert.doesNotMatch(ruleset, new RegExp(`\\b${escape(old)}\\b`), `no nftables rule of ${old} is left (fw4 or ours)`);
	const status = r.call('luci.mape', 'status');
	assert.deepEqual([status.state, status.input, status.calc?.ipv4, status.calc?.psid, status.map?.ipv4, status.map?.matching],
		['MAP_UP', calc.input, calc.ipv4, calc.psid, calc.ipv4, true]);

	lab.rewireBorder(calc.ipv4, shape);
	const seen = await lanTraffic(lab, calc.ports);
	const allowed = allowedPorts(shape);
	assert.equal(seen.tcp.length, calc.ports, 'distinct TCP source ports at the server');
	for (const p of [...seen.tcp, ...seen.other]) assert.ok(allowed.has(p), `source ${p} outside the new port set`);
	assert.equal(new Set(seen.tcp.map((p) => groupOf(p, shape))).size, calc.portsets.length, 'every port group of the new set is used');
	const c = borderCounters(lab.br);
	assert.deepEqual([c.bad_addr, c.bad_port], [0, 0], 'the BR dropped nothing');
	assert.ok(c.good > calc.ports, 'the traffic went through the BR');
}

for (const release of LAB_RELEASES) {
	const image = routerImage(release);
	const missing = labMissing() || (typeof image != 'string' ? image.missing : false)
		|| (existsSync(IPK) ? false : `${IPK} is missing (make builds it)`);
	if (missing) {
		realTest(`router lab scenarios ${release}`, missing, () => {});
		continue;
	}

	describe(`router lab ${release}: scenario 3, prefix change`, { timeout: SUITE_TIMEOUT }, () => {
		const before = engine(LINE);
		const afterCalc = engine(OTHER_RULE);
		// The prefix the line gets back after losing it: another of the rule than the same-rule
		// test's last, whose connections still hold conntrack entries for that IPv4's ports.
		const BACK_AGAIN = '240b:12:4567:8900::/64';
		let lab: RouterLab | null = null;
		after(() => lab?.destroy());

		test('auto_follow on: the wan6 ifupdate hotplug re-applies; rules file, SNAT table and status have the new IPv4, nothing of the old one is left; traffic through the BR with the new port set', async () => {
			assert.equal(afterCalc.psid, RENUMBERED.psid, 'the PSID the BR will enforce');
			assert.notEqual(afterCalc.ip6prefix, before.ip6prefix, 'the new prefix is in another rule');
			lab = bootRaLine(release, log, { standIn: true });
			const r = lab.router;
			lab.lanHost();
			applySettled(r);
			lab.border(before.ipv4, V6PLUS);
			waitFor(`inet mape_wanmap for ${before.ipv4}`, 20000, () => r.sh('nft list table inet mape_wanmap').stdout.includes(`snat ip to ${before.ipv4}:`));
			const ping = lab.exec(lab.lan, ['ping', '-n', '-c', '1', '-W', '2', SERVER]);
			assert.equal(ping.code, 0, 'IPv4 works before the renumbering');
			const kept = backups(r);

			const events = renumber(lab, LINE, OTHER_RULE);
			log(`check: renumbered to ${OTHER_RULE}; hotplug events since: ${events.join(', ')}`);
			// odhcp6c does not drop the old prefix: it keeps it deprecated (RFC 4862's two hours).
			const old = wan6Entries(r).filter((e) => e.address.startsWith('240b:10:abcd:ef00:'));
			assert.ok(old.length > 0 && old.every((e) => e.preferred === 0), `the old prefix stays on wan6, deprecated: ${JSON.stringify(old)}`);

			// The hotplug path re-applied: one new backup, written by auto-follow.
			const added = backups(r).filter((b) => !kept.includes(b));
			assert.equal(added.length, 1, `one backup by the re-apply: ${added}`);
			assert.match(r.file(`etc/mape/backup/${added[0]}/manifest`) ?? '', /"reason": "auto-follow"/);
			for (const [option, value] of [['ipaddr', afterCalc.ip4prefix], ['ip6prefix', afterCalc.ip6prefix]]) {
				assert.equal(r.exec(['/sbin/uci', 'get', `network.wanmap.${option}`]).stdout.trim(), value, `network.wanmap.${option}`);
			}

			await followed(lab, afterCalc, RENUMBERED, [before.ipv4]);
			log(`check: auto-follow re-applied (backup ${added[0]}); rules file, inet mape_wanmap, status and the BR's traffic: ${afterCalc.ipv4} PSID ${afterCalc.psid}; nothing of ${before.ipv4} in nftables`);
		});

		test('auto_follow on, new prefixes within the same rule: the MAP interface is set up again, or wan6 reconnected when map.sh would take the deprecated prefix; traffic with each new port set', async () => {
			assert.ok(lab, 'continues on the router of the test before');
			const r = lab.router;
			// netifd lists prefixes by address and mapcalc takes the first of a rule, deprecated
			// or not: 240b:12:102:7800 sorts before the deprecated 240b:12:1234:5600, so setting
			// wanmap up again is enough; 240b:12:fedc:ba00 sorts after the deprecated ones, so
			// the product reconnects wan6 (whose new odhcp6c drops them).
			const steps = [
				{ from: OTHER_RULE, to: '240b:12:102:7800::/64', shape: { psid: 0x78, psidlen: 8, offset: 4 }, restarted: 'wanmap', untouched: 'wan6' },
				{ from: '240b:12:102:7800::/64', to: '240b:12:fedc:ba00::/64', shape: { psid: 0xba, psidlen: 8, offset: 4 }, restarted: 'wan6', untouched: null },
			];
			const previous = [before.ipv4, afterCalc.ipv4];
			for (const step of steps) {
				const calc = engine(step.to);
				assert.deepEqual([calc.ip6prefix, calc.psid], [afterCalc.ip6prefix, step.shape.psid], 'same rule; the PSID the BR will enforce');
				const kept = backups(r);
				const configs = r.configFiles();
				const seen = r.hotplugEvents().length;
				renumber(lab, step.from, step.to);
				const events = r.waitHotplug(`ifup ${step.restarted}`, seen);
				if (step.untouched) assert.ok(!events.includes(`ifdown ${step.untouched}`), `only ${step.restarted} was set up again: ${events}`);
				await followed(lab, calc, step.shape, previous);
				assert.deepEqual(r.configFiles(), configs, 'no config change: the options still match');
				assert.deepEqual(backups(r), kept);
				assert.deepEqual(r.call('luci.mape', 'status').warnings, []);
				previous.push(calc.ipv4);
				log(`check: ${step.to} (same rule): ${step.restarted} set up again by the hotplug; ${calc.ipv4} PSID ${calc.psid} in the rules file, SNAT table, status and through the BR`);
			}
		});

		test('the line loses its prefix and map.sh gives up (INVALID_MAP_RULE, restarts blocked): when the prefix is back, the wan6 hotplug sets the MAP interface up again', async () => {
			assert.ok(lab, 'continues on the router of the test before');
			const r = lab.router;
			const line = BACK_AGAIN;
			const calc = engine(line);
			assert.equal(calc.psid, 0x89, 'the PSID the BR will enforce');
			const configs = r.configFiles();
			// The ISP advertises a prefix of no rule; wan6's new odhcp6c takes only that one, and
			// wanmap, set up again after wan6, gives mapcalc nothing to match: it exits 1.
			lab.renumberRaLine(UNKNOWN_PREFIX);
			reconnectWan6(r, UNKNOWN_PREFIX);
			const gaveUp = waitFor('wanmap down with INVALID_MAP_RULE', 20000, () => wanmapGaveUp(r, 'INVALID_MAP_RULE'));
			assert.equal(gaveUp.autostart, false, 'map.sh blocked restarts: netifd will not set it up by itself');
			const seen = r.hotplugEvents().length;
			renumber(lab, UNKNOWN_PREFIX, line);
			r.waitHotplug('ifup wanmap', seen);
			assert.match(r.syslog(), /wanmap gave up while the uplink had no prefix of its rule \(INVALID_MAP_RULE\): setting it up again for /);
			await followed(lab, calc, { psid: 0x89, psidlen: 8, offset: 4 }, [before.ipv4, afterCalc.ipv4]);
			assert.deepEqual(r.configFiles(), configs, 'no config change');
			log(`check: INVALID_MAP_RULE while the line had ${UNKNOWN_PREFIX}; back on ${line}, the hotplug set wanmap up again with ${calc.ipv4}`);
		});

		test('auto_follow off: nothing in /etc/config changes, no backup; status says STALE with the differing options', () => {
			// On the router of the tests before, configured for 240b:12:4567:8900::/64 (rule
			// 240b:12::/31); the ISP moves the line back to LINE, in rule 240b:10::/31.
			assert.ok(lab, 'continues on the router of the test before');
			const r = lab.router;
			const from = BACK_AGAIN;
			assert.equal(r.call('luci.mape', 'status').input, from);
			assert.equal(r.exec(['/sbin/uci', 'set', 'mape.config.auto_follow=0']).code, 0);
			assert.equal(r.exec(['/sbin/uci', 'commit', 'mape']).code, 0);
			assert.equal(r.call('luci.mape', 'status').settings.auto_follow, false);
			const configs = r.configFiles();
			const kept = backups(r);

			renumber(lab, from, LINE);
			const status = r.call('luci.mape', 'status');
			assert.deepEqual([status.state, status.input, status.calc?.ipv4, status.map?.name, status.map?.matching],
				['STALE', LINE, before.ipv4, 'wanmap', false]);
			assert.deepEqual(status.map.differences, ['ipaddr', 'ip6prefix'], 'the rule options that no longer match');
			assert.deepEqual(r.configFiles(), configs, 'network, dhcp, firewall and mape are byte for byte unchanged');
			assert.deepEqual(backups(r), kept, 'no backup: nothing was applied');
			const plan = r.call('luci.mape', 'plan');
			assert.deepEqual(plan.ops.map((o: any) => `${o.config}.${o.section}.${o.option}=${o.new}`),
				[`network.wanmap.ipaddr=${before.ip4prefix}`, `network.wanmap.ip6prefix=${before.ip6prefix}`], 'what Auto configure would change');
			log(`check: auto_follow 0: configs unchanged, status STALE (differs in ${status.map.differences.join(', ')})`);
		});
	});

	describe(`router lab ${release}: scenario 5, upgrade and removal`, { timeout: SUITE_TIMEOUT }, () => {
		const calc = engine(LINE);
		let lab: RouterLab | null = null;
		after(() => lab?.destroy());

		test('upgrade keeps the edited /etc/config/mape and the SNAT table, so does a forced reinstall; opkg remove deletes our tables, the luci.mape object and the menu; installing again works, keeps the edited config and puts the SNAT table back', async () => {
			const newer = await ipkWithVersion('0.1.0-r2');
			lab = bootRaLine(release, log, { standIn: true });
			const r = lab.router;
			applySettled(r);
			waitFor('inet mape_wanmap', 20000, () => nftTables(r).includes('inet mape_wanmap'));
			// The user edits the conffile.
			assert.equal(r.exec(['/sbin/uci', 'add_list', 'mape.config.reserved_ports=50000']).code, 0);
			assert.equal(r.exec(['/sbin/uci', 'commit', 'mape']).code, 0);
			const edited = r.file('etc/config/mape')!;
			assert.match(edited, /list reserved_ports '50000'/);

			// Upgrade: the old prerm runs with PKG_UPGRADE=1 (tables stay), the conffile is kept.
			const up = r.opkg('install', r.upload(newer));
			assert.equal(up.code, 0, up.stdout + up.stderr);
			assert.match(up.stdout, /Upgrading luci-app-mape on root from 0\.1\.0-r1 to 0\.1\.0-r2/);
			assert.match(r.opkg('list-installed', 'luci-app-mape').stdout, /^luci-app-mape - 0\.1\.0-r2$/m);
			assert.equal(r.file('etc/config/mape'), edited, 'the edited /etc/config/mape is kept');
			assert.equal(r.file('etc/config/mape-opkg'), SHIPPED_MAPE, 'the new default is put beside it');
			assert.ok(nftTables(r).includes('inet mape_wanmap'), 'an upgrade leaves the running SNAT table');
			assert.equal(waitFor('luci.mape after the upgrade', 10000, () => r.call('luci.mape', 'status'))?.state, 'MAP_UP');
			log('check: upgrade r1 → r2 kept the edited /etc/config/mape (new default as mape-opkg) and inet mape_wanmap');

			// The same version again: opkg leaves it alone. With --force-reinstall it removes the
			// package (pre-remove: our tables go; the modified conffile stays) and installs it;
			// the post-install puts the running MAP interface's SNAT table back.
			const newerPath = `/tmp/${newer.split('/').pop()}`;
			const same = r.opkg('install', newerPath);
			assert.match(same.stdout, /luci-app-mape \(0\.1\.0-r2\) installed in root is up to date/);
			const force = r.opkg('install', '--force-reinstall', newerPath);
			assert.equal(force.code, 0, force.stdout + force.stderr);
			assert.match(force.stdout, /Removing package luci-app-mape[\s\S]*Not deleting modified conffile \/etc\/config\/mape[\s\S]*Installing luci-app-mape \(0\.1\.0-r2\)/);
			assert.equal(r.file('etc/config/mape'), edited, 'a reinstall keeps the edited /etc/config/mape');
			assert.match(r.sh('nft list table inet mape_wanmap').stdout, new RegExp(`snat ip to ${escape(calc.ipv4)}:`), 'the SNAT table is back after the reinstall');
			log('check: opkg install --force-reinstall: edited /etc/config/mape kept, inet mape_wanmap put back by the post-install');

			// Removal.
			const rm = r.opkg('remove', 'luci-app-mape');
			assert.equal(rm.code, 0, rm.stdout + rm.stderr);
			assert.deepEqual(nftTables(r).filter((t) => /mape_/.test(t)), [], 'no mape_ table left');
			waitFor('luci.mape gone from ubus', 10000, () => r.ubus('list', 'luci.mape').code != 0);
			assert.doesNotMatch(r.ubus('list').stdout, /luci\.mape/);
			for (const f of ['usr/share/luci/menu.d/luci-app-mape.json', 'usr/share/rpcd/acl.d/luci-app-mape.json', 'usr/sbin/mape',
				'usr/share/rpcd/ucode/luci.mape', 'etc/hotplug.d/iface/95-mape', 'www/luci-static/resources/view/mape/setup.js']) {
				assert.equal(r.file(f), null, `${f} removed`);
			}
			assert.match(rm.stdout, /Not deleting modified conffile \/etc\/config\/mape/);
			assert.equal(r.file('etc/config/mape'), edited, 'the edited settings stay');
			assert.deepEqual(mapInterfaces(r), ['wanmap'], 'the MAP interface the app wrote stays (README: Removal)');
			assert.equal(r.interfaces().wanmap?.up, true, 'and MAP-E keeps running (with fw4\'s own SNAT rules)');
			log('check: opkg remove: no mape_ table, luci.mape and the menu gone, edited /etc/config/mape kept');

			// Installing again.
			const again = r.installPackage(IPK);
			assert.equal(again.code, 0, again.stdout + again.stderr);
			assert.equal(waitFor('luci.mape back', 10000, () => r.call('luci.mape', 'status'))?.calc?.ipv4, calc.ipv4);
			assert.ok(r.file('usr/share/luci/menu.d/luci-app-mape.json'), 'the menu is back');
			assert.equal(r.file('etc/config/mape'), edited, 'installing again keeps the edited settings');
			assert.match(r.sh('nft list table inet mape_wanmap').stdout, new RegExp(`snat ip to ${escape(calc.ipv4)}:`), 'the running MAP interface has its SNAT table again');
			log('check: opkg install again: luci.mape answers, the edited /etc/config/mape is kept');
		});
	});

	describe(`router lab ${release}: scenario 6, foreign and broken states`, { timeout: SUITE_TIMEOUT }, () => {
		let lab: RouterLab | null = null;
		after(() => lab?.destroy());
		const calc = engine(LINE);

		/** status, plan and apply over ubus and the CLI all answer `code`, and nothing changes. */
		function refused(code: string): void {
			const r = lab!.router;
			const configs = r.configFiles();
			const kept = backups(r);
			const status = r.call('luci.mape', 'status');
			assert.equal(status?.error?.code, code, `status: ${JSON.stringify(status)}`);
			assert.equal(status.calc, null);
			assert.equal(r.call('luci.mape', 'plan')?.error?.code, code, 'ubus plan');
			assert.equal(r.call('luci.mape', 'apply')?.error?.code, code, 'ubus apply');
			for (const command of ['plan', 'apply']) {
				const cli = mapeJson(r, command);
				assert.deepEqual([cli.code, cli.out?.error?.code], [1, code], `mape ${command}: ${cli.raw.stdout}${cli.raw.stderr}`);
			}
			assert.deepEqual(r.configFiles(), configs, 'network, dhcp, firewall and mape byte for byte unchanged');
			assert.deepEqual(backups(r), kept, 'no backup: nothing was applied');
		}

		test('wan6 down (ifdown wan6): WAN6_DOWN from status, plan and apply, nothing changes', () => {
			lab = bootRaLine(release, log);
			const r = lab.router;
			assert.equal(r.ifdown('wan6').code, 0);
			waitFor('wan6 down without addresses', 10000, () => !r.interfaces().wan6?.up && wan6Entries(r).length == 0);
			refused('WAN6_DOWN');
			log('check: wan6 down: WAN6_DOWN from ubus status/plan/apply and mape plan/apply; configs unchanged');
		});

		test(`a prefix outside every rule (${UNKNOWN_PREFIX}): UNKNOWN from status, plan and apply, nothing changes`, () => {
			const r = lab!.router;
			lab!.renumberRaLine(UNKNOWN_PREFIX);
			reconnectWan6(r, UNKNOWN_PREFIX);
			assert.equal(r.call('luci.mape', 'status').input, UNKNOWN_PREFIX);
			refused('UNKNOWN');
			log(`check: ${UNKNOWN_PREFIX}: UNKNOWN everywhere; configs unchanged`);
		});

		test('a hand-made proto map interface (mymap) is reused by plan and apply: one MAP interface, its own options kept, map.sh computes the line', () => {
			const r = lab!.router;
			lab!.renumberRaLine(LINE);
			reconnectWan6(r, LINE);
			assert.deepEqual(wan6Entries(r).filter((e) => !e.address.startsWith('240b:10:abcd:ef00:')), [], 'nothing of the unknown prefix is left');
			// Made by hand as forum guides do: another name, a few options of its own, an
			// explicit psid (which goes stale with the prefix) and the guide's MTU.
			handMadeInterface(r, 'mymap', {
				proto: 'map', maptype: 'map-e', peeraddr: calc.br, ipaddr: calc.ip4prefix, ip4prefixlen: String(calc.ip4prefixlen),
				ip6prefix: calc.ip6prefix, ip6prefixlen: String(calc.ip6prefixlen), ealen: String(calc.ealen), psidlen: String(calc.psidlen),
				offset: String(calc.offset), psid: String(calc.psid), legacymap: '1', tunlink: 'wan6', mtu: '1280', ttl: '64',
			});
			const status = r.call('luci.mape', 'status');
			assert.deepEqual([status.state, status.map?.name, status.map?.ours, status.map?.differences], ['FOREIGN', 'mymap', false, ['mtu', 'psid']]);

			const plan = mapeJson(r, 'plan');
			assert.equal(plan.code, 0, plan.raw.stdout + plan.raw.stderr);
			assert.equal(plan.out.interface, 'mymap');
			const network = plan.out.ops.filter((o: any) => o.config == 'network');
			assert.deepEqual(network.filter((o: any) => o.op == 'add'), [], 'no new network section');
			assert.deepEqual(network.filter((o: any) => o.section != 'wan6').map((o: any) => `${o.op} ${o.section}.${o.option}`), ['set mymap.mtu', 'delete mymap.psid']);
			assert.ok(plan.out.ops.some((o: any) => o.config == 'mape' && o.option == 'interface' && o.new == 'mymap'), 'mape.config.interface names mymap');

			const applied = mapeJson(r, 'apply');
			assert.equal(applied.code, 0, applied.raw.stdout + applied.raw.stderr);
			assert.deepEqual(mapInterfaces(r), ['mymap'], 'still one proto map interface');
			const get = (o: string) => r.exec(['/sbin/uci', '-q', 'get', `network.mymap.${o}`]);
			assert.deepEqual([get('mtu').stdout.trim(), get('ttl').stdout.trim(), get('psid').code], [String(calc.mtu), '64', 1]);
			assert.match(r.exec(['/sbin/uci', 'get', 'firewall.@zone[1].network']).stdout, /\bmymap\b/, 'mymap in the wan zone');
			const rl = waitFor('/tmp/map-mymap.rules from map.sh', 20000, () => mapRules(r, 'mymap')?.RULE_1_IPV4ADDR ? mapRules(r, 'mymap') : null);
			assert.deepEqual([rl!.RULE_1_IPV4ADDR, rl!.RULE_1_IPV6ADDR], [calc.ipv4, calc.ce]);
			const again = mapeJson(r, 'plan');
			assert.deepEqual(again.out?.ops, [], 'a second plan is empty');
			assert.equal(r.call('luci.mape', 'status').map?.matching, true);
			log(`check: hand-made mymap reused (mtu set, psid removed, ttl kept), one MAP interface; map.sh: ${rl!.RULE_1_IPV4ADDR}`);
		});

		test('the provider\'s rules (HB46PP: JPNE\'s /32 rules, EA length 24) in place of the table: status names the differing options, apply writes them, and the real map.sh + mapcalc compute the same IPv4, CE address and port sets', async () => {
			const r = lab!.router;
			const cache = await provisionedCache(LINE, MAPE_BODY);
			r.writeFile('tmp/mape/hb46pp.json', cache);
			const status = r.call('luci.mape', 'status');
			assert.deepEqual([status.calc?.source, status.calc?.ip6prefixlen, status.calc?.ip4prefixlen, status.calc?.ealen, status.state], ['hb46pp', 32, 16, 24, 'STALE']);
			assert.deepEqual(status.warnings.find((w: any) => w.code == 'PROVIDER_DIFFERS_FROM_TABLE')?.fields, ['ip6prefixlen', 'ip4prefixlen', 'ealen']);
			const applied = mapeJson(r, 'apply');
			assert.equal(applied.code, 0, applied.raw.stdout + applied.raw.stderr);
			const get = (o: string) => r.exec(['/sbin/uci', '-q', 'get', `network.mymap.${o}`]).stdout.trim();
			assert.deepEqual(['ip6prefix', 'ip6prefixlen', 'ipaddr', 'ip4prefixlen', 'ealen'].map(get), ['240b:10::', '32', '106.72.0.0', '16', '24']);
			// The provider's rule gives this line the table's address and port set.
			const rl = waitFor('map.sh with the provider\'s rule', 20000, () => {
				const now = mapRules(r, 'mymap');
				return now?.RULE_1_PREFIX6LEN == '32' && now.RULE_1_EALEN == '24' ? now : null;
			});
			assert.deepEqual([rl!.RULE_1_IPV4ADDR, rl!.RULE_1_IPV6ADDR, rl!.RULE_1_PORTSETS], [calc.ipv4, calc.ce, calc.portsets.map(([a, b]: number[]) => `${a}-${b}`).join(' ')]);
			assert.equal(r.call('luci.mape', 'status').state, 'CONFIGURED');
			log(`check: HB46PP answer with /32 rules applied (ealen 24); map.sh: ${rl!.RULE_1_IPV4ADDR}, CE ${rl!.RULE_1_IPV6ADDR}, ${calc.portsets.length} port sets (= the table's)`);
		});
	});
}
