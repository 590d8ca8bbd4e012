/*
 * The router lab's network: namespaces it creates and removes itself.
 *
 *   lan eth0 ── eth0 (br-lan) rtr eth1 (wan, wan6) ── wan0 isp
 *                             rtr map-wanmap ── labbr br srv0 ── eth0 srv      (stage 2)
 *
 * - isp: the FLET'S side. A /64 RA-only line is radvd advertising the customer /64 (with
 *   an address of its own in it, so the LAN host has an IPv6 peer to reach).
 * - rtr: the OpenWrt router (router.ts), stock first-boot configs of its release.
 * - lan: a host behind the router (192.168.1.100 on the stock LAN).
 * - br, srv (stage 2): the MAP-E border relay and an IPv4 server behind it. This kernel has
 *   no ip6tnl, so the router's MAP tunnel device is a veth (router.ts useTunnelStandIn) whose
 *   other end is here, and IPv4 crosses it unencapsulated. The BR drops and counts every
 *   packet outside the customer's port set (../lab/lab.ts borderTable); the server records
 *   the source ports it sees.
 *
 * Names: rlab-<pid>-<n>-{rtr,isp,lan}. Every address used is the line's own prefix (a
 * documentation-style customer prefix of the VNE's range, never routed out of the lab) or
 * link-local; nothing leaves the namespaces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Router } from './router.ts';
import { addNamespace, execIn, ipIn, nftIn, removeNamespace, run, sysctlIn, veth, waitFor } from '../netns.ts';
import { borderTable, seenTable } from '../lab/lab.ts';
import type { Shape } from '../lab/portset.ts';
import { onExit, scratchDir } from '../scratch.ts';

export const LAN_HOST = '192.168.1.100';
/** An IPv6 host on the ISP side of a PD line (documentation space, inside the lab only). */
export const ISP_HOST = '2001:db8:ffff::1';
/** The IPv4 server behind the BR (benchmarking space, never routed out of the lab). */
export const SERVER = '198.18.3.2';
const DEFAULTS = join(import.meta.dirname, '../../../shared/data/openwrt-defaults');
let serial = 0;

/** Why the lab cannot run here, or false. */
export function labMissing(): string | false {
	if (process.getuid?.() !== 0) return 'the router lab needs root (namespaces, mounts, chroot)';
	for (const [tool, pkg] of [['radvd', 'radvd'], ['kea-dhcp6', 'kea-dhcp6-server'], ['nft', 'nftables'], ['ip', 'iproute2'], ['busybox', 'busybox']]) {
		if (run('sh', ['-c', `command -v ${tool}`]).code != 0) return `${tool} is not installed (Debian: apt-get install ${pkg})`;
	}
	return false;
}

/**
 * The stock first-boot configs of a release, with one change this kernel forces: it has no
 * bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING), and netifd always sets that option
 * when it creates br-lan, so the kernel refuses the bridge. The LAN interface therefore uses
 * the port (eth0) itself, which is how a router with a single LAN port may be configured too.
 */
export function stockConfigs(release: string): Record<string, string> {
	const dir = join(DEFAULTS, release.split('.').slice(0, 2).join('.'));
	const configs = Object.fromEntries(['network', 'firewall', 'dhcp'].map((c) => [c, readFileSync(join(dir, c), 'utf8')]));
	const bridge = "\nconfig device\n\toption name 'br-lan'\n\toption type 'bridge'\n\tlist ports 'eth0'\n";
	if (!configs.network.includes(bridge) || !configs.network.includes("option device 'br-lan'")) throw new Error(`the ${release} stock network config has no br-lan over eth0 to replace`);
	configs.network = configs.network.replace(bridge, '').replace("option device 'br-lan'", "option device 'eth0'");
	return configs;
}

/** Bridges that this kernel cannot give netifd (see stockConfigs). */
export const KERNEL_LIMITS = ['ip6_tunnel (ip6tnl): the MAP-E tunnel device', 'bridge VLAN filtering: netifd\'s br-lan'];

export class RouterLab {
	readonly rtr: string;
	readonly isp: string;
	readonly lan: string;
	readonly br: string;
	readonly srv: string;
	readonly dir: string;
	router!: Router;
	private procs: ChildProcess[] = [];
	private readonly undo: () => void;

	constructor(readonly release: string, readonly log: (line: string) => void = () => {}) {
		const base = `rlab-${process.pid}-${serial++}`;
		this.rtr = `${base}-rtr`;
		this.isp = `${base}-isp`;
		this.lan = `${base}-lan`;
		this.br = `${base}-br`;
		this.srv = `${base}-srv`;
		this.dir = scratchDir('mape-rlab');
		this.undo = onExit(() => this.teardown());
		for (const ns of [this.rtr, this.isp, this.lan]) addNamespace(ns);
		veth(this.rtr, 'eth1', this.isp, 'wan0');
		veth(this.rtr, 'eth0', this.lan, 'eth0');
		// As an OpenWrt image does: the kernel itself takes no RA on the router (netifd and
		// odhcp6c handle it), and it forwards.
		for (const k of ['net.ipv6.conf.all.accept_ra=0', 'net.ipv6.conf.default.accept_ra=0', 'net.ipv6.conf.eth1.accept_ra=0',
			'net.ipv6.conf.all.forwarding=1', 'net.ipv4.ip_forward=1']) this.sysctl(this.rtr, k);
		this.log(`lab: namespaces ${this.rtr}, ${this.isp}, ${this.lan}`);
	}

	ip(ns: string, ...args: string[]): string {
		return ipIn(ns, ...args);
	}

	sysctl(ns: string, kv: string): void {
		sysctlIn(ns, kv);
	}

	/** radvd on the ISP side of the line, advertising every few seconds; `body`: the rest. */
	private radvd(body: string): void {
		const conf = join(this.dir, 'radvd.conf');
		writeFileSync(conf, `interface wan0 {\n\tAdvSendAdvert on;\n\tMinRtrAdvInterval 3;\n\tMaxRtrAdvInterval 5;\n\t${body}\n};\n`);
		this.spawnIn(this.isp, ['radvd', '-n', '-C', conf, '-p', join(this.dir, 'radvd.pid'), '-m', 'logfile', '-l', join(this.dir, 'radvd.log')]);
	}

	/** A /64 RA-only line: radvd on the ISP side advertises `prefix64` (SLAAC, no DHCPv6 PD). */
	raOnlyLine(prefix64: string): void {
		this.ip(this.isp, 'addr', 'add', `${prefix64.replace(/::\/64$/, '::1')}/64`, 'dev', 'wan0');
		this.radvd(`AdvManagedFlag off;
	AdvOtherConfigFlag off;
	prefix ${prefix64} {
		AdvOnLink on;
		AdvAutonomous on;
	};`);
		this.log(`isp: radvd advertises ${prefix64} (RA only)`);
	}

	/**
	 * The ISP renumbers a /64 RA-only line (scenario 3): radvd re-reads its configuration
	 * (SIGHUP) and now advertises `to`, with the ISP's own host address in it, while each
	 * prefix of `deprecate` is still advertised with preferred and valid lifetime 0 (how an
	 * ISP withdraws a prefix: RFC 4862 lets hosts keep it up to two hours, see odhcp6c).
	 * With no `deprecate` the old prefix simply disappears from the RAs.
	 */
	renumberRaLine(to: string, deprecate: string[] = []): void {
		this.ip(this.isp, 'addr', 'replace', `${to.replace(/::\/64$/, '::1')}/64`, 'dev', 'wan0');
		const withdrawn = deprecate.map((p) => `prefix ${p} {
		AdvOnLink on;
		AdvAutonomous on;
		AdvValidLifetime 0;
		AdvPreferredLifetime 0;
	};`).join('\n\t');
		writeFileSync(join(this.dir, 'radvd.conf'), `interface wan0 {\n\tAdvSendAdvert on;\n\tMinRtrAdvInterval 3;\n\tMaxRtrAdvInterval 5;\n\t` +
			`AdvManagedFlag off;\n\tAdvOtherConfigFlag off;\n\t${withdrawn}\n\tprefix ${to} {\n\t\tAdvOnLink on;\n\t\tAdvAutonomous on;\n\t};\n};\n`);
		const pid = readFileSync(join(this.dir, 'radvd.pid'), 'utf8').trim();
		const r = run('kill', ['-HUP', pid]);
		if (r.code != 0) throw new Error(`radvd (pid ${pid}) did not take SIGHUP: ${r.stderr}`);
		this.log(`isp: radvd renumbers the line to ${to}${deprecate.length ? ` (${deprecate.join(', ')} advertised with lifetime 0)` : ''}`);
	}

	/**
	 * A prefix delegation line (/56 or /60): radvd gives the router its default route with the
	 * Managed flag set and no on-link prefix, and kea-dhcp6-server delegates `prefix`.
	 */
	pdLine(prefix: string, length: number): void {
		// kea binds to the link-local address, which must have finished DAD.
		waitFor('wan0 link-local address', 5000, () => !/tentative/.test(this.ip(this.isp, '-6', 'addr', 'show', 'dev', 'wan0')));
		this.radvd('AdvManagedFlag on;\n\tAdvOtherConfigFlag on;');
		const kea = join(this.dir, 'kea-dhcp6.json');
		writeFileSync(kea, JSON.stringify({ Dhcp6: {
			'interfaces-config': { interfaces: ['wan0'] },
			'lease-database': { type: 'memfile', persist: false },
			'server-id': { type: 'EN', 'enterprise-id': 2495, identifier: '6c61622d69737030', persist: false },
			'data-directory': this.dir,
			'preferred-lifetime': 3000, 'valid-lifetime': 4000, 'renew-timer': 1000, 'rebind-timer': 2000,
			subnet6: [{ id: 1, subnet: 'fe80::/64', interface: 'wan0',
				'pd-pools': [{ prefix: prefix.replace(/\/\d+$/, ''), 'prefix-len': length, 'delegated-len': length }] }],
			loggers: [{ name: 'kea-dhcp6', output_options: [{ output: join(this.dir, 'kea.log') }], severity: 'INFO' }],
		} }));
		const child = spawn('ip', ['netns', 'exec', this.isp, 'kea-dhcp6', '-c', kea], {
			stdio: 'ignore', env: { ...process.env, KEA_PIDFILE_DIR: this.dir, KEA_LOCKFILE_DIR: this.dir },
		});
		child.unref();
		this.procs.push(child);
		// The ISP routes the delegated prefix to the router (kea itself installs no route) and
		// has a host of its own for the LAN to reach.
		const ll = /inet6 (fe80::[0-9a-f:]+)\//.exec(this.ip(this.rtr, '-6', 'addr', 'show', 'dev', 'eth1', 'scope', 'link'))?.[1];
		if (!ll) throw new Error('the router has no link-local address on eth1');
		this.ip(this.isp, '-6', 'route', 'add', prefix.includes('/') ? prefix : `${prefix}/${length}`, 'via', ll, 'dev', 'wan0');
		this.ip(this.isp, '-6', 'addr', 'add', `${ISP_HOST}/128`, 'dev', 'lo');
		this.log(`isp: kea-dhcp6 delegates ${prefix.replace(/\/\d+$/, '')}/${length}`);
	}

	/** The LAN host: a static address on the stock LAN, the router as its gateway. */
	lanHost(): void {
		this.ip(this.lan, 'addr', 'add', `${LAN_HOST}/24`, 'dev', 'eth0');
		this.ip(this.lan, 'route', 'add', 'default', 'via', '192.168.1.1');
		this.sysctl(this.lan, 'net.ipv4.ping_group_range=0 2147483647');
	}

	/**
	 * netifd-lab makes the tunnel stand-in when map.sh's tunnel comes up. When it does not,
	 * the failure says what netifd and map.sh did instead.
	 */
	private waitForStandIn(what: string): void {
		try {
			waitFor(what, 20000, () => run('ip', ['-n', this.rtr, 'link', 'show', 'labbr']).code == 0);
		} catch (e) {
			const r = this.router;
			const wanmap = r.interfaces().wanmap;
			const netifd = r.syslog().split('\n').filter((l) => /netifd|mape/.test(l) && !/udhcpc/.test(l)).slice(-30).join('\n');
			throw new Error(`${(e as Error).message}\nwanmap: ${JSON.stringify(wanmap ? { ...wanmap, data: undefined } : null)}` +
				`\n/tmp/map-wanmap.rules: ${r.file('tmp/map-wanmap.rules')}\nsyslog (netifd, mape):\n${netifd}`);
		}
	}

	/**
	 * Stage 2's border: once the router's tunnel stand-in exists, its other end (labbr) moves
	 * into the BR namespace, which routes the CE's IPv4 back over it and answers ARP for the
	 * internet (proxy ARP: the router's default route is a device route, as on a tunnel).
	 */
	border(ce: string, shape: Shape): void {
		this.waitForStandIn('the tunnel stand-in (labbr)');
		for (const ns of [this.br, this.srv]) addNamespace(ns);
		this.ip(this.rtr, 'link', 'set', 'labbr', 'netns', this.br);
		this.ip(this.br, 'link', 'set', 'labbr', 'up');
		veth(this.br, 'srv0', this.srv, 'eth0');
		this.ip(this.br, 'addr', 'add', '198.18.3.1/24', 'dev', 'srv0');
		this.ip(this.br, 'route', 'add', `${ce}/32`, 'dev', 'labbr');
		this.ip(this.srv, 'addr', 'add', `${SERVER}/24`, 'dev', 'eth0');
		this.ip(this.srv, 'route', 'add', 'default', 'via', '198.18.3.1');
		for (const k of ['net.ipv4.ip_forward=1', 'net.ipv4.conf.all.proxy_arp=1', 'net.ipv4.conf.labbr.proxy_arp=1']) this.sysctl(this.br, k);
		this.nft(this.br, borderTable(ce, 'labbr', shape));
		this.nft(this.srv, seenTable(ce));
		this.log(`lab: border relay ${this.br} (port set enforced), server ${SERVER} in ${this.srv}`);
	}

	/**
	 * Stage 2 after the MAP interface was set up again (a re-apply, a restart): netifd-lab
	 * made a new tunnel stand-in, whose other end (labbr) is back in the router. It moves to
	 * the BR as in border(), which now enforces the port set of the new CE IPv4 and `shape`;
	 * the server records what it sees from the new address, and the BR's counters restart.
	 */
	rewireBorder(ce: string, shape: Shape): void {
		this.waitForStandIn('the new tunnel stand-in (labbr)');
		this.ip(this.rtr, 'link', 'set', 'labbr', 'netns', this.br);
		this.ip(this.br, 'link', 'set', 'labbr', 'up');
		this.ip(this.br, 'route', 'replace', `${ce}/32`, 'dev', 'labbr');
		this.nft(this.br, `delete table inet br\n${borderTable(ce, 'labbr', shape)}`);
		this.nft(this.srv, `delete table inet seen\n${seenTable(ce)}`);
		this.log(`lab: border relay now enforces the port set of ${ce} (PSID ${shape.psid})`);
	}

	nft(ns: string, script: string): void {
		nftIn(ns, script);
	}

	/** A command in one of the lab's namespaces. */
	exec(ns: string, cmd: string[]) {
		return execIn(ns, cmd);
	}

	spawnIn(ns: string, cmd: string[]): ChildProcess {
		const child = spawn('ip', ['netns', 'exec', ns, ...cmd], { stdio: 'ignore' });
		// The lab ends it; it must not keep the test process alive.
		child.unref();
		this.procs.push(child);
		return child;
	}

	/** Boots the router; `standIn`: stage 2, the MAP tunnel device is a veth (router.ts). */
	boot(configs: Record<string, string> = stockConfigs(this.release), standIn = false): Router {
		this.router = new Router({ release: this.release, netns: this.rtr, configs, log: this.log });
		this.router.boot(standIn ? this.router.useTunnelStandIn() : {});
		return this.router;
	}

	teardown(): void {
		this.router?.destroy();
		for (const p of this.procs) if (p.pid && p.exitCode == null) p.kill('SIGKILL');
		for (const ns of [this.rtr, this.isp, this.lan, this.br, this.srv]) removeNamespace(ns);
	}

	destroy(): void {
		this.undo();
	}
}
