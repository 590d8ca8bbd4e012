/*
 * Fuzz: ≥ 100 000 random and near-miss strings through the whole calculation (compiled JS
 * build). Never a crash; always either a well-formed result (MAP-E, or DS-Lite for a DS-Lite
 * VNE's block) or an error whose code is in the documented set (mape.result RESULT_ERROR_CODES).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './engine-build.ts';
import { prng } from './prng.ts';

const engine = await loadEngine();
const CODES = new Set<string>(engine.result.RESULT_ERROR_CODES);
const SERVICES = new Set(['v6plus', 'biglobe-east', 'biglobe-west', 'ocn', 'nuro']);
/** shared/docs/ipv4-over-ipv6-provisioning.md §2.1. */
const AFTRS: Record<string, string> = { transix: 'gw.transix.jp', xpass: 'dgw.xpass.jp', v6connect: 'dslite.v6connect.net' };
const SEED = Number(process.env.ENGINE_SEED ?? 777);
const COUNT = Number(process.env.ENGINE_FUZZ_COUNT ?? 120000);

const VALID = [
	'240b:10:abcd:ef00::/56', '2400:4050:1234:5600::/56', '2404:7a82:1234:5600::/56', '240d:f:1234:5600::/56',
	'240b:250:1:2300::1', '2404:7a86:ffff:ff00::/64', '[2400:4151:1234:5600::1%eth0]/64', '2408:210:1:2::/64',
	'::ffff:1.2.3.4', 'fe80::1%wan', '2001:db8::/32', '240B:0012:00AB:CD00:0000:0000:0000:0001/60', '1:2:3:4:5:6:7:8',
	'2409:10:1234:5600::/56', '2001:f70:1:2::/64', '2405:6580:ab:cd00::1',
];
const NEAR = '0123456789abcdefABCDEF:::..//%[] \tgGxX-_,;e';

/** Checks one input; true when it gave a result (not an error). */
function check(input: string, ctx: string): boolean {
	let r: any;
	try {
		r = engine.result.calcJson(input);
	} catch (e) {
		assert.fail(`${ctx}: crashed on ${JSON.stringify(input)}: ${e}`);
	}
	assert.equal(r.input, input);
	if (r.error) {
		assert.ok(CODES.has(r.error.code), `${ctx}: undocumented code ${r.error.code} for ${JSON.stringify(input)}`);
		assert.equal(typeof r.error.message, 'string');
		assert.ok(r.error.message.length > 0);
		return false;
	}
	if (r.method == 'dslite') {
		assert.equal(r.aftr, AFTRS[r.service], `${ctx}: ${JSON.stringify(input)}`);
		assert.deepEqual([r.source, r.mtu, r.portsets, r.warnings], ['table', 1460, undefined, []]);
		return true;
	}
	assert.equal(r.method, 'map-e');
	assert.ok(SERVICES.has(r.service), `${ctx}: service ${r.service}`);
	assert.match(r.ipv4, /^\d+\.\d+\.\d+\.\d+$/);
	assert.ok(r.portsets.length > 0);
	let ports = 0;
	for (const [first, last] of r.portsets) {
		assert.ok(first >= 1 && last <= 65535 && first <= last, `${ctx}: port set ${first}-${last}`);
		ports += last - first + 1;
	}
	assert.equal(r.ports, ports);
	assert.ok(Array.isArray(r.warnings));
	return true;
}

test(`fuzz: ${COUNT} random and near-miss inputs never crash and give documented codes (seed ${SEED})`, () => {
	const rnd = prng(SEED);
	const pick = (s: string) => s[Math.floor(rnd() * s.length)];
	const counts = { bytes: 0, near: 0, mutated: 0, ok: 0 };
	for (let n = 0; n < COUNT; n++) {
		let s: string;
		const kind = rnd();
		if (kind < 0.15) {
			// Arbitrary code units, including controls, non-ASCII, surrogates.
			s = Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(rnd() < 0.7 ? Math.floor(rnd() * 128) : Math.floor(rnd() * 0x10000))).join('');
			counts.bytes++;
		} else if (kind < 0.4) {
			s = Array.from({ length: Math.floor(rnd() * 45) }, () => pick(NEAR)).join('');
			counts.near++;
		} else {
			// Mutations of valid text: insert, delete, replace, duplicate a slice, change the length.
			s = VALID[Math.floor(rnd() * VALID.length)];
			for (let k = 1 + Math.floor(rnd() * 4); k > 0; k--) {
				const at = Math.floor(rnd() * (s.length + 1));
				const op = rnd();
				if (op < 0.3) s = s.slice(0, at) + pick(NEAR) + s.slice(at);
				else if (op < 0.55) s = s.slice(0, at) + s.slice(at + 1);
				else if (op < 0.8) s = s.slice(0, at) + pick(NEAR) + s.slice(at + 1);
				else if (op < 0.9) s = s.slice(0, at) + s.slice(Math.max(0, at - 5), at) + s.slice(at);
				else s = s.replace(/\/\d*$/, '') + '/' + Math.floor(rnd() * 140);
			}
			counts.mutated++;
		}
		if (check(s, `#${n}`)) counts.ok++;
	}
	assert.ok(counts.bytes + counts.near + counts.mutated >= 100000);
	assert.ok(counts.ok > COUNT / 100, `some mutations still compute (${counts.ok})`);
});

test('fuzz: over-long, huge and odd inputs', () => {
	for (const s of ['a'.repeat(100000), ':'.repeat(5000), '1:'.repeat(3000), '/'.repeat(300), '['.repeat(50) + ']'.repeat(50),
		'240b:10::/' + '9'.repeat(50), '240b:10::%' + 'x'.repeat(180), '\u0000', '\uffff', '\ud800', '😀::1', '2001:db8::1\u0000/56']) {
		check(s, 'odd');
	}
});
