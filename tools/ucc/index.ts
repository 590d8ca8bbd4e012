/* ucc: typed ucode → ucode (router) and JavaScript (Node, browser). */
import ts from 'typescript';
import path from 'node:path';
import { formatDiagnostic, type UccDiagnostic } from './diagnostics.ts';
import { createCheckProgram, createEmitProgram, LIB_DTS, typeDiagnostics } from './program.ts';
import { validateImports, validateUnit } from './validate.ts';
import { builtinNames } from './builtins.ts';
import { moduleNameOf } from './modules.ts';
import { emitUcode } from './emit-ucode.ts';
import { analyzeForJs, emitJs } from './emit-js.ts';

export { formatDiagnostic, type UccDiagnostic };

export interface UnitSpec { src: string; kind: 'module' | 'script' | 'rpcd'; }
export interface CompileOptions {
	roots: { dir: string; prefix: string }[];
	runtimeDir: string;
	jsOutDir?: string;
	/** The directory jsOutDir mirrors (default: the current directory, i.e. the repo root). */
	baseDir?: string;
	/**
	 * Platform modules: a typed-ucode source (absolute path) → a runtime file (under
	 * runtimeDir) that the JavaScript build imports instead. For I/O that a router does with
	 * its own tools and Node does with its own libraries (router/provision_io.ts); the ucode
	 * build is unaffected, and the two must export the same functions.
	 */
	jsPlatform?: Record<string, string>;
}
export interface UnitOutput { src: string; kind: UnitSpec['kind']; moduleName?: string; ucode: string; js: string }

export function compile(units: UnitSpec[], opts: CompileOptions): { diagnostics: UccDiagnostic[]; outputs: UnitOutput[] } {
	const files = units.map(u => path.resolve(u.src));
	const check = createCheckProgram(files);
	const checker = check.getTypeChecker();
	const diagnostics = typeDiagnostics(check, files);
	const builtins = builtinNames(LIB_DTS);
	units.forEach((u, i) => {
		const sf = check.getSourceFile(files[i]);
		if (!sf) return;
		diagnostics.push(...validateUnit(sf, u, { checker, builtins, roots: opts.roots }), ...validateImports(sf, opts.roots));
	});
	diagnostics.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
	if (diagnostics.length) return { diagnostics, outputs: [] };

	// Two emit programs: each back end annotates its own parse of the sources.
	const emitU = createEmitProgram(files);
	const emitJ = createEmitProgram(files);
	const outputs = units.map((u, i): UnitOutput => {
		const checkSf = check.getSourceFile(files[i])!;
		const decisions = analyzeForJs(checkSf, checker);
		const ucode = emitUcode(emitU, emitU.getSourceFile(files[i])!, u, opts.roots);
		const js = emitJs(emitJ, emitJ.getSourceFile(files[i])!, u, decisions, opts);
		const out: UnitOutput = { src: u.src, kind: u.kind, ucode, js };
		const name = u.kind === 'module' ? moduleNameOf(files[i], opts.roots) : null;
		if (name) out.moduleName = name;
		return out;
	});
	return { diagnostics, outputs };
}
