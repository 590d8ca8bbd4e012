/* ucode back end: syntactic lowerings on top of TypeScript's type erasure. */
import ts from 'typescript';
import { emitFile, finishText, markBlankLines, normaliseEscapes, normaliseNumber, verbatim } from './emit.ts';
import { isRelative, moduleNameOf, resolveRelative, type Root } from './modules.ts';
import type { UnitSpec } from './index.ts';

const f = ts.factory;

export function emitUcode(program: ts.Program, sf: ts.SourceFile, unit: UnitSpec, roots: Root[]): string {
	const text = emitFile(program, sf, [ctx => file => { markBlankLines(file); return lowerFile(ctx, file, unit, roots); }]);
	let body = text.replace(/^export \{\};\n/m, ''); // TS keeps module-ness of fully erased files; ucode needs none
	// The printer drops comments attached to erased statements, so a file starting with an
	// interface would lose its header (often the provenance note a maintainer needs).
	const header = headerComment(sf);
	if (header != null && !body.includes(header)) body = `${header}\n\n${body}`;
	const strict = /^\s*['"]use strict['"]/.test(sf.text) ? '' : "'use strict';\n\n";
	return finishText(strict + body);
}

/** The file's first comment, when it comes before any code. */
function headerComment(sf: ts.SourceFile): string | null {
	const first = (ts.getLeadingCommentRanges(sf.text, 0) ?? [])[0];
	return first ? sf.text.slice(first.pos, first.end) : null;
}

function lowerFile(ctx: ts.TransformationContext, file: ts.SourceFile, unit: UnitSpec, roots: Root[]): ts.SourceFile {
	const visit = (node: ts.Node): ts.Node => lowerNode(ts.visitEachChild(node, visit, ctx), node);
	const statements: ts.Statement[] = [];
	let ret: ts.Statement | undefined;
	for (const st of file.statements) {
		if (ts.isExportAssignment(st) && unit.kind === 'rpcd') {
			// The plugin object is the file's return value; it must come last.
			ret = ts.setTextRange(f.createReturnStatement(ts.visitNode(st.expression, visit) as ts.Expression), st);
			ts.setOriginalNode(ret, st);
			continue;
		}
		if ((ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) && isRelative(st.moduleSpecifier.text)) {
			statements.push(withSpecifier(st, dottedName(file.fileName, st.moduleSpecifier.text, roots)));
			continue;
		}
		statements.push(ts.visitNode(st, visit) as ts.Statement);
		// 23.05/24.10 cannot compile `export function f() {}` without a following `;`.
		if (ts.isFunctionDeclaration(st) && st.body && ts.getModifiers(st)?.some(m => m.kind === ts.SyntaxKind.ExportKeyword))
			statements.push(f.createEmptyStatement());
	}
	if (ret) statements.push(ret);
	return f.updateSourceFile(file, statements);
}

function dottedName(fromFile: string, spec: string, roots: Root[]): string {
	const target = resolveRelative(fromFile, spec);
	return (target && moduleNameOf(target, roots)) ?? spec; // unresolved ones were already reported
}

/**
 * The same import/export with another module specifier, and without a trailing comma in its
 * list: ucode rejects `import { a, } from …` (a multi-line list written with one).
 */
export function withSpecifier(st: ts.ImportDeclaration | ts.ExportDeclaration, spec: string): ts.Statement {
	const lit = f.createStringLiteral(spec, true);
	if (ts.isImportDeclaration(st)) {
		let clause = st.importClause;
		const named = clause?.namedBindings;
		if (clause && named && ts.isNamedImports(named) && named.elements.hasTrailingComma) {
			// A rebuilt list is no longer TypeScript's to prune: drop the `type` names here.
			const values = named.elements.filter((e) => !e.isTypeOnly);
			if (values.length == 0 && !clause.name) return f.createNotEmittedStatement(st);
			clause = f.updateImportClause(clause, clause.isTypeOnly, clause.name, f.updateNamedImports(named, f.createNodeArray(values, false)));
		}
		return f.updateImportDeclaration(st, st.modifiers, clause, lit, st.attributes);
	}
	let exports = st.exportClause;
	if (exports && ts.isNamedExports(exports) && exports.elements.hasTrailingComma)
		exports = f.updateNamedExports(exports, f.createNodeArray(exports.elements, false));
	return f.updateExportDeclaration(st, st.modifiers, st.isTypeOnly, exports, lit, st.attributes);
}

/** `const` heads become `let` (ucode rejects `for (const …)`). */
function letList(init: ts.ForInitializer): ts.ForInitializer {
	if (!ts.isVariableDeclarationList(init) || !(init.flags & ts.NodeFlags.Const)) return init;
	const list = f.createVariableDeclarationList(init.declarations, ts.NodeFlags.Let);
	ts.setTextRange(list, init);
	return ts.setOriginalNode(list, init);
}

function lowerNode(node: ts.Node, original: ts.Node): ts.Node {
	if (ts.isForOfStatement(node)) {
		// ucode's for…in over an array yields its values, like for…of.
		const loop = f.createForInStatement(letList(node.initializer), node.expression, node.statement);
		ts.setTextRange(loop, original);
		return ts.setOriginalNode(loop, original);
	}
	if (ts.isForInStatement(node)) return f.updateForInStatement(node, letList(node.initializer), node.expression, node.statement);
	if (ts.isForStatement(node) && node.initializer) return f.updateForStatement(node, letList(node.initializer), node.condition, node.incrementor, node.statement);
	if (ts.isNumericLiteral(original) && original.pos >= 0) {
		const text = original.getText();
		const norm = normaliseNumber(text);
		if (norm !== text) return verbatim(norm, original);
	}
	if (ts.isStringLiteral(original) && original.pos >= 0 && !ts.isImportDeclaration(original.parent) && !ts.isExportDeclaration(original.parent)) {
		const text = original.getText();
		const norm = normaliseEscapes(text);
		if (norm !== text) return verbatim(norm, original);
	}
	if (ts.isTemplateLiteralToken(original) && original.pos >= 0) {
		// Template pieces carry their raw text; the printer prints a given raw text as is.
		const text = original.getText();
		const raw = text.slice(1, ts.isTemplateHead(original) || ts.isTemplateMiddle(original) ? -2 : -1);
		const norm = normaliseEscapes(raw);
		if (norm !== raw) {
			const piece = ts.isNoSubstitutionTemplateLiteral(original) ? f.createNoSubstitutionTemplateLiteral(undefined as unknown as string, norm)
				: ts.isTemplateHead(original) ? f.createTemplateHead(undefined as unknown as string, norm)
				: ts.isTemplateMiddle(original) ? f.createTemplateMiddle(undefined as unknown as string, norm)
				: f.createTemplateTail(undefined as unknown as string, norm);
			return ts.setOriginalNode(ts.setTextRange(piece, original), original);
		}
	}
	return node;
}
