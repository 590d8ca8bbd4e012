/*
 * HB46PP provisioning (mape.hb46pp) through the compiled JavaScript build: the TXT record,
 * the request URL, the JSON answer, the method choice and the calculation from an answer.
 *
 * Inputs: test/hb46pp-cases.ts (observed records and answers copied from
 * shared/docs/ipv4-over-ipv6-provisioning.md §1.8, answers built from japan-ipoe.md §4, and
 * hand-written malformed ones). Expected MAP-E values come from the worked example of
 * japan-ipoe.md §5.1 (test/fixtures/engine/worked-examples.json) and from an independent
 * BigInt reference written here (RFC 7597 bit slicing on 128-bit values, parsing and
 * formatting by ipaddr.js); request URLs are read back with Node's URL parser.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ipaddr from 'ipaddr.js';
import { loadEngine, REPO } from './engine-build.ts';
import { prng } from './prng.ts';
import {
	BAD_BODIES, GOOD_BODIES, JPNE_RULES, MAPE_BODY, TRANSIX_BODY, TRANSIX_TXT, TXT_CASES, V6CONNECT_BODY, V6CONNECT_TOKEN,
	V6CONNECT_TXT, mapEAnswer,
} from './hb46pp-cases.ts';

const engine = await loadEngine();
const h = engine.hb46pp;
const SEED = Number(process.env.ENGINE_SEED ?? 4646);

/** The codes the module documents (its header comment), so a new code cannot go unlisted. */
const SOURCE = readFileSync(join(REPO, 'luci-app-mape/core/hb46pp.ts'), 'utf8');
const HEADER = SOURCE.slice(0, SOURCE.indexOf('*/'));
const documented = (code: string) => new RegExp(`\\b${code}\\b`).test(HEADER);
const OTHER_CODES = new Set([...engine.ipv6.IPV6_ERROR_CODES, ...engine.mape.MAPE_ERROR_CODES]);

function assertCode(r: any, code: string, what: string): void {
	assert.ok(r.error, `${what}: an error, got ${JSON.stringify(r).slice(0, 200)}`);
	assert.equal(r.error.code, code, `${what}: ${r.error.message}`);
	assert.ok(documented(code) || OTHER_CODES.has(code), `${code} is documented in core/hb46pp.ts`);
	assert.ok(r.error.message.length > 8, 'a message');
}

/* ---- TXT record ---- */

test('TXT records: the observed transix and v6 コネクト records give their servers', () => {
	assert.deepEqual(h.parseTxtRecord(TRANSIX_TXT), { url: 'https://setup46.transix.jp/config', scheme: 'https', host: 'setup46.transix.jp', port: 443, verify: true });
	assert.deepEqual(h.parseTxtRecord(V6CONNECT_TXT), { url: 'https://prod.v6mig.v6connect.net/cpe/v1/config', scheme: 'https', host: 'prod.v6mig.v6connect.net', port: 443, verify: true });
	assert.deepEqual(h.parseTxtRecord('v=v6mig-1 url=http://prov.example.jp/config t=a'), { url: 'http://prov.example.jp/config', scheme: 'http', host: 'prov.example.jp', port: 80, verify: false });
	assert.deepEqual(h.parseTxtRecord('  v=v6mig-1\turl=https://prov.example.jp:8443/c?x=1  t=b future=1 '), { url: 'https://prov.example.jp:8443/c?x=1', scheme: 'https', host: 'prov.example.jp', port: 8443, verify: true });
	assert.deepEqual(h.parseTxtRecord('v=v6mig-1 url=https://[2001:DB8::10]:8443/ t=a'), { url: 'https://[2001:DB8::10]:8443/', scheme: 'https', host: '2001:db8::10', port: 8443, verify: false });
	assert.equal(h.parseTxtRecord('v=v6mig-1 url=HTTPS://Prov.Example.JP t=b').host, 'prov.example.jp');
});

for (const [text, code] of TXT_CASES) {
	test(`TXT ${JSON.stringify(text.slice(0, 70))} → ${code ?? 'valid'}`, () => {
		const r = h.parseTxtRecord(text);
		if (code == null) {
			assert.equal(r.error, undefined, JSON.stringify(r.error));
			assert.match(r.scheme, /^https?$/);
			assert.equal(typeof r.host, 'string');
		} else {
			assertCode(r, code, text);
		}
	});
}

test('the TXT records of the name: only v=v6mig-1 records count, exactly one', () => {
	const spf = 'v=spf1 -all';
	assert.equal(h.chooseTxtRecord([spf, TRANSIX_TXT, 'google-site-verification=x']).host, 'setup46.transix.jp');
	assertCode(h.chooseTxtRecord([]), 'HB46PP_NO_RECORD', 'none');
	assertCode(h.chooseTxtRecord([spf]), 'HB46PP_NO_RECORD', 'only another kind');
	assertCode(h.chooseTxtRecord(null), 'HB46PP_NO_RECORD', 'not a list');
	assertCode(h.chooseTxtRecord([TRANSIX_TXT, V6CONNECT_TXT]), 'HB46PP_MULTIPLE_RECORDS', 'two');
	// A malformed v6mig-1 record is still the record: its own error is reported.
	assertCode(h.chooseTxtRecord([spf, 'v=v6mig-1 url=http://p.example.jp/ t=b']), 'HB46PP_TXT_HTTP_VERIFY', 'malformed');
});

/* ---- request ---- */

const SPEC_FIELDS = { vendorid: 'acde48-v6pc_swg_hgw', product: 'V6MIG-ROUTER', version: '1_32', capability: ['map_e', 'dslite', 'lw4o6', 'hubspoke'] };

test('request URL: the spec example identity, read back by an independent URL parser', () => {
	const server = h.parseTxtRecord(TRANSIX_TXT);
	const r = h.requestUrl(server, SPEC_FIELDS);
	assert.equal(r.url, 'https://setup46.transix.jp/config?vendorid=acde48-v6pc_swg_hgw&product=V6MIG-ROUTER&version=1_32&capability=map_e,dslite,lw4o6,hubspoke');
	assert.equal(r.credentials, false);
	assert.equal(r.verify, true);
	const url = new URL(r.url);
	assert.equal(url.origin + url.pathname, 'https://setup46.transix.jp/config');
	assert.deepEqual([...url.searchParams], [['vendorid', 'acde48-v6pc_swg_hgw'], ['product', 'V6MIG-ROUTER'], ['version', '1_32'], ['capability', 'map_e,dslite,lw4o6,hubspoke']]);
	assert.deepEqual(r.parameters, [...url.searchParams]);

	// The token of an earlier answer is echoed; a ? already in the URL is kept.
	const withQuery = h.parseTxtRecord('v=v6mig-1 url=https://p.example.jp/cfg?isp=x t=b');
	const t = h.requestUrl(withQuery, { ...SPEC_FIELDS, token: V6CONNECT_TOKEN });
	assert.deepEqual([...new URL(t.url).searchParams].map(([k]) => k), ['isp', 'vendorid', 'product', 'version', 'capability', 'token']);
	assert.equal(new URL(t.url).searchParams.get('token'), V6CONNECT_TOKEN);
	assert.match(h.requestUrl(h.parseTxtRecord('v=v6mig-1 url=https://p.example.jp/cfg? t=b'), SPEC_FIELDS).url, /cfg\?vendorid=/);
	assert.match(h.requestUrl(h.parseTxtRecord('v=v6mig-1 url=https://p.example.jp/cfg?a=1& t=b'), SPEC_FIELDS).url, /a=1&vendorid=/);
	// Empty optional fields are not sent.
	assert.equal(h.requestUrl(server, { ...SPEC_FIELDS, token: '', user: null, pass: '' }).url, r.url);
	// Other identities seen in the wild (§1.8).
	assert.match(h.requestUrl(server, { vendorid: '000000-kazubu', product: 'v6mig_autoconfig', version: '0_0_3', capability: ['dslite'] }).url, /vendorid=000000-kazubu&product=v6mig_autoconfig&version=0_0_3&capability=dslite$/);
	assert.ok(!h.requestUrl(server, { vendorid: '246c89', product: 'ipoed', version: '1', capability: ['ipip', 'dslite'] }).error);
});

test('request URL: user/pass only where the spec allows them', () => {
	const creds = { ...SPEC_FIELDS, user: 'alice', pass: 's3cret-_x' };
	const verified = h.parseTxtRecord('v=v6mig-1 url=https://prov.example.jp/c t=b');
	const unverified = h.parseTxtRecord('v=v6mig-1 url=https://prov.example.jp/c t=a');
	const plain = h.parseTxtRecord('v=v6mig-1 url=http://prov.example.jp/c t=a');
	const sent = (server: any, fields: any) => {
		const r = h.requestUrl(server, fields);
		const params = new URL(r.url).searchParams;
		assert.equal(r.credentials, params.has('user'));
		assert.equal(params.has('user'), params.has('pass'));
		return r.credentials;
	};
	// No server name configured: on any request.
	assert.equal(sent(verified, creds), true);
	assert.equal(sent(plain, creds), true);
	// A server name configured: only to that host, over https, with t=b.
	assert.equal(sent(verified, { ...creds, server: 'PROV.example.jp.' }), true);
	assert.equal(sent(verified, { ...creds, server: 'other.example.jp' }), false);
	assert.equal(sent(unverified, { ...creds, server: 'prov.example.jp' }), false);
	assert.equal(sent(plain, { ...creds, server: 'prov.example.jp' }), false);
	assert.equal(new URL(h.requestUrl(verified, creds).url).searchParams.get('pass'), 's3cret-_x');
});

test('request fields out of range → their codes', () => {
	const server = h.parseTxtRecord(TRANSIX_TXT);
	const cases: [any, string][] = [
		[{ vendorid: 'acde4' }, 'HB46PP_BAD_VENDORID'], [{ vendorid: 'acde48-' }, 'HB46PP_BAD_VENDORID'], [{ vendorid: 'acdeg8' }, 'HB46PP_BAD_VENDORID'],
		[{ vendorid: 'acde48-' + 'x'.repeat(25) }, 'HB46PP_BAD_VENDORID'], [{ vendorid: 'acde48-a-b' }, 'HB46PP_BAD_VENDORID'], [{ vendorid: 'acde48_x' }, 'HB46PP_BAD_VENDORID'],
		[{ vendorid: null }, 'HB46PP_BAD_VENDORID'], [{ vendorid: 'acde48\n' }, 'HB46PP_BAD_VENDORID'],
		[{ product: '' }, 'HB46PP_BAD_PRODUCT'], [{ product: 'x'.repeat(33) }, 'HB46PP_BAD_PRODUCT'], [{ product: 'V6MIG ROUTER' }, 'HB46PP_BAD_PRODUCT'],
		[{ product: 'a&b=c' }, 'HB46PP_BAD_PRODUCT'], [{ product: 'ルーター' }, 'HB46PP_BAD_PRODUCT'],
		[{ version: '1.32' }, 'HB46PP_BAD_VERSION'], [{ version: '' }, 'HB46PP_BAD_VERSION'], [{ version: '1'.repeat(33) }, 'HB46PP_BAD_VERSION'], [{ version: 132 }, 'HB46PP_BAD_VERSION'],
		[{ capability: [] }, 'HB46PP_BAD_CAPABILITY'], [{ capability: ['dslite', 'dslite'] }, 'HB46PP_BAD_CAPABILITY'], [{ capability: ['map-e'] }, 'HB46PP_BAD_CAPABILITY'],
		[{ capability: 'dslite' }, 'HB46PP_BAD_CAPABILITY'], [{ capability: null }, 'HB46PP_BAD_CAPABILITY'],
		[{ token: 'abc' }, 'HB46PP_BAD_TOKEN'], [{ token: V6CONNECT_TOKEN.toUpperCase() }, 'HB46PP_BAD_TOKEN'], [{ token: V6CONNECT_TOKEN + '&x=1' }, 'HB46PP_BAD_TOKEN'],
		[{ user: 'alice' }, 'HB46PP_BAD_PASS'], [{ pass: 'pw' }, 'HB46PP_BAD_USER'], [{ user: 'a b', pass: 'pw' }, 'HB46PP_BAD_USER'],
		[{ user: 'alice', pass: 'x'.repeat(33) }, 'HB46PP_BAD_PASS'], [{ user: 'alice', pass: 'p&w' }, 'HB46PP_BAD_PASS'],
	];
	for (const [change, code] of cases) assertCode(h.requestUrl(server, { ...SPEC_FIELDS, ...change }), code, JSON.stringify(change));
	for (const caps of [['464xlat', 'dslite', 'ipip', 'lw4o6', 'map_e', 'map_t', 'hubspoke', 'mesh'], ['mesh']]) {
		assert.equal(h.requestUrl(server, { ...SPEC_FIELDS, capability: caps }).parameters[3][1], caps.join(','));
	}
});

/* ---- answers ---- */

test('the observed transix answer: DS-Lite with a literal AFTR, no token', () => {
	const a = h.parseProvisioning(TRANSIX_BODY);
	assert.deepEqual(a, {
		enabler_name: 'Internet Multifeed Co.', service_name: 'transix IPv4接続（DS-Lite）', isp_name: 'transix', ttl: 86400, token: null, auth: null,
		order: ['dslite'], map_e: null, dslite: { aftr: '2404:8e00::feed:101', aftr_address: '2404:8e00::feed:101' },
	});
});

test('the observed v6 コネクト answer: DS-Lite with an AFTR name and a token', () => {
	const a = h.parseProvisioning(V6CONNECT_BODY);
	assert.equal(a.error, undefined);
	assert.equal(a.token, V6CONNECT_TOKEN);
	assert.equal(a.ttl, 86400);
	assert.equal(a.service_name, 'v6 コネクト');
	assert.equal(a.isp_name, null);
	assert.deepEqual(a.dslite, { aftr: 'dslite.v6connect.net', aftr_address: null });
});

test('a MAP-E answer: every rule checked, psidlen derived as ea_length - (32 - ipv4 length)', () => {
	const a = h.parseProvisioning(MAPE_BODY);
	assert.equal(a.error, undefined, JSON.stringify(a.error));
	assert.equal(a.map_e.rules.length, 8);
	assert.deepEqual(a.map_e.rules.map((r: any) => [r.ip6prefixlen, r.ip4prefixlen, r.ealen, r.psidlen, r.offset]), JPNE_RULES.map(() => [32, 16, 24, 8, 4]));
	assert.equal(a.map_e.br, '2404:9200:225:100::64');
	assert.equal(a.map_e.version, 0);
	assert.equal(a.map_e.mesh, false);
	// mesh: 1 and true mean mesh, 0, false and absent hub-and-spoke.
	for (const [mesh, want] of [[1, true], [true, true], [0, false], [false, false], [null, false]] as [unknown, boolean][]) {
		assert.equal(h.parseProvisioning(JSON.stringify(mapEAnswer({ mesh }))).map_e.mesh, want, String(mesh));
	}
	assert.equal(h.parseProvisioning(JSON.stringify(mapEAnswer({ version: 1 }))).map_e.version, 1);
});

for (const [body, code] of BAD_BODIES) {
	test(`answer ${JSON.stringify(body.slice(0, 90))}${body.length > 90 ? '…' : ''} → ${code}`, () => assertCode(h.parseProvisioning(body), code, body.slice(0, 200)));
}

test('valid answers, some at the edges of a range, with unknown keys and json-c leniencies', () => {
	for (const body of GOOD_BODIES) {
		const a = h.parseProvisioning(body);
		assert.equal(a.error, undefined, `${body.slice(0, 200)}: ${JSON.stringify(a.error)}`);
		assert.ok(Array.isArray(a.order));
	}
	const a = h.parseProvisioning('{"order":["dslite"],"dslite":{"aftr":"gw.transix.jp"},"ttl":86400.0}');
	assert.equal(a.ttl, 86400);
	assert.equal(h.parseProvisioning(GOOD_BODIES.find((b) => b.includes('GW.Transix'))!).dslite.aftr, 'gw.transix.jp');
	assert.deepEqual(h.parseProvisioning(GOOD_BODIES.find((b) => b.includes('FEED'))!).dslite, { aftr: '2404:8e00::feed:101', aftr_address: '2404:8e00::feed:101' });
	// Exactly at the size limit is still read.
	const body = JSON.stringify({ order: ['dslite'], dslite: { aftr: 'gw.transix.jp' } });
	assert.equal(h.parseProvisioning(body + ' '.repeat(h.MAX_BODY_BYTES - body.length)).error, undefined);
	assert.equal(h.MAX_TTL, 604800);
	// An already parsed value goes through the same checks.
	assert.equal(h.validateProvisioning(JSON.parse(TRANSIX_BODY)).dslite.aftr, '2404:8e00::feed:101');
	assertCode(h.validateProvisioning('x'), 'HB46PP_NOT_OBJECT', 'a string');
	assertCode(h.parseProvisioning(42), 'HB46PP_BAD_JSON', 'not text');
});

test('method choice: order, unknown or unusable methods, nothing offered, a forced method', () => {
	const both = h.parseProvisioning(JSON.stringify({ ...mapEAnswer(), order: ['lw4o6', 'dslite', 'map_e'], dslite: { aftr: 'gw.transix.jp' } }));
	assert.equal(h.chooseMethod(both), 'dslite');
	assert.equal(h.chooseMethod(both, 'map_e'), 'map_e');
	assert.equal(h.chooseMethod(both, ''), 'dslite');
	assertCode(h.chooseMethod(both, 'lw4o6'), 'HB46PP_METHOD_NOT_OFFERED', 'lw4o6 forced');
	assertCode(h.chooseMethod(h.parseProvisioning(TRANSIX_BODY), 'map_e'), 'HB46PP_METHOD_NOT_OFFERED', 'map_e forced, absent');
	assertCode(h.chooseMethod(h.parseProvisioning('{"order":[]}')), 'HB46PP_NOTHING_OFFERED', 'empty order');
	assertCode(h.chooseMethod(h.parseProvisioning('{"order":["future_method"]}')), 'HB46PP_NO_USABLE_METHOD', 'unknown method only');
	const unusable = h.chooseMethod(h.parseProvisioning('{"order":["464xlat","lw4o6","map_t","ipip"],"lw4o6":{}}'));
	assertCode(unusable, 'HB46PP_NO_USABLE_METHOD', 'unusable methods only');
	assert.match(unusable.error.message, /464xlat, lw4o6, map_t, ipip/);
});

/* ---- the calculation from an answer ---- */

const v6 = (text: string): bigint => ipaddr.IPv6.parse(text).toByteArray().reduce((a, b) => (a << 8n) | BigInt(b), 0n);
const v6text = (value: bigint): string =>
	(ipaddr.fromByteArray(Array.from({ length: 16 }, (_, i) => Number((value >> BigInt(8 * (15 - i))) & 0xffn))) as ipaddr.IPv6).toRFC5952String();
const v4 = (text: string): bigint => text.split('.').reduce((a, o) => (a << 8n) | BigInt(o), 0n);
const v4text = (value: bigint): string => [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
const bits = (value: bigint, start: number, count: number): bigint => (value >> BigInt(128 - start - count)) & ((1n << BigInt(count)) - 1n);

/** RFC 7597 for an HB46PP rule: IPv4, PSID, port sets (A from 1), CE (legacy and RFC 7597). */
function reference(rule: { ipv6: string; ipv4: string; ea_length: number; psid_offset: number }, customer: bigint) {
	const [p6, l6] = rule.ipv6.split('/');
	const [p4, l4] = rule.ipv4.split('/');
	const L = Number(l6), ea = rule.ea_length, a = rule.psid_offset, k = ea - (32 - Number(l4));
	const eaBits = bits(customer, L, ea);
	const ipv4 = v4(p4) | (eaBits >> BigInt(k));
	const psid = eaBits & ((1n << BigInt(k)) - 1n);
	const size = 2 ** (16 - a - k);
	const portsets: number[][] = [];
	for (let A = 1; A < 2 ** a; A++) portsets.push([A * 2 ** (16 - a) + Number(psid) * size, A * 2 ** (16 - a) + Number(psid) * size + size - 1]);
	const net64 = ((customer >> BigInt(128 - (L + ea))) << BigInt(128 - (L + ea))) & ~((1n << 64n) - 1n);
	assert.equal(bits(customer, 0, L), bits(v6(p6), 0, L), 'the customer prefix lies in the rule');
	return {
		ipv4: v4text(ipv4), psid: Number(psid), psidlen: k, portsets, ports: portsets.length * size,
		ce_legacy: v6text(net64 | (ipv4 << 24n) | (psid << 8n)), ce_rfc7597: v6text(net64 | (ipv4 << 16n) | psid),
	};
}

test('MAP-E from an answer: japan-ipoe.md §5.1 through the JPNE-style /32 rules gives the documented values', () => {
	const ex = JSON.parse(readFileSync(join(REPO, 'test/fixtures/engine/worked-examples.json'), 'utf8')).examples.find((e: any) => e.section == '5.1');
	const answer = h.parseProvisioning(MAPE_BODY);
	const r = h.provisionedCalculation(answer, ex.input);
	assert.equal(r.error, undefined, JSON.stringify(r.error));
	for (const field of ['ipv4', 'psid', 'psidlen', 'offset', 'br', 'ce_legacy', 'ce_rfc7597', 'portsets', 'ports', 'mtu']) assert.deepEqual(r[field], ex[field], field);
	assert.equal(r.ce, ex.ce_legacy, 'version 0: the legacy CE');
	assert.equal(r.method, 'map-e');
	assert.equal(r.source, 'hb46pp');
	assert.equal(r.service, 'v6plus', 'the table knows this prefix under MAP-E too');
	assert.equal(r.service_name, 'v6プラス');
	assert.equal(r.ip6prefix + '/' + r.ip6prefixlen, '240b:10::/32');
	assert.equal(r.ip4prefix + '/' + r.ip4prefixlen, '106.72.0.0/16');
	assert.equal(r.rules.length, 8);
	assert.deepEqual(r.rules[7], { ip6prefix: '240b:253::', ip6prefixlen: 32, ip4prefix: '14.13.0.0', ip4prefixlen: 16, ealen: 24, psidlen: 8, offset: 4 });
	assert.deepEqual(r.warnings, []);
	// The table's /31 rules and the answer's /32 rules agree (japan-ipoe.md §4: mathematically identical).
	const table = engine.mape.calculate(ex.input);
	for (const field of ['ipv4', 'psid', 'ce', 'portsets', 'br']) assert.deepEqual(r[field], table[field], field);
});

test('MAP-E from an answer: random prefixes in random rules against the BigInt reference; version 1 gives the RFC 7597 CE', () => {
	const rnd = prng(SEED);
	let checked = 0;
	for (let n = 0; n < 300; n++) {
		// A random rule: /24../48 IPv6 prefix, EA bits ending at or before bit 64, IPv4 /8../32.
		const L = 24 + Math.floor(rnd() * 25);
		const psidlen = Math.floor(rnd() * 9);
		const l4 = 12 + Math.floor(rnd() * 21);
		const ea = 32 - l4 + psidlen;
		if (L + ea > 64) continue;
		const offset = Math.floor(rnd() * (16 - psidlen + 1));
		const base6 = (0x2001n << 112n) | (BigInt(Math.floor(rnd() * 2 ** 30)) << 82n);
		const rule6 = (base6 >> BigInt(128 - L)) << BigInt(128 - L);
		const rule4 = (BigInt(Math.floor(rnd() * 2 ** 32)) >> BigInt(32 - l4)) << BigInt(32 - l4);
		const rule = { ipv6: `${v6text(rule6)}/${L}`, ipv4: `${v4text(rule4)}/${l4}`, ea_length: ea, psid_offset: offset };
		let eaBits = 0n;
		for (let i = 0; i < ea; i++) eaBits = (eaBits << 1n) | BigInt(rnd() < 0.5 ? 1 : 0);
		const customer = rule6 | (eaBits << BigInt(128 - L - ea));
		const want = reference(rule, customer);
		const version = n % 2;
		const answer = h.parseProvisioning(JSON.stringify(mapEAnswer({ version, rules: [rule] })));
		assert.equal(answer.error, undefined, `${JSON.stringify(rule)}: ${JSON.stringify(answer.error)}`);
		const r = h.provisionedCalculation(answer, `${v6text(customer)}/64`);
		if (want.portsets.length == 0 || (offset == 0 && psidlen == 0)) {
			// offset 0 is a mapcalc special case (A from 0) covered by the manual-rule tests.
			continue;
		}
		const ctx = `${JSON.stringify(rule)} ${v6text(customer)} (seed ${SEED})`;
		assert.equal(r.error, undefined, `${ctx}: ${JSON.stringify(r.error)}`);
		assert.equal(r.ipv4, want.ipv4, ctx);
		assert.equal(r.psid, want.psid, ctx);
		assert.equal(r.psidlen, want.psidlen, ctx);
		assert.equal(r.ce, version == 1 ? want.ce_rfc7597 : want.ce_legacy, ctx);
		assert.equal(r.ceformat, version == 1 ? 'rfc7597' : 'legacy', ctx);
		if (offset > 0) assert.deepEqual(r.portsets, want.portsets.map(([a, b]) => [a == 0 ? 1 : a, b]), ctx);
		assert.equal(r.service, 'hb46pp', 'a prefix the tables do not know');
		checked++;
	}
	assert.ok(checked > 100, `${checked} rules checked`);
});

test('MAP-E from an answer: the longest covering rule is the BMR; no rule, a short prefix or a bad prefix are errors', () => {
	const rules = [
		{ ipv6: '2001:db8::/32', ipv4: '192.0.0.0/16', ea_length: 24, psid_offset: 4 },
		{ ipv6: '2001:db8:ab00::/40', ipv4: '198.51.100.0/24', ea_length: 16, psid_offset: 6 },
	];
	const answer = h.parseProvisioning(JSON.stringify(mapEAnswer({ rules })));
	const inner = h.provisionedCalculation(answer, '2001:db8:ab12:3400::/56');
	assert.equal(inner.ip6prefixlen, 40);
	assert.deepEqual(inner, { ...inner, ...reference(rules[1], v6('2001:db8:ab12:3400::')) });
	const outer = h.provisionedCalculation(answer, '2001:db8:cd12:3400::/56');
	assert.equal(outer.ip6prefixlen, 32);
	assert.equal(outer.ipv4, reference(rules[0], v6('2001:db8:cd12:3400::')).ipv4);
	assert.equal(inner.mesh, false);
	assert.equal(inner.rules.length, 2);
	assertCode(h.provisionedCalculation(answer, '2001:db9::/56'), 'HB46PP_NO_MATCHING_RULE', 'outside');
	assertCode(h.provisionedCalculation(answer, '2001:db8:ab00::/48'), 'PREFIX_TOO_SHORT', '/48');
	assertCode(h.provisionedCalculation(answer, 'nonsense'), 'BAD_CHARACTER', 'not a prefix');
	assertCode(h.provisionedCalculation(h.parseProvisioning('{"order":[]}'), '2001:db8::/56'), 'HB46PP_NOTHING_OFFERED', 'nothing');
});

test('DS-Lite from an answer: the observed answers, in the shape of mape calc with source hb46pp', () => {
	const transix = h.provisionedCalculation(h.parseProvisioning(TRANSIX_BODY), '2409:10:1234:5600::/56');
	const j = engine.result.toJson('2409:10:1234:5600::/56', transix);
	assert.deepEqual(j, {
		input: '2409:10:1234:5600::/56', method: 'dslite', source: 'hb46pp', service: 'transix',
		aftr: '2404:8e00::feed:101', aftr_address: '2404:8e00::feed:101', mtu: 1460, warnings: [],
		provisioning: { enabler_name: 'Internet Multifeed Co.', service_name: 'transix IPv4接続（DS-Lite）', isp_name: 'transix', ttl: 86400 },
	});
	assert.deepEqual(Object.keys(j), ['input', 'method', 'source', 'service', 'aftr', 'aftr_address', 'mtu', 'warnings', 'provisioning']);
	assert.equal(transix.service_name, 'transix IPv4接続（DS-Lite）');

	const v6c = engine.result.toJson('2405:6580:1:100::/56', h.provisionedCalculation(h.parseProvisioning(V6CONNECT_BODY), '2405:6580:1:100::/56'));
	assert.deepEqual(v6c, {
		input: '2405:6580:1:100::/56', method: 'dslite', source: 'hb46pp', service: 'v6connect', aftr: 'dslite.v6connect.net', mtu: 1460, warnings: [],
		provisioning: { enabler_name: 'v6 コネクト', service_name: 'v6 コネクト', isp_name: null, ttl: 86400 },
	});
	// A prefix the tables do not know: the answer still decides.
	assert.equal(h.provisionedCalculation(h.parseProvisioning(V6CONNECT_BODY), '2001:db8:1:100::/56').service, 'hb46pp');
});

test('an answer that contradicts the tables is used, with a warning', () => {
	const dsliteOnV6plus = h.provisionedCalculation(h.parseProvisioning(TRANSIX_BODY), '240b:10:abcd:ef00::/56');
	assert.equal(dsliteOnV6plus.method, 'dslite');
	assert.equal(dsliteOnV6plus.service, 'hb46pp');
	assert.deepEqual(dsliteOnV6plus.warnings.map((w: any) => w.code), ['HB46PP_DIFFERS_FROM_TABLE']);
	assert.ok(documented('HB46PP_DIFFERS_FROM_TABLE'));
	const mapeOnTransix = h.provisionedCalculation(h.parseProvisioning(JSON.stringify(mapEAnswer({ rules: [{ ipv6: '2409:10::/32', ipv4: '192.0.0.0/16', ea_length: 24, psid_offset: 4 }] }))), '2409:10:1234:5600::/56');
	assert.equal(mapeOnTransix.method, 'map-e');
	assert.deepEqual(mapeOnTransix.warnings.map((w: any) => w.code), ['HB46PP_DIFFERS_FROM_TABLE']);
	const j = engine.result.toJson('x', mapeOnTransix);
	assert.deepEqual(Object.keys(j).slice(-4), ['ceformat', 'mesh', 'rules', 'provisioning']);
});

test('without the line prefix: DS-Lite still comes out (service hb46pp), MAP-E cannot (HB46PP_NO_PREFIX)', () => {
	const d = h.provisionedCalculation(h.parseProvisioning(TRANSIX_BODY), null);
	assert.equal(d.method, 'dslite');
	assert.equal(d.service, 'hb46pp');
	assert.equal(d.aftr, '2404:8e00::feed:101');
	assert.deepEqual(d.warnings, []);
	assertCode(h.provisionedCalculation(h.parseProvisioning(MAPE_BODY), null), 'HB46PP_NO_PREFIX', 'map_e without a prefix');
	assertCode(h.provisionedCalculation(h.parseProvisioning('{"order":[]}'), null), 'HB46PP_NOTHING_OFFERED', 'nothing');
});

test('defaultVendorId: the OUI of a universally administered MAC + "-luci_app_mape", else the documentation OUI acde48', () => {
	const cases: [string | null, string][] = [
		['00:1A:2B:3C:4D:5E', '001a2b-luci_app_mape'], ['001a2b3c4d5e', '001a2b-luci_app_mape'], ['a8-5e-45-01-02-03', 'a85e45-luci_app_mape'],
		['52:54:00:12:34:56', 'acde48-luci_app_mape'], // locally administered (bit 1 of the first octet)
		['01:00:5e:00:00:01', 'acde48-luci_app_mape'], // multicast
		['00:00:00:00:00:00', 'acde48-luci_app_mape'], [null, 'acde48-luci_app_mape'], ['', 'acde48-luci_app_mape'], ['zz:1a:2b:3c:4d:5e', 'acde48-luci_app_mape'],
	];
	for (const [mac, want] of cases) {
		assert.equal(h.defaultVendorId(mac), want, String(mac));
		assert.equal(h.requestUrl(h.parseTxtRecord(TRANSIX_TXT), { ...SPEC_FIELDS, vendorid: want }).error, undefined, 'a valid vendorid');
	}
});

test('nextQueryDelay: the spec\'s timers (§1.7)', () => {
	const span = (code: string | null, ttl: number | null) => {
		const seen = Array.from({ length: 400 }, (_, r) => h.nextQueryDelay(code, ttl, r * 7919));
		return [Math.min(...seen), Math.max(...seen)];
	};
	assert.equal(h.nextQueryDelay(null, 86400, 5), 86400, 'a valid answer: its ttl');
	assert.equal(h.nextQueryDelay(null, 0, 5), 600, 'ttl 0: still not sooner than 10 minutes');
	assert.equal(h.nextQueryDelay(null, 604800, 5), 604800);
	const within = (code: string | null, lo: number, hi: number) => {
		const [a, b] = span(code, null);
		assert.ok(a >= lo && b <= hi && b - a > (hi - lo) / 2, `${code}: ${a}..${b} in ${lo}..${hi}`);
		assert.equal(h.nextQueryDelay(code, null, 0), lo);
		assert.equal(h.nextQueryDelay(code, null, hi - lo), hi);
	};
	within(null, 72000, 86400); // no ttl: 20-24 h
	for (const code of ['HB46PP_NXDOMAIN', 'HB46PP_NO_RECORD', 'HB46PP_MULTIPLE_RECORDS', 'HB46PP_TXT_BAD_URL', 'HB46PP_TXT_NOT_V6MIG']) within(code, 3600, 10800);
	for (const code of ['HB46PP_DNS_TIMEOUT', 'HB46PP_DNS_FAILED', 'HB46PP_NO_DNS_SERVER']) within(code, 60, 600);
	for (const code of ['HB46PP_HTTP_TIMEOUT', 'HB46PP_NOT_SUBSCRIBER', 'HB46PP_BAD_JSON', 'HB46PP_TOOL_MISSING', 'HB46PP_NOTHING_OFFERED']) within(code, 600, 1800);
});
