/*
 * The router lab's network: namespaces it creates and removes itself.
 *
 *   lan eth0 ── eth0 (br-lan) rtr eth1 (wan, wan6) ── wan0 isp
 *
 * - isp: the FLET'S side. A /64 RA-only line is radvd advertising the customer /64 (with
 *   an address of its own in it, so the LAN host has an IPv6 peer to reach).
 * - rtr: the OpenWrt router (router.ts), stock first-boot configs of its release.
 * - lan: a host behind the router.
 *
 * Names: rlab-<pid>-<n>-{rtr,isp,lan}. Every address used is the line's own prefix (a
 * documentation-style customer prefix of the VNE's range, never routed out of the lab) or
 * link-local; nothing leaves the namespaces.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { Router, must, run, sleep } from './router.ts';
import { onExit, scratchDir } from '../scratch.ts';

const DEFAULTS = join(import.meta.dirname, '../../../shared/data/openwrt-defaults');
let serial = 0;

/** Why the lab cannot run here, or false. */
export function labMissing(): string | false {
	if (process.getuid?.() !== 0) return 'the router lab needs root (namespaces, mounts, chroot)';
	for (const [tool, pkg] of [['radvd', 'radvd'], ['nft', 'nftables'], ['ip', 'iproute2'], ['busybox', 'busybox']]) {
		if (run('sh', ['-c', `command -v ${tool}`]).code != 0) return `${tool} is not installed (Debian: apt-get install ${pkg})`;
	}
	return false;
}

export function stockConfigs(release: string): Record<string, string> {
	const dir = join(DEFAULTS, release.split('.').slice(0, 2).join('.'));
	return Object.fromEntries(['network', 'firewall', 'dhcp'].map((c) => [c, readFileSync(join(dir, c), 'utf8')]));
}

export class RouterLab {
	readonly rtr: string;
	readonly isp: string;
	readonly lan: string;
	readonly dir: string;
	router!: Router;
	private procs: ChildProcess[] = [];
	private readonly undo: () => void;

	constructor(readonly release: string, readonly log: (line: string) => void = () => {}) {
		const base = `rlab-${process.pid}-${serial++}`;
		this.rtr = `${base}-rtr`;
		this.isp = `${base}-isp`;
		this.lan = `${base}-lan`;
		this.dir = scratchDir('mape-rlab');
		this.undo = onExit(() => this.teardown());
		for (const ns of [this.rtr, this.isp, this.lan]) {
			must('ip', ['netns', 'add', ns]);
			this.ip(ns, 'link', 'set', 'lo', 'up');
		}
		this.veth(this.rtr, 'eth1', this.isp, 'wan0');
		this.veth(this.rtr, 'eth0', this.lan, 'eth0');
		// As an OpenWrt image does: the kernel itself takes no RA on the router (netifd and
		// odhcp6c handle it), and it forwards.
		for (const k of ['net.ipv6.conf.all.accept_ra=0', 'net.ipv6.conf.default.accept_ra=0', 'net.ipv6.conf.eth1.accept_ra=0',
			'net.ipv6.conf.all.forwarding=1', 'net.ipv4.ip_forward=1']) this.sysctl(this.rtr, k);
		this.log(`lab: namespaces ${this.rtr}, ${this.isp}, ${this.lan}`);
	}

	ip(ns: string, ...args: string[]): string {
		return must('ip', ['-n', ns, ...args]);
	}

	sysctl(ns: string, kv: string): void {
		must('ip', ['netns', 'exec', ns, 'sysctl', '-qw', kv]);
	}

	private veth(a: string, an: string, b: string, bn: string): void {
		const tmp = `v${process.pid % 10000}x${serial}${Math.floor(Math.random() * 1e4)}`;
		must('ip', ['link', 'add', `${tmp}a`, 'type', 'veth', 'peer', 'name', `${tmp}b`]);
		must('ip', ['link', 'set', `${tmp}a`, 'netns', a, 'name', an]);
		must('ip', ['link', 'set', `${tmp}b`, 'netns', b, 'name', bn]);
		this.ip(a, 'link', 'set', an, 'up');
		this.ip(b, 'link', 'set', bn, 'up');
	}

	/** A /64 RA-only line: radvd on the ISP side advertises `prefix64` (SLAAC, no DHCPv6 PD). */
	raOnlyLine(prefix64: string): void {
		this.ip(this.isp, 'addr', 'add', `${prefix64.replace(/::\/64$/, '::1')}/64`, 'dev', 'wan0');
		const conf = join(this.dir, 'radvd.conf');
		writeFileSync(conf, `interface wan0 {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 5;
	AdvManagedFlag off;
	AdvOtherConfigFlag off;
	prefix ${prefix64} {
		AdvOnLink on;
		AdvAutonomous on;
	};
};
`);
		this.spawnIn(this.isp, ['radvd', '-n', '-C', conf, '-p', join(this.dir, 'radvd.pid'), '-m', 'logfile', '-l', join(this.dir, 'radvd.log')]);
		this.log(`isp: radvd advertises ${prefix64} (RA only)`);
	}

	spawnIn(ns: string, cmd: string[]): ChildProcess {
		const child = spawn('ip', ['netns', 'exec', ns, ...cmd], { stdio: 'ignore' });
		this.procs.push(child);
		return child;
	}

	boot(configs: Record<string, string> = stockConfigs(this.release)): Router {
		this.router = new Router({ release: this.release, netns: this.rtr, configs, log: this.log });
		this.router.boot();
		return this.router;
	}

	teardown(): void {
		this.router?.destroy();
		for (const p of this.procs) if (p.pid && p.exitCode == null) p.kill('SIGKILL');
		for (const ns of [this.rtr, this.isp, this.lan]) {
			// Processes left in a namespace keep it alive: end them first.
			const pids = run('ip', ['netns', 'pids', ns]).stdout.trim().split(/\s+/).filter(Boolean);
			for (const pid of pids) run('kill', ['-9', pid]);
			if (pids.length) sleep(50);
			run('ip', ['netns', 'del', ns]);
		}
	}

	destroy(): void {
		this.undo();
	}
}
