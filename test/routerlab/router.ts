/*
 * The router of the router lab: the root filesystem tools/openwrt/build.sh builds for one
 * release (router-<release>/root: ubusd, rpcd, netifd, odhcp6c, odhcpd, fw4, uhttpd, LuCI,
 * opkg, the OpenWrt tree's scripts), copied into a scratch directory and run with chroot in
 * the router's own network namespace. Host pieces the image would have from packages the
 * lab does not build: busybox (Debian's, as /bin/sh and the applets), flock (util-linux, an
 * applet of OpenWrt's busybox that Debian's lacks), nft (Debian's), and
 * the C library with json-c (host library directories bind-mounted read-only).
 *
 * There is no procd: the daemons are started directly, netifd with the tree's own
 * /sbin/hotplug-call as its hotplug handler (what procd's hotplug-call would run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENWRT_CACHE } from '../../tools/openwrt/userland.ts';

const REPO = join(import.meta.dirname, '../..');
import { onExit, scratchDir } from '../scratch.ts';
import { must, run, sleep, waitFor, type Run } from '../netns.ts';

/**
 * Every lab suite's deadline: a step that waits for something that never comes must fail
 * the suite (its after() still tears the lab down), never hold the run. Several times what
 * a suite takes (about two minutes at most).
 */
export const SUITE_TIMEOUT = 8 * 60 * 1000;

/** The releases the lab runs (LAB_RELEASE=24.10.4 narrows a run by hand to one). */
/**
 * The lab's step log (LAB_VERBOSE=1, as `npm run lab` sets): each line with the seconds
 * since this test file started, so a slow step stands out.
 */
export const labLog: (line: string) => void = process.env.LAB_VERBOSE
	? (line) => console.log(`# ${(performance.now() / 1000).toFixed(1).padStart(5)} s  ${line}`)
	: () => {};

export const LAB_RELEASES = ['23.05.4', '24.10.4'].filter((r) => !process.env.LAB_RELEASE || r == process.env.LAB_RELEASE);

/** The built root filesystem of a release, or why it is missing. */
export function routerImage(release: string): string | { missing: string } {
	const set = join(OPENWRT_CACHE, `router-${release}`);
	if (!existsSync(join(set, 'BUILT'))) return { missing: `no router image for ${release} in ${OPENWRT_CACHE} (make openwrt)` };
	if (run(join(REPO, 'tools/openwrt/build.sh'), ['--check', `router-${release}`]).code != 0) {
		return { missing: `the router image for ${release} in ${OPENWRT_CACHE} is out of date (make openwrt)` };
	}
	return join(set, 'root');
}

/** The environment of every program in the router. */
const ROUTER_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', LANG: 'C' };

/** Host directories the router's programs load libraries from (Debian is merged-/usr). */
const HOST_LIBS = ['/usr/lib/x86_64-linux-gnu'];

export interface RouterOptions {
	release: string;
	/** Network namespace the router runs in (created by the caller). */
	netns: string;
	/** /etc/config files to start from (name → content). */
	configs: Record<string, string>;
	/** Log a step (the lab prints them). */
	log?: (line: string) => void;
}

/**
 * Whether the process still runs. A daemon that exited stays a zombie until Node reaps it,
 * which it cannot while a synchronous wait blocks its event loop, and `kill -0` succeeds on
 * a zombie: the state in /proc tells them apart.
 */
function running(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
	} catch {
		return false;
	}
}

export class Router {
	readonly dir: string;
	readonly root: string;
	private daemons = new Map<string, ChildProcess>();
	private mounts: string[] = [];
	private readonly undo: () => void;

	constructor(readonly opts: RouterOptions) {
		const image = routerImage(opts.release);
		if (typeof image != 'string') throw new Error(image.missing);
		this.dir = scratchDir(`mape-router-${opts.release}`);
		this.root = join(this.dir, 'root');
		this.undo = onExit(() => this.teardown());
		this.log(`router ${opts.release}: root filesystem in ${this.root}`);
		cpSync(image, this.root, { recursive: true, verbatimSymlinks: true });
		this.addHostPieces();
		for (const [name, text] of Object.entries(opts.configs)) writeFileSync(join(this.root, 'etc/config', name), text);
	}

	log(line: string): void {
		this.opts.log?.(line);
	}

	/** busybox as /bin/sh and its applets where the image has no program of that name; nft. */
	private addHostPieces(): void {
		const r = this.root;
		for (const d of ['bin', 'sbin', 'usr/bin', 'usr/sbin', 'lib64', 'var/run', 'var/lock', 'tmp/run']) mkdirSync(join(r, d), { recursive: true });
		cpSync('/bin/busybox', join(r, 'bin/busybox'));
		const applets = must('/bin/busybox', ['--list-full']).trim().split('\n');
		for (const path of applets) {
			const at = join(r, path);
			if (!existsSync(at)) {
				mkdirSync(join(at, '..'), { recursive: true });
				symlinkSync('/bin/busybox', at);
			}
		}
		cpSync('/usr/sbin/nft', join(r, 'usr/sbin/nft'));
		// OpenWrt's busybox has flock (fw4 locks with it); Debian's has not: util-linux's.
		if (!existsSync(join(r, 'usr/bin/flock'))) cpSync('/usr/bin/flock', join(r, 'usr/bin/flock'));
		// The procd stand-in: its shell API (procd.sh) and its ubus objects (procd-ubus.uc).
		cpSync(join(import.meta.dirname, 'procd.sh'), join(r, 'lib/functions/procd.sh'));
		// /lib/config/uci.sh (package uci, from the OpenWrt tree): not among the pinned sources.
		if (!existsSync(join(r, 'lib/config/uci.sh'))) {
			mkdirSync(join(r, 'lib/config'), { recursive: true });
			cpSync(join(import.meta.dirname, 'uci.sh'), join(r, 'lib/config/uci.sh'));
		}
		mkdirSync(join(r, 'usr/libexec/lab'), { recursive: true });
		cpSync(join(import.meta.dirname, 'procd-ubus.uc'), join(r, 'usr/libexec/lab/procd-ubus.uc'));
		// What a target's board.d scripts write at first boot (LuCI reads the model).
		if (!existsSync(join(r, 'etc/board.json'))) {
			writeFileSync(join(r, 'etc/board.json'), JSON.stringify({ model: { id: 'lab', name: 'Router lab' }, network: { lan: { device: 'eth0', protocol: 'static' }, wan: { device: 'eth1', protocol: 'dhcp' } } }, null, '\t') + '\n');
		}
		chmodSync(join(r, 'tmp'), 0o1777);
		for (const lib of HOST_LIBS) {
			this.bind(lib, join(r, lib));
			this.bind(lib, join(r, lib.replace(/^\/usr/, '')));
		}
		this.bind('/lib64', join(r, 'lib64'));
		// A /dev of its own (the host's would get the router's /dev/log): the nodes programs use.
		mkdirSync(join(r, 'dev/pts'), { recursive: true });
		for (const [name, major, minor] of [['null', 1, 3], ['zero', 1, 5], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0], ['ptmx', 5, 2]] as const) {
			must('mknod', ['-m', '666', join(r, 'dev', name), 'c', String(major), String(minor)]);
		}
	}

	private bind(from: string, to: string): void {
		mkdirSync(to, { recursive: true });
		must('mount', ['--bind', from, to]);
		this.mounts.push(to);
		if (from != '/dev') run('mount', ['-o', 'remount,bind,ro', to]);
	}

	/**
	 * argv run inside the router: in its network namespace, chrooted, with /proc and /sys of
	 * that namespace (mounted in the private mount namespace `ip netns exec` makes).
	 */
	argv(cmd: string[]): string[] {
		const script = 'mount -t proc proc "$R/proc" && mount -t sysfs sysfs "$R/sys" && exec chroot "$R" "$@"';
		return ['ip', 'netns', 'exec', this.opts.netns, 'env', `R=${this.root}`, 'sh', '-c', script, 'sh', ...cmd];
	}

	exec(cmd: string[], input?: string): Run {
		const [c, ...a] = this.argv(cmd);
		return run(c, a, input, ROUTER_ENV);
	}

	sh(script: string, input?: string): Run {
		return this.exec(['/bin/sh', '-c', script], input);
	}

	ubus(...args: string[]): Run {
		return this.exec(['/bin/ubus', ...args]);
	}

	/** `ubus call` parsed, or null when it fails. */
	call(object: string, method: string, args: object = {}): any {
		const r = this.ubus('call', object, method, JSON.stringify(args));
		return r.code == 0 ? JSON.parse(r.stdout || 'null') : null;
	}

	file(path: string): string | null {
		const p = join(this.root, path);
		return existsSync(p) ? readFileSync(p, 'utf8') : null;
	}

	writeFile(path: string, text: string): void {
		mkdirSync(join(this.root, path, '..'), { recursive: true });
		writeFileSync(join(this.root, path), text);
	}

	/** Starts a long-running program in the router; its output goes to /tmp/<name>.log there. */
	start(name: string, cmd: string[], env: Record<string, string> = {}): void {
		const [c, ...a] = this.argv(['/bin/sh', '-c', 'exec "$@" >>"/tmp/$LAB_NAME.log" 2>&1', 'sh', ...cmd]);
		const child = spawn(c, a, {
			stdio: 'ignore',
			env: { ...ROUTER_ENV, LAB_NAME: name, ...env },
		});
		child.unref();
		this.daemons.set(name, child);
		this.log(`router: started ${name} (${cmd.join(' ')})`);
	}

	stop(name: string): void {
		const child = this.daemons.get(name);
		if (child?.pid && child.exitCode == null && child.signalCode == null) {
			child.kill('SIGTERM');
			const end = Date.now() + 3000;
			while (running(child.pid) && Date.now() < end) sleep(50);
			if (running(child.pid)) child.kill('SIGKILL');
		}
		this.daemons.delete(name);
	}

	/** The router's system log (`logread`). */
	syslog(): string {
		return this.exec(['/sbin/logread']).stdout;
	}

	daemonLog(name: string): string {
		return this.file(`tmp/${name}.log`) ?? '';
	}

	/**
	 * Boots what a router runs for this product, in procd's order: ubusd (procd starts it
	 * itself), then the init scripts of network (netifd) and rpcd. `env` reaches every
	 * daemon the init scripts start (e.g. netifd-lab's tunnel hook).
	 */
	boot(env: Record<string, string> = {}): void {
		mkdirSync(join(this.root, 'tmp/run/ubus'), { recursive: true });
		mkdirSync(join(this.root, 'tmp/lock'), { recursive: true });
		// The system log (logd on OpenWrt; busybox's syslogd with a ring buffer here, which
		// busybox logread reads the same way).
		this.start('syslogd', ['/sbin/syslogd', '-n', '-C256']);
		this.start('ubusd', ['/sbin/ubusd']);
		waitFor('ubusd socket', 5000, () => existsSync(join(this.root, 'tmp/run/ubus/ubus.sock')));
		// procd's own ubus objects: `service` (config-change reloads), `system` (board, info).
		this.start('procd-ubus', ['/usr/bin/ucode', '/usr/libexec/lab/procd-ubus.uc']);
		waitFor('procd stand-in on ubus', 5000, () => this.ubus('list', 'service').code == 0);
		// First boot: /etc/init.d/boot applies the uci-defaults scripts once (LuCI's theme and
		// languages among them). The stock configs are already the result of a first boot, so
		// the scripts for those find nothing to do, as on a router.
		const defaults = this.sh('cd /etc/uci-defaults && for f in *; do [ -f "$f" ] || continue; ( . "./$f" ) >/dev/null 2>&1 && rm -f "$f"; done; ls /etc/uci-defaults');
		if (defaults.stdout.trim()) this.log(`router: uci-defaults left for later: ${defaults.stdout.trim().split('\n').join(' ')}`);
		// As on an image: the services are enabled (/etc/rc.d links), which scripts check
		// (fw4's iface hotplug reloads the firewall only when it is enabled).
		for (const s of ['network', 'rpcd', 'firewall', 'odhcpd', 'uhttpd']) this.service(s, 'enable');
		this.service('network', 'start', env);
		waitFor('netifd on ubus', 10000, () => this.ubus('list', 'network.interface').code == 0);
		this.service('rpcd', 'start', env);
		waitFor('rpcd on ubus', 10000, () => this.ubus('list', 'session').code == 0);
		const fw = this.service('firewall', 'start', env);
		if (fw.code != 0) throw new Error(`fw4 start failed: ${fw.stderr}${fw.stdout}`);
		this.service('odhcpd', 'start', env);
		// LuCI through its CGI entry (/www/cgi-bin/luci, a process per request) instead of
		// uhttpd's in-process ucode handler: that handler loads LuCI's dispatcher, and with it a
		// ubus connection, in uhttpd's main process, whose event loop then also waits on that
		// socket; the request children share it and, on this machine, waited for ubus replies
		// that never reached them, so page loads hung (curl from the LAN host: 0 of 20
		// answered; through CGI 10 of 10).
		// Same LuCI code, same uhttpd and ubus objects; only the entry differs (README).
		this.sh('uci -q delete uhttpd.main.ucode_prefix; uci commit uhttpd');
		this.service('uhttpd', 'start', env);
	}

	/**
	 * Stage 2 of the lab: netifd-lab (the stock netifd plus tools/openwrt/lab-tunnel.c) in
	 * place of /sbin/netifd, with a hook that makes the MAP tunnel device a veth whose other
	 * end (`labbr`) the lab hands to its border relay. Call before boot().
	 */
	useTunnelStandIn(): Record<string, string> {
		// A new file, not the old one rewritten: a netifd that is still exiting keeps its own.
		rmSync(join(this.root, 'sbin/netifd'), { force: true });
		cpSync(join(this.root, 'sbin/netifd-lab'), join(this.root, 'sbin/netifd'));
		cpSync('/usr/bin/ip', join(this.root, 'usr/libexec/lab/ip'));
		this.writeFile('usr/libexec/lab/tunnel-hook', `#!/bin/sh
# Router lab: stands in for the ip6tnl device this kernel cannot create. netifd-lab runs it
# as <hook> <ifname> <tunnel attributes as JSON> after the kernel refused the tunnel.
echo "$2" >"/tmp/lab-tunnel-$1.json"
/usr/libexec/lab/ip link add "$1" type veth peer name labbr
`);
		chmodSync(join(this.root, 'usr/libexec/lab/tunnel-hook'), 0o755);
		return { NETIFD_LAB_TUNNEL_HOOK: '/usr/libexec/lab/tunnel-hook' };
	}

	/**
	 * Stage 2 on a router that ran stage 1: the network service stops (netifd exits and
	 * removes what it set up), and netifd-lab (useTunnelStandIn) starts in its place from the
	 * same configs, as netifd does at boot. The package, its configs and the other services
	 * stay as they are.
	 */
	restartWithTunnelStandIn(): void {
		this.service('network', 'stop');
		waitFor('netifd gone from ubus', 10000, () => this.ubus('list', 'network.interface').code != 0);
		const env = this.useTunnelStandIn();
		this.service('network', 'start', env);
		waitFor('netifd-lab on ubus', 10000, () => this.ubus('list', 'network.interface').code == 0);
	}

	/** `/etc/init.d/<name> <action>` as procd would run it (through the procd stand-in). */
	service(name: string, action: string, env: Record<string, string> = {}): Run {
		const [c, ...a] = this.argv([`/etc/init.d/${name}`, action]);
		const r = run(c, a, undefined, { ...ROUTER_ENV, ...env });
		if (action != 'enable') this.log(`router: /etc/init.d/${name} ${action} → ${r.code}`);
		return r;
	}

	/**
	 * Installs an .ipk with the router's real opkg, as `opkg install ./file.ipk` over SSH
	 * would: its maintainer scripts and uci-defaults run. The dependencies the image does
	 * not package (it is not built from an OpenWrt feed) are registered as installed first.
	 */
	installPackage(ipk: string): Run {
		const control = must('sh', ['-c', 'tar -xzOf "$1" ./control.tar.gz | tar -xzO ./control', 'sh', ipk]);
		const depends = (/^Depends: (.*)$/m.exec(control)?.[1] ?? '').split(',').map((d) => d.trim().split(' ')[0]).filter(Boolean);
		const status = this.file('usr/lib/opkg/status') ?? '';
		const missing = depends.filter((d) => !new RegExp(`^Package: ${d}$`, 'm').test(status));
		this.writeFile('usr/lib/opkg/status', status + missing.map((d) =>
			`Package: ${d}\nVersion: 0-lab\nStatus: install user installed\nArchitecture: all\nInstalled-Time: 0\n\n`).join(''));
		// opkg reads each installed package's file list on install.
		for (const d of missing) this.writeFile(`usr/lib/opkg/info/${d}.list`, '');
		if (!this.file('etc/opkg.conf')) {
			this.writeFile('etc/opkg.conf', 'dest root /\ndest ram /tmp\nlists_dir ext /var/opkg-lists\noption overlay_root /overlay\n' +
				'option check_signature 0\narch all 1\narch noarch 1\narch x86_64 10\n');
		}
		const name = ipk.split('/').pop()!;
		cpSync(ipk, join(this.root, 'tmp', name));
		const r = this.exec(['/bin/opkg', 'install', `/tmp/${name}`]);
		this.log(`router: opkg install ${name} → ${r.code}`);
		return r;
	}

	/** `opkg <args>` with the router's real opkg (e.g. `remove luci-app-mape`). */
	opkg(...args: string[]): Run {
		const r = this.exec(['/bin/opkg', ...args]);
		this.log(`router: opkg ${args.join(' ')} → ${r.code}`);
		return r;
	}

	/** Copies a file of the host into the router's /tmp; returns its path there. */
	upload(file: string): string {
		const name = file.split('/').pop()!;
		cpSync(file, join(this.root, 'tmp', name));
		return `/tmp/${name}`;
	}

	/** The configs as bytes (null: no such file), to compare before and after something. */
	configFiles(names: readonly string[] = ['network', 'dhcp', 'firewall', 'mape']): Record<string, string | null> {
		return Object.fromEntries(names.map((n) => [n, this.file(`etc/config/${n}`)]));
	}

	/**
	 * Records every iface hotplug event netifd sends, after the package's own handlers ran:
	 * /etc/hotplug.d/iface/99-lab-record appends "<ACTION> <INTERFACE>" to
	 * /tmp/lab-hotplug.log. hotplug-call runs the scripts of an event one after the other, so
	 * once an event is recorded, 95-mape has finished with it: a test can wait for that
	 * instead of sleeping. Call once, any time after the router exists.
	 */
	recordHotplug(): void {
		this.writeFile('etc/hotplug.d/iface/99-lab-record', '# Router lab: record each iface event after the handlers before it ran.\necho "$ACTION $INTERFACE" >>/tmp/lab-hotplug.log\n');
	}

	/** The iface hotplug events recorded so far ("ifup wan6", …), oldest first. */
	hotplugEvents(): string[] {
		return (this.file('tmp/lab-hotplug.log') ?? '').split('\n').filter(Boolean);
	}

	/**
	 * Waits until `event` (e.g. "ifupdate wan6") is recorded after the first `seen` events
	 * (take `seen` from hotplugEvents().length before causing it); returns the events since.
	 */
	waitHotplug(event: string, seen: number, ms = 30000): string[] {
		return waitFor(`hotplug event "${event}"`, ms, () => {
			const since = this.hotplugEvents().slice(seen);
			return since.includes(event) ? since : null;
		});
	}

	/** `ifdown <iface>` / `ifup <iface>` as over SSH (base-files' scripts, through netifd's ubus). */
	ifdown(iface: string): Run {
		return this.exec(['/sbin/ifdown', iface]);
	}

	ifup(iface: string): Run {
		return this.exec(['/sbin/ifup', iface]);
	}

	/** The interfaces netifd reports, by name. */
	interfaces(): Record<string, any> {
		const dump = this.call('network.interface', 'dump');
		return Object.fromEntries((dump?.interface ?? []).map((i: any) => [i.interface, i]));
	}

	teardown(): void {
		for (const name of [...this.daemons.keys()].reverse()) this.stop(name);
		// Whatever the daemons started (odhcp6c, udhcpc, scripts) runs in the router's
		// namespace: end every process whose root is this router's.
		for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
			try {
				if (readlinkSync(`/proc/${pid}/root`) == this.root) process.kill(Number(pid), 'SIGKILL');
			} catch { /* gone */ }
		}
		for (const m of this.mounts.splice(0).reverse()) run('umount', ['-l', m]);
	}

	destroy(): void {
		this.undo();
	}
}
