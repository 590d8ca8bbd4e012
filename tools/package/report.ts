/*
 * `make size-report`: sizes of the built packages and of what they install.
 *
 *   tsx tools/package/report.ts [DIR]     (default dist/)
 *
 * Exits 1 when the ipk is not under the 60 KB budget.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { apkFileName, apkInstalledSize } from './apk.ts';
import { dataTar, ipkFileName } from './ipk.ts';
import { REPO, collectPayload } from './payload.ts';

export const IPK_BUDGET = 60 * 1024;

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
	const groups = new Map<string, number>();
	for (const f of payload.files) {
		const g = f.path.startsWith('/www/') ? 'views (/www)' : f.path.startsWith('/usr/share/ucode/') ? 'ucode modules' : f.path.includes('/i18n/') ? 'translations' : 'other (plugin, CLI, config, ACL, menu)';
		groups.set(g, (groups.get(g) ?? 0) + f.data.length);
	}
	console.log(`${payload.name} ${payload.version}: ${payload.files.length} files, ${kb(bytes)} installed`);
	for (const [g, n] of [...groups].sort()) console.log(`  ${g.padEnd(40)} ${kb(n).padStart(10)}`);
	console.log(`  ${relative(process.cwd(), ipk).padEnd(50)} ${String(ipkSize).padStart(7)} bytes (${kb(ipkSize)}; budget ${kb(IPK_BUDGET)}, data tar ${kb(dataTar(payload).length)} uncompressed)`);
	console.log(`  ${relative(process.cwd(), apk).padEnd(50)} ${String(apkSize).padStart(7)} bytes (${kb(apkSize)}; apk installed size ${kb(apkInstalledSize(payload))})`);
	for (const n of payload.notes) console.log(`  note: ${n}`);
	if (ipkSize >= IPK_BUDGET) {
		console.error(`size-report: the ipk is ${ipkSize} bytes, over the ${IPK_BUDGET}-byte budget`);
		process.exit(1);
	}
}

main().catch((e) => {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
});
