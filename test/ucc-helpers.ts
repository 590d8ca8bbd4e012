/* Shared helpers for the ucc tests: compile inline sources from a temp dir. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, type UnitSpec } from '../tools/ucc/index.ts';
import { scratchDir } from './scratch.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const RUNTIME = path.join(REPO, 'luci-app-mape/runtime');

/** Writes `files` (relative path → text) into a fresh temp dir; returns its path. */
export function writeTree(files: Record<string, string>): string {
	const dir = scratchDir('ucc-test');
	for (const [rel, text] of Object.entries(files)) {
		mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
		writeFileSync(path.join(dir, rel), text);
	}
	return dir;
}

/** Compiles the given files of a tree; `core/` is the module root with prefix `mape`. */
export function compileTree(files: Record<string, string>, units: { file: string; kind: UnitSpec['kind'] }[], jsOutDir?: string) {
	const dir = writeTree(files);
	const result = compile(units.map(u => ({ src: path.join(dir, u.file), kind: u.kind })), {
		roots: [{ dir: path.join(dir, 'core'), prefix: 'mape' }],
		runtimeDir: RUNTIME,
		jsOutDir: jsOutDir ? path.join(dir, jsOutDir) : undefined,
		baseDir: dir,
	});
	return { dir, ...result };
}

/** Compiles one source as a unit of the given kind (default: module, in core/). */
export function compileOne(src: string, kind: UnitSpec['kind'] = 'module', extra: Record<string, string> = {}) {
	const file = kind === 'module' ? 'core/unit.ts' : 'router/unit.ts';
	return { file, ...compileTree({ ...extra, [file]: src }, [{ file, kind }]) };
}
