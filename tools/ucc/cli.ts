/* ucc command line: tsx tools/ucc/cli.ts [--root dir=prefix …] --out-ucode DIR --out-js DIR file.ts… */
import ts from 'typescript';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { compile, formatDiagnostic, type UnitSpec } from './index.ts';

/** export default only → rpcd plugin; other exports → module; none → script. */
export function inferKind(file: string): UnitSpec['kind'] {
	const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES5, false);
	let named = false, dflt = false;
	for (const st of sf.statements) {
		if (ts.isExportAssignment(st)) dflt = true;
		else if (ts.isExportDeclaration(st) || (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some(m => m.kind === ts.SyntaxKind.ExportKeyword))) named = true;
	}
	return named ? 'module' : dflt ? 'rpcd' : 'script';
}

function commonBase(files: string[]): string {
	const cwd = process.cwd();
	if (files.every(f => !path.relative(cwd, f).startsWith('..'))) return cwd;
	let base = path.dirname(files[0]);
	while (!files.every(f => !path.relative(base, f).startsWith('..'))) base = path.dirname(base);
	return base;
}

function main(argv: string[]): number {
	const roots: { dir: string; prefix: string }[] = [];
	const files: string[] = [];
	let outUcode = '', outJs = '';
	const here = path.dirname(fileURLToPath(import.meta.url));
	let runtimeDir = path.resolve(here, '../../luci-app-mape/runtime');
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		if (a === '--root') {
			const [dir, prefix] = (argv[++i] ?? '').split('=');
			if (!dir || !prefix) { console.error('ucc: --root wants dir=prefix'); return 2; }
			roots.push({ dir, prefix });
		} else if (a === '--out-ucode') outUcode = argv[++i];
		else if (a === '--out-js') outJs = argv[++i];
		else if (a === '--runtime') runtimeDir = path.resolve(argv[++i]);
		else if (a.startsWith('--')) { console.error(`ucc: unknown option ${a}`); return 2; }
		else files.push(a);
	}
	if (!files.length || !outUcode || !outJs) {
		console.error('usage: tsx tools/ucc/cli.ts [--root dir=prefix …] [--runtime DIR] --out-ucode DIR --out-js DIR file.ts…');
		return 2;
	}
	const units = files.map(src => ({ src, kind: inferKind(src) }));
	// JS outputs mirror paths relative to the current directory, or to the files' common directory if outside it.
	const baseDir = commonBase(files.map(f => path.resolve(f)));
	const { diagnostics, outputs } = compile(units, { roots, runtimeDir, jsOutDir: outJs, baseDir });
	for (const d of diagnostics) console.error(formatDiagnostic(d));
	if (diagnostics.length) return 1;
	for (const o of outputs) {
		const name = path.basename(o.src, '.ts');
		const ucPath = o.moduleName
			? path.join(outUcode, ...o.moduleName.split('.')) + '.uc'
			: path.join(outUcode, o.kind === 'script' ? `${name}.uc` : name);
		const jsPath = path.join(outJs, path.relative(baseDir, path.resolve(o.src)).replace(/\.ts$/, '.js'));
		for (const [p, text] of [[ucPath, o.ucode], [jsPath, o.js]]) {
			mkdirSync(path.dirname(p), { recursive: true });
			writeFileSync(p, text);
		}
	}
	return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
