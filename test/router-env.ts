/*
 * A scratch router for the backend tests (test/router.test.ts, test/router-dslite.test.ts):
 * copies of the stock OpenWrt 24.10 config files (test/fixtures/router/openwrt-24.10,
 * identical to 23.05) and /etc/config/mape as shipped, a fake netifd on ubus
 * (test/fixtures/router/run-router.ts), and the compiled `mape` CLI (JavaScript build, run
 * as a process like /usr/sbin/mape). Paths go through MAPE_CONFDIR/SAVEDIR/STATEDIR/RUNDIR,
 * commands (reloads, nft, logger) are recorded through MAPE_DRYRUN. Also the rpcd plugin
 * in-process (withPlugin) and what LuCI does with staged operations (luciCommit).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, buildBackendForTest } from './backend-build.ts';
import { scratchDir } from './scratch.ts';

export const FIX = join(REPO, 'test/fixtures/router');
/** /etc/config/mape as the package installs it. */
export const SHIPPED_MAPE = join(REPO, 'root/etc/config/mape');
export const STOCK = join(FIX, 'openwrt-24.10');
export const RUNNER = join(FIX, 'run-router.ts');
export const DEF = {
	network: readFileSync(join(STOCK, 'network'), 'utf8'),
	firewall: readFileSync(join(STOCK, 'firewall'), 'utf8'),
	dhcp: readFileSync(join(STOCK, 'dhcp'), 'utf8'),
	mape: readFileSync(SHIPPED_MAPE, 'utf8'),
};

/** japan-ipoe.md §6 (v6plus, example 5.1) as the Node uci runtime writes a new section. */
export const WANMAP_V6PLUS = [
	"config interface 'wanmap'",
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
	"\toption legacymap '1'",
	"\toption tunlink 'wan6'",
	"\toption mtu '1460'",
	"\toption encaplimit 'ignore'",
	'',
].join('\n');

export const FIREWALL_WITH_WANMAP = DEF.firewall.replace("\tlist   network\t\t'wan'\n\tlist   network\t\t'wan6'\n",
	"\tlist network 'wan'\n\tlist network 'wan6'\n\tlist network 'wanmap'\n");

export interface Iface { [key: string]: unknown }

export function wan6(v6: { address?: string; prefix?: string; mask?: number; up?: boolean }): Iface {
	return {
		interface: 'wan6', up: v6.up ?? true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1',
		'ipv6-address': v6.address ? [{ address: v6.address, mask: 64 }] : [],
		'ipv6-prefix': v6.prefix ? [{ address: v6.prefix, mask: v6.mask ?? 56 }] : [],
	};
}

export const RA64 = wan6({ address: '240b:10:abcd:ef00:1234:5678:9abc:def0' });
export const PD56 = wan6({ address: '240b:10:abcd:ef00::1001', prefix: '240b:10:abcd:ef00::', mask: 56 });

export interface Router {
	dir: string;
	confdir: string;
	mape(args: string[]): { code: number; stdout: string; stderr: string };
	json(args: string[]): any;
	read(config: string): string | null;
	files(): Record<string, string | null>;
	/** Recorded commands; init scripts of the router's init.d are shown as /etc/init.d/<name>. */
	commands(): string[][];
	/** Background `mape provision` runs started (HB46PP), kept out of commands(). */
	provisionStarts(): string[][];
	setInterfaces(ifaces: Iface[]): void;
	/** netifd's protocol handlers (`network get_proto_handlers`); unset: the call fails (unknown). */
	setProtocols(protos: string[]): void;
}

/** The init scripts a stock router has for the services that read network, dhcp and firewall. */
export const INIT_SCRIPTS = ['network', 'dnsmasq', 'odhcpd', 'firewall'];

/** A background start of `mape provision` (router/provision_command.ts startProvision). */
function isProvisionStart(c: string[]): boolean {
	return c[0] == '/bin/sh' && c[3] == '/usr/sbin/mape' && /^"\$0" provision "\$@" .*&$/.test(c[2]);
}

/** A scratch router: stock files (plus overrides; null removes a file), a netifd dump, extra environment. */
export function router(ifaces: Iface[], files: Record<string, string | null> = {}, extraEnv: Record<string, string> = {}): Router {
	const dir = scratchDir('mape-router');
	const confdir = join(dir, 'config');
	mkdirSync(confdir);
	mkdirSync(join(dir, 'run'));
	const initdir = join(dir, 'init.d');
	mkdirSync(initdir);
	for (const name of INIT_SCRIPTS) {
		writeFileSync(join(initdir, name), '#!/bin/sh /etc/rc.common\n');
		chmodSync(join(initdir, name), 0o755);
	}
	const all: Record<string, string | null> = { ...DEF, ...files };
	for (const [name, text] of Object.entries(all)) if (text != null) writeFileSync(join(confdir, name), text);
	const ubus = join(dir, 'ubus.json');
	let current = ifaces;
	let protos: Record<string, object> | undefined;
	const write = () => writeFileSync(ubus, JSON.stringify({ dump: { interface: current }, devices: { eth1: { macaddr: '52:54:00:12:34:56' } }, protos }));
	const setInterfaces = (list: Iface[]) => { current = list; write(); };
	const setProtocols = (list: string[]) => { protos = Object.fromEntries(list.map((p) => [p, {}])); write(); };
	write();
	const b = buildBackendForTest();
	const env = {
		...process.env, MAPE_CONFDIR: confdir, MAPE_SAVEDIR: join(dir, 'save'), MAPE_STATEDIR: join(dir, 'state'),
		MAPE_RUNDIR: join(dir, 'run'), MAPE_DRYRUN: join(dir, 'commands'), MAPE_TEST_UBUS: ubus,
		MAPE_CONNTRACK: join(dir, 'nf_conntrack'), MAPE_INITDIR: initdir, MAPE_RPCD_SNAPSHOTS: join(dir, 'rpcd-snapshots'), ...extraEnv,
	};
	const mape = (args: string[]) => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', RUNNER, join(b.js, 'luci-app-mape/router/cli.js'), ...args], { encoding: 'utf8', env, cwd: REPO });
		return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
	};
	const read = (config: string) => existsSync(join(confdir, config)) ? readFileSync(join(confdir, config), 'utf8') : null;
	const recorded = (): string[][] => existsSync(join(dir, 'commands'))
		? readFileSync(join(dir, 'commands'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).map((a: string) => a.replace(initdir + '/', '/etc/init.d/')))
		: [];
	return {
		dir, confdir, mape, read, setInterfaces, setProtocols,
		json: (args: string[]) => {
			const r = mape([...args, '--json']);
			try { return JSON.parse(r.stdout); } catch { throw new Error(`not JSON (code ${r.code}): ${r.stdout}\n${r.stderr}`); }
		},
		files: () => Object.fromEntries(['network', 'firewall', 'dhcp', 'mape'].map((c) => [c, read(c)])),
		commands: () => recorded().filter((c) => !isProvisionStart(c)),
		provisionStarts: () => recorded().filter(isProvisionStart),
	};
}

export function backups(r: Router): string[] {
	const d = join(r.dir, 'state/backup');
	return existsSync(d) ? readdirSync(d).filter((n) => /^[0-9]{8}-[0-9]{6}/.test(n)).sort() : [];
}

export function refused(r: Router, command: string[], code: string) {
	const before = r.files();
	const res = r.mape([...command, '--json']);
	assert.equal(res.code, 1, res.stdout + res.stderr);
	assert.equal(JSON.parse(res.stdout).error.code, code);
	assert.deepEqual(r.files(), before, 'nothing changed');
	assert.deepEqual(backups(r), []);
	assert.deepEqual(r.commands(), []);
}

/** The rpcd plugin (JavaScript build) called in-process against router `r`. */
export async function withPlugin(r: Router, body: (call: (method: string, args: any) => any) => void | Promise<void>): Promise<void> {
	const b = buildBackendForTest();
	const { setUbusBackend } = await import('../luci-app-mape/runtime/ubus.ts');
	const fixture = JSON.parse(readFileSync(join(r.dir, 'ubus.json'), 'utf8'));
	setUbusBackend({ call: (o: string, _m: string, a: any) => o == 'network.interface' ? fixture.dump : o == 'network' ? fixture.protos : fixture.devices[a.name] });
	const saved = { ...process.env };
	Object.assign(process.env, { MAPE_CONFDIR: r.confdir, MAPE_SAVEDIR: join(r.dir, 'save'), MAPE_STATEDIR: join(r.dir, 'state'), MAPE_RUNDIR: join(r.dir, 'run'), MAPE_DRYRUN: join(r.dir, 'commands'), MAPE_CONNTRACK: join(r.dir, 'no-conntrack'), MAPE_INITDIR: join(r.dir, 'init.d'), MAPE_RPCD_SNAPSHOTS: join(r.dir, 'rpcd-snapshots') });
	try {
		const plugin = (await import(join(b.js, 'luci-app-mape/router/plugin.js'))).default['luci.mape'];
		await body((method: string, args: any) => plugin[method].call({ args, info: {}, reply() {}, error() {} }));
	} finally {
		process.env = saved;
		setUbusBackend(null);
	}
}

/**
 * What LuCI does with operations it staged through uci.js: save() sends the removals and
 * option deletions first, then the added sections, then the values, and rpcd's apply
 * commits them. An anonymous section's placeholder becomes the name uci gives it.
 */
export function luciCommit(cur: any, ops: any[]): void {
	const ids = new Map<string, string>();
	const id = (section: string) => ids.get(section) ?? section;
	for (const op of ops) {
		if (op.op == 'remove') assert.equal(cur.delete(op.config, op.section), true, `remove ${op.config}.${op.ref}`);
		else if (op.op == 'delete') assert.equal(cur.delete(op.config, op.section, op.option), true);
	}
	for (const op of ops) {
		if (op.op != 'add') continue;
		if (op.anonymous) ids.set(op.section, cur.add(op.config, op.type));
		else assert.equal(cur.set(op.config, op.section, op.type), true);
	}
	for (const op of ops) if (op.op == 'set') assert.equal(cur.set(op.config, id(op.section), op.option, op.new), true, `set ${op.config}.${op.ref}.${op.option}`);
	for (const c of new Set(ops.map((op) => op.config))) assert.equal(cur.commit(c), true);
}

/** A config's content as uci reads it (sections in order: type, name unless anonymous, options sorted). */
export async function uciContent(text: string): Promise<string> {
	const { cursor } = await import('../luci-app-mape/runtime/uci.ts');
	const dir = scratchDir('mape-content');
	writeFileSync(join(dir, 'c'), text);
	const out: string[] = [];
	cursor(dir, join(dir, 'save'))!.foreach('c', null, (sec: any) => {
		const options = Object.keys(sec).filter((k) => !k.startsWith('.')).sort().map((k) => `${k}=${JSON.stringify(sec[k])}`);
		out.push(`${sec['.type']} ${sec['.anonymous'] ? '-' : sec['.name']}: ${options.join(' ')}`);
	});
	return out.join('\n');
}
