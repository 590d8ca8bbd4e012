/*
 * `mape snat`: the generated nftables text. Every port any SNAT target can produce is checked
 * against the port set derived here, independently, from the RFC 7597 formula (port p
 * belongs to PSID k when its PSID bits are k and its offset bits are not all zero), minus
 * the reserved ports; the script's structure (atomic replacement, priority, one chain per
 * range) is checked too. With $UCODE set, real ucode prints byte-identical output.
 * The kernel side (that nft loads it and NAT does what the text says) is test/snat-lab.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runNodeCli, runUcodeCli } from './backend-build.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { allowedPorts, V6PLUS, OCN, type Shape } from './lab/portset.ts';

/** Every source port the script's SNAT statements can choose, per statement. */
function snatTargets(script: string): { ipv4: string; ports: number[] }[] {
	const out: { ipv4: string; ports: number[] }[] = [];
	for (const m of script.matchAll(/snat ip to ([0-9.]+):(\d+)-(\d+)/g)) {
		const ports = [];
		for (let p = +m[2]; p <= +m[3]; p++) ports.push(p);
		out.push({ ipv4: m[1], ports });
	}
	for (const m of script.matchAll(/snat ip to ([0-9.]+) : numgen inc mod (\d+) map \{ ([^}]*) \}/g)) {
		const items = m[3].split(', ').map((kv) => kv.split(' : ').map(Number));
		assert.equal(items.length, +m[2], 'one map element per counter value');
		items.forEach(([k], i) => assert.equal(k, i));
		out.push({ ipv4: m[1], ports: items.map(([, v]) => v) });
	}
	return out;
}

function snat(args: string[]) {
	const r = runNodeCli(['snat', ...args]);
	assert.equal(r.stderr, '', r.stderr);
	assert.equal(r.code, 0);
	return r.stdout;
}

function manualArgs(s: Shape, ipv4 = '192.0.2.1'): string[] {
	return ['--ipv4', ipv4, '--psid', String(s.psid), '--psidlen', String(s.psidlen), '--offset', String(s.offset)];
}

for (const [name, shape, groups] of [['v6plus', V6PLUS, 15], ['OCN', OCN, 63], ['psidlen 4 offset 0', { psid: 0, psidlen: 4, offset: 0 }, 1]] as const) {
	for (const strategy of ['spill', 'group', 'port', 'stock']) {
		test(`${name}, strategy ${strategy}: every SNAT target is inside the port set${strategy == 'stock' ? '' : ', and every port is a target'}`, () => {
			const script = snat(['--iface', 'wanmap', ...manualArgs(shape), '--strategy', strategy]);
			const allowed = allowedPorts(shape);
			const targets = snatTargets(script);
			assert.ok(targets.length > 0);
			const used = new Set<number>();
			for (const t of targets) {
				assert.equal(t.ipv4, '192.0.2.1');
				for (const p of t.ports) {
					assert.ok(allowed.has(p), `port ${p} is outside the port set`);
					used.add(p);
				}
			}
			if (strategy != 'stock') assert.equal(used.size, allowed.size, 'all ports reachable');
			if (strategy == 'group' || strategy == 'spill') {
				const chain = strategy == 'group' ? 'r' : 's';
				assert.equal((script.match(new RegExp(`^\\tchain ${chain}\\d+ \\{$`, 'gm')) ?? []).length, groups, 'one chain per group');
				assert.match(script, new RegExp(`numgen inc mod ${groups} vmap`));
				// Rules grow with groups (spill: at most 8 tries per start), not with ports.
				const rules = script.split('\n').filter((l) => l.startsWith('\t\t') && !l.includes('type ')).length;
				assert.ok(rules <= groups * 9 + 2, `${rules} rules`);
			}
		});
	}
}

test('the script replaces the table atomically, hooks before fw4 srcnat and matches the MAP device', () => {
	const script = snat(['--iface', 'wanmap', '--prefix', '240b:10:abcd:ef00::/56']);
	const lines = script.split('\n').filter((l) => !l.startsWith('#'));
	assert.deepEqual(lines.slice(0, 3), ['table inet mape_wanmap {}', 'delete table inet mape_wanmap', 'table inet mape_wanmap {']);
	assert.match(script, /type nat hook postrouting priority srcnat - 10; policy accept;/);
	// Every rule of the base chain matches the MAP device and IPv4 only.
	const base = script.slice(script.indexOf('chain srcnat {'));
	const rules = base.split('\n').slice(2).filter((l) => l.startsWith('\t\t'));
	assert.equal(rules.length, 2, 'two rules: mapped protocols, the rest');
	for (const r of rules) assert.match(r, /^\t\toifname "map-wanmap" meta nfproto ipv4 /);
	assert.match(rules[1], /meta l4proto != \{ tcp, udp, icmp \} snat ip to 106\.72\.171\.205$/);
	// Start chain s<k>: TCP/UDP try range k, k+1, … k+7 while it has live connections to the
	// destination below its size; ICMP (echo ids) and the rest take range k. No mark is written.
	assert.match(rules[0], /meta l4proto \{ tcp, udp, icmp \} numgen inc mod 15 vmap \{ 0 : goto s0, 1 : goto s1, .* 14 : goto s14 \}$/);
	const s14 = script.slice(script.indexOf('\tchain s14 {\n')).split('\n').slice(1, 10);
	assert.equal(s14.length, 9);
	assert.equal(s14[0], '\t\tmeta l4proto { tcp, udp } add @live14 { ip daddr . meta l4proto . th dport ct count 16 } snat ip to 106.72.171.205:65264-65279');
	assert.equal(s14[1], '\t\tmeta l4proto { tcp, udp } add @live0 { ip daddr . meta l4proto . th dport ct count 16 } snat ip to 106.72.171.205:7920-7935');
	assert.equal(s14[8], '\t\tmeta l4proto { tcp, udp, icmp } snat ip to 106.72.171.205:65264-65279');
	assert.equal((script.match(/^\tset live\d+ \{$/gm) ?? []).length, 15);
	assert.doesNotMatch(script, /mark/);
	// The group strategy: one range SNAT per chain r<k>, for tcp, udp and icmp alike.
	const group = snat(['--iface', 'wanmap', '--prefix', '240b:10:abcd:ef00::/56', '--strategy', 'group']);
	assert.equal((group.match(/\tchain r\d+ \{\n\t\tmeta l4proto \{ tcp, udp, icmp \} snat ip to 106\.72\.171\.205:\d+-\d+\n\t\}/g) ?? []).length, 15);
	assert.doesNotMatch(group, /ct count/);
	assert.ok(script.endsWith('\t}\n}\n'));
});

test('--prefix gives the same script as the engine\'s parameters typed in', () => {
	assert.equal(snat(['--iface', 'wanmap', '--prefix', '2400:4050:1234:5600::/56']),
		snat(['--iface', 'wanmap', ...manualArgs(OCN, '153.240.72.209')]));
});

test('reserved ports are never targets; groups are split around them, weighted by size', () => {
	const reserve = '7925,12016-12020, 65279 20210-20211';
	const script = snat(['--iface', 'wan_map2', '--prefix', '240b:10:abcd:ef00::/56', '--reserve', reserve, '--device', 'map-x', '--strategy', 'group']);
	const reserved = new Set([7925, 12016, 12017, 12018, 12019, 12020, 65279, 20210, 20211]);
	const allowed = allowedPorts(V6PLUS, reserved);
	const used = new Set<number>();
	for (const t of snatTargets(script)) for (const p of t.ports) {
		assert.ok(allowed.has(p), `port ${p}`);
		used.add(p);
	}
	assert.equal(used.size, allowed.size);
	assert.equal(allowed.size, 240 - 9);
	assert.match(script, /table inet mape_wan_map2 \{\n/);
	assert.match(script, /oifname "map-x"/);
	// 7920-7924 and 7926-7935, 12021-12031, 20208-20209 and 20212-20223, …
	const chains = [...script.matchAll(/chain (r\d+) \{\n\t\tmeta l4proto \{ tcp, udp, icmp \} snat ip to [0-9.]+:(\d+)-(\d+)/g)]
		.map((m) => ({ name: m[1], size: +m[3] - +m[2] + 1 }));
	assert.equal(chains.length, 17);
	// The counter gives each range as many slots as it has ports.
	const vmap = script.match(/numgen inc mod (\d+) vmap \{ ([^}]*) \}/)!;
	assert.equal(+vmap[1], 231);
	const slots = vmap[2].split(', ').map((kv) => kv.split(' : goto ')[1]);
	for (const c of chains) assert.equal(slots.filter((s) => s == c.name).length, c.size, c.name);
	// … interleaved: the first round visits every range once.
	assert.equal(new Set(slots.slice(0, 17)).size, 17);
	// The default (spill) obeys the same reservations.
	const spill = snat(['--iface', 'wan_map2', '--prefix', '240b:10:abcd:ef00::/56', '--reserve', reserve]);
	for (const t of snatTargets(spill)) for (const p of t.ports) assert.ok(allowed.has(p), `spill: port ${p}`);
	assert.match(spill, /ct count 5 \} snat ip to 106\.72\.171\.205:7920-7924\n/);
});

test('--reserve also takes fw4\'s first:last ranges and space-separated lists (the port forward syntax)', () => {
	const base = ['--iface', 'wanmap', '--prefix', '240b:10:abcd:ef00::/56'];
	assert.equal(snat([...base, '--reserve', '7925 12016:12020']), snat([...base, '--reserve', '7925,12016-12020']));
});

test('--remove prints a removal that works whether or not the table exists', () => {
	assert.equal(snat(['--remove', '--iface', 'wanmap']), 'table inet mape_wanmap {}\ndelete table inet mape_wanmap\n');
});

test('errors: exit 1 with a code for impossible parameters, exit 2 with usage for bad usage', () => {
	for (const [args, code] of [
		[['--iface', 'wanmap', '--prefix', '2001:db8::/56'], /Error \([A-Z_]+\)/],
		[['--iface', 'wanmap', ...manualArgs(V6PLUS, '1.2.3')], /Error \(BAD_IPV4\)/],
		[['--iface', 'wanmap', '--ipv4', '192.0.2.1', '--psid', '256', '--psidlen', '8', '--offset', '4'], /Error \(BAD_PSID\)/],
		[['--iface', 'wanmap', '--ipv4', '192.0.2.1', '--psid', 'x', '--psidlen', '8', '--offset', '4'], /Error \(BAD_PSID\)/],
		[['--iface', 'wanmap', '--ipv4', '192.0.2.1', '--psid', '1', '--psidlen', '8', '--offset', '9'], /Error \(BAD_OFFSET\)/],
		[['--iface', 'wan-map', ...manualArgs(V6PLUS)], /Error \(BAD_IFACE\)/],
		[['--iface', 'wanmap', '--device', 'a"b', ...manualArgs(V6PLUS)], /Error \(BAD_DEVICE\)/],
		[['--iface', 'wanmap', ...manualArgs(V6PLUS), '--reserve', '80-70'], /Error \(BAD_RESERVED\)/],
		[['--iface', 'wanmap', ...manualArgs(V6PLUS), '--reserve', '1-65535'], /Error \(NO_PORTS\)/],
		[['--iface', 'wanmap', ...manualArgs(V6PLUS), '--strategy', 'magic'], /Error \(BAD_STRATEGY\)/],
	] as [string[], RegExp][]) {
		const r = runNodeCli(['snat', ...args]);
		assert.equal(r.code, 1, args.join(' '));
		assert.match(r.stderr, code);
		assert.equal(r.stdout, '');
	}
	for (const args of [[], ['--iface', 'wanmap'], ['--prefix', '240b:10:abcd:ef00::/56'], ['--iface', 'wanmap', '--ipv4', '192.0.2.1'],
		['--iface', 'wanmap', '--prefix', '240b:10:abcd:ef00::/56', '--psid', '3'], ['--iface', 'wanmap', '--bogus', '1'],
		['--remove', '--iface', 'wanmap', '--ipv4', '192.0.2.1'], ['--iface']]) {
		const r = runNodeCli(['snat', ...args]);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /Usage: mape snat/);
		assert.equal(r.stdout, '');
	}
	const help = runNodeCli(['snat', '--help']);
	assert.equal(help.code, 0);
	assert.match(help.stdout, /Usage: mape snat/);
});

const binaries = ucodeBinaries();
realTest('the router build in real ucode prints byte-identical snat output', ucodeMissing('the snat output is not compared with real ucode'), () => {
	const cases = [
		['--iface', 'wanmap', '--prefix', '240b:10:abcd:ef00::/56', '--reserve', '7925,12016-12020'],
		['--iface', 'wanmap', '--prefix', '2400:4050:1234:5600::/56'],
		['--iface', 'wanmap', ...manualArgs(OCN), '--strategy', 'port'],
		['--iface', 'wanmap', ...manualArgs(V6PLUS), '--strategy', 'stock', '--device', 'eth1'],
		['--remove', '--iface', 'wanmap'],
		['--iface', 'wanmap', ...manualArgs(V6PLUS), '--reserve', '1-65535'],
		['--iface', 'wanmap', '--psid', '1'],
		['--help'],
	];
	for (const args of cases) {
		const node = runNodeCli(['snat', ...args]);
		for (const ucode of binaries) {
			const uc = runUcodeCli(ucode, ['snat', ...args]);
			assert.deepEqual([uc.code, uc.stdout, uc.stderr], [node.code, node.stdout, node.stderr], `${ucode} snat ${args.join(' ')}`);
		}
	}
});
