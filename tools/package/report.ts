/*
 * `make size-report`: sizes of the built packages and of what they install.
 *
 *   tsx tools/package/report.ts [DIR]     (default dist/)
 *
 * Breaks the ipk down into views, ucode, translations and other, in compressed bytes: each
 * data tar entry counts what it adds to the gzip stream of the entries before it (so the
 * parts add up to data.tar.gz exactly), and "other" also takes the remaining files, the
 * control.tar.gz and the ipk's own tar and gzip framing, so the four add up to the ipk.
 * Exits 1 when the ipk is not under the 88 KB budget.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { apkFileName, apkInstalledSize } from './apk.ts';
import { dataTar, ipkFileName } from './ipk.ts';
import { REPO, collectPayload, treeFiles, type Payload } from './payload.ts';
import { isUcodeFile } from './strip-ucode.ts';
import { gzip } from './tar.ts';

export const IPK_BUDGET = 88 * 1024;

export type Part = 'views' | 'ucode' | 'translations' | 'other';
export const PARTS: readonly Part[] = ['views', 'ucode', 'translations', 'other'];

/** Which part an installed file belongs to. */
export function partOf(path: string, data: Uint8Array): Part {
	if (path.startsWith('/www/')) return 'views';
	if (isUcodeFile(path, data)) return 'ucode';
	if (path.startsWith('/usr/lib/lua/luci/i18n/')) return 'translations';
	return 'other';
}

/** Byte ranges of a GNU tar's entries (a ././@LongLink record goes with its entry). */
function tarRanges(buf: Buffer): Array<{ name: string; start: number; end: number }> {
	const out: Array<{ name: string; start: number; end: number }> = [];
	const str = (b: Buffer) => b.toString('utf8').replace(/\0.*$/s, '');
	let pos = 0;
	let start = 0;
	let longName: string | undefined;
	while (pos + 512 <= buf.length) {
		const h = buf.subarray(pos, pos + 512);
		if (h.every((b) => b == 0)) break;
		const size = parseInt(str(h.subarray(124, 136)) || '0', 8);
		const next = pos + 512 + Math.ceil(size / 512) * 512;
		if (String.fromCharCode(h[156]) == 'L') longName = str(buf.subarray(pos + 512, pos + 512 + size));
		else {
			out.push({ name: longName ?? str(h.subarray(0, 100)), start, end: next });
			longName = undefined;
			start = next;
		}
		pos = next;
	}
	return out;
}

/**
 * Compressed bytes of data.tar.gz per part: entry i is charged gzip(first i entries) −
 * gzip(first i−1 entries), with the same compressor as the package; directories and the
 * end blocks are 'other'. The parts add up to data.tar.gz's size.
 */
export function compressedParts(p: Payload): Record<Part, number> {
	const tar = dataTar(p);
	const parts: Record<Part, number> = { views: 0, ucode: 0, translations: 0, other: 0 };
	const byPath = new Map(p.files.map((f) => [`.${f.path}`, f]));
	let before = gzip(tar.subarray(0, 0)).length;
	parts.other = before;
	for (const r of tarRanges(tar)) {
		const size = gzip(tar.subarray(0, r.end)).length;
		const f = byPath.get(r.name);
		parts[f ? partOf(f.path, f.data) : 'other'] += size - before;
		before = size;
	}
	parts.other += gzip(tar).length - before;
	return parts;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
	const dir = resolve(process.argv[2] ?? join(REPO, 'dist'));
	const payload = await collectPayload();
	const ipk = join(dir, ipkFileName(payload));
	const apk = join(dir, apkFileName(payload));
	for (const f of [ipk, apk]) {
		if (!existsSync(f)) {
			console.error(`size-report: ${f} is missing (run make package)`);
			process.exit(1);
		}
	}
	const ipkSize = statSync(ipk).size;
	const apkSize = statSync(apk).size;
	const bytes = payload.files.reduce((n, f) => n + f.data.length, 0);
	const installed: Record<Part, number> = { views: 0, ucode: 0, translations: 0, other: 0 };
	const count: Record<Part, number> = { views: 0, ucode: 0, translations: 0, other: 0 };
	for (const f of payload.files) {
		installed[partOf(f.path, f.data)] += f.data.length;
		count[partOf(f.path, f.data)]++;
	}
	const source: Record<Part, number> = { views: 0, ucode: 0, translations: 0, other: 0 };
	for (const f of treeFiles()) source[partOf(f.path, f.data)] += f.data.length;
	const packed = compressedParts(payload);
	const dataGz = gzip(dataTar(payload)).length;
	packed.other += ipkSize - dataGz;

	console.log(`${payload.name} ${payload.version}: ${payload.files.length} files, ${kb(bytes)} installed`);
	console.log(`  ${relative(process.cwd(), ipk)}: ${ipkSize} bytes (${kb(ipkSize)}), budget ${IPK_BUDGET} bytes (${kb(IPK_BUDGET)}): ${ipkSize < IPK_BUDGET ? `${IPK_BUDGET - ipkSize} bytes to spare` : 'OVER'}`);
	console.log(`  ${'part'.padEnd(14)} ${'files'.padStart(5)} ${'in the ipk'.padStart(12)} ${'installed'.padStart(11)}  note`);
	const notes: Record<Part, string> = {
		views: 'htdocs/ as it is',
		ucode: `comments stripped (root/ has ${kb(source.ucode)})`,
		translations: '.lmo compiled from po/',
		other: 'config, ACL, menu, hotplug, directories, control.tar.gz, ipk framing',
	};
	for (const part of PARTS) {
		console.log(`  ${part.padEnd(14)} ${String(count[part]).padStart(5)} ${String(packed[part]).padStart(12)} ${kb(installed[part]).padStart(11)}  ${notes[part]}`);
	}
	console.log(`  ${'total'.padEnd(14)} ${String(payload.files.length).padStart(5)} ${String(PARTS.reduce((n, part) => n + packed[part], 0)).padStart(12)} ${kb(bytes).padStart(11)}  (data tar ${kb(dataTar(payload).length)} uncompressed, data.tar.gz ${dataGz} bytes)`);
	console.log(`  ${relative(process.cwd(), apk)}: ${apkSize} bytes (${kb(apkSize)}; apk installed size ${kb(apkInstalledSize(payload))})`);
	for (const n of payload.notes) console.log(`  note: ${n}`);
	if (ipkSize >= IPK_BUDGET) {
		console.error(`size-report: the ipk is ${ipkSize} bytes, over the ${IPK_BUDGET}-byte budget`);
		process.exit(1);
	}
}

if (process.argv[1] && resolve(process.argv[1]) == resolve(REPO, 'tools/package/report.ts')) {
	main().catch((e) => {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	});
}
