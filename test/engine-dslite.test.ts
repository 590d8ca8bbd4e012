/*
 * DS-Lite lines by prefix (mape.dslite, mape.identify, mape.result calculateLine) through the
 * compiled JavaScript build.
 *
 * Expectations are typed in from shared/docs/ipv4-over-ipv6-provisioning.md §2.1 and §3.2
 * (blocks and AFTR names per VNE) and §3.1 (NTT's own ranges); block edges are computed here
 * with BigInt and ipaddr.js, independently of the engine's bit code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { loadEngine } from './engine-build.ts';
import { prng } from './prng.ts';

const engine = await loadEngine();
const { calculateLine, calcJson, toJson } = engine.result;

/** §2.1 / §3.2: VNE, the doc's name parts, AFTR, blocks. */
const VNES = [
	{ key: 'transix', name: /transix/, aftr: 'gw.transix.jp', blocks: ['2409:10::/30', '2409:250::/30'] },
	{ key: 'xpass', name: /Xpass/, aftr: 'dgw.xpass.jp', blocks: ['2001:f70::/29'] },
	{ key: 'v6connect', name: /v6 コネクト/, aftr: 'dslite.v6connect.net', blocks: ['2405:6580::/29'] },
];

const v6 = (text: string): bigint => ipaddr.IPv6.parse(text).toByteArray().reduce((a, b) => (a << 8n) | BigInt(b), 0n);
const v6text = (value: bigint): string =>
	(ipaddr.fromByteArray(Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 0xffn))) as ipaddr.IPv6).toRFC5952String();
const SLASH56 = 1n << 72n;

/** The first and last /56 of a block, a random one inside, and the /56s just outside. */
function edges(block: string, rnd: () => number): { inside: string[]; outside: string[] } {
	const [base, len] = block.split('/');
	const first = v6(base);
	const count = 1n << BigInt(56 - Number(len));
	const last = first + (count - 1n) * SLASH56;
	const random = first + BigInt(Math.floor(rnd() * Number(count))) * SLASH56;
	const text = (v: bigint) => `${v6text(v)}/56`;
	return { inside: [text(first), text(last), text(random), `${v6text(random | 0x1234n)}`], outside: [text(first - SLASH56), text(last + SLASH56)] };
}

test('every /56 at the edges of the DS-Lite blocks is its VNE; the /56 next to a block is not', () => {
	const rnd = prng(4605);
	for (const vne of VNES) {
		for (const block of vne.blocks) {
			const { inside, outside } = edges(block, rnd);
			for (const input of inside) {
				const id = engine.identify.identify(engine.ipv6.parseIpv6(input));
				assert.equal(id.code, 'DSLITE', input);
				assert.equal(id.service, vne.key, input);
				assert.equal(id.rule, null);
				assert.ok(id.message.includes(vne.aftr), id.message);
				// MAP-E only: the calculation refuses it with the same code.
				assert.equal(engine.mape.calculate(input).error.code, 'DSLITE');
			}
			for (const input of outside) {
				assert.equal(engine.identify.identify(engine.ipv6.parseIpv6(input)).code, 'UNKNOWN', input);
			}
		}
	}
});

test('calculateLine: a DS-Lite prefix gives method dslite, the VNE, its AFTR name and MTU 1460', () => {
	for (const vne of VNES) {
		const input = vne.blocks[0].replace('::/', ':1234:5600::/').replace(/\/\d+$/, '/56');
		const r = calculateLine(input);
		assert.equal(r.error, undefined, input);
		assert.equal(r.method, 'dslite');
		assert.equal(r.source, 'table');
		assert.equal(r.service, vne.key);
		assert.match(r.service_name, vne.name);
		assert.equal(r.aftr, vne.aftr);
		assert.equal(r.aftr_address, null, 'no literal AFTR address from the table (§2.1: never hard-code them)');
		assert.equal(r.mtu, 1460);
		assert.deepEqual(r.warnings, []);
	}
});

test('mape calc --json contract for DS-Lite: input, method, source, service, aftr, mtu, warnings (no aftr_address when unknown)', () => {
	const j = calcJson('2409:10:1234:5600::/56');
	assert.deepEqual(j, { input: '2409:10:1234:5600::/56', method: 'dslite', source: 'table', service: 'transix', aftr: 'gw.transix.jp', mtu: 1460, warnings: [] });
	assert.deepEqual(Object.keys(j), ['input', 'method', 'source', 'service', 'aftr', 'mtu', 'warnings']);
	// An address, when known (from HB46PP), comes right after the name.
	const withAddress = toJson('x', { ...calculateLine('2409:10:1234:5600::/56'), aftr: '2404:8e00::feed:101', aftr_address: '2404:8e00::feed:101' });
	assert.deepEqual(Object.keys(withAddress), ['input', 'method', 'source', 'service', 'aftr', 'aftr_address', 'mtu', 'warnings']);
	// The forms users paste all give the same answer.
	for (const form of ['2409:0010:1234:5600::1', '[2409:10:1234:56ff::1%wan]/64', ' 2409:10:1234:5600::/60 ', '2409:13:ffff:ff00::/56']) {
		assert.equal(calcJson(form).service, 'transix', form);
	}
});

test('MAP-E results name their method and source; the NTT ranges say that no VNE is contracted yet', () => {
	const m = calcJson('240b:10:abcd:ef00::/56');
	assert.equal(m.method, 'map-e');
	assert.equal(m.source, 'table');
	for (const [input, code, area] of [['2408:210:1234:5600::/56', 'NTT_EAST_PENDING', 'East'], ['2001:a000:1:2::/64', 'NTT_WEST_PENDING', 'West']]) {
		const e = calcJson(input);
		assert.equal(e.error.code, code);
		assert.match(e.error.message, new RegExp(`NTT ${area}'s own range.*no VNE .* is contracted`));
	}
	// Identification order does not matter (the ranges are disjoint), but every code stays documented.
	assert.ok(engine.identify.IDENTIFY_CODES.includes('DSLITE'));
	assert.ok(!engine.result.RESULT_ERROR_CODES.includes('DSLITE'), 'DS-Lite is an answer of calculateLine, not an error');
	assert.equal(calcJson('2409:14::/56').error.code, 'UNKNOWN');
});
