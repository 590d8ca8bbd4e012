/* The type-checking program: typed ucode checked against our lib only (noLib). */
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { diagAtPos, type UccDiagnostic } from './diagnostics.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const TYPES_DIR = path.resolve(here, '../../luci-app-mape/types');
export const LIB_DTS = path.join(TYPES_DIR, 'ucode-lib.d.ts');
export const MODULES_DTS = path.join(TYPES_DIR, 'ucode-modules.d.ts');

/** Options shared by checking and emitting; only the target differs. */
function baseOptions(): ts.CompilerOptions {
	return {
		noLib: true,
		strict: true,
		module: ts.ModuleKind.ESNext,
		// Every unit has its own scope (scripts too), as in ucode.
		moduleDetection: ts.ModuleDetectionKind.Force,
		moduleResolution: ts.ModuleResolutionKind.Bundler,
		allowImportingTsExtensions: true,
		types: [],
		skipLibCheck: false,
		noEmitOnError: false,
		removeComments: false,
		newLine: ts.NewLineKind.LineFeed,
	};
}

/**
 * Checking uses target ES5: for-of and spread then only need an array type, not
 * Symbol.iterator (which our lib does not model).
 */
export function createCheckProgram(files: string[]): ts.Program {
	return ts.createProgram({
		rootNames: [...files, LIB_DTS, MODULES_DTS],
		options: { ...baseOptions(), target: ts.ScriptTarget.ES5, noEmit: true },
	});
}

/**
 * Emitting uses target ESNext so nothing is down-levelled; its own type errors
 * (missing Symbol.iterator) are irrelevant, the check program has the verdict.
 */
export function createEmitProgram(files: string[]): ts.Program {
	return ts.createProgram({
		rootNames: [...files, LIB_DTS, MODULES_DTS],
		options: { ...baseOptions(), target: ts.ScriptTarget.ESNext, noEmit: false, outDir: '/ucc-virtual-out' },
	});
}

const METHOD_HINT = 'ucode values have no methods or properties: use the builtins, e.g. length(x), push(a, x), join(sep, a), index(s, x), substr(s, i, n), uc(s), keys(o)';

/** What to write instead of a JavaScript global that ucode lacks. */
const MISSING_NAME_HINTS: Record<string, string> = {
	Math: 'ucode has no Math: use int(), min(), max(), or integer arithmetic',
	JSON: 'use json(text) to parse and sprintf("%J", v) to serialise',
	console: 'use print(…) (or warn(…) for stderr / syslog in rpcd)',
	undefined: 'ucode only has null: use null and compare with == null',
	parseInt: 'use int(s) or int(s, base)',
	parseFloat: 'use +s',
	String: 'use "" + x or sprintf()',
	Number: 'use +x or int(x)',
	Object: 'use keys(o), values(o), exists(o, k), or {...a, ...b}',
	Array: 'use type(x) == "array", or an array literal',
	Date: 'use time(), clock(), localtime()',
	Error: 'use die(message)',
	Symbol: 'ucode has no symbols',
	Map: 'use an object with string keys',
	Set: 'use an object with string keys',
	Promise: 'ucode has no promises; code is synchronous',
	setTimeout: 'ucode has no timers here',
	eval: 'ucode has no eval here',
};

function hintFor(d: ts.Diagnostic): string | undefined {
	const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
	if (d.code === 2339 || d.code === 2551) return METHOD_HINT; // property does not exist
	if (d.code === 2304 || d.code === 2552 || d.code === 2580 || d.code === 2584 || d.code === 2585 || d.code === 2583) {
		const m = /Cannot find name '([^']+)'/.exec(text);
		if (m && MISSING_NAME_HINTS[m[1]]) return MISSING_NAME_HINTS[m[1]];
	}
	if (d.code === 2488 || d.code === 2802 || d.code === 2569) return 'for…of and spread only work on arrays in typed ucode';
	return undefined;
}

/** The innermost node of `sf` that starts at `pos`. */
function nodeAt(sf: ts.SourceFile, pos: number): ts.Node | undefined {
	let found: ts.Node | undefined;
	const visit = (n: ts.Node): void => {
		if (pos < n.getStart(sf) || pos >= n.end) return;
		if (n.getStart(sf) === pos) found = n;
		ts.forEachChild(n, visit);
	};
	visit(sf);
	return found;
}

/** Hints for "… is of type 'unknown'": the catch-binding hint only for a catch binding. */
function unknownHint(program: ts.Program, d: ts.Diagnostic): string | undefined {
	if (!d.file || d.start == null) return undefined;
	let n = nodeAt(d.file, d.start);
	while (n && (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n))) n = n.expression;
	const decl = n && ts.isIdentifier(n) ? program.getTypeChecker().getSymbolAtLocation(n)?.valueDeclaration : undefined;
	if (decl && ts.isVariableDeclaration(decl) && ts.isCatchClause(decl.parent))
		return 'a caught value is always { type, message, stacktrace }: write (e as UcodeException).message';
	return 'check it with type(x) first, then cast: (x as string), (x as { [k: string]: unknown })';
}

/** TypeScript errors (syntactic and semantic) of the given files, as UccDiagnostics. */
export function typeDiagnostics(program: ts.Program, files: string[]): UccDiagnostic[] {
	const out: UccDiagnostic[] = [];
	const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
	for (const d of global) out.push({ file: '<options>', line: 0, column: 0, code: `TS${d.code}`, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
	// Declaration files the units import (shared types such as types/api.d.ts) are checked
	// against the ucode lib too: a name it lacks would otherwise silently become `any`.
	const imported = program.getSourceFiles().filter((sf) => sf.isDeclarationFile).map((sf) => path.resolve(sf.fileName));
	const wanted = [...new Set([...files, LIB_DTS, MODULES_DTS, ...imported])];
	for (const f of wanted) {
		const sf = program.getSourceFile(f);
		if (!sf) { out.push({ file: f, line: 0, column: 0, code: 'UCC_NO_FILE', message: 'file not found' }); continue; }
		for (const d of [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]) {
			const dsf = d.file ?? sf;
			const hint = d.code === 18046 || d.code === 2571 ? unknownHint(program, d) : hintFor(d);
			out.push(diagAtPos(dsf, d.start ?? 0, `TS${d.code}`, ts.flattenDiagnosticMessageText(d.messageText, '\n'), hint));
		}
	}
	return out;
}
