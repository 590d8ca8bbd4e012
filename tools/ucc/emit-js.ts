/*
 * JavaScript back end: same statements and names, with ucode's builtins imported from
 * the runtime and the operators whose JavaScript meaning differs routed to helpers.
 */
import ts from 'typescript';
import path from 'node:path';
import { emitFile, finishText, markBlankLines } from './emit.ts';
import { NATIVE_MODULES, isRelative, relativeImport, resolveRelative } from './modules.ts';
import { JS_NATIVE_GLOBALS } from './builtins.ts';
import { LIB_DTS } from './program.ts';
import { withSpecifier } from './emit-ucode.ts';
import type { CompileOptions, UnitSpec } from './index.ts';

const f = ts.factory;

/** Checker verdicts, keyed by source range (`pos:end`) so they apply to another parse of the same text. */
export interface JsDecisions {
	add: Set<string>;        // `+` / `+=` whose operands are not both numbers or both strings
	str: Set<string>;        // template span expressions that are not strings
	builtins: Set<string>;   // lib globals the unit uses
}

const key = (n: ts.Node) => `${n.pos}:${n.end}`;

const BITWISE: Partial<Record<ts.SyntaxKind, [string, boolean]>> = {
	[ts.SyntaxKind.AmpersandToken]: ['$band', false],
	[ts.SyntaxKind.BarToken]: ['$bor', false],
	[ts.SyntaxKind.CaretToken]: ['$bxor', false],
	[ts.SyntaxKind.LessThanLessThanToken]: ['$shl', false],
	[ts.SyntaxKind.GreaterThanGreaterThanToken]: ['$shr', false],
	[ts.SyntaxKind.AmpersandEqualsToken]: ['$band', true],
	[ts.SyntaxKind.BarEqualsToken]: ['$bor', true],
	[ts.SyntaxKind.CaretEqualsToken]: ['$bxor', true],
	[ts.SyntaxKind.LessThanLessThanEqualsToken]: ['$shl', true],
	[ts.SyntaxKind.GreaterThanGreaterThanEqualsToken]: ['$shr', true],
};

export function analyzeForJs(sf: ts.SourceFile, checker: ts.TypeChecker): JsDecisions {
	const d: JsDecisions = { add: new Set(), str: new Set(), builtins: new Set() };
	const every = (t: ts.Type, fl: ts.TypeFlags): boolean => (t.isUnion() ? t.types.every(x => every(x, fl)) : (t.flags & fl) !== 0);
	const same = (a: ts.Type, b: ts.Type) =>
		(every(a, ts.TypeFlags.NumberLike) && every(b, ts.TypeFlags.NumberLike)) || (every(a, ts.TypeFlags.StringLike) && every(b, ts.TypeFlags.StringLike));
	const visit = (node: ts.Node): void => {
		if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
		if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)
			&& !same(checker.getTypeAtLocation(node.left), checker.getTypeAtLocation(node.right)))
			d.add.add(key(node));
		if (ts.isTemplateSpan(node) && !every(checker.getTypeAtLocation(node.expression), ts.TypeFlags.StringLike))
			d.str.add(key(node.expression));
		if (ts.isIdentifier(node) && !JS_NATIVE_GLOBALS.has(node.text)) {
			const decl = checker.getSymbolAtLocation(node)?.declarations?.[0];
			if (decl && path.resolve(decl.getSourceFile().fileName) === LIB_DTS && !ts.isPropertyAccessExpression(node.parent)) d.builtins.add(node.text);
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return d;
}

/** Where the JS file of `src` is written, or null when the runtime is imported by absolute path. */
function jsOutputPath(src: string, opts: CompileOptions): string | null {
	if (!opts.jsOutDir) return null;
	const base = path.resolve(opts.baseDir ?? process.cwd());
	return path.join(path.resolve(opts.jsOutDir), path.relative(base, path.resolve(src)).replace(/\.ts$/, '.js'));
}

export function emitJs(program: ts.Program, sf: ts.SourceFile, unit: UnitSpec, d: JsDecisions, opts: CompileOptions): string {
	const out = jsOutputPath(sf.fileName, opts);
	const runtime = (file: string) => {
		const target = path.join(path.resolve(opts.runtimeDir), file);
		return out ? relativeImport(out, target) : target;
	};
	const helpers = new Set<string>();
	const call = (name: string, args: ts.Expression[]) => { helpers.add(name); return f.createCallExpression(f.createIdentifier(name), undefined, args); };

	const transformer: ts.TransformerFactory<ts.SourceFile> = ctx => file => {
		markBlankLines(file); // parents are set once the emit has bound the file
		const visit = (node: ts.Node): ts.Node => {
			const original = node;
			node = ts.visitEachChild(node, visit, ctx);
			if (ts.isBinaryExpression(node)) {
				const op = node.operatorToken.kind;
				const bit = BITWISE[op];
				const plus = (op === ts.SyntaxKind.PlusToken || op === ts.SyntaxKind.PlusEqualsToken) && d.add.has(key(original));
				const helper = bit ? bit[0] : plus ? '$add' : null;
				if (helper) {
					const value = call(helper, [node.left, node.right]);
					const compound = bit ? bit[1] : op === ts.SyntaxKind.PlusEqualsToken;
					return compound ? f.createAssignment(node.left, value) : value;
				}
			}
			// `~x` only appears as a mask operand of & (validate.ts): x ^ -1 is the signed
			// complement -(x+1), whose bits under & equal those of ucode's uint64 ~x.
			if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.TildeToken)
				return call('$bxor', [node.operand, f.createPrefixUnaryExpression(ts.SyntaxKind.MinusToken, f.createNumericLiteral(1))]);
			if (ts.isTemplateSpan(node) && ts.isTemplateSpan(original) && d.str.has(key(original.expression)))
				return f.updateTemplateSpan(node, call('$str', [node.expression]), node.literal);
			if (ts.isCatchClause(node) && node.variableDeclaration && ts.isIdentifier(node.variableDeclaration.name)) {
				// ucode hands catch blocks { type, message, stacktrace }, not the raised value.
				const name = node.variableDeclaration.name;
				const conv = f.createExpressionStatement(f.createAssignment(f.createIdentifier(name.text), call('$exc', [f.createIdentifier(name.text)])));
				return f.updateCatchClause(node, node.variableDeclaration, f.updateBlock(node.block, [conv, ...node.block.statements]));
			}
			return node;
		};
		const statements: ts.Statement[] = [];
		for (const st of file.statements) {
			const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
			if (spec && NATIVE_MODULES.has(spec)) statements.push(withSpecifier(st as ts.ImportDeclaration, runtime(`${spec}.ts`)));
			else if (spec && isRelative(spec)) {
				const target = resolveRelative(file.fileName, spec);
				const platform = target ? opts.jsPlatform?.[path.resolve(target)] : undefined;
				statements.push(withSpecifier(st as ts.ImportDeclaration, platform ? runtime(platform)
					: target ? relativeImport(file.fileName, target).replace(/\.ts$/, '.js') : spec));
			} else statements.push(ts.visitNode(st, visit) as ts.Statement);
		}
		const names = [...d.builtins, ...helpers].sort();
		if (names.length) {
			const imp = f.createImportDeclaration(undefined,
				f.createImportClause(false, undefined, f.createNamedImports(names.map(n => f.createImportSpecifier(false, undefined, f.createIdentifier(n))))),
				f.createStringLiteral(runtime('builtins.ts'), true));
			statements.unshift(imp);
		}
		return f.updateSourceFile(file, statements);
	};
	return finishText(emitFile(program, sf, [transformer]));
}
