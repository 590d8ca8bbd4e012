/*
 * mape.ipv6 through the compiled JavaScript build: malformed inputs give their documented
 * codes (test/fixtures/engine/malformed.json), valid text agrees with an independent parser
 * (ipaddr.js), and the formatter follows RFC 5952.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { loadEngine, REPO } from './engine-build.ts';
import { mutate, prng } from './prng.ts';

const fixture = JSON.parse(readFileSync(join(REPO, 'test/fixtures/engine/malformed.json'), 'utf8'));
const engine = await loadEngine();
const { parseIpv6, formatIpv6, IPV6_ERROR_CODES } = engine.ipv6;

test('every documented parse error code is produced by some fixture', () => {
	const produced = new Set(fixture.parse.map((c: any) => c.code));
	for (const code of IPV6_ERROR_CODES) if (code != 'NOT_A_STRING') assert.ok(produced.has(code), code);
});

for (const c of fixture.parse) {
	test(`parse ${JSON.stringify(c.input).slice(0, 40)} → ${c.code}`, () => {
		const r = parseIpv6(c.input);
		assert.ok(r.error, 'an error');
		assert.equal(r.error.code, c.code, r.error.message);
		assert.ok(IPV6_ERROR_CODES.includes(c.code));
		assert.equal(typeof r.error.message, 'string');
	});
}

for (const c of fixture.calc) {
	test(`calc ${c.input} → ${c.code}`, () => {
		const r = engine.mape.calculate(c.input);
		assert.ok(r.error, 'an error');
		assert.equal(r.error.code, c.code, r.error.message);
		assert.ok(engine.result.RESULT_ERROR_CODES.includes(c.code));
	});
}

test('NOT_A_STRING for non-text input (rpcd or UCI could pass anything)', () => {
	for (const v of [null, 42, [], {}, true]) assert.equal(parseIpv6(v).error.code, 'NOT_A_STRING');
});

test('valid forms: hextets and prefix length', () => {
	const cases: [string, number[], number][] = [
		['::', [0, 0, 0, 0, 0, 0, 0, 0], 128],
		['::1', [0, 0, 0, 0, 0, 0, 0, 1], 128],
		['1::', [1, 0, 0, 0, 0, 0, 0, 0], 128],
		['240b:10:abcd:ef00::/56', [0x240b, 0x10, 0xabcd, 0xef00, 0, 0, 0, 0], 56],
		['240B:0010:ABCD:EF12:0000:0000:0000:0001/56', [0x240b, 0x10, 0xabcd, 0xef00, 0, 0, 0, 0], 56],
		['240b:10:abcd:ef12:1:2:3:4/64', [0x240b, 0x10, 0xabcd, 0xef12, 0, 0, 0, 0], 64],
		['240b:10:abcd:ef12:1:2:3:4/0', [0, 0, 0, 0, 0, 0, 0, 0], 0],
		['240b:10:abcd:ef12:1:2:3:4/57', [0x240b, 0x10, 0xabcd, 0xef00, 0, 0, 0, 0], 57],
		['240b:10:abcd:ef12:1:2:3:4/60', [0x240b, 0x10, 0xabcd, 0xef10, 0, 0, 0, 0], 60],
		['240b:10:abcd:ef12:1:2:3:4/31', [0x240b, 0x10, 0, 0, 0, 0, 0, 0], 31],
		['240b:11:abcd:ef12:1:2:3:4/31', [0x240b, 0x10, 0, 0, 0, 0, 0, 0], 31],
		['2400:4050:1234:5600::/38', [0x2400, 0x4050, 0x1000, 0, 0, 0, 0, 0], 38],
		['fe80::1%eth0', [0xfe80, 0, 0, 0, 0, 0, 0, 1], 128],
		['fe80::1%br-lan.1_x', [0xfe80, 0, 0, 0, 0, 0, 0, 1], 128],
		['[fe80::1%eth0]/64', [0xfe80, 0, 0, 0, 0, 0, 0, 0], 64],
		['[2001:db8::1/64]', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 64],
		[' \t2001:db8::1 / 128 \r\n', [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1], 128],
		['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304], 128],
		['1:2:3:4:5:6:1.2.3.4', [1, 2, 3, 4, 5, 6, 0x0102, 0x0304], 128],
		['1:2:3:4:5:6:7::', [1, 2, 3, 4, 5, 6, 7, 0], 128],
		['::2:3:4:5:6:7:8', [0, 2, 3, 4, 5, 6, 7, 8], 128],
		['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8], 128],
		['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128', [65535, 65535, 65535, 65535, 65535, 65535, 65535, 65535], 128],
		['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/127', [65535, 65535, 65535, 65535, 65535, 65535, 65535, 65534], 127],
		['0:0:0:0:0:0:0:0/007', [0, 0, 0, 0, 0, 0, 0, 0], 7],
	];
	for (const [text, hextets, len] of cases) {
		const r = parseIpv6(text);
		assert.equal(r.error, undefined, `${text}: ${JSON.stringify(r.error)}`);
		assert.deepEqual(r.hextets, hextets, text);
		assert.equal(r.prefixlen, len, text);
	}
});

test('RFC 5952 formatting', () => {
	const cases: [number[], string][] = [
		[[0, 0, 0, 0, 0, 0, 0, 0], '::'],
		[[0, 0, 0, 0, 0, 0, 0, 1], '::1'],
		[[1, 0, 0, 0, 0, 0, 0, 0], '1::'],
		[[0x2001, 0xdb8, 0, 1, 0, 0, 0, 1], '2001:db8:0:1::1'],
		[[0x2001, 0xdb8, 0, 0, 1, 0, 0, 1], '2001:db8::1:0:0:1'],
		[[0x2001, 0xdb8, 0, 1, 1, 1, 1, 1], '2001:db8:0:1:1:1:1:1'],
		[[0x2001, 0, 0, 1, 0, 0, 0, 1], '2001:0:0:1::1'],
		[[0x240b, 0x10, 0xabcd, 0xef00, 0x6a, 0x48ab, 0xcd00, 0xef00], '240b:10:abcd:ef00:6a:48ab:cd00:ef00'],
		[[0xABCD, 0, 0, 0, 0, 0, 0, 0xEF], 'abcd::ef'],
	];
	for (const [hextets, text] of cases) assert.equal(formatIpv6(hextets), text);
});

test('differential against ipaddr.js: 30 000 random addresses round-trip and format as RFC 5952', () => {
	const rnd = prng(5952);
	for (let n = 0; n < 30000; n++) {
		// Many zero groups so that "::" placement is exercised.
		const words = Array.from({ length: 8 }, () => (rnd() < 0.45 ? 0 : Math.floor(rnd() * (rnd() < 0.5 ? 16 : 65536))));
		const expected = (ipaddr.fromByteArray(words.flatMap((w) => [w >> 8, w & 255])) as ipaddr.IPv6).toRFC5952String();
		const text = formatIpv6(words);
		assert.equal(text, expected);
		const back = parseIpv6(text);
		assert.deepEqual(back.hextets, words, text);
		const full = words.map((w) => w.toString(16).padStart(4, '0').toUpperCase()).join(':');
		assert.deepEqual(parseIpv6(full).hextets, words, full);
	}
});

test('differential against ipaddr.js: near-miss hex/colon strings are accepted exactly when ipaddr.js accepts them', () => {
	const rnd = prng(4291);
	const alphabet = '0123456789abcdefABCDEF:::::';
	const seeds = ['240b:10:abcd:ef00::', '1:2:3:4:5:6:7:8', '::1', '2400:4050:1234:5600::1', 'fe80::', '1::2', '::'];
	let accepted = 0;
	for (let n = 0; n < 40000; n++) {
		let s: string;
		if (rnd() < 0.5) {
			s = Array.from({ length: 1 + Math.floor(rnd() * 20) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
		} else {
			s = mutate(rnd, seeds[Math.floor(rnd() * seeds.length)], alphabet, 3, 0.4, 0.7);
		}
		const r = parseIpv6(s);
		const valid = ipaddr.IPv6.isValid(s);
		assert.equal(!r.error, valid, `${s}: engine ${r.error ? r.error.code : 'ok'}, ipaddr.js ${valid}`);
		if (valid) {
			accepted++;
			assert.deepEqual(r.hextets, ipaddr.IPv6.parse(s).parts, s);
			assert.equal(r.prefixlen, 128);
		} else {
			assert.ok(IPV6_ERROR_CODES.includes(r.error.code), r.error.code);
		}
	}
	assert.ok(accepted > 2000, `enough valid samples (${accepted})`);
});
