/*
 * Manual rule parameters (mape.mape validateManualRule / calculateManual) through the
 * compiled JS build: validation codes, agreement with the table, and random valid rules of
 * any geometry against an independent BigInt reference (the RFC 7597 math with mapcalc's
 * port-set loop: A from 1, or from 0 when offset is 0, a first port of 0 becomes 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ipaddr from 'ipaddr.js';
import { loadEngine } from './engine-build.ts';
import { prng } from './prng.ts';

const engine = await loadEngine();
const { calculateManual, validateManualRule, MAPE_ERROR_CODES } = engine.mape;
const SEED = Number(process.env.ENGINE_SEED ?? 7597);

const v6text = (value: bigint): string =>
	(ipaddr.fromByteArray(Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 0xffn))) as ipaddr.IPv6).toRFC5952String();
const v4text = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
const mask = (n: number) => (1n << BigInt(n)) - 1n;

const V6PLUS = { ip6prefix: '240b:10::', ip6prefixlen: 31, ip4prefix: '106.72.0.0', ip4prefixlen: 15, ealen: 25, psidlen: 8, offset: 4, br: '2404:9200:225:100::64' };

test('a manual rule equal to the table rule gives the table result (service "manual", default MTU 1460)', () => {
	const table = engine.mape.calculate('240b:10:abcd:ef00::/56');
	const manual = calculateManual('240b:10:abcd:ef00::/56', V6PLUS);
	assert.deepEqual({ ...manual, service: 'v6plus', service_name: table.service_name, source: 'table' }, table);
	assert.equal(manual.service, 'manual');
	assert.equal(manual.source, 'manual');
	assert.equal(table.source, 'table');
	const ocn = { ip6prefix: '2400:4050:1000::/38', ip6prefixlen: '38', ip4prefix: '153.240.64.0/20', ip4prefixlen: '20', ealen: '18', psidlen: '6', offset: '6', br: '2001:380:a120::9', mtu: '1460' };
	const r = calculateManual('2400:4050:1234:5600::/56', ocn, { ceformat: 'rfc7597' });
	assert.equal(r.ipv4, '153.240.72.209');
	assert.equal(r.ce, '2400:4050:1234:5600:0:99f0:48d1:16');
	assert.equal(calculateManual('240d:f:1234:5600::/56', { ...V6PLUS, mtu: 1452 }).error.code, 'PREFIX_OUTSIDE_RULE');
	assert.equal(calculateManual('240b:10:abcd:ef00::/56', { ...V6PLUS, mtu: 1452 }).mtu, 1452);
});

test('validation: each parameter error has its code', () => {
	const cases: [any, string][] = [
		[null, 'BAD_PARAMETERS'], ['x', 'BAD_PARAMETERS'],
		[{ ...V6PLUS, ip6prefixlen: 65 }, 'BAD_IP6PREFIXLEN'], [{ ...V6PLUS, ip6prefixlen: '3x' }, 'BAD_IP6PREFIXLEN'],
		[{ ...V6PLUS, ip6prefixlen: -1 }, 'BAD_IP6PREFIXLEN'], [{ ...V6PLUS, ip6prefixlen: 31.5 }, 'BAD_IP6PREFIXLEN'],
		[{ ...V6PLUS, ip6prefixlen: null }, 'BAD_IP6PREFIXLEN'],
		[{ ...V6PLUS, ip4prefixlen: 33 }, 'BAD_IP4PREFIXLEN'], [{ ...V6PLUS, ealen: 49 }, 'BAD_EALEN'],
		[{ ...V6PLUS, psidlen: 17 }, 'BAD_PSIDLEN'], [{ ...V6PLUS, offset: 17 }, 'BAD_OFFSET'], [{ ...V6PLUS, offset: '' }, 'BAD_OFFSET'],
		[{ ...V6PLUS, mtu: 1279 }, 'BAD_MTU'], [{ ...V6PLUS, mtu: 'big' }, 'BAD_MTU'],
		[{ ...V6PLUS, ip6prefix: '240b:10::/32' }, 'BAD_IP6PREFIX'], [{ ...V6PLUS, ip6prefix: '240b:11::' }, 'BAD_IP6PREFIX'],
		[{ ...V6PLUS, ip6prefix: 'nonsense' }, 'BAD_IP6PREFIX'], [{ ...V6PLUS, ip6prefix: 42 }, 'BAD_IP6PREFIX'],
		[{ ...V6PLUS, ip4prefix: '106.73.0.0' }, 'BAD_IP4PREFIX'], [{ ...V6PLUS, ip4prefix: '106.72.0' }, 'BAD_IP4PREFIX'],
		[{ ...V6PLUS, ip4prefix: '106.72.0.0/16' }, 'BAD_IP4PREFIX'], [{ ...V6PLUS, ip4prefix: null }, 'BAD_IP4PREFIX'],
		[{ ...V6PLUS, br: '2404:9200:225:100::/64' }, 'BAD_BR'], [{ ...V6PLUS, br: 'br.example' }, 'BAD_BR'], [{ ...V6PLUS, br: null }, 'BAD_BR'],
		[{ ...V6PLUS, ealen: 24 }, 'EALEN_MISMATCH'], [{ ...V6PLUS, ip4prefixlen: 16 }, 'EALEN_MISMATCH'],
		[{ ...V6PLUS, offset: 9 }, 'PSID_OFFSET_TOO_LONG'],
		[{ ...V6PLUS, ip6prefixlen: 40, ip6prefix: '240b:10::' }, 'EA_BEYOND_64'],
	];
	for (const [params, code] of cases) {
		const r = validateManualRule(params);
		assert.equal(r.error?.code, code, `${JSON.stringify(params)}: ${JSON.stringify(r.error ?? r)}`);
		assert.ok(MAPE_ERROR_CODES.includes(code));
		assert.equal(calculateManual('240b:10:abcd:ef00::/56', params).error.code, code);
	}
	assert.equal(calculateManual('zz', V6PLUS).error.code, 'BAD_CHARACTER');
	assert.equal(calculateManual('240b:10::/48', V6PLUS).error.code, 'PREFIX_TOO_SHORT');
});

test('edge geometries: offset 0, psidlen 0, psidlen 16, no usable port', () => {
	const base = { ip6prefix: '2001:db8::', ip6prefixlen: 40, br: '2001:db8:ffff::1' };
	// offset 0, psidlen 8: one set of 256 ports, PSID·256 … PSID·256+255; PSID 0 starts at 1 (port 0 unusable).
	const o0 = { ...base, ip4prefix: '192.0.2.0', ip4prefixlen: 24, ealen: 16, psidlen: 8, offset: 0 };
	assert.deepEqual(calculateManual('2001:db8:0:300::/56', o0).portsets, [[768, 1023]]);
	assert.deepEqual(calculateManual('2001:db8:0:0::/56', o0).portsets, [[1, 255]]);
	// psidlen 0: no sharing; offset 4 leaves the 15 sets above 4095.
	const k0 = { ...base, ip4prefix: '192.0.2.0', ip4prefixlen: 24, ealen: 8, psidlen: 0, offset: 4 };
	const r0 = calculateManual('2001:db8:ab::/56', k0);
	assert.equal(r0.ipv4, '192.0.2.171');
	assert.equal(r0.ports, 15 * 4096);
	assert.equal(r0.psid_mapcalc, 0);
	// psidlen 16, offset 0: a single port per PSID; PSID 0 has none.
	const k16 = { ...base, ip4prefix: '192.0.2.1', ip4prefixlen: 32, ealen: 16, psidlen: 16, offset: 0 };
	assert.deepEqual(calculateManual('2001:db8:12:3400::/56', k16).portsets, [[0x1234, 0x1234]]);
	assert.equal(calculateManual('2001:db8:12:3400::/56', k16).ce, '2001:db8:12:3400:c0:2:112:3400');
	assert.equal(calculateManual('2001:db8::/56', k16).error.code, 'NO_PORT_SETS');
});

test(`random valid manual rules of any geometry agree with the BigInt reference (seed ${SEED})`, () => {
	const rnd = prng(SEED);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const randBits = (n: number) => { let v = 0n; for (let i = 0; i < n; i++) v = (v << 1n) | BigInt(rnd() < 0.5 ? 1 : 0); return v; };
	let computed = 0, noPorts = 0;
	for (let n = 0; n < 3000; n++) {
		const L = int(0, 64);
		const k = int(0, 16);
		const a = int(0, 16 - k);
		const l4min = Math.max(0, k + 32 + L - 64, k - 16);
		if (l4min > 32) continue;
		const l4 = int(l4min, 32);
		const ea = k + 32 - l4;
		const p6 = randBits(L) << BigInt(128 - L);
		const p4 = l4 == 0 ? 0n : randBits(l4) << BigInt(32 - l4);
		const customer = p6 | (randBits(64 - L) << 64n);
		const params = { ip6prefix: v6text(p6), ip6prefixlen: L, ip4prefix: v4text(p4), ip4prefixlen: l4, ealen: ea, psidlen: k, offset: a, br: '2001:db8::1' };
		const r = calculateManual(v6text(customer) + '/64', params);
		const ctx = `${JSON.stringify(params)} ${v6text(customer)}/64`;
		// Reference.
		const eaBits = (customer >> BigInt(128 - L - ea)) & mask(ea);
		const ipv4 = p4 | (eaBits >> BigInt(k));
		const psid = eaBits & mask(k);
		const sets: number[][] = [];
		for (let A = a > 0 ? 1 : 0; A < 2 ** a; A++) {
			let first = A * 2 ** (16 - a) + Number(psid) * 2 ** (16 - a - k);
			const last = first + 2 ** (16 - a - k) - 1;
			if (first == 0) first = 1;
			if (first <= last) sets.push([first, last]);
		}
		if (sets.length == 0) {
			assert.equal(r.error?.code, 'NO_PORT_SETS', ctx);
			noPorts++;
			continue;
		}
		assert.equal(r.error, undefined, `${ctx}: ${JSON.stringify(r.error)}`);
		const net64 = (customer >> BigInt(128 - L - ea)) << BigInt(128 - L - ea);
		assert.equal(r.ipv4, v4text(ipv4), ctx);
		assert.equal(r.psid, Number(psid), ctx);
		assert.deepEqual(r.portsets, sets, ctx);
		assert.equal(r.ports, sets.reduce((s, [f, l]) => s + l - f + 1, 0), ctx);
		assert.equal(r.ce_legacy, v6text(net64 | (ipv4 << 24n) | (psid << 8n)), ctx);
		assert.equal(r.ce_rfc7597, v6text(net64 | (ipv4 << 16n) | psid), ctx);
		assert.equal(r.psid_mapcalc, Number(psid << BigInt(16 - k)), ctx);
		const subnetBits = (customer >> 64n) & mask(64 - L - ea);
		assert.deepEqual(r.warnings.map((w: any) => w.code), subnetBits != 0n ? ['SUBNET_NOT_ZERO'] : [], ctx);
		computed++;
	}
	assert.ok(computed > 2000, `computed ${computed}`);
});
