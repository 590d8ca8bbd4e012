/*
 * Engine benchmark: how long 10 000 `mape calc` computations take in Node (the JavaScript
 * build on the runtime) and in real ucode (the router build, in the ucode of every set
 * `make openwrt` built; UCODE=/path/to/ucode, several separated by ':', overrides), and how
 * big the rule table is as shipped.
 *
 *   npx tsx tools/bench-engine.ts
 *
 * Inputs are deterministic: a random /56 inside every rule of the table, repeated to
 * 10 000, plus 5 % malformed strings. Times exclude start-up (measured inside each runtime).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { buildBackend } from './build.ts';
import { ucodeBinaries, ucodeLabel } from './openwrt/userland.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const COUNT = 10000;

function prng(seed: number): () => number {
	return () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
}

/** A random /56 inside each rule (hextets after the rule's prefix drawn at random). */
function inputs(): string[] {
	const rules = JSON.parse(readFileSync(join(REPO, '..', 'shared', 'data', 'mape-rules.json'), 'utf8')).rules as { ipv6: string }[];
	const rnd = prng(56);
	const out: string[] = [];
	while (out.length < COUNT) {
		for (const rule of rules) {
			if (out.length >= COUNT) break;
			if (out.length % 20 == 19) { out.push(['2001:db8::/56', 'bogus', '240b:10::/129', ':::1'][out.length % 4]); continue; }
			const [addr, len] = rule.ipv6.split('/');
			let value = 0n;
			const head = addr.replace(/::$/, '').split(':');
			for (let i = 0; i < 8; i++) value = (value << 16n) | BigInt(i < head.length ? parseInt(head[i] || '0', 16) : 0);
			const keep = BigInt(len);
			const random = BigInt(Math.floor(rnd() * 2 ** 30)) << 98n | BigInt(Math.floor(rnd() * 2 ** 30)) << 72n;
			const mask = ((1n << keep) - 1n) << (128n - keep);
			const prefix = (value & mask) | (random & ~mask & (((1n << 56n) - 1n) << 72n));
			const words = [];
			for (let i = 7; i >= 4; i--) words.push(Number((prefix >> BigInt(16 * i)) & 0xffffn).toString(16));
			out.push(words.join(':') + '::/56');
		}
	}
	return out;
}

const UCODE_DRIVER = `import { readfile } from 'fs';
import { calcJson } from 'mape.result';
let lines = split(rtrim(readfile(ARGV[0]), "\\n"), "\\n");
let ok = 0;
let t0 = clock(true);
for (let line in lines) {
	let r = calcJson(line, null);
	if (r.error == null) ok++;
}
let t1 = clock(true);
printf("%d %d\\n", (t1[0] - t0[0]) * 1000000 + int((t1[1] - t0[1]) / 1000), ok);
`;

async function main(): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'mape-bench-'));
	writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
	const files = buildBackend(join(dir, 'js'));
	for (const f of files) {
		const p = join(dir, f.path);
		mkdirSync(dirname(p), { recursive: true });
		writeFileSync(p, f.content);
	}
	const list = inputs();
	writeFileSync(join(dir, 'inputs.txt'), list.join('\n') + '\n');

	const result = await import(pathToFileURL(join(dir, 'js/luci-app-mape/core/result.js')).href);
	for (let i = 0; i < 500; i++) result.calcJson(list[i], null); // warm-up
	const t0 = process.hrtime.bigint();
	let ok = 0;
	for (const line of list) if (result.calcJson(line, null).error == null) ok++;
	const nodeUs = Number(process.hrtime.bigint() - t0) / 1000;

	console.log(`MAP-E engine: ${COUNT} calculations (${ok} valid, ${COUNT - ok} errors)`);
	console.log('');
	console.log('| runtime | total ms | µs per calculation | vs Node |');
	console.log('|---|---|---|---|');
	console.log(`| Node ${process.version} (JavaScript build) | ${(nodeUs / 1000).toFixed(1)} | ${(nodeUs / COUNT).toFixed(2)} | 1.00 |`);

	const binaries = ucodeBinaries();
	if (binaries.length == 0) console.log('| ucode | (none: run `make openwrt` or set UCODE=/path/to/ucode) | | |');
	writeFileSync(join(dir, 'driver.uc'), UCODE_DRIVER);
	for (const ucode of binaries) {
		const r = spawnSync(ucode, ['-L', join(dir, 'root/usr/share/ucode'), join(dir, 'driver.uc'), join(dir, 'inputs.txt')], { encoding: 'utf8' });
		if (r.status != 0) { console.log(`| ${ucodeLabel(ucode)} | failed: ${r.stderr.trim()} | | |`); continue; }
		const [us, ucOk] = r.stdout.trim().split(' ').map(Number);
		if (ucOk != ok) console.log(`(!) ${ucode} counted ${ucOk} valid results, Node ${ok}`);
		console.log(`| ${ucodeLabel(ucode)} | ${(us / 1000).toFixed(1)} | ${(us / COUNT).toFixed(2)} | ${(us / nodeUs).toFixed(2)} |`);
	}

	const shipped = readFileSync(join(dir, 'root/usr/share/ucode/mape/rules.uc'));
	const source = readFileSync(join(REPO, '..', 'shared', 'data', 'mape-rules.json'));
	console.log('');
	console.log('| rule table | bytes | gzip -9 bytes |');
	console.log('|---|---|---|');
	console.log(`| shipped: /usr/share/ucode/mape/rules.uc | ${shipped.length} | ${gzipSync(shipped, { level: 9 }).length} |`);
	console.log(`| source: shared/data/mape-rules.json (baseline) | ${source.length} | ${gzipSync(source, { level: 9 }).length} |`);
	console.log(`| ratio shipped / source | ${(shipped.length / source.length).toFixed(2)} | ${(gzipSync(shipped, { level: 9 }).length / gzipSync(source, { level: 9 }).length).toFixed(2)} |`);
}

main().catch((e) => { console.error(e); process.exit(1); });
