/*
 * The router's side of the pure decisions: where things live, reading the UCI configs and
 * netifd's state, running commands. Everything the CLI, the rpcd plugin and the hotplug
 * handler touch outside ucode goes through here.
 *
 * Paths come from the environment so the same code runs against a scratch directory in
 * tests (the rpcd plugin runs with rpcd's environment, i.e. the defaults):
 *   MAPE_CONFDIR    UCI config directory            default /etc/config
 *   MAPE_SAVEDIR    UCI delta (staged changes) dir  default /tmp/.uci
 *   MAPE_STATEDIR   our state: backup/<id>/…        default /etc/mape
 *   MAPE_RUNDIR     map-<iface>.rules, temp files   default /tmp
 *   MAPE_CONNTRACK  the conntrack table             default /proc/net/nf_conntrack
 *   MAPE_INITDIR    init scripts (service reloads)  default /etc/init.d
 *   MAPE_UBUS_SOCKET  ubusd socket                default: ubus's own (/var/run/ubus/ubus.sock)
 *   MAPE_RPCD_SNAPSHOTS  rpcd's copies of the configs an apply with rollback replaced, kept
 *                   until LuCI confirms or rpcd rolls back   default /var/run/rpcd/snapshot-files
 *   MAPE_DRYRUN     a file: commands (reloads, nft, logger) are appended to it as JSON
 *                   arrays, one per line, instead of being run
 *   MAPE_DRYRUN_FAIL  with MAPE_DRYRUN, a substring: a recorded command whose arguments, or
 *                   whose `-f FILE` script (nft), contain it returns 1 instead of 0, so tests
 *                   can make a command fail (e.g. nft rejecting a script with `ct count`)
 */
import * as fs from 'fs';
import { cursor, type UciCursor } from 'uci';
import { connect } from 'ubus';
import { type ConfigData, type ConfigSection, MANAGED_CONFIGS } from '../core/ucidata';
import { type LiveData, type InterfaceStatus } from '../core/linestate';

/** This package, as it names itself to others (HB46PP requests, rpcd's status). */
export const PACKAGE = 'luci-app-mape';
export const VERSION = '0.1.0';

export interface Paths {
	confdir: string;
	savedir: string;
	statedir: string;
	rundir: string;
	conntrack: string;
	initdir: string;
	rpcd_snapshots: string;
	dryrun: string | null;
	/** MAPE_DRYRUN_FAIL: recorded commands containing it fail (tests only). */
	dryrun_fail: string | null;
	ubus_socket: string | null;
}

function env(name: string, fallback: string): string {
	const value = getenv(name);
	return value != null && value != '' ? value : fallback;
}

export function paths(): Paths {
	const dry = getenv('MAPE_DRYRUN');
	const dryFail = getenv('MAPE_DRYRUN_FAIL');
	const sock = getenv('MAPE_UBUS_SOCKET');
	return {
		confdir: env('MAPE_CONFDIR', '/etc/config'),
		savedir: env('MAPE_SAVEDIR', '/tmp/.uci'),
		statedir: env('MAPE_STATEDIR', '/etc/mape'),
		rundir: env('MAPE_RUNDIR', '/tmp'),
		conntrack: env('MAPE_CONNTRACK', '/proc/net/nf_conntrack'),
		initdir: env('MAPE_INITDIR', '/etc/init.d'),
		rpcd_snapshots: env('MAPE_RPCD_SNAPSHOTS', '/var/run/rpcd/snapshot-files'),
		dryrun: dry != null && dry != '' ? dry : null,
		dryrun_fail: dryFail != null && dryFail != '' ? dryFail : null,
		ubus_socket: sock != null && sock != '' ? sock : null,
	};
}

/** A uci cursor on our config directory (null when the uci module cannot open it). */
export function openCursor(p: Paths): UciCursor | null {
	return cursor(p.confdir, p.savedir);
}

/** One config's sections in file order ([] when the config does not exist). */
function readConfig(cur: UciCursor, config: string): ConfigSection[] {
	const sections: ConfigSection[] = [];
	cur.foreach(config, null, function (s) {
		push(sections, s as unknown as ConfigSection);
	});
	return sections;
}

/**
 * A config file's sections as it is on disk (`path` may be outside the config directory,
 * e.g. a backup): loaded by path, which makes libuci apply no saved changes. [] when the
 * file does not exist, null when uci cannot read it.
 */
export function readConfigFile(path: string): ConfigSection[] | null {
	if (fs.stat(path) == null) return [];
	const cur = cursor(fs.dirname(path) as string);
	if (cur == null || cur.load(path) != true) return null;
	return readConfig(cur, fs.basename(path) as string);
}

/** network, firewall, dhcp and mape as data. */
export function readConfigs(p: Paths): ConfigData {
	const cur = openCursor(p);
	const data: ConfigData = { network: [], firewall: [], dhcp: [], mape: [] };
	if (cur == null) return data;
	for (const config of MANAGED_CONFIGS) {
		if (fs.stat(p.confdir + '/' + config) == null) continue;
		const sections = readConfig(cur, config);
		if (config == 'network') data.network = sections;
		else if (config == 'firewall') data.firewall = sections;
		else if (config == 'dhcp') data.dhcp = sections;
		else data.mape = sections;
	}
	return data;
}

/**
 * netifd's interface dump, its protocol handlers and the uplink device's MAC (empty when
 * ubus is unavailable).
 */
export function readLive(p: Paths, uplink: string | null): LiveData {
	const live: LiveData = { interfaces: [], macaddr: null, protocols: null };
	const conn = p.ubus_socket != null ? connect(p.ubus_socket) : connect();
	if (conn == null) return live;
	const dump = conn.call('network.interface', 'dump', {}) as { interface?: InterfaceStatus[] } | null;
	if (dump != null && type(dump.interface) == 'array') live.interfaces = dump.interface as InterfaceStatus[];
	const handlers = conn.call('network', 'get_proto_handlers', {});
	if (type(handlers) == 'object') live.protocols = keys(handlers as object);
	for (const s of live.interfaces) {
		if (uplink != null && type(s) == 'object' && s.interface == uplink) {
			const dev = s.device != null ? s.device : s.l3_device;
			if (dev != null) {
				const info = conn.call('network.device', 'status', { name: dev }) as { macaddr?: string } | null;
				if (info != null && type(info.macaddr) == 'string') live.macaddr = info.macaddr as string;
			}
		}
	}
	conn.disconnect();
	return live;
}

/** MAPE_DRYRUN_FAIL: does the recorded command contain the substring (in an argument or its -f script)? */
function dryRunFails(needle: string | null, argv: readonly string[]): boolean {
	if (needle == null) return false;
	for (let i = 0; i < length(argv); i++) {
		if (index(argv[i], needle) >= 0) return true;
		if (argv[i] == '-f' && i + 1 < length(argv)) {
			const script = fs.readfile(argv[i + 1]);
			if (script != null && index(script, needle) >= 0) return true;
		}
	}
	return false;
}

/** Runs a command given as argv (never a shell string), or records it under MAPE_DRYRUN. */
export function run(p: Paths, argv: string[]): number {
	if (p.dryrun != null) {
		const f = fs.open(p.dryrun, 'a');
		if (f == null) return 1;
		f.write(sprintf('%J\n', argv));
		f.close();
		return dryRunFails(p.dryrun_fail, argv) ? 1 : 0;
	}
	return system(argv, 30000);
}

/** One line to syslog (tag mape). */
export function logLine(p: Paths, message: string): void {
	run(p, ['logger', '-t', 'mape', message]);
}

/** mkdir -p for an absolute path. */
export function makeDirs(path: string): boolean {
	if (fs.stat(path) != null) return true;
	const parent = fs.dirname(path);
	if (parent != null && parent != path && fs.stat(parent) == null) makeDirs(parent);
	return fs.mkdir(path) == true;
}

/** Writes a file atomically (temp file + rename); returns success. */
export function writeAtomic(path: string, data: string): boolean {
	const tmp = path + '.mape-tmp';
	if (fs.writefile(tmp, data) == null) return false;
	if (fs.rename(tmp, path) != true) {
		fs.unlink(tmp);
		return false;
	}
	return true;
}
