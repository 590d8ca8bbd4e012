/*
 * Build both packages from htdocs/, root/ and the translations (run `tsx tools/build.ts`
 * first so the generated files are current):
 *
 *   tsx tools/package/build.ts [--out DIR]     (default dist/)
 *
 * writes DIR/luci-app-mape_<ver>_all.ipk and DIR/luci-app-mape-<ver>.apk. Deterministic:
 * the same tree and SOURCE_DATE_EPOCH (default: last commit time) give the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { apkFileName, buildApk } from './apk.ts';
import { buildIpk, ipkFileName } from './ipk.ts';
import { REPO, collectPayload, type Payload } from './payload.ts';

export interface BuiltPackages {
	payload: Payload;
	ipk: string;
	apk: string;
}

export async function buildPackages(outDir: string, repo = REPO): Promise<BuiltPackages> {
	const payload = await collectPayload(repo);
	mkdirSync(outDir, { recursive: true });
	const ipk = join(outDir, ipkFileName(payload));
	const apk = join(outDir, apkFileName(payload));
	writeFileSync(ipk, buildIpk(payload));
	writeFileSync(apk, buildApk(payload));
	return { payload, ipk, apk };
}

if (process.argv[1] && resolve(process.argv[1]) == resolve(REPO, 'tools/package/build.ts')) {
	const i = process.argv.indexOf('--out');
	const out = resolve(i > 0 ? process.argv[i + 1] : join(REPO, 'dist'));
	buildPackages(out)
		.then((b) => {
			console.log(`packaged ${b.payload.files.length} files, version ${b.payload.version}:\n  ${b.ipk}\n  ${b.apk}`);
			for (const n of b.payload.notes) console.log(`  note: ${n}`);
		})
		.catch((e) => {
			console.error(e instanceof Error ? e.message : e);
			process.exit(1);
		});
}
