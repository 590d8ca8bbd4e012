/*
 * Same source, same answers: the engine compiled to ucode, run by a real ucode interpreter
 * (every one of test/openwrt-env.ts: OpenWrt 23.05, 24.10 and master), gives the same results
 * as the JavaScript build on the worked examples, the malformed fixtures, a random prefix in
 * every rule, manual rules and 100 000 fuzz strings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildEngine, loadEngine, REPO } from './engine-build.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { mutate, prng } from './prng.ts';

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
