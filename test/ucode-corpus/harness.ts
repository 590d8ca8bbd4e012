/*
 * Shared by test/ucode-corpus.test.ts and test/ucode-corpus/record.ts: find the corpus
 * programs, compile them with ucc, and run them on real ucode or on our JS runtime.
 *
 * Layout of a compiled corpus in `outDir`:
 *   ucode/<NNN-topic>.uc        scripts
 *   ucode/corpus/<name>.uc      modules from lib/ (imported as 'corpus.<name>')
 *   js/test/ucode-corpus/…      JavaScript, mirroring repo-relative paths
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, formatDiagnostic, type UnitSpec } from '../../tools/ucc/index.ts';

export const CORPUS_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(CORPUS_DIR, '../..');
export const LIB_DIR = path.join(CORPUS_DIR, 'lib');
export const RUNTIME_DIR = path.join(REPO_ROOT, 'luci-app-mape/runtime');
export const ROOTS = [{ dir: LIB_DIR, prefix: 'corpus' }];

/** Corpus scripts are `NNN-topic.ts`; everything else in the folder is tooling. */
export const PROGRAM_RE = /^\d{3}-[a-z0-9-]+\.ts$/;

export interface Program {
	name: string;      // NNN-topic
	src: string;       // absolute .ts path
	ucPath: string;    // compiled ucode script
	jsPath: string;    // compiled JavaScript
}

export function programSources(): string[] {
	return readdirSync(CORPUS_DIR).filter((f) => PROGRAM_RE.test(f)).sort().map((f) => path.join(CORPUS_DIR, f));
}

export function libSources(): string[] {
	return readdirSync(LIB_DIR).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(LIB_DIR, f));
}

export function jsPathOf(outDir: string, src: string): string {
	return path.join(outDir, 'js', path.relative(REPO_ROOT, src).replace(/\.ts$/, '.js'));
}

export interface CompiledCorpus {
	programs: Program[];
	/** Diagnostics that stopped some unit from compiling (formatted). */
	diagnostics: string[];
	/** Set when the corpus did not compile as one batch and was compiled script by script. */
	fallbackNote?: string;
}

function writeOutputs(outDir: string, outputs: ReturnType<typeof compile>['outputs']): void {
	for (const o of outputs) {
		const src = path.resolve(REPO_ROOT, o.src);
		const ucPath = o.moduleName
			? path.join(outDir, 'ucode', ...o.moduleName.split('.')) + '.uc'
			: path.join(outDir, 'ucode', path.basename(src, '.ts') + '.uc');
		for (const [p, text] of [[ucPath, o.ucode], [jsPathOf(outDir, src), o.js]] as const) {
			mkdirSync(path.dirname(p), { recursive: true });
			writeFileSync(p, text);
		}
	}
}

/**
 * Compiles every corpus script and lib module into outDir. The whole corpus is compiled
 * in one compile() call; if that reports diagnostics, each script is compiled on its
 * own (with the lib modules) so that one bad unit does not hide the others.
 */
export function compileCorpus(outDir: string): CompiledCorpus {
	const scripts = programSources();
	const libs = libSources();
	const opts = { roots: ROOTS, runtimeDir: RUNTIME_DIR, jsOutDir: path.join(outDir, 'js'), baseDir: REPO_ROOT };
	const libUnits: UnitSpec[] = libs.map((src) => ({ src, kind: 'module' }));
	const result: CompiledCorpus = { programs: [], diagnostics: [] };
	// ucc emits ES modules; outside the repo nothing else says so.
	mkdirSync(path.join(outDir, 'js'), { recursive: true });
	writeFileSync(path.join(outDir, 'js', 'package.json'), '{ "type": "module" }\n');
	const all = compile([...scripts.map((src): UnitSpec => ({ src, kind: 'script' })), ...libUnits], opts);
	const failed = new Set<string>();
	if (all.diagnostics.length === 0) writeOutputs(outDir, all.outputs);
	else {
		result.fallbackNote = `the corpus does not compile as one batch (${all.diagnostics.length} diagnostics, first: ${formatDiagnostic(all.diagnostics[0])}); compiled script by script`;
		const libsAlone = compile(libUnits, opts);
		if (libsAlone.diagnostics.length) result.diagnostics.push(...libsAlone.diagnostics.map(formatDiagnostic));
		else writeOutputs(outDir, libsAlone.outputs);
		for (const src of scripts) {
			const one = compile([{ src, kind: 'script' }], opts);
			if (one.diagnostics.length) {
				failed.add(src);
				result.diagnostics.push(...one.diagnostics.map(formatDiagnostic));
			} else writeOutputs(outDir, one.outputs);
		}
	}
	for (const src of scripts) {
		const name = path.basename(src, '.ts');
		if (failed.has(src)) continue;
		result.programs.push({ name, src, ucPath: path.join(outDir, 'ucode', `${name}.uc`), jsPath: jsPathOf(outDir, src) });
	}
	return result;
}

export interface RunResult {
	stdout: Buffer;
	stderr: string;
	rc: number;
}

/** Runs one compiled script on a real ucode interpreter: `$UCODE -L <outDir>/ucode <script>`. */
export function runUcode(ucode: string, outDir: string, prog: Program): RunResult {
	const r = spawnSync(ucode, ['-L', path.join(outDir, 'ucode'), prog.ucPath], { cwd: outDir, timeout: 30000, maxBuffer: 16 << 20 });
	const rc = r.status ?? (r.signal ? 128 + (({ SIGKILL: 9, SIGTERM: 15, SIGFPE: 8, SIGSEGV: 11, SIGABRT: 6 } as Record<string, number>)[r.signal] ?? 0) : -1);
	return { stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr?.toString() ?? String(r.error ?? ''), rc };
}

/** Expected results recorded from real ucode: <name>.out, and <name>.rc when non-zero. */
export function expectedOf(name: string): { stdout: Buffer; rc: number } | null {
	const out = path.join(CORPUS_DIR, `${name}.out`);
	if (!existsSync(out)) return null;
	const rcFile = path.join(CORPUS_DIR, `${name}.rc`);
	const rc = existsSync(rcFile) ? Number(readFileSync(rcFile, 'utf8').trim()) : 0;
	return { stdout: readFileSync(out), rc };
}

/**
 * Runs compiled JavaScript programs in one child process (test/ucode-corpus/run-js.ts:
 * in-process, output captured through the runtime's hooks), so a program that hangs or
 * breaks global state cannot take the test runner down. Programs that did not report
 * before the timeout get rc -1 and a note in stderr.
 */
export function runJsBatch(progs: Program[], timeoutMs = 180000): Promise<Map<string, RunResult>> {
	return new Promise((resolve) => {
		const results = new Map<string, RunResult>();
		const child = spawn(process.execPath, ['--import', 'tsx', path.join(CORPUS_DIR, 'run-js.ts'), ...progs.map((p) => `${p.name}=${p.jsPath}`)], {
			cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'],
		});
		let buf = '';
		let err = '';
		child.stdout.on('data', (d: Buffer) => {
			buf += d.toString();
			let i;
			while ((i = buf.indexOf('\n')) >= 0) {
				const line = buf.slice(0, i);
				buf = buf.slice(i + 1);
				if (!line.startsWith('{')) continue;
				const r = JSON.parse(line) as { name: string; stdout: string; stderr: string; rc: number };
				results.set(r.name, { stdout: Buffer.from(r.stdout, 'base64'), stderr: r.stderr, rc: r.rc });
			}
		});
		child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			for (const p of progs)
				if (!results.has(p.name))
					results.set(p.name, { stdout: Buffer.alloc(0), stderr: `no result from the JS batch runner (exit ${code ?? signal}); its stderr:\n${err.slice(-2000)}`, rc: -1 });
			resolve(results);
		});
	});
}

/** A short, readable description of how two outputs differ. */
export function describeDiff(label: string, expected: Buffer, actual: Buffer): string {
	const e = expected.toString('utf8').split('\n');
	const a = actual.toString('utf8').split('\n');
	const lines: string[] = [];
	for (let i = 0; i < Math.max(e.length, a.length) && lines.length < 12; i++) {
		if (e[i] === a[i]) continue;
		lines.push(`  line ${i + 1}:`, `    expected: ${JSON.stringify(e[i] ?? '<missing>')}`, `    ${label}: ${JSON.stringify(a[i] ?? '<missing>')}`);
	}
	if (!lines.length) lines.push('  (outputs differ in bytes only, e.g. invalid UTF-8)');
	return lines.join('\n');
}
