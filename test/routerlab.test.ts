/*
 * The router lab (test/routerlab/): the package on the real OpenWrt userland of each pinned
 * release, end to end, in namespaces the lab creates and removes.
 *
 * Scenario 1, a /64 RA-only v6plus line (240b:10:abcd:ef00::/64, radvd as the ISP), and
 * scenario 2, a /56 prefix delegation OCN line (2400:4050:1234:5600::/56, kea-dhcp6-server):
 * - stage 1, stock netifd: the real opkg installs dist/*.ipk (its maintainer scripts run and
 *   rpcd reloads through the procd stand-in); `ubus call luci.mape status` detects the line
 *   from netifd's real state; `mape apply` commits the plan; the real map.sh + mapcalc then
 *   compute, from the /64 that `extendprefix` makes visible, the same IPv4, port sets, CE
 *   address and BR as our engine (compared with the Node build's `mape calc`), and ask netifd
 *   for the tunnel (local = CE, remote = BR, link wan6, encaplimit ignore), which this kernel
 *   cannot create (no ip6tnl): the interface stays pending. The LAN host gets a global IPv6
 *   address as the plan configures it (relayed /64 on RA-only lines, a /64 of the delegated
 *   prefix from odhcpd's server on PD lines) and reaches an IPv6 host on the ISP side.
 * - stage 2, on the same router, netifd-lab started in netifd's place (the tunnel device is a
 *   veth towards the lab's BR): the MAP interface comes up with the customer IPv4, netifd's
 *   ifup hotplug reaches our handler, which installs `inet mape_wanmap`; from the LAN host one TCP connection per port of the set (every port
 *   group in use), UDP and ping reach the IPv4 server through fw4 and our table, the BR counts
 *   nothing outside the port set, and the table still wins after `fw4 reload`.
 */
import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { realTest } from './openwrt-env.ts';
import { LAB_RELEASES, SUITE_TIMEOUT, labLog, routerImage } from './routerlab/router.ts';
import { waitFor } from './netns.ts';
import { ISP_HOST, RouterLab, SERVER, labMissing } from './routerlab/lab.ts';
import { IPK, engine, lanTraffic, mapRules, waitForFw4MapZone, wan6Up } from './routerlab/scenarios.ts';
import { borderCounters } from './lab/lab.ts';
import { OCN, V6PLUS, allowedPorts, groupOf, type Shape } from './lab/portset.ts';


interface Line {
	title: string;
	prefix: string;
	shape: Shape;
	/** What map.sh's rules file must say the prefix mapcalc used is (address, length). */
	pd: [string, string];
	/** The /64 the LAN host's address must be in (its first four groups). */
	lan64: RegExp;
	/** The ISP side's IPv6 host the LAN host must reach. */
	ispHost: string;
	setup(lab: RouterLab): void;
}

const LINES: Line[] = [
	{
		title: '/64 RA-only v6plus line', prefix: '240b:10:abcd:ef00::/64', shape: V6PLUS,
		pd: ['240b:10:abcd:ef00::', '64'], lan64: /^240b:10:abcd:ef00:/, ispHost: '240b:10:abcd:ef00::1',
		setup: (lab) => lab.raOnlyLine('240b:10:abcd:ef00::/64'),
	},
	{
		title: '/56 PD OCN line', prefix: '2400:4050:1234:5600::/56', shape: OCN,
		pd: ['2400:4050:1234:5600::', '56'], lan64: /^2400:4050:1234:56[0-9a-f]{2}:/, ispHost: ISP_HOST,
		setup: (lab) => lab.pdLine('2400:4050:1234:5600::/56', 56),
	},
];
const log = labLog;

/** Boots a router of `release` on the RA-only line with the package installed by opkg. */
function bootLine(release: string, line: Line): RouterLab {
	const lab = new RouterLab(release, log);
	try {
		line.setup(lab);
		const router = lab.boot();
		const inst = router.installPackage(IPK);
		assert.equal(inst.code, 0, `opkg install: ${inst.stdout}${inst.stderr}`);
		assert.match(inst.stdout, /Configuring luci-app-mape/);
		waitFor('wan6 with a global address or prefix', 30000, () => wan6Up(router));
		return lab;
	} catch (e) {
		lab.destroy();
		throw e;
	}
}

for (const release of LAB_RELEASES) {
	const image = routerImage(release);
	const missing = labMissing() || (typeof image != 'string' ? image.missing : false)
		|| (existsSync(IPK) ? false : `${IPK} is missing (make builds it)`);
	if (missing) {
		realTest(`router lab ${release}`, missing, () => {});
		continue;
	}

	for (const line of LINES) describe(`router lab ${release}: ${line.title}`, { timeout: SUITE_TIMEOUT }, () => {
		const calc = engine(line.prefix);
		let lab: RouterLab | null = null;
		after(() => lab?.destroy());

		test('stage 1 (stock netifd): opkg install, detection, apply, map.sh + mapcalc agree with the engine, the tunnel request', () => {
			lab = bootLine(release, line);
			lab.lanHost();
			const r = lab.router;
			// The postinst reloaded rpcd (through the procd stand-in): the object is there.
			assert.equal(r.ubus('list', 'luci.mape').code, 0, r.daemonLog('rpcd'));
			assert.match(r.file('etc/config/luci') ?? '', /option ja /, 'uci-defaults added ja to luci.languages');

			const status = r.call('luci.mape', 'status');
			assert.equal(status.state, 'NOT_CONFIGURED');
			assert.equal(status.line, line.pd[1] == '64' ? 'ra64' : 'pd');
			assert.deepEqual(status.calc, calc, 'status computes what the engine does');
			assert.equal(calc.psid, line.shape.psid, 'the PSID the BR enforces (test/lab/portset.ts)');
			log(`check: ubus call luci.mape status → ${status.line} line, ${status.calc.service} ${status.calc.ipv4} PSID ${status.calc.psid} (= the engine)`);

			const plan = JSON.parse(r.exec(['/usr/sbin/mape', 'plan', '--json']).stdout);
			const applied = r.exec(['/usr/sbin/mape', 'apply', '--json']);
			assert.equal(applied.code, 0, applied.stdout + applied.stderr);
			const result = JSON.parse(applied.stdout);
			assert.deepEqual(result.ops, plan.ops, 'apply commits exactly the plan');
			for (const op of plan.ops.filter((o: any) => o.op == 'set' && typeof o.new == 'string' && !o.section.startsWith('@'))) {
				const got = r.exec(['/sbin/uci', '-q', 'get', `${op.config}.${op.section}.${op.option}`]);
				assert.equal(got.stdout.trim(), op.new, `${op.config}.${op.section}.${op.option} committed`);
			}

			// map.sh writes the file line by line: wait until the rule is in it.
			const rl = waitFor('/tmp/map-wanmap.rules from map.sh', 20000, () => { const m = mapRules(r); return m?.RULE_1_IPV4ADDR ? m : null; });
			assert.equal(rl.RULE_1_IPV4ADDR, calc.ipv4);
			assert.equal(rl.RULE_1_IPV6ADDR, calc.ce, 'CE address (legacymap)');
			assert.equal(rl.RULE_1_BR, calc.br);
			assert.equal(rl.RULE_1_PORTSETS, calc.portsets.map(([a, b]: number[]) => `${a}-${b}`).join(' '));
			assert.deepEqual([rl.RULE_1_IPV6PD, rl.RULE_1_PD6LEN], line.pd, line.pd[1] == '64' ? 'extendprefix makes the /64 a prefix mapcalc sees' : 'the delegated prefix');
			log(`check: map.sh + mapcalc → IPv4 ${rl.RULE_1_IPV4ADDR}, CE ${rl.RULE_1_IPV6ADDR}, BR ${rl.RULE_1_BR}, ${calc.portsets.length} port sets (= the engine)`);

			// No ip6tnl here: netifd refuses the tunnel and keeps the interface pending.
			const wanmap = waitFor('wanmap pending', 10000, () => { const i = r.interfaces().wanmap; return i?.pending ? i : null; });
			assert.equal(wanmap.up, false);
			assert.equal(wanmap.proto, 'map');
			log('check: no ip6tnl in this kernel: netifd refused the tunnel, wanmap stays pending (stage 2 stands in for the device)');

			// IPv6 on the LAN as the plan set it up (odhcpd relay or server), and out to the ISP.
			// The LAN host reconnects, so it solicits an RA now instead of waiting for odhcpd's
			// next periodic one (up to 10 minutes by default) after the reload Auto configure made.
			lab.exec(lab.lan, ['ip', 'link', 'set', 'eth0', 'down']);
			lab.exec(lab.lan, ['ip', 'link', 'set', 'eth0', 'up']);
			// The link going down took the IPv4 default route with it; stage 2 needs it.
			assert.equal(lab.exec(lab.lan, ['ip', 'route', 'replace', 'default', 'via', '192.168.1.1']).code, 0);
			const lanAddresses = () => lab!.exec(lab!.lan, ['ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0', 'scope', 'global']).stdout;
			let lan6: string;
			try {
				lan6 = waitFor(`a LAN host address matching ${line.lan64}`, 60000, () =>
					[...lanAddresses().matchAll(/inet6 ([0-9a-f:]+)\//g)].map((m) => m[1]).find((x) => line.lan64.test(x)) ?? null);
			} catch (e) {
				// What the LAN was offered, for whoever reads the failure.
				throw new Error(`${(e as Error).message}\nLAN host: ${lanAddresses()}\nrouter eth0: ${r.sh('ip -6 addr show dev eth0').stdout}` +
					`\nsyslog (odhcpd, netifd):\n${r.syslog().split('\n').filter((l) => /odhcpd|netifd/.test(l)).slice(-25).join('\n')}`);
			}
			const ping6 = waitFor(`ping ${line.ispHost} from the LAN host`, 20000, () => {
				const p = lab!.exec(lab!.lan, ['ping', '-6', '-n', '-c', '1', '-W', '1', line.ispHost]);
				return p.code == 0 ? p : null;
			});
			assert.equal(ping6.code, 0);
			log(`check: LAN host ${lan6} reaches ${line.ispHost} on the ISP side`);
		});

		test('stage 2 (netifd-lab, tunnel stand-in): MAP up, SNAT table from hotplug, IPv4 TCP/UDP/ping through the BR in the port set, survives fw4 reload', async () => {
			// The router of stage 1, configured by it: netifd-lab starts in netifd's place.
			assert.ok(lab, 'continues on the router of stage 1');
			const r = lab.router;
			r.restartWithTunnelStandIn();
			waitFor('wan6 with a global address or prefix', 30000, () => wan6Up(r));
			const applied = JSON.parse(r.exec(['/usr/sbin/mape', 'apply', '--json']).stdout);
			assert.deepEqual(applied.ops, [], 'stage 1 configured the router: nothing left to apply');
			lab.border(calc.ipv4, line.shape);

			const wanmap = waitFor('wanmap up', 20000, () => { const i = r.interfaces().wanmap; return i?.up ? i : null; });
			assert.equal(wanmap.l3_device, 'map-wanmap');
			assert.deepEqual(wanmap['ipv4-address'], [{ address: calc.ipv4, mask: 32 }]);
			const request = JSON.parse(waitFor('the tunnel request', 5000, () => r.file('tmp/lab-tunnel-map-wanmap.json')));
			assert.deepEqual([request.mode, request.local, request.remote, request.link, request.data?.encaplimit],
				['ipip6', calc.ce, calc.br, 'wan6', 'ignore'], 'what map.sh asked netifd for');
			log(`check: tunnel request ${request.mode} local ${request.local} remote ${request.remote} link ${request.link}; wanmap up with ${calc.ipv4}/32`);

			// netifd's ifup → /sbin/hotplug-call → /etc/hotplug.d/iface/95-mape → mape hotplug.
			const first = new RegExp(`snat ip to ${calc.ipv4.replace(/\./g, '\\.')}:${calc.portsets[0][0]}-${calc.portsets[0][1]}`);
			waitFor('inet mape_wanmap with the SNAT rules', 20000, () => first.test(r.sh('nft list table inet mape_wanmap').stdout));
			assert.match(r.syslog(), new RegExp(`mape: wanmap up: SNAT over ${calc.portsets.length} port sets for ${calc.ipv4.replace(/\./g, '\\.')} installed`));
			waitForFw4MapZone(r);

			// Every port of the set carries a connection to one server port: all groups in use.
			const seen = await lanTraffic(lab, calc.ports);
			const allowed = allowedPorts(line.shape);
			assert.equal(seen.tcp.length, calc.ports, 'distinct TCP source ports at the server');
			for (const p of [...seen.tcp, ...seen.other]) assert.ok(allowed.has(p), `source ${p} outside the port set`);
			assert.equal(new Set(seen.tcp.map((p) => groupOf(p, line.shape))).size, calc.portsets.length, 'every port group is used');
			const c = borderCounters(lab.br);
			assert.deepEqual([c.bad_addr, c.bad_port], [0, 0], 'the BR dropped nothing');
			log(`check: ${seen.tcp.length} TCP connections from the LAN host over ${calc.portsets.length} port groups, UDP and ping; BR: ${c.good} packets in the set, 0 outside`);

			const reload = r.service('firewall', 'reload');
			assert.equal(reload.code, 0, reload.stderr);
			assert.equal(r.sh('nft list table inet mape_wanmap').code, 0, 'our table survives fw4 reload');
			const again = lab.exec(lab.lan, ['ping', '-n', '-c', '2', '-i', '0.2', '-W', '2', SERVER]);
			assert.equal(again.code, 0, 'ping after fw4 reload');
			assert.deepEqual(Object.values(borderCounters(lab.br)).slice(1), [0, 0]);
			log('check: after fw4 reload inet mape_wanmap is still there and ping still goes through');
		});
	});
}
