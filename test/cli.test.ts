/*
 * `mape calc`: the command-line contract (JSON fields, JSON Lines batch mode, exit codes,
 * the human-readable table) on Node, and byte-identical output from the router build run
 * by real ucode when $UCODE is set.
 *
 * Expected values are the worked examples of shared/docs/japan-ipoe.md §5, typed in here, and
 * the DS-Lite VNEs and AFTR names of shared/docs/ipv4-over-ipv6-provisioning.md §2.1.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPO, runNodeCli, runUcodeCli } from './backend-build.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';

const range16 = (first: number) => [first, first + 15];

/** japan-ipoe.md §5, field by field. */
const EXAMPLES = [
	{
		input: '240b:10:abcd:ef00::/56', service: 'v6plus', br: '2404:9200:225:100::64', ipv4: '106.72.171.205',
		psid: 239, psidlen: 8, offset: 4, ealen: 25, ip4prefix: '106.72.0.0', ip4prefixlen: 15,
		ip6prefix: '240b:10::', ip6prefixlen: 31, ce: '240b:10:abcd:ef00:6a:48ab:cd00:ef00',
		ce7597: '240b:10:abcd:ef00:0:6a48:abcd:ef', ports: 240, mtu: 1460,
		portsets: [7920, 12016, 16112, 20208, 24304, 28400, 32496, 36592, 40688, 44784, 48880, 52976, 57072, 61168, 65264].map(range16),
	},
	{
		input: '2400:4050:1234:5600::/56', service: 'ocn', br: '2001:380:a120::9', ipv4: '153.240.72.209',
		psid: 22, psidlen: 6, offset: 6, ealen: 18, ip4prefix: '153.240.64.0', ip4prefixlen: 20,
		ip6prefix: '2400:4050:1000::', ip6prefixlen: 38, ce: '2400:4050:1234:5600:99:f048:d100:1600',
		ce7597: '2400:4050:1234:5600:0:99f0:48d1:16', ports: 1008, mtu: 1460,
		// "start = 1024·A + 352, A = 1…63"
		portsets: Array.from({ length: 63 }, (_, i) => range16(1024 * (i + 1) + 352)),
	},
	{
		input: '2404:7a82:1234:5600::/56', service: 'biglobe-east', br: '2001:260:700:1::1:275', ipv4: '125.198.214.52',
		psid: 86, psidlen: 8, offset: 4, ealen: 18, ip4prefix: '125.198.212.0', ip4prefixlen: 22,
		ip6prefix: '2404:7a82:1000::', ip6prefixlen: 38, ce: '2404:7a82:1234:5600:7d:c6d6:3400:5600',
		ce7597: '2404:7a82:1234:5600:0:7dc6:d634:56', ports: 240, mtu: 1460,
		portsets: [5472, 9568, 13664, 17760, 21856, 25952, 30048, 34144, 38240, 42336, 46432, 50528, 54624, 58720, 62816].map(range16),
	},
	{
		input: '240d:f:1234:5600::/56', service: 'nuro', br: '2001:3b8:200:ff9::1', ipv4: '219.104.146.52',
		psid: 86, psidlen: 8, offset: 4, ealen: 20, ip4prefix: '219.104.144.0', ip4prefixlen: 20,
		ip6prefix: '240d:f:1000::', ip6prefixlen: 36, ce: '240d:f:1234:5600:db:6892:3400:5600',
		ce7597: '240d:f:1234:5600:0:db68:9234:56', ports: 240, mtu: 1452,
		portsets: [5472, 9568, 13664, 17760, 21856, 25952, 30048, 34144, 38240, 42336, 46432, 50528, 54624, 58720, 62816].map(range16),
	},
];

const CONTRACT_FIELDS = ['input', 'service', 'br', 'ipv4', 'psid', 'psidlen', 'offset', 'ealen', 'ip4prefix',
	'ip4prefixlen', 'ip6prefix', 'ip6prefixlen', 'ce', 'portsets', 'ports', 'mtu'];

for (const ex of EXAMPLES) {
	test(`mape calc --json ${ex.input} gives the documented parameters`, () => {
		const r = runNodeCli(['calc', '--json', ex.input]);
		assert.equal(r.code, 0, r.stderr);
		const out = JSON.parse(r.stdout);
		for (const field of CONTRACT_FIELDS) {
			assert.deepEqual(out[field], field == 'ce' ? ex.ce : (ex as any)[field], field);
		}
		assert.equal(out.method, 'map-e');
		assert.equal(out.source, 'table');
		assert.equal(r.stdout.split('\n').length, 2, 'one JSON object on one line');
	});
}

test('mape calc for a DS-Lite prefix: DS-Lite via the VNE with its AFTR, exit 0', () => {
	const r = runNodeCli(['calc', '--json', '2409:10:1234:5600::/56']);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(JSON.parse(r.stdout), { input: '2409:10:1234:5600::/56', method: 'dslite', source: 'table', service: 'transix', aftr: 'gw.transix.jp', mtu: 1460, warnings: [] });
	const human = runNodeCli(['calc', '2409:10:1234:5600::/56']);
	assert.equal(human.code, 0);
	assert.match(human.stdout, /^2409:10:1234:5600::\/56\n  Method +DS-Lite via transix \(Internet Multifeed\)\n  AFTR +gw\.transix\.jp\n  MTU +1460\n/);
	assert.doesNotMatch(human.stdout, /Port ranges|config interface/);
	for (const [input, vne, aftr] of [['2001:f70:1:200::/56', 'Xpass', 'dgw.xpass.jp'], ['2405:6580:ab:cd00::1', 'v6 コネクト', 'dslite.v6connect.net']]) {
		const out = runNodeCli(['calc', input]).stdout;
		assert.match(out, new RegExp(`Method +DS-Lite via [^\n]*${vne}`), input);
		assert.match(out, new RegExp(`AFTR +${aftr.replace(/\./g, '\\.')}\n`), input);
	}
	// MAP-E says so too.
	assert.match(runNodeCli(['calc', EXAMPLES[0].input]).stdout, /\n  Method +MAP-E\n  Service +v6プラス/);
});

test('mape calc for an NTT-only prefix says that no VNE is contracted yet (exit 1)', () => {
	for (const [input, area] of [['2408:210:1234:5600::/56', 'East'], ['2001:d70:1:2::/64', 'West']]) {
		const r = runNodeCli(['calc', input]);
		assert.equal(r.code, 1, input);
		assert.match(r.stdout, new RegExp(`Error \\(NTT_${area.toUpperCase()}_PENDING\\): .*NTT ${area}'s own range.*no VNE \\(IPv6 IPoE provider\\) is contracted on this line yet`), input);
	}
});

test('--rfc7597 switches the CE address to the RFC 7597 interface id', () => {
	const r = runNodeCli(['calc', '--json', '--rfc7597', EXAMPLES[0].input]);
	assert.equal(JSON.parse(r.stdout).ce, EXAMPLES[0].ce7597);
});

test('an error is a JSON object with a code, and single-input mode exits non-zero', () => {
	for (const input of ['240b:10:abcd:ef00::/56x', 'hello', '2001:db8::/56', '2408:210:1234:5600::/56']) {
		const r = runNodeCli(['calc', '--json', input]);
		assert.equal(r.code, 1, input);
		const out = JSON.parse(r.stdout);
		assert.equal(out.input, input);
		assert.match(out.error.code, /^[A-Z][A-Z0-9_]+$/);
		assert.ok(out.error.message.length > 10);
	}
	// NTT East's own range: a line without VNE contract, explained as such.
	assert.equal(JSON.parse(runNodeCli(['calc', '--json', '2408:210:1234:5600::/56']).stdout).error.code, 'NTT_EAST_PENDING');
});

test('batch mode: one JSON object per input line, errors inline, exit 0', () => {
	const lines = [EXAMPLES[1].input, 'not-a-prefix', '', EXAMPLES[3].input, '2405:6580:1:100::/56'];
	const r = runNodeCli(['calc', '--json', '-'], lines.join('\n') + '\n');
	assert.equal(r.code, 0, r.stderr);
	const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
	assert.equal(out.length, 5);
	assert.deepEqual(out.map((o) => o.input), lines);
	assert.equal(out[0].ipv4, EXAMPLES[1].ipv4);
	assert.ok(out[1].error && out[2].error);
	assert.equal(out[3].ipv4, EXAMPLES[3].ipv4);
	assert.equal(out[4].method, 'dslite');
	assert.equal(out[4].aftr, 'dslite.v6connect.net');
});

test('the human-readable table says what a person needs, with the UCI section', () => {
	const r = runNodeCli(['calc', EXAMPLES[0].input]);
	assert.equal(r.code, 0);
	assert.match(r.stdout, /240 ports in 15 groups of 16/);
	assert.match(r.stdout, /IPv4 address +106\.72\.171\.205/);
	assert.match(r.stdout, /7920-7935 12016-12031/);
	assert.match(r.stdout, /65264-65279/);
	assert.match(r.stdout, /config interface 'wanmap'\n\toption proto 'map'\n/);
	for (const opt of ["option ealen '25'", "option psidlen '8'", "option offset '4'", "option legacymap '1'", "option tunlink 'wan6'", "option mtu '1460'", "option peeraddr '2404:9200:225:100::64'"]) {
		assert.ok(r.stdout.includes(opt), opt);
	}
	assert.match(runNodeCli(['calc', EXAMPLES[1].input]).stdout, /1008 ports in 63 groups of 16/);
});

test('manual rule parameters give the same result as the table', () => {
	const ex = EXAMPLES[0];
	const r = runNodeCli(['calc', '--json', ex.input, '--ip6prefix', '240b:10::', '--ip6prefixlen', '31', '--ip4prefix', '106.72.0.0',
		'--ip4prefixlen', '15', '--ealen', '25', '--psidlen', '8', '--offset', '4', '--br', ex.br]);
	assert.equal(r.code, 0, r.stdout + r.stderr);
	const out = JSON.parse(r.stdout);
	assert.equal(out.ipv4, ex.ipv4);
	assert.equal(out.ce, ex.ce);
	assert.deepEqual(out.portsets, ex.portsets);
	const bad = runNodeCli(['calc', '--json', ex.input, '--ip6prefix', '240b:10::', '--ip6prefixlen', '31', '--ip4prefix', '106.72.0.0',
		'--ip4prefixlen', '15', '--ealen', '24', '--psidlen', '8', '--offset', '4', '--br', ex.br]);
	assert.equal(bad.code, 1);
	assert.equal(JSON.parse(bad.stdout).error.code, 'EALEN_MISMATCH');
});

test('bad usage exits 2 with a usage message on stderr', () => {
	for (const args of [['calc'], ['calc', '--bogus', 'x'], ['calc', 'a', 'b'], ['calc', 'x', '--ealen', '3'], ['frobnicate']]) {
		const r = runNodeCli(args);
		assert.equal(r.code, 2, args.join(' '));
		assert.match(r.stderr, /Usage: mape/);
		assert.equal(r.stdout, '');
	}
});

/** Inputs for the Node-vs-ucode comparison: examples, errors, edge cases of the parser. */
const PARITY_INPUT = [
	...EXAMPLES.map((e) => e.input),
	'2404:7A86:ABCD:EF12::1', '[240b:0012:0000:ff00::1%eth0]/64', ' 240b:250:1:2:3:4:5:6 ', '2400:4150:a000::/56',
	'2400:4050:1234:5601::/64', '240b:10::/30', 'fe80::1', '::', '2001:c90:1:2::/56', '2404:7a82:1234:5600::/48',
	'', 'xyz', '1.2.3.4', '2400:4050:1234:5600::/129', ':::', '2001:db8::1::2',
	'2409:10:1234:5600::/56', '2409:253:ffff:ff00::1', '2001:f77:1:2::/64', '2405:6580:ab:cd00::/56', '2408:210:1234:5600::/56', '2409:14::/56',
].join('\n') + '\n';

const binaries = ucodeBinaries();
realTest('the router build in real ucode prints byte-identical output', ucodeMissing('the router CLI is not compared with real ucode'), () => {
	for (const args of [['calc', '--json', '-'], ['calc', '-'], ['calc', '--json', '--rfc7597', '-']]) {
		const node = runNodeCli(args, PARITY_INPUT);
		for (const ucode of binaries) {
			const uc = runUcodeCli(ucode, args, PARITY_INPUT);
			assert.equal(uc.stderr, '', `${ucode}: ${uc.stderr}`);
			assert.equal(uc.code, node.code, `${ucode} exit code`);
			assert.equal(uc.stdout, node.stdout, `${ucode} ${args.join(' ')}`);
		}
	}
	for (const ucode of binaries) {
		for (const args of [['calc', EXAMPLES[1].input], ['calc', '--json', 'bogus'], ['calc'], ['calc', '2409:10:1234:5600::/56'], ['calc', '2408:210:1234:5600::/56']]) {
			const node = runNodeCli(args);
			const uc = runUcodeCli(ucode, args);
			assert.deepEqual([uc.code, uc.stdout, uc.stderr], [node.code, node.stdout, node.stderr], `${ucode} ${args.join(' ')}`);
		}
	}
});

test('npx mape (bin/mape.js → build/mape.mjs) runs the same CLI', { skip: existsSync(join(REPO, 'build/mape.mjs')) ? false : 'build/mape.mjs is missing: run `make` first' }, () => {
	const r = spawnSync(process.execPath, [join(REPO, 'bin/mape.js'), 'calc', '--json', '-'], { input: PARITY_INPUT, encoding: 'utf8' });
	assert.equal(r.status, 0, r.stderr);
	assert.equal(r.stdout, runNodeCli(['calc', '--json', '-'], PARITY_INPUT).stdout);
});
