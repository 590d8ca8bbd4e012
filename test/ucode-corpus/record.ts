/*
 * Records the expected output of every corpus program from REAL ucode (never from our
 * JS runtime): compiles the corpus with ucc, runs each script with the given ucode
 * binary, and writes test/ucode-corpus/<name>.out (stdout, byte for byte) and
 * <name>.rc (only when the exit code is not 0).
 *
 *   npx tsx test/ucode-corpus/record.ts --ucode /path/to/ucode [--also /other/ucode …] [only-names…]
 *
 * --ucode defaults to $UCODE. Each --also binary (e.g. the 23.05 and 24.10 builds) must
 * give the same stdout and exit code for every program, or nothing is written and the
 * differences are listed: the backend must behave the same on every supported release,
 * so a program that shows a version difference has to be changed.
 */
import { mkdtempSync, rmSync, unlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CORPUS_DIR, compileCorpus, describeDiff, runUcode } from './harness.ts';

function main(argv: string[]): number {
	let ucode = process.env.UCODE ?? '';
	const also: string[] = [];
	const only: string[] = [];
	let keep = false;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--ucode') ucode = argv[++i];
		else if (a === '--also') also.push(argv[++i]);
		else if (a === '--keep') keep = true;
		else if (a.startsWith('--')) { console.error(`record: unknown option ${a}`); return 2; }
		else only.push(a.replace(/\.(ts|out)$/, ''));
	}
	if (!ucode) { console.error('record: give --ucode BIN or set UCODE'); return 2; }
	const outDir = mkdtempSync(path.join(tmpdir(), 'ucode-corpus-record-'));
	try {
		const compiled = compileCorpus(outDir);
		if (compiled.fallbackNote) console.error(`note: ${compiled.fallbackNote}`);
		for (const d of compiled.diagnostics) console.error(d);
		const progs = compiled.programs.filter((p) => !only.length || only.includes(p.name));
		let bad = compiled.diagnostics.length > 0;
		const results = new Map<string, ReturnType<typeof runUcode>>();
		for (const p of progs) {
			const r = runUcode(ucode, outDir, p);
			results.set(p.name, r);
			for (const other of also) {
				const o = runUcode(other, outDir, p);
				if (o.rc !== r.rc || !o.stdout.equals(r.stdout)) {
					bad = true;
					console.error(`${p.name}: ${other} differs from ${ucode} (rc ${o.rc} vs ${r.rc})\n${describeDiff(other, r.stdout, o.stdout)}`);
				}
			}
		}
		if (bad) { console.error('record: nothing written'); return 1; }
		for (const p of progs) {
			const r = results.get(p.name)!;
			writeFileSync(path.join(CORPUS_DIR, `${p.name}.out`), r.stdout);
			const rcFile = path.join(CORPUS_DIR, `${p.name}.rc`);
			if (r.rc !== 0) writeFileSync(rcFile, `${r.rc}\n`);
			else if (existsSync(rcFile)) unlinkSync(rcFile);
			if (r.rc !== 0) console.log(`${p.name}: exit ${r.rc}${r.stderr ? ` (stderr: ${r.stderr.split('\n')[0]})` : ''}`);
		}
		console.log(`recorded ${progs.length} programs with ${ucode}${also.length ? `; identical on ${also.join(', ')}` : ''}`);
		if (keep) console.log(`compiled corpus kept in ${outDir}`);
		return 0;
	} finally {
		if (!keep) rmSync(outDir, { recursive: true, force: true });
	}
}

process.exitCode = main(process.argv.slice(2));
