/*
 * The router build in real ucode with real libuci and ubus, on the userland of each pinned
 * OpenWrt release (test/openwrt-env.ts; ubusd + rpcd + ucode with its uci/ubus/uloop modules,
 * built by tools/openwrt/build.sh):
 *
 * - the `mape` CLI (root/usr/sbin/mape) on the router scenarios of router.test.ts, starting
 *   from that release's stock first-boot configs, with a stand-in for netifd on ubusd
 *   (fixtures/router/fake-netifd.uc; the real netifd is the router lab's); the resulting
 *   configs must be the same UCI content (`uci show` of that release's libuci) as the Node
 *   build's, a second apply must change no byte, and restore must bring back the stock
 *   files byte for byte;
 * - the rpcd plugin luci.mape loaded by that release's rpcd: `ubus call luci.mape status`
 *   answers, a wrong argument type is rejected with INVALID_ARGUMENT, apply works, and a
 *   restore the way the Setup page does it (restore_plan, its operations committed with that
 *   release's libuci as LuCI would, restore_finish) brings back the stock files byte for byte.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { REPO, buildBackendForTest } from './backend-build.ts';
import { openwrtStacks, realTest, stacksMissing, type Stack } from './openwrt-env.ts';
import { startStack, type RunningStack } from './openwrt-stack.ts';
import { onExit, scratchDir } from './scratch.ts';

const FIX = join(REPO, 'test/fixtures/router');
/** /etc/config/mape as the package installs it. */
const SHIPPED_MAPE = join(REPO, 'root/etc/config/mape');
/** The stock first-boot configs of each release (shared/data/openwrt-defaults/<major.minor>). */
const DEFAULTS = join(REPO, '../shared/data/openwrt-defaults');
const CONFIGS = ['network', 'firewall', 'dhcp', 'mape'];

function wan6(prefix: string | null, address: string | null): object {
	return {
		interface: 'wan6', up: true, proto: 'dhcpv6', device: 'eth1', l3_device: 'eth1',
		'ipv6-address': address ? [{ address, mask: 64 }] : [],
		'ipv6-prefix': prefix ? [{ address: prefix, mask: 56 }] : [],
	};
}
const RA64 = wan6(null, '240b:10:abcd:ef00:1234:5678:9abc:def0');
const PD56 = wan6('240b:10:abcd:ef00::', '240b:10:abcd:ef00::1001');
const OCN = wan6('2400:4050:1234:5600::', null);
const DOC56 = wan6('2001:db8:abcd:ef00::', null);
/** DS-Lite lines (transix, 2409:10::/30). */
const TRANSIX64 = wan6(null, '2409:10:1234:5600:1234:5678:9abc:def0');
const TRANSIX56 = wan6('2409:10:1234:5600::', '2409:10:1234:5600::1001');
/** A manual rule (see router.test.ts) for the documentation prefix, which the table does not know. */
const MANUAL = "\toption manual '1'\n\toption br '2001:db8:ffff::64'\n\toption ip6prefix '2001:db8::'\n\toption ip6prefixlen '31'\n" +
	"\toption ip4prefix '198.18.0.0'\n\toption ip4prefixlen '15'\n\toption ealen '25'\n\toption psidlen '8'\n\toption offset '4'\n";
const stockMape = () => readFileSync(SHIPPED_MAPE, 'utf8');

const missing = stacksMissing();
const stacks = missing ? [] : openwrtStacks();
if (missing) realTest('real ucode/libuci/rpcd of every release', missing, () => {});
for (const stack of stacks) describe(`OpenWrt ${stack.release}`, () => releaseTests(stack));

function releaseTests(stack: Stack) {
	const STOCK = join(DEFAULTS, stack.release.split('.').slice(0, 2).join('.'));
	let base = '';
	let fixture = '';
	let running: RunningStack | null = null;
	let netifd: ChildProcess | null = null;
	let stopNetifd = () => {};
	/** Where the rpcd plugin (which reads rpcd's environment) keeps its router. */
	let rpcdDir = '';

	const setLine = (ifaces: object[]) =>
		writeFileSync(fixture, JSON.stringify({ dump: { interface: ifaces }, devices: { eth1: { macaddr: '52:54:00:12:34:56' } } }));
	const stockFile = (c: string) => readFileSync(join(STOCK, c), 'utf8');

	function freshRouter(dir: string, files: Record<string, string> = {}) {
		mkdirSync(join(dir, 'config'), { recursive: true });
		mkdirSync(join(dir, 'init.d'), { recursive: true });
		for (const name of ['network', 'dnsmasq', 'odhcpd', 'firewall']) {
			writeFileSync(join(dir, 'init.d', name), '#!/bin/sh /etc/rc.common\n');
			chmodSync(join(dir, 'init.d', name), 0o755);
		}
		for (const c of ['network', 'firewall', 'dhcp']) writeFileSync(join(dir, 'config', c), files[c] ?? stockFile(c));
		writeFileSync(join(dir, 'config/mape'), files.mape ?? stockMape());
	}

	function envFor(dir: string, socket = running!.socket): NodeJS.ProcessEnv {
		return {
			...process.env, POSIXLY_CORRECT: '1', MAPE_UBUS_SOCKET: socket, MAPE_CONFDIR: join(dir, 'config'),
			MAPE_SAVEDIR: join(dir, 'save'), MAPE_STATEDIR: join(dir, 'state'), MAPE_RUNDIR: dir, MAPE_DRYRUN: join(dir, 'commands'),
			MAPE_TEST_UBUS: fixture, MAPE_INITDIR: join(dir, 'init.d'), MAPE_RPCD_SNAPSHOTS: join(dir, 'rpcd-snapshots'),
		};
	}

	function ucodeMape(dir: string, args: string[]) {
		const b = buildBackendForTest();
		const r = spawnSync(stack.ucode, ['-L', join(b.root, 'usr/share/ucode'), join(b.root, 'usr/sbin/mape'), ...args], { encoding: 'utf8', env: envFor(dir) });
		return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
	}

	function nodeMape(dir: string, args: string[]) {
		const b = buildBackendForTest();
		const r = spawnSync(process.execPath, ['--import', 'tsx', join(FIX, 'run-router.ts'), join(b.js, 'luci-app-mape/router/cli.js'), ...args], { encoding: 'utf8', env: envFor(dir), cwd: REPO });
		return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
	}

	function uciShow(dir: string, config: string): string {
		if (!existsSync(join(dir, 'config', config))) return '';
		return spawnSync(stack.uci, ['-c', join(dir, 'config'), '-P', join(dir, 'uci-show'), 'show', config], { encoding: 'utf8' }).stdout;
	}

	/**
	 * A config's content as that release's `uci show` prints it: the sections in order, then
	 * every option line sorted (so option order inside a section, which is no content, drops out).
	 */
	function content(dir: string, config: string): string {
		const lines = uciShow(dir, config).split('\n').filter((l) => l != '');
		const sections = lines.filter((l) => /^[^.=]+\.[^.=]+=/.test(l));
		return [...sections, ...lines.filter((l) => !sections.includes(l)).sort()].join('\n');
	}

	/** What LuCI does with a restore plan: commit its operations with this release's libuci. */
	function luciCommit(dir: string, ops: object[]): void {
		const file = join(dir, 'ops.json');
		writeFileSync(file, JSON.stringify(ops));
		const r = spawnSync(stack.ucode, [join(FIX, 'luci-commit.uc'), join(dir, 'config'), join(dir, 'luci-save'), file], { encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
	}

	function files(dir: string): Record<string, string | null> {
		return Object.fromEntries(CONFIGS.map((c) => [c, existsSync(join(dir, 'config', c)) ? readFileSync(join(dir, 'config', c), 'utf8') : null]));
	}

	const ubus = (args: string[]) => running!.ubus(args);

	before(() => {
		const b = buildBackendForTest();
		base = scratchDir(`mape-owrt-${stack.release}`);
		fixture = join(base, 'netifd.json');
		rpcdDir = join(base, 'rpcd-router');
		setLine([RA64]);
		freshRouter(rpcdDir);
		running = startStack(stack, {
			plugins: join(b.root, 'usr/share/rpcd/ucode'),
			modules: join(b.root, 'usr/share/ucode/mape'),
			env: (socket) => envFor(rpcdDir, socket),
		});
		netifd = spawn(stack.ucode, [join(FIX, 'fake-netifd.uc'), running.socket, fixture], { stdio: 'ignore' });
		stopNetifd = onExit(() => { if (netifd?.pid && netifd.exitCode == null) process.kill(netifd.pid, 'SIGKILL'); });
		for (let i = 0; i < 50 && ubus(['list', 'network.interface']).code !== 0; i++) spawnSync('sleep', ['0.1']);
	});

	after(() => {
		stopNetifd();
		running?.stop();
	});

	/** The same scenario through the Node and the ucode build: same UCI content, idempotent, restorable. */
	function sameOnBoth(name: string, line: object[], files0: Record<string, string> = {}, steps?: (dir: string, mape: typeof ucodeMape) => void, mapeChanges = false) {
		test(`ucode build = Node build: ${name}`, () => {
			setLine(line);
			const base = scratchDir('mape-both');
			const dirs = { node: join(base, 'node'), ucode: join(base, 'ucode') };
			const runners = { node: nodeMape, ucode: ucodeMape };
			const results: Record<string, string> = {};
			for (const kind of ['node', 'ucode'] as const) {
				setLine(line);
				const dir = dirs[kind];
				const mape = runners[kind];
				freshRouter(dir, files0);
				const stock = files(dir);
				const st = JSON.parse(mape(dir, ['status', '--json']).stdout);
				const plan = JSON.parse(mape(dir, ['plan', '--json']).stdout);
				// SNAT is on by default: unless the MAP interface gets another name, nothing in
				// /etc/config/mape changes, so it is not committed (which would drop its comments).
				assert.equal(plan.configs.includes('mape'), mapeChanges, `${kind}: mape in the plan`);
				const a = mape(dir, ['apply', '--json']);
				assert.equal(a.code, 0, `${kind}: ${a.stdout}${a.stderr}`);
				// A config the plan does not change keeps every byte (real libuci rewrites a
				// committed file without its comments).
				for (const c of CONFIGS) if (!plan.configs.includes(c)) assert.equal(files(dir)[c], stock[c], `${kind}: ${c} untouched`);
				steps?.(dir, mape);
				const applied = files(dir);
				const again = JSON.parse(mape(dir, ['apply', '--json']).stdout);
				assert.equal(again.changed, false, kind);
				assert.deepEqual(files(dir), applied, `${kind}: a second apply changes nothing`);
				results[kind] = JSON.stringify(st) + '\n' + CONFIGS.map((c) => uciShow(dir, c)).join('');
				const back = mape(dir, ['restore', '--json']);
				assert.equal(back.code, 0, back.stderr);
				if (!steps) assert.deepEqual(files(dir), stock, `${kind}: byte-exact restore`);
			}
			assert.equal(results.ucode, results.node);
		});
	}

	sameOnBoth('/64 RA-only line', [RA64]);
	sameOnBoth('/56 PD line', [PD56]);
	sameOnBoth('stale router followed by hotplug', [PD56], {}, (dir, mape) => {
		setLine([OCN]);
		assert.equal(JSON.parse(mape(dir, ['status', '--json']).stdout).state, 'STALE');
		assert.equal(mape(dir, ['hotplug', 'ifupdate', 'wan6']).code, 0);
		assert.equal(JSON.parse(mape(dir, ['status', '--json']).stdout).state, 'CONFIGURED');
	});
	sameOnBoth('DS-Lite /64 RA-only line', [TRANSIX64]);
	sameOnBoth('DS-Lite /56 PD line', [TRANSIX56]);
	sameOnBoth('MAP-E to DS-Lite and back, each followed by hotplug', [PD56], {}, (dir, mape) => {
		for (const [line, name] of [[TRANSIX56, 'wandslite'], [PD56, 'wanmap']] as const) {
			setLine([line]);
			assert.equal(JSON.parse(mape(dir, ['status', '--json']).stdout).state, 'STALE');
			assert.equal(mape(dir, ['hotplug', 'ifupdate', 'wan6']).code, 0);
			const st = JSON.parse(mape(dir, ['status', '--json']).stdout);
			assert.equal(st.state, 'CONFIGURED');
			assert.deepEqual([st.map?.name ?? null, st.dslite?.name ?? null], name == 'wandslite' ? [null, 'wandslite'] : ['wanmap', null]);
		}
	});
	const stockNetwork = () => stockFile('network');
	sameOnBoth('manual rule for a prefix outside the table', [DOC56], { mape: stockMape() + MANUAL });
	sameOnBoth('foreign config with a hand-made MAP interface', [RA64], {
		network: stockNetwork() + "\nconfig interface 'guest'\n\toption proto 'static'\n\nconfig interface 'v6plus'\n\toption proto 'map'\n\toption peeraddr '2404:9200:225:100::64'\n\toption psid '61184'\n\toption ttl '64'\n",
	}, undefined, true);

	test('ucode build: bad inputs give the same error codes and change nothing', () => {
		const base = scratchDir('mape-bad');
		const withoutWan6 = stockNetwork().replace("\nconfig interface 'wan6'\n\toption device 'eth1'\n\toption proto 'dhcpv6'\n", '');
		assert.notEqual(withoutWan6, stockNetwork(), `the ${stack.release} stock network config has the wan6 section this case removes`);
		const cases: [string, object[], Record<string, string>, string][] = [
			['missing', [], { network: withoutWan6 }, 'WAN6_MISSING'],
			['unknown', [wan6('2001:db8:1:100::', null)], {}, 'UNKNOWN'],
			['conflict', [PD56], { network: stockNetwork() + "\nconfig interface 'wanmap'\n\toption proto 'static'\n" }, 'NAME_CONFLICT'],
			['manual-ealen', [DOC56], { mape: stockMape() + MANUAL.replace("ealen '25'", "ealen '24'") }, 'EALEN_MISMATCH'],
			['manual-br', [DOC56], { mape: stockMape() + MANUAL.replace("'2001:db8:ffff::64'", "'br'") }, 'BAD_BR'],
			['manual-outside', [PD56], { mape: stockMape() + MANUAL }, 'PREFIX_OUTSIDE_RULE'],
		];
		for (const [name, line, overrides, code] of cases) {
			setLine(line);
			const dir = join(base, name);
			freshRouter(dir, overrides);
			const before = files(dir);
			const r = ucodeMape(dir, ['apply', '--json']);
			assert.equal(r.code, 1, name);
			assert.equal(JSON.parse(r.stdout).error.code, code, name);
			// NAME_CONFLICT is the plan's own refusal; the others are the status's error too.
			if (code != 'NAME_CONFLICT') assert.equal(JSON.parse(ucodeMape(dir, ['status', '--json']).stdout).error.code, code, name);
			assert.deepEqual(files(dir), before, name);
		}
	});

	test('real rpcd loads luci.mape: status answers, wrong argument types are rejected, apply/restore work', () => {
		setLine([RA64]);
		const list = ubus(['-v', 'list', 'luci.mape']);
		assert.equal(list.code, 0, list.stderr + running!.log());
		assert.match(list.stdout, /"calc":\{"input":"String"\}/);
		assert.match(list.stdout, /"restore_plan":\{"backup":"String"\}/);
		assert.match(list.stdout, /"restore_finish":\{"backup":"String"\}/);
		assert.doesNotMatch(list.stdout, /"restore":/, 'no restore that bypasses LuCI\'s rollback');
		assert.match(list.stdout, /"provision":\{\}/);
		assert.match(list.stdout, /"provision_status":\{\}/);
		// HB46PP from rpcd: the status reads the cache; provision only starts a background run.
		assert.deepEqual(JSON.parse(ubus(['call', 'luci.mape', 'provision_status']).stdout), { enabled: true, running: false, cache: null });
		assert.deepEqual(JSON.parse(ubus(['call', 'luci.mape', 'provision']).stdout), { started: true });

		const st = ubus(['call', 'luci.mape', 'status']);
		assert.equal(st.code, 0, st.stderr);
		const status = JSON.parse(st.stdout);
		assert.equal(status.state, 'NOT_CONFIGURED');
		assert.equal(status.calc.ipv4, '106.72.171.205');
		assert.equal(status.version, '0.1.0');

		// rpcd's own strict typing: a number for a string argument, an undeclared key.
		for (const [method, args] of [['calc', '{"input":5}'], ['calc', '{"nope":"x"}'], ['restore_plan', '{"backup":5}'], ['restore_plan', '{"id":"x"}'], ['restore_finish', '{"backup":true}']]) {
			const bad = ubus(['call', 'luci.mape', method, args]);
			// The ubus CLI exits with -UBUS_STATUS_INVALID_ARGUMENT (2) and says so.
			assert.equal(bad.code, 254, args);
			assert.match(bad.stderr, new RegExp(`Command failed: ubus call luci.mape ${method} .* \\(Invalid argument\\)`), args);
		}
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'calc', '{"input":""}']).stdout).error.code, 'INVALID_ARGUMENT');
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'calc', '{"input":"240b:10:abcd:ef00::/56"}']).stdout).psid, 239);
		for (const method of ['restore_plan', 'restore_finish']) {
			assert.equal(JSON.parse(ubus(['call', 'luci.mape', method, '{"backup":"../x"}']).stdout).error.code, 'BAD_BACKUP_ID', method);
			assert.equal(JSON.parse(ubus(['call', 'luci.mape', method, '{"backup":"20990101-000000"}']).stdout).error.code, 'NO_BACKUP', method);
		}
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'restore_finish', '{}']).stdout).error.code, 'INVALID_ARGUMENT', 'restore_finish needs the id');

		const stock = files(rpcdDir);
		const stockDir = join(base, 'stock-content');
		freshRouter(stockDir);
		/** The Setup page's restore: restore_plan, its operations committed as LuCI does, restore_finish. */
		const luciRestore = (id: string) => {
			const rp = JSON.parse(ubus(['call', 'luci.mape', 'restore_plan', JSON.stringify({ backup: id })]).stdout);
			assert.equal(rp.backup, id);
			assert.ok(rp.ops.length > 0);
			assert.doesNotMatch(JSON.stringify(rp.ops.map((o: any) => [o.ref, o.label])), /cfg[0-9a-f]{6}/);
			const before = files(rpcdDir);
			const early = JSON.parse(ubus(['call', 'luci.mape', 'restore_finish', JSON.stringify({ backup: id })]).stdout);
			assert.equal(early.error.code, 'RESTORE_NOT_APPLIED', 'not live yet: nothing written');
			assert.deepEqual(files(rpcdDir), before);
			luciCommit(rpcdDir, rp.ops);
			for (const c of CONFIGS) assert.equal(content(rpcdDir, c), content(stockDir, c), `${c}: the backup's content is live (uci show)`);
			const done = JSON.parse(ubus(['call', 'luci.mape', 'restore_finish', JSON.stringify({ backup: id })]).stdout);
			assert.equal(done.restored, id);
			// libuci rewrote the firewall file without its comments; the finish puts them back.
			assert.ok(done.rewritten.includes('firewall'), JSON.stringify(done));
			assert.deepEqual(files(rpcdDir), stock, 'byte for byte');
		};
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'plan']).stdout).ops.length, 26);
		const applied = JSON.parse(ubus(['call', 'luci.mape', 'apply']).stdout);
		assert.equal(applied.changed, true);
		assert.deepEqual([applied.reloaded, applied.failed, applied.missing], [['network', 'dnsmasq', 'odhcpd', 'firewall'], [], []]);
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'status']).stdout).state, 'CONFIGURED');
		assert.deepEqual(JSON.parse(ubus(['call', 'luci.mape', 'backups']).stdout).backups, [applied.backup]);
		luciRestore(applied.backup);

		// backup (LuCI calls it before applying its staged plan): a backup of the four configs
		// with reason luci; after the plan is committed behind its back, restore brings back
		// the stock files byte for byte.
		assert.match(ubus(['-v', 'list', 'luci.mape']).stdout, /"backup":\{\}/);
		assert.equal(ubus(['call', 'luci.mape', 'backup', '{"x":"y"}']).code, 254, 'rpcd rejects undeclared arguments');
		const made = JSON.parse(ubus(['call', 'luci.mape', 'backup']).stdout);
		assert.deepEqual(Object.keys(made), ['backup']);
		const manifest = JSON.parse(readFileSync(join(rpcdDir, 'state/backup', made.backup, 'manifest'), 'utf8'));
		assert.deepEqual(manifest, { id: made.backup, reason: 'luci', configs: { network: true, dhcp: true, firewall: true, mape: true } });
		assert.deepEqual(files(rpcdDir), stock);
		assert.equal(ucodeMape(rpcdDir, ['apply', '--json']).code, 0, 'stands in for LuCI committing the plan');
		luciRestore(made.backup);

		// Firewall rules reordered, one deleted, one added since the backup: sections that are
		// out of place are removed and added again, which this release's libuci and the byte
		// copy turn into the stock file.
		const madeFw = JSON.parse(ubus(['call', 'luci.mape', 'backup']).stdout);
		const rule = (name: string) => stock.firewall!.match(new RegExp(`config rule\\n\\toption name\\t\\t${name}\\n[^]*?\\n\\n`))![0];
		writeFileSync(join(rpcdDir, 'config/firewall'), stock.firewall!
			.replace(rule('Allow-Ping'), '@PING@').replace(rule('Allow-IGMP'), rule('Allow-Ping')).replace('@PING@', rule('Allow-IGMP'))
			.replace(rule('Allow-MLD'), '') + "\nconfig rule\n\toption name 'Allow-SSH'\n\toption src 'wan'\n\toption dest_port '22'\n\toption target 'ACCEPT'\n");
		assert.notEqual(content(rpcdDir, 'firewall'), content(stockDir, 'firewall'));
		luciRestore(madeFw.backup);

		// The MAP interface's device and uptime, as netifd reports them.
		assert.equal(ucodeMape(rpcdDir, ['apply', '--json']).code, 0);
		setLine([RA64, { interface: 'wanmap', up: true, proto: 'map', uptime: 42, l3_device: 'map-wanmap', device: 'map-wanmap', 'ipv4-address': [{ address: '106.72.171.205', mask: 32 }] }]);
		const up = JSON.parse(ubus(['call', 'luci.mape', 'status']).stdout);
		assert.equal(up.state, 'MAP_UP');
		assert.deepEqual([up.map.device, up.map.since, up.map.ipv4], ['map-wanmap', 42, '106.72.171.205']);
		assert.equal(ucodeMape(rpcdDir, ['restore', '--json']).code, 0, 'the CLI restore');
		assert.deepEqual(files(rpcdDir), stock);

		// A DS-Lite line: the method and the AFTR instead of port sets.
		setLine([TRANSIX56]);
		const ds = JSON.parse(ubus(['call', 'luci.mape', 'status']).stdout);
		assert.deepEqual([ds.state, ds.method, ds.calc.aftr, ds.map, ds.dslite], ['NOT_CONFIGURED', 'dslite', 'gw.transix.jp', null, null]);
		assert.equal(JSON.parse(ubus(['call', 'luci.mape', 'plan']).stdout).interface, 'wandslite');
		setLine([RA64]);
	});
}
