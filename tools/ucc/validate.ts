/*
 * The subset rules: every construct ucode cannot express, or would run differently
 * from JavaScript, is rejected here with a stable code and a hint (docs/typed-ucode.md).
 */
import ts from 'typescript';
import { diagAt, type UccDiagnostic } from './diagnostics.ts';
import { RESERVED_WORDS } from './builtins.ts';
import { regexProblems } from './regex.ts';
import { NATIVE_MODULES, isRelative, moduleNameOf, resolveRelative, type Root } from './modules.ts';
import type { UnitSpec } from './index.ts';

export interface ValidateContext {
	checker: ts.TypeChecker;
	builtins: Set<string>;
	roots: Root[];
}

/** Syntax kinds rejected outright, whatever their context. */
const SIMPLE: Partial<Record<ts.SyntaxKind, [string, string, string]>> = {
	[ts.SyntaxKind.ClassDeclaration]: ['UCC_CLASS', 'classes do not exist in ucode', 'use a plain object with function-valued properties'],
	[ts.SyntaxKind.ClassExpression]: ['UCC_CLASS', 'classes do not exist in ucode', 'use a plain object with function-valued properties'],
	[ts.SyntaxKind.NewExpression]: ['UCC_NEW', '`new` does not exist in ucode', 'write a factory function returning an object literal'],
	[ts.SyntaxKind.ThrowStatement]: ['UCC_THROW', '`throw` does not exist in ucode', 'use die(message)'],
	[ts.SyntaxKind.TypeOfExpression]: ['UCC_TYPEOF', '`typeof` does not exist in ucode', 'use type(x) == "string" (type names: int, double, string, bool, array, object, function)'],
	[ts.SyntaxKind.VoidExpression]: ['UCC_VOID', '`void` does not exist in ucode', 'use null'],
	[ts.SyntaxKind.DoStatement]: ['UCC_DO_WHILE', '`do … while` does not exist in ucode', 'use while (true) { …; if (!cond) break; }'],
	[ts.SyntaxKind.LabeledStatement]: ['UCC_LABEL', 'labels do not exist in ucode', 'use a flag variable or a function with return'],
	[ts.SyntaxKind.GetAccessor]: ['UCC_ACCESSOR', 'getters/setters do not exist in ucode', 'use a plain property or a function'],
	[ts.SyntaxKind.SetAccessor]: ['UCC_ACCESSOR', 'getters/setters do not exist in ucode', 'use a plain property or a function'],
	[ts.SyntaxKind.YieldExpression]: ['UCC_GENERATOR', 'generators do not exist in ucode', 'build and return an array'],
	[ts.SyntaxKind.AwaitExpression]: ['UCC_ASYNC', 'async/await does not exist in ucode', 'ucode code is synchronous: call the function directly'],
	[ts.SyntaxKind.EnumDeclaration]: ['UCC_ENUM', '`enum` does not exist in ucode', 'use a union of string literals or constants'],
	[ts.SyntaxKind.TaggedTemplateExpression]: ['UCC_TAGGED_TEMPLATE', 'tagged templates do not exist in ucode', 'call a function with a template literal argument'],
	[ts.SyntaxKind.DebuggerStatement]: ['UCC_DEBUGGER', '`debugger` does not exist in ucode', 'remove it'],
	[ts.SyntaxKind.WithStatement]: ['UCC_WITH', '`with` does not exist in ucode', 'name the object explicitly'],
	[ts.SyntaxKind.BigIntLiteral]: ['UCC_BIGINT', 'bigint literals do not exist in ucode', 'ucode ints are 64-bit: use a plain number within ±2^53'],
	[ts.SyntaxKind.ObjectBindingPattern]: ['UCC_DESTRUCTURING', 'destructuring does not exist in ucode', 'read the properties one by one: let a = o.a;'],
	[ts.SyntaxKind.ArrayBindingPattern]: ['UCC_DESTRUCTURING', 'destructuring does not exist in ucode', 'read the elements one by one: let x = a[0];'],
	[ts.SyntaxKind.ImportEqualsDeclaration]: ['UCC_IMPORT_EQUALS', '`import x = …` is not supported', "use import { … } from '…'"],
	[ts.SyntaxKind.ExportAssignment]: ['UCC_EXPORT_DEFAULT', '`export default` is only allowed as the plugin object of an rpcd unit', 'export named functions or constants'],
};

const ARRAY_HINT = 'ucode iterates arrays by value with for…of (lowered to for…in); use for (let i = 0; i < length(a); i++) for indices';

export function validateUnit(sf: ts.SourceFile, unit: UnitSpec, ctx: ValidateContext): UccDiagnostic[] {
	const { checker } = ctx;
	const out: UccDiagnostic[] = [];
	const report = (node: ts.Node, code: string, message: string, hint?: string) => out.push(diagAt(node, code, message, hint));

	const isArrayish = (t: ts.Type): boolean => {
		if (t.isUnion()) return t.types.every(isArrayish);
		return checker.isArrayType(t) || checker.isTupleType(t);
	};
	const mayBeArray = (t: ts.Type): boolean => {
		if (t.isUnion()) return t.types.some(mayBeArray);
		return checker.isArrayType(t) || checker.isTupleType(t);
	};
	const allFlags = (t: ts.Type, f: ts.TypeFlags): boolean =>
		t.isUnion() ? t.types.every(x => allFlags(x, f)) : (t.flags & f) !== 0;

	checkUnitShape(sf, unit, report);

	const visit = (node: ts.Node): void => {
		// Types, and declarations that vanish on emit, cannot break ucode.
		if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
		if (ts.canHaveModifiers(node) && ts.getModifiers(node)?.some(m => m.kind === ts.SyntaxKind.DeclareKeyword)) return;
		if ((ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) || (ts.isExportDeclaration(node) && node.isTypeOnly)) return;

		const simple = SIMPLE[node.kind];
		if (simple && !(ts.isExportAssignment(node) && unit.kind === 'rpcd')) report(node, ...simple);

		switch (node.kind) {
			case ts.SyntaxKind.ModuleDeclaration: report(node, 'UCC_NAMESPACE', 'namespaces do not exist in ucode', 'use a module (a separate file) and import it'); return;
			case ts.SyntaxKind.TryStatement: {
				const t = node as ts.TryStatement;
				if (t.finallyBlock) report(t.finallyBlock.parent.getChildren().find(c => c.kind === ts.SyntaxKind.FinallyKeyword) ?? t, 'UCC_FINALLY', '`finally` does not exist in ucode', 'catch, clean up, then die(e.message) again; or clean up after the try');
				break;
			}
			case ts.SyntaxKind.VariableDeclarationList:
				if (!(node.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const))) report(node, 'UCC_VAR', '`var` does not exist in ucode', 'use let or const');
				break;
			case ts.SyntaxKind.Parameter: {
				const p = node as ts.ParameterDeclaration;
				if (p.initializer) report(p, 'UCC_DEFAULT_PARAM', 'default parameters do not exist in ucode', `make it optional and write: if (${p.name.getText()} == null) ${p.name.getText()} = …;`);
				break;
			}
			case ts.SyntaxKind.FunctionDeclaration:
			case ts.SyntaxKind.FunctionExpression:
			case ts.SyntaxKind.ArrowFunction:
			case ts.SyntaxKind.MethodDeclaration: {
				const f = node as ts.FunctionLikeDeclaration;
				if (f.asteriskToken) report(f, 'UCC_GENERATOR', 'generators do not exist in ucode', 'build and return an array');
				if (ts.getModifiers(f)?.some(m => m.kind === ts.SyntaxKind.AsyncKeyword)) report(f, 'UCC_ASYNC', 'async functions do not exist in ucode', 'ucode code is synchronous: drop async');
				if (ts.isFunctionExpression(f) && f.name) report(f, 'UCC_NAMED_FUNCTION_EXPR', 'named function expressions give wrong results on ucode 23.05/24.10', 'drop the name: let f; f = function(…) {…};');
				if (ts.isMethodDeclaration(f) && ts.isObjectLiteralExpression(f.parent)) report(f, 'UCC_METHOD_SHORTHAND', 'object method shorthand only parses on ucode master', `write ${f.name.getText()}: function(…) {…}`);
				break;
			}
			case ts.SyntaxKind.PropertyAssignment: {
				const p = node as ts.PropertyAssignment;
				if (ts.isNumericLiteral(p.name)) report(p.name, 'UCC_NUMERIC_KEY', 'numeric keys are not allowed in object literals', `quote it ("${p.name.text}") or use an array; integer-like keys are ordered differently in ucode and JavaScript`);
				break;
			}
			case ts.SyntaxKind.StringLiteral:
			case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
			case ts.SyntaxKind.TemplateHead:
			case ts.SyntaxKind.TemplateMiddle:
			case ts.SyntaxKind.TemplateTail:
				checkEscapes(node, report);
				break;
			case ts.SyntaxKind.RegularExpressionLiteral: {
				const text = node.getText();
				const slash = text.lastIndexOf('/');
				for (const p of regexProblems(text.slice(1, slash), text.slice(slash + 1)))
					report(node, 'UCC_REGEX', `regular expression uses ${p.what}, which ucode's POSIX regex does not support the same way`, p.hint);
				break;
			}
			case ts.SyntaxKind.ThisKeyword:
				if (!thisAllowed(node)) report(node, 'UCC_THIS', '`this` is only meaningful in a function-valued property of an object literal', 'pass the object as a parameter');
				break;
			case ts.SyntaxKind.DeleteExpression: {
				const e = (node as ts.DeleteExpression).expression;
				if (ts.isElementAccessExpression(e) && mayBeArray(checker.getTypeAtLocation(e.expression)))
					report(node, 'UCC_DELETE_ARRAY', '`delete` on an array element behaves differently in ucode', 'use splice(a, i, 1)');
				else if (!valueDiscarded(node))
					report(node, 'UCC_DELETE_VALUE', "the value of `delete` differs: ucode gives whether the key existed, JavaScript gives true for a missing key", 'test exists(o, k) first, then write delete o[k]; as a statement');
				break;
			}
			case ts.SyntaxKind.ExportDeclaration: checkReexport(node as ts.ExportDeclaration); break;
			case ts.SyntaxKind.BinaryExpression: checkBinary(node as ts.BinaryExpression); break;
			case ts.SyntaxKind.PrefixUnaryExpression:
				if ((node as ts.PrefixUnaryExpression).operator === ts.SyntaxKind.TildeToken && !isMaskOperand(node) && !isNegativeLiteral((node as ts.PrefixUnaryExpression).operand))
					report(node, 'UCC_BITWISE_NOT', '`~x` is an unsigned 64-bit int in ucode (~15 is 2^64-16), which JavaScript numbers cannot hold', 'use ~ only as a mask operand (x & ~m, x &= ~m), or write the complement as arithmetic: mask - x (e.g. 0xff - x for 8 bits, -1 - x for the signed value)');
				break;
			case ts.SyntaxKind.ForInStatement: {
				const f = node as ts.ForInStatement;
				if (mayBeArray(checker.getTypeAtLocation(f.expression))) report(f.expression, 'UCC_FOR_IN_ARRAY', 'for…in over an array yields values in ucode but indices in JavaScript', ARRAY_HINT);
				break;
			}
			case ts.SyntaxKind.ForOfStatement: {
				const f = node as ts.ForOfStatement;
				if (f.awaitModifier) report(f, 'UCC_ASYNC', '`for await` does not exist in ucode', 'iterate an array');
				if (!isArrayish(checker.getTypeAtLocation(f.expression))) report(f.expression, 'UCC_FOR_OF_NON_ARRAY', 'for…of only works on arrays in typed ucode', 'iterate keys(o) for objects, or index a string with substr/ord');
				break;
			}
			case ts.SyntaxKind.CallExpression: {
				const c = node as ts.CallExpression;
				const callee = c.expression;
				if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && (checker.getTypeAtLocation(callee.expression).flags & ts.TypeFlags.Any))
					report(callee, 'UCC_ANY_RECEIVER', 'method call on an `any`-typed value cannot be checked against ucode', 'give the receiver a declared type (an interface) first');
				// regexp("…"): the string's value goes to regcomp() unchanged.
				const [pat, fl] = c.arguments;
				if (ts.isIdentifier(callee) && callee.text === 'regexp' && pat && ts.isStringLiteralLike(pat)) {
					const flags = fl && ts.isStringLiteralLike(fl) ? fl.text : '';
					for (const p of regexProblems(pat.text, flags, 'string'))
						report(pat, 'UCC_REGEX', `regexp() pattern uses ${p.what}, which ucode's POSIX regex does not read the same way`, p.hint);
				}
				break;
			}
			case ts.SyntaxKind.Identifier: checkIdentifier(node as ts.Identifier); break;
		}
		ts.forEachChild(node, visit);
	};

	/** ucode can only export its own declarations: `export … from` and exporting an import fail to compile. */
	const isValue = (sym: ts.Symbol | undefined): boolean => {
		if (!sym) return false;
		const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
		return (target.flags & ts.SymbolFlags.Value) !== 0;
	};
	const REEXPORT_HINT = "import it under another name and export a copy: import { x as x_ } from './m'; export const x = x_;  (or import from './m' directly)";
	const checkReexport = (e: ts.ExportDeclaration) => {
		const specs = e.exportClause && ts.isNamedExports(e.exportClause) ? e.exportClause.elements.filter(x => !x.isTypeOnly) : [];
		if (e.moduleSpecifier) {
			const values = e.exportClause && ts.isNamedExports(e.exportClause) ? specs.some(x => isValue(checker.getSymbolAtLocation(x.name))) : true;
			if (values) report(e, 'UCC_REEXPORT', '`export … from` does not compile in ucode (it can only export its own declarations)', REEXPORT_HINT);
			return;
		}
		for (const x of specs) {
			const local = checker.getExportSpecifierLocalTargetSymbol(x);
			const decl = local?.declarations?.[0];
			if (decl && (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl) || ts.isImportClause(decl)) && isValue(local))
				report(x, 'UCC_REEXPORT', `'${(x.propertyName ?? x.name).getText()}' is imported; ucode cannot export an imported binding`, REEXPORT_HINT);
		}
	};

	const checkBinary = (b: ts.BinaryExpression) => {
		const op = b.operatorToken.kind;
		const K = ts.SyntaxKind;
		if (op === K.GreaterThanGreaterThanGreaterThanToken || op === K.GreaterThanGreaterThanGreaterThanEqualsToken)
			report(b.operatorToken, 'UCC_URSHIFT', '`>>>` does not exist in ucode', 'ucode shifts 64-bit ints: use >> on a non-negative value, or & 0xffffffff');
		if (op === K.AsteriskAsteriskToken && [b.left, b.right].some(x => ts.isBinaryExpression(x) && x.operatorToken.kind === K.AsteriskAsteriskToken))
			report(b, 'UCC_EXP_ASSOC', '`**` is left-associative in ucode and right-associative in JavaScript', 'parenthesise: a ** (b ** c)');
		if (op === K.InstanceOfKeyword) report(b.operatorToken, 'UCC_INSTANCEOF', '`instanceof` does not exist in ucode', 'use type(x) == "array" / "object" …');
		if ((op === K.EqualsEqualsEqualsToken || op === K.ExclamationEqualsEqualsToken) && [b.left, b.right].some(x => x.kind === K.NullKeyword))
			report(b, 'UCC_STRICT_NULL', '=== null / !== null misses missing values (undefined) in JavaScript', `use ${op === K.EqualsEqualsEqualsToken ? '==' : '!='} null`);
		if (op === K.SlashEqualsToken) report(b.operatorToken, 'UCC_BARE_DIVISION', '`/=` truncates on ints in ucode but not in JavaScript', 'write x = int(x / y) for integer division, or divide by a literal such as 2.0');
		if (op === K.SlashToken && !divisionAllowed(b))
			report(b.operatorToken, 'UCC_BARE_DIVISION', 'bare `/` truncates on ints in ucode but not in JavaScript', 'write int(a / b) for integer division, or make one operand a double literal such as 2.0');
		if (op === K.InKeyword && mayBeArray(checker.getTypeAtLocation(b.right)))
			report(b.operatorToken, 'UCC_IN_ARRAY', '`in` on an array tests values in ucode but indices in JavaScript', 'use index(a, x) != -1, or i < length(a)');
		if (op === K.EqualsToken && (ts.isObjectLiteralExpression(b.left) || ts.isArrayLiteralExpression(b.left)))
			report(b.left, 'UCC_DESTRUCTURING', 'destructuring assignment does not exist in ucode', 'assign the parts one by one');
		if (op === K.LessThanToken || op === K.GreaterThanToken || op === K.LessThanEqualsToken || op === K.GreaterThanEqualsToken) {
			const l = checker.getTypeAtLocation(b.left), r = checker.getTypeAtLocation(b.right);
			const S = ts.TypeFlags.StringLike, N = ts.TypeFlags.NumberLike;
			if ((allFlags(l, S) && allFlags(r, N)) || (allFlags(l, N) && allFlags(r, S)))
				report(b.operatorToken, 'UCC_MIXED_COMPARE', 'relational comparison between a string and a number', 'convert explicitly: +s or int(s) for numbers, "" + n for strings');
		}
	};

	const checkIdentifier = (id: ts.Identifier) => {
		const name = id.text;
		if (isDeclarationName(id)) {
			if (ctx.builtins.has(name)) report(id, 'UCC_BUILTIN_SHADOW', `'${name}' is a ucode builtin and must not be redeclared`, `rename it (e.g. ${name}_ or a more specific name)`);
			if (RESERVED_WORDS.has(name)) report(id, 'UCC_RESERVED_WORD', `'${name}' is a reserved word in ucode`, 'rename it');
			return;
		}
		if (!isValueReference(id)) return;
		if (name === 'undefined') { report(id, 'UCC_UNDEFINED', '`undefined` does not exist in ucode', 'use null (and == null to test for it)'); return; }
		if (name === 'arguments') { report(id, 'UCC_ARGUMENTS', '`arguments` does not exist in ucode', 'declare a rest parameter: function f(...args)'); return; }
		const sym = checker.getSymbolAtLocation(id);
		const decl = sym?.valueDeclaration;
		if (!decl || decl.getSourceFile() !== sf) return;
		// No hoisting in ucode: names resolve when the reference is compiled.
		const declName = (decl as ts.NamedDeclaration).name;
		if ((ts.isFunctionDeclaration(decl) || ts.isVariableDeclaration(decl)) && declName && id.getStart() < declName.getStart() && !isInside(id, decl))
			report(id, 'UCC_FORWARD_REF', `'${name}' is used before its declaration; ucode does not hoist (mutual recursion fails too)`, `declare it first: let ${name}; … ${name} = function(…) {…};`);
		if (ts.isVariableDeclaration(decl) && decl.initializer && isInside(id, decl.initializer))
			report(id, 'UCC_SELF_REF_INIT', `'${name}' refers to itself in its own initialiser, which ucode cannot compile`, `split it: let ${name}; ${name} = function(…) {…};  (or use a function declaration)`);
		if (ts.isVariableDeclaration(decl)) checkLoopCapture(id, decl);
	};

	/** A closure that reads a for-head variable sees its last value in ucode (one binding per loop). */
	const checkLoopCapture = (id: ts.Identifier, decl: ts.VariableDeclaration) => {
		const list = decl.parent;
		const loop = list?.parent;
		if (!loop || !(ts.isForStatement(loop) || ts.isForInStatement(loop) || ts.isForOfStatement(loop)) || loop.initializer !== list) return;
		for (let n: ts.Node = id.parent; n && n !== loop; n = n.parent)
			if (ts.isFunctionLike(n)) {
				report(id, 'UCC_LOOP_CLOSURE', `closure captures loop variable '${id.text}', which ucode shares across iterations`, `copy it first: let ${id.text}_ = ${id.text}; inside the loop body, and capture that`);
				return;
			}
	};

	visit(sf);
	return out;
}

/** rpcd units export exactly one default; scripts export nothing. */
function checkUnitShape(sf: ts.SourceFile, unit: UnitSpec, report: (n: ts.Node, c: string, m: string, h?: string) => void) {
	let hasDefault = false;
	for (const st of sf.statements) {
		const exported = ts.isExportDeclaration(st) || (ts.canHaveModifiers(st) && ts.getModifiers(st)?.some(m => m.kind === ts.SyntaxKind.ExportKeyword));
		const typeOnly = ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st) || (ts.isExportDeclaration(st) && st.isTypeOnly);
		if (ts.isExportAssignment(st)) {
			hasDefault = true;
			if (unit.kind === 'rpcd' && st !== sf.statements[sf.statements.length - 1])
				report(st, 'UCC_RPCD_DEFAULT_LAST', 'the rpcd plugin object must be the last statement', 'move `export default { … }` to the end of the file');
			if (unit.kind === 'rpcd' && st.isExportEquals) report(st, 'UCC_IMPORT_EQUALS', '`export =` is not supported', 'use export default');
		} else if (exported && !typeOnly && unit.kind !== 'module')
			report(st, unit.kind === 'rpcd' ? 'UCC_RPCD_EXPORT' : 'UCC_SCRIPT_EXPORT', `a ${unit.kind} unit cannot export (only ucode modules can)`, unit.kind === 'rpcd' ? 'move shared code into a module under core/ and import it' : 'remove the export, or compile the file as a module');
		if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
			const spec = st.moduleSpecifier.text;
			if (!isRelative(spec) && !NATIVE_MODULES.has(spec))
				report(st.moduleSpecifier, 'UCC_IMPORT', `cannot import '${spec}'`, "import only 'fs', 'uci', 'ubus' or relative project modules");
		}
	}
	if (unit.kind === 'rpcd' && !hasDefault)
		report(sf, 'UCC_RPCD_NO_DEFAULT', 'an rpcd unit must end with `export default { … }`', 'export the plugin object: export default { "luci.x": { method: { call: function(req) {…} } } };');
}

/** Relative imports must land inside a configured root so they get a dotted ucode name. */
export function validateImports(sf: ts.SourceFile, roots: Root[]): UccDiagnostic[] {
	const out: UccDiagnostic[] = [];
	for (const st of sf.statements) {
		const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier : null;
		if (!spec || !isRelative(spec.text)) continue;
		if (ts.isImportDeclaration(st) && typeOnlyImport(st)) continue;
		const target = resolveRelative(sf.fileName, spec.text);
		if (!target) out.push(diagAt(spec, 'UCC_IMPORT', `cannot resolve '${spec.text}'`, 'import a .ts file of the project'));
		else if (!moduleNameOf(target, roots)) out.push(diagAt(spec, 'UCC_IMPORT_ROOT', `'${spec.text}' is outside every module root, so it has no ucode module name`, 'move it under a root (e.g. luci-app-mape/core) or add --root dir=prefix'));
	}
	return out;
}

/**
 * `import type { A }`, or `import { type A, type B }`: erased in both outputs, so the target
 * needs no ucode module name and may be a declaration file (e.g. luci-app-mape/types/api.d.ts,
 * the rpc reply types the views share).
 */
function typeOnlyImport(st: ts.ImportDeclaration): boolean {
	const clause = st.importClause;
	if (!clause) return false;
	if (clause.isTypeOnly) return true;
	const named = clause.namedBindings;
	return !clause.name && named != null && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

function checkEscapes(node: ts.Node, report: (n: ts.Node, c: string, m: string, h?: string) => void) {
	const raw = node.getText();
	for (let i = 0; i < raw.length; i++) {
		if (raw[i] !== '\\') continue;
		const n = raw[i + 1];
		if (n === 'x') { report(node, 'UCC_HEX_ESCAPE', '`\\xHH` escapes differ between ucode versions', 'write the character itself or \\u00HH'); return; }
		if (n === 'u' && raw[i + 2] === '{') { report(node, 'UCC_HEX_ESCAPE', '`\\u{…}` escapes do not exist in ucode', 'write the character itself or \\uXXXX (surrogate pairs for astral characters)'); return; }
		i++;
	}
}

function divisionAllowed(b: ts.BinaryExpression): boolean {
	const isDouble = (e: ts.Expression): boolean => {
		while (ts.isParenthesizedExpression(e) || (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken))
			e = ts.isParenthesizedExpression(e) ? e.expression : e.operand;
		return ts.isNumericLiteral(e) && e.getText().includes('.');
	};
	if (isDouble(b.left) || isDouble(b.right)) return true;
	let n: ts.Node = b;
	while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
	const call = n.parent;
	return ts.isCallExpression(call) && call.arguments[0] === n && ts.isIdentifier(call.expression) && call.expression.text === 'int';
}

/** Is the value of expression `e` thrown away (an expression statement, a for head/step, the left of a comma…)? */
function valueDiscarded(e: ts.Node): boolean {
	let n = e;
	while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
	const p = n.parent;
	if (ts.isExpressionStatement(p)) return true;
	if (ts.isForStatement(p) && (p.initializer === n || p.incrementor === n)) return true;
	if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.CommaToken)
		return p.left === n || valueDiscarded(p);
	return false;
}

/**
 * Is `~x` a direct (possibly parenthesised) operand of `&` or the right side of `&=`?
 * There ucode's uint64 ~x and the runtime's signed -(x+1) give the same bits.
 */
export function isMaskOperand(e: ts.Node): boolean {
	let n = e;
	while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
	const p = n.parent;
	if (!ts.isBinaryExpression(p)) return false;
	const op = p.operatorToken.kind;
	return op === ts.SyntaxKind.AmpersandToken || (op === ts.SyntaxKind.AmpersandEqualsToken && p.right === n);
}

/** `-5`, `(-5)`: ~ of a negative int is a signed int in ucode too. */
function isNegativeLiteral(e: ts.Expression): boolean {
	while (ts.isParenthesizedExpression(e)) e = e.expression;
	return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(e.operand) && Number(e.operand.text) > 0;
}

function thisAllowed(node: ts.Node): boolean {
	// Arrows take `this` from outside, so look for the nearest ordinary function.
	let n: ts.Node | undefined = node.parent;
	while (n && !(ts.isFunctionLike(n) && !ts.isArrowFunction(n))) n = n.parent;
	return !!n && ts.isFunctionExpression(n) && ts.isPropertyAssignment(n.parent) && ts.isObjectLiteralExpression(n.parent.parent);
}

function isInside(n: ts.Node, container: ts.Node): boolean {
	return n.pos >= container.pos && n.end <= container.end;
}

/** Is `id` the name being declared (variable, parameter, function, import binding)? */
function isDeclarationName(id: ts.Identifier): boolean {
	const p = id.parent;
	return ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isBindingElement(p)) && p.name === id)
		|| (ts.isImportSpecifier(p) && p.name === id) || ts.isNamespaceImport(p) || (ts.isImportClause(p) && p.name === id);
}

/** Is `id` read as a variable (not a property name, label, type name or declaration)? */
function isValueReference(id: ts.Identifier): boolean {
	const p = id.parent;
	if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
	if ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isPropertySignature(p) || ts.isEnumMember(p)) && p.name === id) return false;
	if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
	if (ts.isExportSpecifier(p) && p.name === id && p.propertyName) return false;
	if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
	if (ts.isQualifiedName(p)) return false;
	return true;
}
