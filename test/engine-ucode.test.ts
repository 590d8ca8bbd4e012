/*
 * Same source, same answers: the engine compiled to ucode, run by a real ucode interpreter
 * (every one of test/openwrt-env.ts: OpenWrt 23.05, 24.10 and master), gives the same results
 * as the JavaScript build on the worked examples, the malformed fixtures, a random prefix in
 * every rule, manual rules and 100 000 fuzz strings; and for HB46PP (TXT records, request
 * URLs, answers, the calculation from an answer) and DS-Lite prefixes on every case of
 * test/hb46pp-cases.ts plus mutated records and bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildEngine, loadEngine, REPO } from './engine-build.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { mutate, prng } from './prng.ts';
import {
	BAD_BODIES, GOOD_BODIES, MAPE_BODY, TRANSIX_BODY, TRANSIX_TXT, TXT_CASES, V6CONNECT_BODY, V6CONNECT_TOKEN, V6CONNECT_TXT, mapEAnswer,
} from './hb46pp-cases.ts';

const missing = ucodeMissing('the ucode build of the engine is not compared');

/** The ucode side: reads the cases, prints one %J line per case. */
const DRIVER = `import { readfile } from 'fs';
import { toJson } from 'mape.result';
import { calculate, calculateManual } from 'mape.mape';
let cases = json(readfile(ARGV[0]));
for (let c in cases) {
	let full;
	if (c.params != null) full = calculateManual(c.input, c.params, c.options);
	else full = calculate(c.input, c.options);
	print(sprintf('%J', { json: toJson(c.input, full), full: full }), '\\n');
}
`;

function cases(): { input: string; params?: any; options?: any }[] {
	const list: { input: string; params?: any; options?: any }[] = [];
	const examples = JSON.parse(readFileSync(join(REPO, 'test/fixtures/engine/worked-examples.json'), 'utf8')).examples;
	for (const ex of examples) list.push({ input: ex.input }, { input: ex.input, options: { ceformat: 'rfc7597' } });
	const malformed = JSON.parse(readFileSync(join(REPO, 'test/fixtures/engine/malformed.json'), 'utf8'));
	for (const c of [...malformed.parse, ...malformed.calc]) list.push({ input: c.input });
	const rnd = prng(2410);
	const rulesJson = join(REPO, '..', 'shared', 'data', 'mape-rules.json');
	if (existsSync(rulesJson)) {
		for (const rule of JSON.parse(readFileSync(rulesJson, 'utf8')).rules) {
			// A random /56 inside the rule: random hex in the 3rd and 4th hextets, masked by the engine itself.
			const [p6] = rule.ipv6.split('/');
			const parts = p6.replace(/::$/, '').split(':').map((h: string) => parseInt(h, 16));
			while (parts.length < 4) parts.push(0);
			const len = Number(rule.ipv6.split('/')[1]);
			const keepMask = (n: number, i: number) => { const kept = Math.max(0, Math.min(16, len - 16 * i)); return kept == 16 ? 0xffff : (0xffff << (16 - kept)) & 0xffff; };
			const words = parts.slice(0, 4).map((w: number, i: number) => (w & keepMask(w, i)) | (Math.floor(rnd() * 65536) & ~keepMask(w, i) & 0xffff));
			list.push({ input: words.map((w: number) => w.toString(16)).join(':') + `:${Math.floor(rnd() * 65536).toString(16)}::1/64` });
		}
	}
	const v6plus = { ip6prefix: '240b:10::', ip6prefixlen: 31, ip4prefix: '106.72.0.0', ip4prefixlen: 15, ealen: 25, psidlen: 8, offset: 4, br: '2404:9200:225:100::64' };
	for (const params of [v6plus, { ...v6plus, ip6prefixlen: '31', ealen: '25', mtu: '1452' }, { ...v6plus, offset: 9 }, { ...v6plus, ealen: 24 },
		{ ip6prefix: '2001:db8::', ip6prefixlen: 40, ip4prefix: '192.0.2.1', ip4prefixlen: 32, ealen: 16, psidlen: 16, offset: 0, br: '2001:db8::1' }]) {
		for (const input of ['240b:10:abcd:ef00::/56', '2001:db8:12:3400::/56', '2001:db8::/56', 'bad']) list.push({ input, params });
	}
	const alphabet = '0123456789abcdefABCDEF:::..//%[] gx-';
	const seeds = ['240b:10:abcd:ef00::/56', '2400:4050:1234:5600::/56', '[2404:7a86:1:2::1%eth0]/64', '::ffff:1.2.3.4'];
	for (let n = 0; n < 4000; n++) {
		let s = seeds[n % seeds.length];
		for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
			const at = Math.floor(rnd() * (s.length + 1));
			const c = alphabet[Math.floor(rnd() * alphabet.length)];
			s = rnd() < 0.5 ? s.slice(0, at) + c + s.slice(at) : s.slice(0, at) + c + s.slice(at + 1);
		}
		list.push({ input: s });
	}
	return list;
}

realTest('ucode build = JavaScript build on every case', missing, async () => {
	const build = buildEngine();
	const engine = await loadEngine();
	const list = cases();
	const casesPath = join(build.dir, 'cases.json');
	const driverPath = join(build.dir, 'driver.uc');
	writeFileSync(casesPath, JSON.stringify(list));
	writeFileSync(driverPath, DRIVER);
	// -L needs an absolute directory: nested module imports resolve a relative one from the importing file.
	for (const ucode of ucodeBinaries()) {
		const out = execFileSync(ucode, ['-L', build.ucodeDir, driverPath, casesPath], { encoding: 'utf8', maxBuffer: 1 << 28 });
		const lines = out.trimEnd().split('\n');
		assert.equal(lines.length, list.length);
		list.forEach((c, i) => {
			const full = c.params ? engine.mape.calculateManual(c.input, c.params, c.options) : engine.mape.calculate(c.input, c.options);
			assert.deepEqual(JSON.parse(lines[i]), { json: engine.result.toJson(c.input, full), full }, `${ucode}: ${JSON.stringify(c)}`);
		});
	}
});

realTest('fuzz on the ucode build: 100 000 random and near-miss strings, no crash, same answers as JavaScript', missing, async () => {
	const build = buildEngine();
	const engine = await loadEngine();
	const codes = new Set<string>(engine.result.RESULT_ERROR_CODES);
	const rnd = prng(Number(process.env.ENGINE_SEED ?? 2305));
	const near = '0123456789abcdefABCDEF:::..//%[] \tgx-_é';
	const valid = ['240b:10:abcd:ef00::/56', '2400:4050:1234:5600::/56', '2404:7a82:1234:5600::/56', '240d:f:1234:5600::/56',
		'[2400:4151:1234:5600::1%eth0]/64', '2408:210:1:2::/64', '::ffff:1.2.3.4', '1:2:3:4:5:6:7:8'];
	const inputs: string[] = [];
	for (let n = 0; n < 100000; n++) {
		let s: string;
		if (n % 5 == 0) {
			// Any code point except lone surrogates (the input file is UTF-8).
			s = Array.from({ length: Math.floor(rnd() * 30) }, () => String.fromCodePoint(rnd() < 0.8 ? Math.floor(rnd() * 128) : 0xe000 + Math.floor(rnd() * 0x1000))).join('');
		} else if (n % 5 == 1) {
			s = Array.from({ length: Math.floor(rnd() * 40) }, () => near[Math.floor(rnd() * near.length)]).join('');
		} else {
			s = mutate(rnd, valid[Math.floor(rnd() * valid.length)], near, 4, 0.35, 0.65);
		}
		inputs.push(s);
	}
	const inputsPath = join(build.dir, 'fuzz.json');
	const driverPath = join(build.dir, 'fuzz.uc');
	writeFileSync(inputsPath, JSON.stringify(inputs));
	writeFileSync(driverPath, `import { readfile } from 'fs';
import { calcJson } from 'mape.result';
for (let s in json(readfile(ARGV[0]))) print(sprintf('%J', calcJson(s)), '\\n');
`);
	for (const ucode of ucodeBinaries()) {
		const out = execFileSync(ucode, ['-L', build.ucodeDir, driverPath, inputsPath], { encoding: 'utf8', maxBuffer: 1 << 30 });
		const lines = out.trimEnd().split('\n');
		assert.equal(lines.length, inputs.length, `${ucode}: one answer per input: the ucode run did not stop early`);
		let results = 0;
		inputs.forEach((s, i) => {
			const uc = JSON.parse(lines[i]);
			if (uc.error) assert.ok(codes.has(uc.error.code), `undocumented code ${uc.error.code} for ${JSON.stringify(s)}`);
			else results++;
			assert.deepEqual(uc, engine.result.calcJson(s), `${ucode}: ${JSON.stringify(s)}`);
		});
		assert.ok(results > 500, `some inputs still compute (${results})`);
	}
});

/** The HB46PP and DS-Lite calls, by name, on either build (`e`: hb46pp + result modules). */
const HB_DRIVER = `import { readfile } from 'fs';
import * as h from 'mape.hb46pp';
import { calcJson, calculateLine, toJson } from 'mape.result';
const run = {
	txt: (a) => h.parseTxtRecord(a[0]),
	choose: (a) => h.chooseTxtRecord(a[0]),
	request: (a) => h.requestUrl(h.parseTxtRecord(a[0]), a[1]),
	parse: (a) => h.parseProvisioning(a[0]),
	validate: (a) => h.validateProvisioning(a[0]),
	method: (a) => h.chooseMethod(h.parseProvisioning(a[0]), a[1]),
	provision: (a) => { let p = h.provisionedCalculation(h.parseProvisioning(a[0]), a[1], a[2]); return { full: p, json: toJson(a[1], p) }; },
	line: (a) => ({ full: calculateLine(a[0]), json: calcJson(a[0]) }),
	vendor: (a) => h.defaultVendorId(a[0]),
	delay: (a) => h.nextQueryDelay(a[0], a[1], a[2]),
};
for (let c in json(readfile(ARGV[0]))) print(sprintf('%J', run[c[0]](c[1])), '\\n');
`;

function hbRun(h: any, result: any, fn: string, a: any[]): unknown {
	switch (fn) {
		case 'txt': return h.parseTxtRecord(a[0]);
		case 'choose': return h.chooseTxtRecord(a[0]);
		case 'request': return h.requestUrl(h.parseTxtRecord(a[0]), a[1]);
		case 'parse': return h.parseProvisioning(a[0]);
		case 'validate': return h.validateProvisioning(a[0]);
		case 'method': return h.chooseMethod(h.parseProvisioning(a[0]), a[1]);
		case 'provision': { const p = h.provisionedCalculation(h.parseProvisioning(a[0]), a[1], a[2]); return { full: p, json: result.toJson(a[1], p) }; }
		case 'vendor': return h.defaultVendorId(a[0]);
		case 'delay': return h.nextQueryDelay(a[0], a[1], a[2]);
		default: return { full: result.calculateLine(a[0]), json: result.calcJson(a[0]) };
	}
}

function hbCases(): [string, unknown[]][] {
	const list: [string, unknown[]][] = [];
	for (const [text] of TXT_CASES) list.push(['txt', [text]]);
	list.push(['txt', [null]], ['txt', [42]], ['txt', ['v=v6mig-1 url=https://p.example.jp/\u0000x t=b']], ['txt', ['v=v6mig-1 url=https://p.example.jp/\nx t=b']], ['choose', [[]]], ['choose', [null]], ['choose', [['v=spf1 -all', TRANSIX_TXT]]], ['choose', [[TRANSIX_TXT, V6CONNECT_TXT]]]);
	const spec = { vendorid: 'acde48-v6pc_swg_hgw', product: 'V6MIG-ROUTER', version: '1_32', capability: ['map_e', 'dslite', 'lw4o6', 'hubspoke'] };
	for (const change of [{}, { token: V6CONNECT_TOKEN }, { token: 'x' }, { user: 'alice', pass: 'pw' }, { user: 'alice', pass: 'pw', server: 'setup46.transix.jp' },
		{ user: 'alice', pass: 'pw', server: 'other.example.jp' }, { user: 'alice' }, { vendorid: 'acde48-' }, { vendorid: 'acde48\n' }, { product: 'ルーター' },
		{ version: '1.32' }, { capability: ['dslite', 'dslite'] }, { capability: [] }, { capability: ['mesh', 'hubspoke', 'ipip'] },
		{ vendorid: 'acde48\u0000' }, { product: 'V6MIG\u0000ROUTER' }, { token: V6CONNECT_TOKEN.slice(0, 32) + '\n' + V6CONNECT_TOKEN.slice(32) }]) {
		for (const txt of [TRANSIX_TXT, 'v=v6mig-1 url=http://[2001:db8::1]:8080/c?x=1& t=a']) list.push(['request', [txt, { ...spec, ...change }]]);
	}
	for (const body of [...BAD_BODIES.map(([b]) => b), ...GOOD_BODIES]) list.push(['parse', [body]]);
	for (const v of [null, 'x', [], JSON.parse(TRANSIX_BODY), { order: ['map_e'], map_e: { br: '::1', rules: [{ ipv6: '::/0', ipv4: '0.0.0.0/0', ea_length: 48, psid_offset: 0 }] } }]) list.push(['validate', [v]]);
	const both = JSON.stringify({ ...mapEAnswer(), order: ['lw4o6', 'dslite', 'map_e'], dslite: { aftr: 'gw.transix.jp' } });
	for (const [body, forced] of [[both, null], [both, 'map_e'], [both, 'lw4o6'], ['{"order":[]}', null], ['{"order":["x","ipip"]}', null], [TRANSIX_BODY, 'map_e']]) list.push(['method', [body, forced]]);
	const prefixes = ['240b:10:abcd:ef00::/56', '240b:253:ffff:ff12::1', '2409:10:1234:5600::/56', '2405:6580:1:100::/56', '2001:db8:ab12:3400::/56', '240b:10::/48', 'bad', '2409:14::/56'];
	const bodies = [MAPE_BODY, TRANSIX_BODY, V6CONNECT_BODY, both, JSON.stringify(mapEAnswer({ version: 1, mesh: true })),
		JSON.stringify(mapEAnswer({ rules: [{ ipv6: '2001:db8::/32', ipv4: '192.0.0.0/16', ea_length: 24, psid_offset: 4 }, { ipv6: '2001:db8:ab00::/40', ipv4: '198.51.100.0/24', ea_length: 16, psid_offset: 0 }] }))];
	for (const body of bodies) for (const prefix of [...prefixes, null]) for (const options of [null, { method: 'map_e' }]) list.push(['provision', [body, prefix, options]]);
	for (const mac of [null, '', '00:1A:2B:3C:4D:5E', '52:54:00:12:34:56', '01:00:5e:00:00:01', '00:00:00:00:00:00', '001a2b3c4d5e', 'zz:1a:2b:3c:4d:5e']) list.push(['vendor', [mac]]);
	for (const code of [null, 'HB46PP_NXDOMAIN', 'HB46PP_TXT_BAD_URL', 'HB46PP_DNS_TIMEOUT', 'HB46PP_HTTP_TLS', 'HB46PP_BAD_JSON']) {
		for (const ttl of [null, 0, 86400]) for (const r of [0, 1, 599, 123456789]) list.push(['delay', [code, ttl, r]]);
	}
	for (const prefix of [...prefixes, '2001:f70::/56', '2001:f77:ffff:ff00::/56', '2001:f78::/56', '2409:250::/56', '2409:253:ffff:ff00::/56', '2408:210:1234:5600::/56', '2001:a000::/64']) list.push(['line', [prefix]]);
	// Mutated records and bodies, with the characters json-c and the URL rules care about.
	const rnd = prng(4646);
	const jsonAlphabet = `{}[]:,"\\'/*.-+eE0123456789NaIifnutl \t\nxé`;
	const seeds = [TRANSIX_BODY, V6CONNECT_BODY, MAPE_BODY, both];
	for (let n = 0; n < 3000; n++) list.push(['parse', [mutate(rnd, seeds[n % seeds.length], jsonAlphabet, 3, 0.4, 0.7)]]);
	const txtAlphabet = 'v=6mig-1 url:/[]@#?&t=ab.:0123456789\t';
	for (let n = 0; n < 2000; n++) list.push(['txt', [mutate(rnd, n % 2 ? TRANSIX_TXT : 'v=v6mig-1 url=https://[2001:db8::10]:8443/config t=a', txtAlphabet, 3, 0.4, 0.7)]]);
	for (let n = 0; n < 300; n++) list.push(['provision', [mutate(rnd, seeds[n % seeds.length], jsonAlphabet, 2, 0.4, 0.7), prefixes[n % prefixes.length], null]]);
	return list;
}

realTest('HB46PP and DS-Lite: ucode build = JavaScript build on every case and on mutated records and bodies', missing, async () => {
	const build = buildEngine();
	const h = await build.load('hb46pp');
	const result = await build.load('result');
	const list = hbCases();
	const casesPath = join(build.dir, 'hb46pp-cases.json');
	const driverPath = join(build.dir, 'hb46pp-driver.uc');
	writeFileSync(casesPath, JSON.stringify(list));
	writeFileSync(driverPath, HB_DRIVER);
	const expected = list.map(([fn, args]) => JSON.parse(JSON.stringify(hbRun(h, result, fn, args))));
	const codes = new Set<string>();
	for (const e of expected as any[]) {
		const err = e?.error ?? e?.full?.error;
		if (err) codes.add(err.code);
	}
	assert.ok(codes.size > 40, `the cases reach ${codes.size} different codes`);
	for (const ucode of ucodeBinaries()) {
		const out = execFileSync(ucode, ['-L', build.ucodeDir, driverPath, casesPath], { encoding: 'utf8', maxBuffer: 1 << 28 });
		const lines = out.trimEnd().split('\n');
		assert.equal(lines.length, list.length, `${ucode}: one answer per case`);
		list.forEach(([fn, args], i) => {
			assert.deepEqual(JSON.parse(lines[i]), expected[i], `${ucode}: ${fn} ${JSON.stringify(args).slice(0, 300)}`);
		});
	}
});
