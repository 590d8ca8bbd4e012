/* Where units live: dotted ucode module names and output paths. */
import path from 'node:path';
import { existsSync } from 'node:fs';

export interface Root { dir: string; prefix: string }

/** The native modules typed ucode may import by bare name. */
export const NATIVE_MODULES = new Set(['fs', 'uci', 'ubus']);

/** 'core/a/b.ts' under root {core, mape} → 'mape.a.b'; null if outside every root. */
export function moduleNameOf(file: string, roots: Root[]): string | null {
	const abs = path.resolve(file);
	for (const r of roots) {
		const rel = path.relative(path.resolve(r.dir), abs);
		if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
		const parts = rel.replace(/\.ts$/, '').split(path.sep);
		return [r.prefix, ...parts].join('.');
	}
	return null;
}

/** The .ts file a relative specifier refers to (same rules as Bundler resolution, .ts only). */
export function resolveRelative(fromFile: string, spec: string): string | null {
	const base = path.resolve(path.dirname(fromFile), spec);
	for (const cand of [base, `${base}.ts`, path.join(base, 'index.ts')])
		if (cand.endsWith('.ts') && existsSync(cand)) return cand;
	return null;
}

export function isRelative(spec: string): boolean {
	return spec.startsWith('./') || spec.startsWith('../');
}

/** A relative ES import path from `fromFile`'s directory to `target` (always starting with ./ or ../). */
export function relativeImport(fromFile: string, target: string): string {
	let rel = path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
	if (!rel.startsWith('.')) rel = `./${rel}`;
	return rel;
}
