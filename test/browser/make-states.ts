/*
 * Records the backend replies the browser tests serve (test/fixtures/view/states/*.json):
 * for each scenario, a scratch router (stock OpenWrt 24.10 configs, a fake netifd, a fake
 * conntrack table) is driven through the real `mape` backend (the JavaScript build of
 * luci-app-mape/router, run by test/fixtures/router/run-router.ts), and its `status`,
 * `plan`, `portusage` and backup list are saved; for the configured router also the
 * rpcd plugin's `restore_plan` and `restore_finish` replies (before the restore is
 * applied: RESTORE_NOT_APPLIED; after its operations were committed as LuCI does). So
 * the pages are tested against the shapes the backend really returns. Re-run after
 * backend changes:
 *
 *   npx tsx test/browser/make-states.ts
 */
import { mkdirSync, readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, buildBackendForTest } from '../backend-build.ts';
import { loadEngine } from '../engine-build.ts';
import { TRANSIX_BODY } from '../hb46pp-cases.ts';
import { scratchDir } from '../scratch.ts';

const FIX = join(REPO, 'test/fixtures/router');
const STOCK = join(FIX, 'openwrt-24.10');
const OUT = join(REPO, 'test/fixtures/view/states');

type Iface = Record<string, unknown>;

function wan6(v6: { address?: string; prefix?: string; mask?: number }): Iface {
	return {
		interface: 'wan6', up: true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1',
		'ipv6-address': v6.address ? [{ address: v6.address, mask: 64 }] : [],
		'ipv6-prefix': v6.prefix ? [{ address: v6.prefix, mask: v6.mask ?? 56 }] : [],
	};
}

/** `extra`: text appended to the stock network config (a hand-made interface). */
function router(ifaces: Iface[], extra = '') {
	const dir = scratchDir('mape-states');
	const confdir = join(dir, 'config');
	mkdirSync(confdir);
	mkdirSync(join(dir, 'run'));
	for (const c of ['network', 'firewall', 'dhcp']) writeFileSync(join(confdir, c), readFileSync(join(STOCK, c), 'utf8') + (c == 'network' ? extra : ''));
	writeFileSync(join(confdir, 'mape'), readFileSync(join(REPO, 'root/etc/config/mape')));
	const ubus = join(dir, 'ubus.json');
	const setInterfaces = (list: Iface[]) => writeFileSync(ubus, JSON.stringify({ dump: { interface: list }, devices: { eth1: { macaddr: '52:54:00:12:34:56' } } }));
	setInterfaces(ifaces);
	writeFileSync(join(dir, 'nf_conntrack'), '');
	const b = buildBackendForTest();
	const env = {
		...process.env, MAPE_CONFDIR: confdir, MAPE_SAVEDIR: join(dir, 'save'), MAPE_STATEDIR: join(dir, 'state'),
		MAPE_RUNDIR: join(dir, 'run'), MAPE_DRYRUN: join(dir, 'commands'), MAPE_TEST_UBUS: ubus, MAPE_CONNTRACK: join(dir, 'nf_conntrack'),
	};
	const json = (args: string[]) => {
		const r = spawnSync(process.execPath, ['--import', 'tsx', join(FIX, 'run-router.ts'), join(b.js, 'luci-app-mape/router/cli.js'), ...args, '--json'], { encoding: 'utf8', env, cwd: REPO });
		try { return JSON.parse(r.stdout); } catch { throw new Error(`mape ${args.join(' ')}: not JSON (code ${r.status}): ${r.stdout}\n${r.stderr}`); }
	};
	const backups = () => {
		const d = join(dir, 'state/backup');
		return existsSync(d) ? readdirSync(d).filter((n) => /^[0-9]{8}-[0-9]{6}/.test(n)).sort() : [];
	};
	return { dir, env, json, setInterfaces, backups };
}

/**
 * The rpcd plugin's restore replies for router `r`: restore_plan, restore_finish before the
 * plan is applied, and restore_finish after its operations were committed the way LuCI's
 * uci.js save() and rpcd's apply do (removals and deletions, then additions, then values).
 */
async function restoreReplies(r: ReturnType<typeof router>): Promise<{ [method: string]: unknown }> {
	const b = buildBackendForTest();
	const { setUbusBackend } = await import('../../luci-app-mape/runtime/ubus.ts');
	const { cursor } = await import('../../luci-app-mape/runtime/uci.ts');
	const fixture = JSON.parse(readFileSync(join(r.dir, 'ubus.json'), 'utf8'));
	setUbusBackend({ call: (o: string, _m: string, a: any) => o == 'network.interface' ? fixture.dump : fixture.devices[a.name] });
	const saved = { ...process.env };
	Object.assign(process.env, r.env);
	try {
		const plugin = (await import(join(b.js, 'luci-app-mape/router/plugin.js'))).default['luci.mape'];
		const call = (method: string, args: object) => plugin[method].call({ args, info: {}, reply() {}, error() {} });
		const plan = call('restore_plan', { backup: '' });
		const early = call('restore_finish', { backup: plan.backup });
		const cur = cursor(r.env.MAPE_CONFDIR, r.env.MAPE_SAVEDIR)!;
		const ids = new Map<string, string>();
		for (const op of plan.ops) if (op.op == 'remove') cur.delete(op.config, op.section); else if (op.op == 'delete') cur.delete(op.config, op.section, op.option);
		for (const op of plan.ops) if (op.op == 'add') { if (op.anonymous) ids.set(op.section, cur.add(op.config, op.type)!); else cur.set(op.config, op.section, op.type); }
		for (const op of plan.ops) if (op.op == 'set') cur.set(op.config, ids.get(op.section) ?? op.section, op.option, op.new);
		for (const c of plan.configs) cur.commit(c);
		return { restore_plan: plan, restore_finish: call('restore_finish', { backup: plan.backup }), restore_finish_early: early };
	} finally {
		process.env = saved;
		setUbusBackend(null);
	}
}

/** A conntrack table: `perGroup[i]` distinct ports used in group i, spread over LAN hosts. */
function conntrack(ipv4: string, sets: number[][], perGroup: number[], extraConnections: number): string {
	const lines: string[] = [];
	let n = 0;
	sets.forEach((set, g) => {
		for (let p = 0; p < (perGroup[g] ?? 0); p++) {
			const port = set[0] + p;
			const reuse = 1 + ((g + p) % 3 == 0 ? 1 : 0);
			for (let k = 0; k < reuse; k++) {
				const host = `192.168.1.${[10, 10, 10, 23, 23, 57, 101, 150][(n++) % 8]}`;
				lines.push(`ipv4     2 tcp      6 431999 ESTABLISHED src=${host} dst=93.184.${g}.${p} sport=${40000 + n} dport=443 src=93.184.${g}.${p} dst=${ipv4} sport=443 dport=${port} [ASSURED] mark=0 zone=0 use=2`);
			}
		}
	});
	for (let i = 0; i < extraConnections; i++) lines.push(`ipv4     2 udp      17 29 src=192.168.1.10 dst=8.8.8.8 sport=${50000 + i} dport=53 src=8.8.8.8 dst=${ipv4} sport=53 dport=${sets[2][0] + (i % 4)} mark=0 zone=0 use=2`);
	return lines.join('\n') + '\n';
}

/** `status`: a change to the recorded status reply (only where the backend cannot produce it yet). */
async function record(name: string, description: string, r: ReturnType<typeof router>, withRestore = false, status?: (st: any) => void): Promise<void> {
	// Backup ids are times: fixed ones keep the fixtures stable.
	const ids = r.backups();
	const backups = ids.map((_id, i) => `20250102-03040${i + 5}`);
	const state = { description, status: r.json(['status']), plan: r.json(['plan']), portusage: r.json(['portusage']), backups, ...(withRestore ? await restoreReplies(r) : {}) };
	status?.(state.status);
	let text = JSON.stringify(state, null, '\t').split(r.dir).join('');
	ids.forEach((id, i) => { text = text.split(id).join(backups[i]); });
	writeFileSync(join(OUT, `${name}.json`), text + '\n');
	console.log(`${name}: ${state.status.state ?? state.status.error?.code}, ${state.plan.ops?.length ?? state.plan.error?.code} ops`);
}

mkdirSync(OUT, { recursive: true });
const RA64 = wan6({ address: '240b:10:abcd:ef00:1234:5678:9abc:def0' });
const PD56 = wan6({ address: '240b:10:abcd:ef00::1001', prefix: '240b:10:abcd:ef00::', mask: 56 });

await record('unconfigured-64', 'v6plus on a 1G line without HGW: /64 by RA only, stock OpenWrt config', router([RA64]));
await record('unconfigured-56', 'v6plus on a line with a /56 prefix delegation, stock OpenWrt config', router([PD56]));

{
	const r = router([PD56]);
	r.json(['apply']);
	const calc = r.json(['status']).calc;
	r.setInterfaces([PD56, { interface: 'wanmap', up: true, proto: 'map', 'ipv4-address': [{ address: calc.ipv4, mask: 32 }] }]);
	writeFileSync(join(r.dir, 'nf_conntrack'), conntrack(calc.ipv4, calc.portsets, [16, 14, 11, 9, 8, 12, 6, 10, 7, 13, 5, 9, 12, 16, 8], 6));
	await record('configured', 'v6plus /56 line after Auto configure, tunnel up, busy LAN (two groups full, several high)', r, true);
}
{
	const OCN = wan6({ address: '2400:4050:1234:5600::1', prefix: '2400:4050:1234:5600::', mask: 56 });
	const r = router([OCN]);
	r.json(['apply']);
	const calc = r.json(['status']).calc;
	r.setInterfaces([OCN, { interface: 'wanmap', up: true, proto: 'map', 'ipv4-address': [{ address: calc.ipv4, mask: 32 }] }]);
	writeFileSync(join(r.dir, 'nf_conntrack'), conntrack(calc.ipv4, calc.portsets, calc.portsets.map((_: unknown, i: number) => (i * 7) % 17 > 16 ? 16 : (i * 7) % 17), 0));
	await record('configured-ocn', 'OCN Virtual Connect /56 line after Auto configure: 63 port groups, moderate use', r);
}
{
	const r = router([RA64]);
	r.json(['apply']);
	const moved = wan6({ address: '240b:12:1234:5600:1:2:3:4' });
	r.setInterfaces([moved, { interface: 'wanmap', up: false, proto: 'map' }]);
	await record('stale', 'configured for one v6plus prefix, then the line got another one (RA /64)', r);
}
{
	const r = router([RA64]);
	r.json(['apply']);
	r.setInterfaces([RA64, { interface: 'wanmap', up: false, proto: 'map', errors: [{ subsystem: 'map', code: 'INVALID_MAP_RULE' }] }]);
	await record('error', 'configured, but netifd reports INVALID_MAP_RULE on the MAP interface', r);
}
await record('unknown', 'a prefix no MAP-E rule, DS-Lite block or NTT range covers', router([wan6({ address: '2001:db8:1234:5600::1', prefix: '2001:db8:1234:5600::', mask: 56 })]));

/* DS-Lite lines: transix (2409:10::/30). */
const TRANSIX64 = wan6({ address: '2409:10:1234:5600:1234:5678:9abc:def0' });
const TRANSIX56 = wan6({ address: '2409:10:1234:5600::1001', prefix: '2409:10:1234:5600::', mask: 56 });

await record('dslite-unconfigured-64', 'transix DS-Lite on a /64 RA-only line, stock OpenWrt config', router([TRANSIX64]));
{
	const r = router([TRANSIX56]);
	r.json(['apply']);
	r.setInterfaces([TRANSIX56, { interface: 'wandslite', up: true, proto: 'dslite', uptime: 3725, device: 'ds-wandslite', l3_device: 'ds-wandslite', 'ipv4-address': [{ address: '192.0.0.2', mask: 32 }] }]);
	await record('dslite-up', 'transix /56 line after Auto configure, DS-Lite tunnel up', r, true);
}
{
	const r = router([TRANSIX56]);
	r.json(['apply']);
	r.setInterfaces([TRANSIX56, { interface: 'wandslite', up: false, proto: 'dslite', errors: [{ subsystem: 'dslite', code: 'AFTR_DNS_FAIL' }] }]);
	await record('dslite-error', 'transix /56 line after Auto configure, but dslite.sh cannot resolve the AFTR name (AFTR_DNS_FAIL)', r);
}
{
	const r = router([RA64]);
	r.json(['apply']);
	r.setInterfaces([TRANSIX64, { interface: 'wanmap', up: false, proto: 'map', errors: [{ subsystem: 'map', code: 'NO_MATCHING_PD' }] }]);
	await record('dslite-stale', 'configured for v6plus (RA /64), then the line moved to transix (DS-Lite): the plan removes wanmap', r);
}
{
	// A hand-made MAP interface from an earlier provider stays (FOREIGN_TUNNEL_KEPT). The
	// status command does not take calculations from HB46PP yet (router side in progress):
	// its calc is replaced by what the engine (core/hb46pp.ts, core/result.ts) makes of the
	// answer transix sent (provisioning.md §1.8); plan and the rest are the backend's.
	const engine = await loadEngine();
	const r = router([TRANSIX56], "\nconfig interface 'v6plus'\n\toption proto 'map'\n\toption peeraddr '2404:9200:225:100::64'\n\toption tunlink 'wan6'\n");
	await record('dslite-hb46pp', 'transix /56 line whose parameters came from the provider (HB46PP answer with an AFTR address), a hand-made MAP interface left over', r, false, (st) => {
		st.calc = engine.result.toJson(st.input, engine.hb46pp.provisionedCalculation(engine.hb46pp.parseProvisioning(TRANSIX_BODY), st.input));
	});
}
