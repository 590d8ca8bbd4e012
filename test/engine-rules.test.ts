/*
 * Every rule of shared/data/mape-rules.json, through the compiled JavaScript build.
 *
 * Expectations come from an independent reference written here: BigInt bit slicing on the
 * 128-bit prefix (shared/docs/japan-ipoe.md §3), parsing and formatting by ipaddr.js. It
 * reads the shared JSON, not the engine's generated copy (core/rules.ts), and shares no code
 * with the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { buildEngine, loadEngine, REPO } from './engine-build.ts';
import { prng } from './prng.ts';
import { realTest } from './openwrt-env.ts';

const RULES_JSON = process.env.MAPE_RULES_JSON ?? join(REPO, '..', 'shared', 'data', 'mape-rules.json');
const haveRules = existsSync(RULES_JSON);
const noRules = haveRules ? false : `no ${RULES_JSON} (the shared rule data)`;
const data = haveRules ? JSON.parse(readFileSync(RULES_JSON, 'utf8')) : { rules: [], services: {} };
const engine = await loadEngine();
const SEED = Number(process.env.ENGINE_SEED ?? 20240607);

/* ---- The reference: plain BigInt arithmetic on 128-bit values. ---- */

const v6 = (text: string): bigint => ipaddr.IPv6.parse(text).toByteArray().reduce((a, b) => (a << 8n) | BigInt(b), 0n);
const v6text = (value: bigint): string =>
	(ipaddr.fromByteArray(Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 0xffn))) as ipaddr.IPv6).toRFC5952String();
const v4 = (text: string): bigint => text.split('.').reduce((a, o) => (a << 8n) | BigInt(o), 0n);
const v4text = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
const bits = (value: bigint, start: number, count: number): bigint =>
	(value >> BigInt(128 - start - count)) & ((1n << BigInt(count)) - 1n);

interface Expected { ipv4: string; psid: number; portsets: number[][]; ce_legacy: string; ce_rfc7597: string; psid_mapcalc: number }

function reference(rule: any, customer: bigint): Expected {
	const [p6, l6] = rule.ipv6.split('/');
	const [p4] = rule.ipv4.split('/');
	const L = Number(l6), ea = rule.ealen, k = rule.psidlen, a = rule.offset;
	assert.equal(bits(customer, 0, L), bits(v6(p6), 0, L), 'generated prefix lies in the rule');
	const eaBits = bits(customer, L, ea);
	const ipv4 = v4(p4) | (eaBits >> BigInt(k));
	const psid = eaBits & ((1n << BigInt(k)) - 1n);
	const portsets: number[][] = [];
	for (let A = 1; A < 2 ** a; A++) {
		const start = A * 2 ** (16 - a) + Number(psid) * 2 ** (16 - a - k);
		portsets.push([start, start + 2 ** (16 - a - k) - 1]);
	}
	const net64 = (customer >> BigInt(128 - (L + ea))) << BigInt(128 - (L + ea)) & ~((1n << 64n) - 1n);
	return {
		ipv4: v4text(ipv4),
		psid: Number(psid),
		portsets,
		ce_legacy: v6text(net64 | (ipv4 << 24n) | (psid << 8n)),
		ce_rfc7597: v6text(net64 | (ipv4 << 16n) | psid),
		psid_mapcalc: Number(psid << BigInt(16 - k)),
	};
}

/** The forms a user may paste for the customer /56 `value` (all must give the same result). */
function userForms(value: bigint, rnd: () => number): string[] {
	const text56 = v6text(value);
	const subnet00 = value | BigInt(Math.floor(rnd() * 2 ** 32));
	const expanded = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(16 * (7 - i))) & 0xffffn).toString(16).padStart(4, '0')).join(':');
	return [`${text56}/56`, `${v6text(subnet00)}`, `${v6text(subnet00)}/64`, `[${text56}]/60`, `${expanded.toUpperCase()}/56`, ` ${text56}/56 `];
}

realTest('the shared rule data is present', noRules, () => {
	assert.equal(data.rules.length, 708);
});

realTest('core/rules.ts is what tools/gen-rules.ts generates from the shared data', noRules, () => {
	execFileSync(process.execPath, ['--import', 'tsx', join(REPO, 'tools/gen-rules.ts'), '--check', RULES_JSON], { cwd: REPO, stdio: 'pipe' });
	assert.equal(engine.rules.RULE_COUNT, data.rules.length);
});

realTest('every rule: a random prefix in it gives the reference IPv4, PSID, port sets, CE, BR, MTU and rule fields', noRules, () => {
	const rnd = prng(SEED);
	let checked = 0;
	for (const rule of data.rules) {
		const [p6, l6] = rule.ipv6.split('/');
		const [p4, l4] = rule.ipv4.split('/');
		const L = Number(l6);
		for (let sample = 0; sample < 3; sample++) {
			// Random EA bits (bits L..56); the first sample is all ones, to reach the top of the ranges.
			let ea = 0n;
			for (let i = 0; i < rule.ealen; i++) ea = (ea << 1n) | (sample == 0 ? 1n : BigInt(rnd() < 0.5 ? 1 : 0));
			const customer = v6(p6) | (ea << BigInt(128 - 56));
			const want = reference(rule, customer);
			const service = data.services[rule.service];
			for (const form of userForms(customer, rnd)) {
				const r = engine.mape.calculate(form);
				const ctx = `${rule.ipv6} ${form} (seed ${SEED})`;
				assert.equal(r.error, undefined, `${ctx}: ${JSON.stringify(r.error)}`);
				assert.equal(r.service, rule.service, ctx);
				assert.equal(r.br, rule.br, ctx);
				assert.equal(r.mtu, service.mtu, ctx);
				assert.equal(r.ip6prefix, v6text(v6(p6)), ctx);
				assert.equal(r.ip6prefixlen, L, ctx);
				assert.equal(r.ip4prefix, p4, ctx);
				assert.equal(r.ip4prefixlen, Number(l4), ctx);
				assert.equal(r.ealen, rule.ealen, ctx);
				assert.equal(r.psidlen, rule.psidlen, ctx);
				assert.equal(r.offset, rule.offset, ctx);
				assert.equal(r.ipv4, want.ipv4, ctx);
				assert.equal(r.psid, want.psid, ctx);
				assert.equal(r.psid_mapcalc, want.psid_mapcalc, ctx);
				assert.deepEqual(r.portsets, want.portsets, ctx);
				assert.equal(r.ports, want.portsets.length * 16, ctx);
				assert.equal(r.ce, want.ce_legacy, ctx);
				assert.equal(r.ce_legacy, want.ce_legacy, ctx);
				assert.equal(r.ce_rfc7597, want.ce_rfc7597, ctx);
				assert.deepEqual(r.warnings, [], ctx);
				checked++;
			}
		}
	}
	assert.equal(checked, data.rules.length * 3 * 6);
});

realTest('lookup order: every /38 inside a BIGLOBE /31 range hits its /38 rule, never the /31', noRules, () => {
	const biglobe38 = data.rules.filter((r: any) => r.service.startsWith('biglobe') && r.ipv6.endsWith('/38'));
	assert.equal(biglobe38.length, 256);
	for (const rule of biglobe38) {
		const r = engine.mape.calculate(rule.ipv6.replace('/38', '/56'));
		assert.equal(r.ip6prefixlen, 38, rule.ipv6);
		assert.equal(r.ip4prefix + '/' + r.ip4prefixlen, rule.ipv4, rule.ipv6);
	}
});

realTest('OCN: every /38 of 2400:4050::/30 and 2400:4150::/30 without a rule is OCN_UNKNOWN_BLOCK (84 gaps)', noRules, () => {
	const known = new Set(data.rules.filter((r: any) => r.service == 'ocn').map((r: any) => v6(r.ipv6.split('/')[0])));
	let gaps = 0;
	for (const base of ['2400:4050::', '2400:4150::']) {
		for (let block = 0n; block < 256n; block++) {
			const prefix = v6(base) | (block << BigInt(128 - 38));
			const r = engine.mape.calculate(v6text(prefix | (0xabn << 72n)) + '/56');
			if (known.has(prefix)) {
				assert.equal(r.service, 'ocn', v6text(prefix));
			} else {
				gaps++;
				assert.equal(r.error?.code, 'OCN_UNKNOWN_BLOCK', v6text(prefix));
			}
		}
	}
	assert.equal(gaps, 84, 'japan-ipoe.md §2.3 lists 84 gap blocks');
});

test('identification: pending ranges at their edges, SoftBank, unknown neighbours', () => {
	const cases: [string, string][] = [
		['2001:c90::/56', 'NTT_EAST_PENDING'], ['2001:c90:ffff:ff00::/56', 'NTT_EAST_PENDING'], ['2001:c91::/56', 'UNKNOWN'],
		['2404:1a8::/56', 'NTT_EAST_PENDING'], ['2404:1a8:ffff:ff00::/56', 'NTT_EAST_PENDING'], ['2404:1a9::/56', 'UNKNOWN'],
		['2408::/56', 'NTT_EAST_PENDING'], ['2408:3ff:ffff:ff00::/56', 'NTT_EAST_PENDING'], ['2408:400::/56', 'UNKNOWN'],
		['2001:d70::/56', 'NTT_WEST_PENDING'], ['2001:d73:ffff:ff00::/56', 'NTT_WEST_PENDING'], ['2001:d6f::/56', 'UNKNOWN'], ['2001:d74::/56', 'UNKNOWN'],
		['2001:a000::/56', 'NTT_WEST_PENDING'], ['2001:a7ff:ffff:ff00::/56', 'NTT_WEST_PENDING'], ['2001:a800::/56', 'UNKNOWN'],
		['2400:2410::/56', 'SOFTBANK_HYBRID'], ['2400:2410:ffff:ff00::/56', 'SOFTBANK_HYBRID'], ['2400:2411::/56', 'UNKNOWN'],
		['2400:2650::/56', 'SOFTBANK_HYBRID'], ['2400:264f::/56', 'UNKNOWN'],
		['2400:404f:ffff:ff00::/56', 'UNKNOWN'], ['2400:4054::/56', 'UNKNOWN'], ['2400:414f::/56', 'UNKNOWN'], ['2400:4154::/56', 'UNKNOWN'],
		['240b:f::/56', 'UNKNOWN'], ['240b:14::/56', 'UNKNOWN'], ['240b:254::/56', 'UNKNOWN'], ['2404:7a88::/56', 'UNKNOWN'],
		['240d:e::/56', 'UNKNOWN'], ['240d:10:2000::/56', 'UNKNOWN'],
		['1fff:ffff::/56', 'NOT_GLOBAL'], ['4000::/56', 'NOT_GLOBAL'], ['3fff:ffff::/56', 'UNKNOWN'],
	];
	for (const [input, code] of cases) {
		const prefix = engine.ipv6.parseIpv6(input);
		const id = engine.identify.identify(prefix);
		assert.equal(id.code, code, input);
		assert.equal(typeof id.message, 'string');
		assert.ok(engine.identify.IDENTIFY_CODES.includes(id.code));
		if (code != 'MAP_E') {
			assert.equal(id.service, null);
			assert.equal(engine.mape.calculate(input).error.code, code, input);
		}
	}
	const mape = engine.identify.identify(engine.ipv6.parseIpv6('240b:12:1::/56'));
	assert.equal(mape.code, 'MAP_E');
	assert.equal(mape.service, 'v6plus');
	assert.equal(mape.rule.ip6prefixlen, 31);
});

test('the shipped rule table keeps its provenance note', () => {
	const text = readFileSync(join(buildEngine().ucodeDir, 'mape', 'rules.uc'), 'utf8');
	assert.match(text, /Provenance: these are facts, not code\./);
	assert.match(text, /mape-rules\.json/);
});
