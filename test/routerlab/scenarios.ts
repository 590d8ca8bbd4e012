/*
 * Building blocks of the router lab's scenarios (issue #11: 3 prefix change, 5 removal and
 * upgrade, 6 foreign and broken states), for the CLI/ubus tests in
 * test/routerlab-scenarios.test.ts and for the same scenarios driven through real LuCI:
 * each helper brings the router (or the ISP) into a state, or reads one, and leaves the
 * checking to the test.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, buildBackendForTest, runAsync, runNodeCli } from '../backend-build.ts';
import { dnsServer, provisioningServer, testCa } from '../hb46pp-servers.ts';
import { waitFor } from '../netns.ts';
import { scratchDir } from '../scratch.ts';
import { collectPayload } from '../../tools/package/payload.ts';
import { buildIpk, ipkFileName } from '../../tools/package/ipk.ts';
import { RouterLab, SERVER } from './lab.ts';
import { Agent, setElements } from '../lab/lab.ts';
import type { Router } from './router.ts';
import type { Run } from '../netns.ts';

/** The package as `make` builds it (dist/), the version the repository ships. */
export const IPK = join(REPO, 'dist/luci-app-mape_0.1.0-r1_all.ipk');

/** The /64 RA-only v6plus line of scenario 1 and the prefixes the ISP renumbers it to. */
export const LINE = '240b:10:abcd:ef00::/64';
/** Another v6plus rule (240b:12::/31 → 14.8.0.0/15): another IPv4, PSID, CE and rule options. */
export const OTHER_RULE = '240b:12:1234:5600::/64';
/** A prefix outside every rule and DS-Lite block (documentation space). */
export const UNKNOWN_PREFIX = '2001:db8:1::/64';

/**
 * The HB46PP cache (/tmp/mape/hb46pp.json) that `mape provision` writes for the line
 * `prefix` when the provider answers `body`. The router of the pinned sources has no HTTPS
 * client (uclient-fetch and its TLS library are not among them), so the product's
 * provisioning runs here, on Node's DNS and HTTPS, against a DNS server publishing the
 * TXT record and a provisioning server with a throw-away CA; the router reads the cache
 * as its own run's.
 */
export async function provisionedCache(prefix: string, body: string): Promise<string> {
	const dir = scratchDir('mape-lab-hb46pp');
	const ca = testCa(dir, 'lab');
	const web = await provisioningServer({ '/config': { body } }, ca);
	const dns = await dnsServer({ '4over6.info': [`v=v6mig-1 url=${web.base}/config t=b`] });
	try {
		const b = buildBackendForTest();
		const args = ['provision', '--json', '--dns', `::1#${dns.port}`, '--ca-file', ca.ca, '--prefix', prefix];
		const env = { ...process.env, MAPE_RUNDIR: dir, MAPE_CONFDIR: join(dir, 'config'), MAPE_STATEDIR: join(dir, 'state'), MAPE_SAVEDIR: join(dir, 'save') };
		const out = await runAsync(process.execPath, ['--import', 'tsx', join(b.dir, 'run-cli.ts'), ...args], env);
		assert.equal(out.code, 0, `mape provision: ${out.stdout}${out.stderr}`);
		return readFileSync(join(dir, 'mape/hb46pp.json'), 'utf8');
	} finally {
		await dns.close();
		await web.close();
	}
}

/** The engine's answer for a prefix, from the Node build (independent of the router). */
export function engine(prefix: string): any {
	const r = runNodeCli(['calc', '--json', prefix]);
	assert.equal(r.code, 0, r.stderr);
	return JSON.parse(r.stdout);
}

/**
 * A router of `release` on a /64 RA-only line (`prefix`), package installed by opkg from
 * `ipk`, wan6 up with a global address. `standIn`: stage 2 (netifd-lab, the tunnel device
 * is a veth the lab can hand to its BR). Iface hotplug events are recorded
 * (Router.recordHotplug). On failure the lab is destroyed.
 */
export function bootRaLine(release: string, log: (l: string) => void, opts: { prefix?: string; standIn?: boolean; ipk?: string } = {}): RouterLab {
	const lab = new RouterLab(release, log);
	try {
		lab.raOnlyLine(opts.prefix ?? LINE);
		const router = lab.boot(undefined, opts.standIn ?? false);
		router.recordHotplug();
		const inst = router.installPackage(opts.ipk ?? IPK);
		assert.equal(inst.code, 0, `opkg install: ${inst.stdout}${inst.stderr}`);
		waitForWan6(router, opts.prefix ?? LINE);
		return lab;
	} catch (e) {
		lab.destroy();
		throw e;
	}
}

/** /64 prefix "a:b:c:d::/64" → its first four groups as netifd prints them ("a:b:c:d:"). */
function head64(prefix: string): string {
	return prefix.replace(/::\/64$/, ':');
}

/**
 * fw4 has the MAP device in the wan zone: its iface hotplug reloads the firewall on wanmap's
 * ifup, and until then the LAN's traffic to the tunnel is not forwarded.
 */
export function waitForFw4MapZone(router: Router): void {
	waitFor('fw4 with map-wanmap in the wan zone', 20000, () => router.sh('nft list table inet fw4').stdout.includes('"map-wanmap"'));
}

/**
 * wanmap as netifd shows it once map.sh gave up with `code` (restarts blocked): down, not
 * being set up, with that error; null otherwise.
 */
export function wanmapGaveUp(router: Router, code: string): any {
	const i = router.interfaces().wanmap;
	return i && !i.up && !i.pending && i.errors?.some((e: any) => e.code == code) ? i : null;
}

/** wan6 has what detection needs: a global address (RA line) or a delegated prefix (PD line). */
export function wan6Up(router: Router): boolean {
	const w = router.interfaces().wan6;
	return w?.['ipv6-address']?.length > 0 || w?.['ipv6-prefix']?.length > 0;
}

/** wan6's address or prefix entries of netifd's dump. */
export function wan6Entries(router: Router): { address: string; mask: number; preferred?: number; valid?: number }[] {
	const w = router.interfaces().wan6;
	return [...(w?.['ipv6-address'] ?? []), ...(w?.['ipv6-prefix'] ?? [])];
}

/** Waits until wan6 has a preferred (not deprecated) address in `prefix` (a /64). */
export function waitForWan6(router: Router, prefix: string, ms = 30000): void {
	const head = head64(prefix);
	waitFor(`wan6 with a preferred address in ${prefix}`, ms, () =>
		wan6Entries(router).some((e) => e.address.startsWith(head) && e.preferred !== 0));
}

/**
 * `mape apply` as over SSH, then waits until the network reload it causes has brought wan6
 * back (its ifup hotplug event handled) with a preferred address in `prefix`: a test that
 * changes the line next must not race wan6's restart. Returns apply's JSON.
 */
export function applySettled(router: Router, prefix = LINE): any {
	const seen = router.hotplugEvents().length;
	const applied = mapeJson(router, 'apply');
	assert.equal(applied.code, 0, applied.raw.stdout + applied.raw.stderr);
	if (applied.out.ops.some((o: any) => o.config == 'network' && o.section == 'wan6')) router.waitHotplug('ifup wan6', seen);
	waitForWan6(router, prefix);
	return applied.out;
}

/**
 * `ifup wan6` (down and up: a fresh odhcp6c) and waits for the ifup event of the new
 * instance and a preferred address in `prefix`; the old odhcp6c may still take an RA while
 * netifd tears it down, so the address alone proves nothing.
 */
export function reconnectWan6(router: Router, prefix: string): void {
	const seen = router.hotplugEvents().length;
	const r = router.ifup('wan6');
	assert.equal(r.code, 0, r.stdout + r.stderr);
	router.waitHotplug('ifup wan6', seen);
	waitForWan6(router, prefix);
}

/**
 * The ISP renumbers the line from `from` to `to`, still advertising `from` with lifetime 0
 * (lab.renumberRaLine); returns once netifd shows the new prefix as preferred on wan6 and
 * the iface hotplug event that came with it has been handled (95-mape included).
 */
export function renumber(lab: RouterLab, from: string, to: string): string[] {
	const seen = lab.router.hotplugEvents().length;
	lab.renumberRaLine(to, [from]);
	waitForWan6(lab.router, to);
	return lab.router.waitHotplug('ifupdate wan6', seen);
}

/** /tmp/map-<iface>.rules (map.sh's record of what mapcalc computed) as key → value. */
export function mapRules(router: Router, iface = 'wanmap'): Record<string, string> | null {
	const text = router.file(`tmp/map-${iface}.rules`);
	if (text == null) return null;
	return Object.fromEntries(text.trim().split('\n').filter((l) => l.includes('='))
		.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).replace(/^'|'$/g, '').trim()]));
}

/** The nftables tables in the router ("inet fw4", "inet mape_wanmap", …). */
export function nftTables(router: Router): string[] {
	return router.sh('nft list tables').stdout.split('\n').map((l) => l.replace(/^table /, '').trim()).filter(Boolean);
}

/** `mape <args> --json` in the router, parsed, with its exit code. */
export function mapeJson(router: Router, ...args: string[]): { code: number; out: any; raw: Run } {
	const raw = router.exec(['/usr/sbin/mape', ...args, '--json']);
	let out: any = null;
	try { out = JSON.parse(raw.stdout); } catch { /* left null: the test shows raw */ }
	return { code: raw.code, out, raw };
}

/** The backup ids under /etc/mape/backup, oldest first. */
export function backups(router: Router): string[] {
	return router.sh('ls /etc/mape/backup 2>/dev/null').stdout.split('\n').filter((l) => /^\d{8}-\d{6}/.test(l)).sort();
}

/** The proto map interfaces of /etc/config/network, by section name (uci show). */
export function mapInterfaces(router: Router): string[] {
	const show = router.exec(['/sbin/uci', 'show', 'network']).stdout;
	return [...show.matchAll(/^network\.([^.=]+)\.proto='map'$/gm)].map((m) => m[1]);
}

/** A hand-made interface section in /etc/config/network (uci set + commit, as over SSH). */
export function handMadeInterface(router: Router, name: string, options: Record<string, string>): void {
	const lines = [`set network.${name}=interface`, ...Object.entries(options).map(([k, v]) => `set network.${name}.${k}='${v}'`), 'commit network'];
	const r = router.exec(['/sbin/uci', 'batch'], lines.join('\n') + '\n');
	assert.equal(r.code, 0, `uci batch: ${r.stdout}${r.stderr}`);
}

/**
 * The package as it is in the tree, with another version in its metadata (an "upgrade" for
 * opkg), written by the same packaging code as dist/ (tools/package): nothing shipped
 * changes. Returns the ipk's path in a scratch directory.
 */
export async function ipkWithVersion(version: string): Promise<string> {
	const payload = { ...(await collectPayload(REPO)), version };
	const file = join(scratchDir('mape-ipk'), ipkFileName(payload));
	writeFileSync(file, buildIpk(payload));
	return file;
}

/** From the LAN host: ping, one TCP connection per port of the set, UDP; what the server saw. */
export async function lanTraffic(lab: RouterLab, ports: number) {
	const ping = lab.exec(lab.lan, ['ping', '-n', '-c', '2', '-i', '0.2', '-W', '2', SERVER]);
	assert.equal(ping.code, 0, `ping from the LAN host: ${ping.stdout}${ping.stderr}`);
	const server = new Agent(lab.srv);
	const client = new Agent(lab.lan);
	try {
		await server.ready;
		await client.ready;
		await server.call({ cmd: 'listen', host: SERVER, port: 80 });
		const opened = await client.call({ cmd: 'open', host: SERVER, port: 80, n: ports, timeout: 5000 });
		assert.equal(opened.connected, ports, 'one connection per port of the set');
		const udp = await client.call({ cmd: 'udp', host: SERVER, port: 53, n: 10 });
		assert.equal(udp.sent, 10);
		// Closed while the path is there: connections killed with the agents would go on
		// retransmitting their FIN after the line moved on, from the old IPv4, and the BR
		// of a later step would count those as foreign.
		await client.call({ cmd: 'close', fraction: 1 });
	} finally {
		server.kill();
		client.kill();
	}
	// The server's record of UDP is asynchronous to the agent's send.
	waitFor('UDP at the server', 3000, () => setElements(lab.srv, 'seen', 'udp_ports').length > 0);
	return {
		tcp: setElements(lab.srv, 'seen', 'tcp_ports'),
		other: [...setElements(lab.srv, 'seen', 'udp_ports'), ...setElements(lab.srv, 'seen', 'icmp_ports')],
	};
}
