/*
 * Every rejected construct of docs/typed-ucode.md: the specific code, at the right place.
 * In each source, `/*!*\/` marks where the diagnostic must point (the next token).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { compileOne, compileTree } from './ucc-helpers.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { formatDiagnostic, type UnitSpec } from '../tools/ucc/index.ts';

const MARK = '/*!*/';

interface Case { code: string; src: string; kind?: UnitSpec['kind']; name?: string; extra?: Record<string, string> }

const CASES: Case[] = [
	{ code: 'UCC_CLASS', src: `${MARK}class A {}\nexport const a = 1;` },
	{ code: 'UCC_NEW', src: `declare const C: new () => object;\nexport const x = ${MARK}new C();` },
	{ code: 'UCC_THROW', src: `export function f() {\n\t${MARK}throw 'x';\n}` },
	{ code: 'UCC_FINALLY', src: `export function f() {\n\ttry { print(1); } catch (e) { print(2); } ${MARK}finally { print(3); }\n}` },
	{ code: 'UCC_DESTRUCTURING', name: 'binding', src: `const o = { a: 1 };\nexport const ${MARK}{ a } = o;` },
	{ code: 'UCC_DESTRUCTURING', name: 'array binding', src: `const o = [1];\nexport const ${MARK}[a] = o;` },
	{ code: 'UCC_DESTRUCTURING', name: 'assignment', src: `let a = 1, b = 2;\n${MARK}[a, b] = [b, a];\nexport const c = a;` },
	{ code: 'UCC_DEFAULT_PARAM', src: `export function f(${MARK}a: number = 1) { return a; }` },
	{ code: 'UCC_TYPEOF', src: `const x: unknown = 1;\nexport const t = ${MARK}typeof x;` },
	{ code: 'UCC_INSTANCEOF', src: `declare const K: any;\nconst x: object = {};\nexport const b = x ${MARK}instanceof K;` },
	{ code: 'UCC_URSHIFT', src: `export const a = 8 ${MARK}>>> 1;` },
	{ code: 'UCC_UNDEFINED', src: `export let a: number | undefined = ${MARK}undefined;` },
	{ code: 'UCC_LABEL', src: `export function f() {\n\t${MARK}outer: for (let i = 0; i < 2; i++) { break outer; }\n}` },
	{ code: 'UCC_DO_WHILE', src: `export function f() {\n\tlet i = 0;\n\t${MARK}do { i++; } while (i < 3);\n}` },
	{ code: 'UCC_ACCESSOR', src: `export const o = { ${MARK}get x() { return 1; } };` },
	{ code: 'UCC_FORWARD_REF', name: 'hoisting', src: `export const v = ${MARK}g();\nfunction g() { return 1; }` },
	{ code: 'UCC_FORWARD_REF', name: 'mutual recursion', src: `export function a(n: number): number { return n ? ${MARK}b(n - 1) : 0; }\nfunction b(n: number): number { return a(n); }` },
	{ code: 'UCC_FORWARD_REF', name: 'later let', src: `export function a() { return ${MARK}t + 1; }\nconst t = 1;` },
	{ code: 'UCC_SELF_REF_INIT', src: `export const fib = (n: number): number => n < 2 ? n : ${MARK}fib(n - 1) + fib(n - 2);` },
	{ code: 'UCC_SELF_REF_INIT', name: 'object with a method', src: `export const o = { x: 1, f: function() { return ${MARK}o.x; } };` },
	{ code: 'UCC_LOOP_CLOSURE', name: 'for', src: `export const fns: (() => number)[] = [];\nfor (let i = 0; i < 3; i++) push(fns, () => ${MARK}i);` },
	{ code: 'UCC_LOOP_CLOSURE', name: 'for-of', src: `export const fns: (() => number)[] = [];\nfor (const x of [1, 2]) {\n\tpush(fns, function() { return ${MARK}x; });\n}` },
	{ code: 'UCC_BARE_DIVISION', src: `const a = 7;\nexport const b = a ${MARK}/ 2;` },
	{ code: 'UCC_BARE_DIVISION', name: 'not the first int() argument', src: `const a = 7;\nexport const b = int(1 + a ${MARK}/ 2);` },
	{ code: 'UCC_BARE_DIVISION', name: '/=', src: `export let a = 8;\na ${MARK}/= 2;` },
	{ code: 'UCC_NUMERIC_KEY', src: `export const o = { ${MARK}1: 'x' };` },
	{ code: 'UCC_METHOD_SHORTHAND', src: `export const o = { ${MARK}m() { return 1; } };` },
	{ code: 'UCC_HEX_ESCAPE', src: `export const s = ${MARK}'\\x41';` },
	{ code: 'UCC_HEX_ESCAPE', name: '\\u{…}', src: `export const s = ${MARK}\`a\\u{41}\`;` },
	{ code: 'UCC_REGEX', name: 'non-capturing group', src: `export const r = ${MARK}/(?:a)b/;` },
	{ code: 'UCC_REGEX', name: 'lookahead', src: `export const r = ${MARK}/a(?=b)/;` },
	{ code: 'UCC_REGEX', name: 'lazy', src: `export const r = ${MARK}/a+?/;` },
	{ code: 'UCC_REGEX', name: 'flag s', src: `export const r = ${MARK}/a.b/s;` },
	{ code: 'UCC_REGEX', name: 'backreference', src: `export const r = ${MARK}/(a)\\1/;` },
	{ code: 'UCC_REGEX', name: '\\d in brackets', src: `export const r = ${MARK}/[\\d.]+/;` },
	{ code: 'UCC_REGEX', name: 'POSIX class', src: `export const r = ${MARK}/[[:alpha:]]/;` },
	{ code: 'UCC_REGEX', name: 'named group', src: `export const r = ${MARK}/(?<y>a)/;` },
	{ code: 'UCC_BUILTIN_SHADOW', name: 'const', src: `export const ${MARK}length = 3;` },
	{ code: 'UCC_BUILTIN_SHADOW', name: 'parameter', src: `export function f(${MARK}keys: string[]) { return keys; }` },
	{ code: 'UCC_BUILTIN_SHADOW', name: 'function', src: `export function ${MARK}type() { return 1; }` },
	{ code: 'UCC_BUILTIN_SHADOW', name: 'import alias', src: `import { readfile as ${MARK}print } from 'fs';\nexport const t = print('/x');` },
	{ code: 'UCC_BUILTIN_SHADOW', name: 'undeclared builtin', src: `export const ${MARK}proto = 1;` },
	{ code: 'UCC_RESERVED_WORD', src: `export const ${MARK}endif = 1;` },
	{ code: 'UCC_STRICT_NULL', src: `declare const a: number | null;\nexport const b = ${MARK}a === null;` },
	{ code: 'UCC_FOR_IN_ARRAY', src: `for (const i in ${MARK}[1, 2]) print(i);\nexport const a = 1;` },
	{ code: 'UCC_FOR_OF_NON_ARRAY', src: `for (const c of ${MARK}'abc') print(c);\nexport const a = 1;` },
	{ code: 'UCC_IN_ARRAY', src: `const a = [1];\nexport const b = 0 ${MARK}in a;` },
	{ code: 'UCC_EXP_ASSOC', src: `export const a = ${MARK}2 ** 3 ** 2;` },
	{ code: 'UCC_NAMED_FUNCTION_EXPR', src: `export const f = ${MARK}function g() { return 1; };` },
	{ code: 'UCC_ANY_RECEIVER', src: `declare const x: any;\nexport const y = ${MARK}x.foo();` },
	{ code: 'UCC_MIXED_COMPARE', src: `declare const a: string;\ndeclare const b: number;\nexport const c = a ${MARK}< b;` },
	{ code: 'UCC_VAR', src: `${MARK}var a = 1;\nexport const b = a;` },
	{ code: 'UCC_VOID', src: `export const a = ${MARK}void 0;` },
	{ code: 'UCC_ASYNC', src: `${MARK}async function f() {}\nexport const a = f;` },
	{ code: 'UCC_ASYNC', name: 'await', src: `export function f(x: any) {\n\treturn ${MARK}await x;\n}` },
	{ code: 'UCC_GENERATOR', src: `${MARK}function* g() {}\nexport const a = g;` },
	{ code: 'UCC_ENUM', src: `${MARK}enum E { A }\nexport const a = E.A;` },
	{ code: 'UCC_NAMESPACE', src: `${MARK}namespace N { export const a = 1; }\nexport const a = N.a;` },
	{ code: 'UCC_TAGGED_TEMPLATE', src: `function tag(s: TemplateStringsArray) { return 1; }\nexport const a = ${MARK}tag\`x\`;` },
	{ code: 'UCC_ARGUMENTS', src: `export function f() { return ${MARK}arguments; }` },
	{ code: 'UCC_DELETE_ARRAY', src: `const a: number[] = [1, 2];\nexport function f() { ${MARK}delete a[0]; }` },
	{ code: 'UCC_DELETE_VALUE', src: `const o: { [k: string]: number } = { a: 1 };\nexport const d = ${MARK}delete o['zz'];` },
	{ code: 'UCC_DELETE_VALUE', name: 'argument', src: `const o: { [k: string]: number } = { a: 1 };\nprint(${MARK}delete o.a);\nexport const a = 1;` },
	{ code: 'UCC_DELETE_VALUE', name: 'right of a comma', src: `const o: { [k: string]: number } = { a: 1 };\nexport const d = (print(1), ${MARK}delete o.a);` },
	{ code: 'UCC_BITWISE_NOT', src: `export const a = ${MARK}~0x0f;` },
	{ code: 'UCC_BITWISE_NOT', name: 'operand of |', src: `export const a = 1 | (${MARK}~0x0f);` },
	{ code: 'UCC_BITWISE_NOT', name: '|=', src: `export let a = 1;\na |= ${MARK}~2;` },
	{ code: 'UCC_BITWISE_NOT', name: '~(-0)', src: `export const a = ${MARK}~(-0);` },
	{ code: 'UCC_REGEX', name: '\\] inside brackets', src: `export const r = ${MARK}/[.*+?()|\\[\\]{}^$\\\\]/g;` },
	{ code: 'UCC_REGEX', name: '\\- inside brackets', src: `export const r = ${MARK}/[a\\-z]/;` },
	{ code: 'UCC_REGEX', name: 'leading ] (empty class in JavaScript)', src: `export const r = ${MARK}/[]a]/;` },
	{ code: 'UCC_REGEX', name: '\\<', src: `export const r = ${MARK}/\\<a/;` },
	{ code: 'UCC_REGEX', name: 'regexp() string: backslash in brackets', src: `export const r = regexp(${MARK}'[\\\\]]');` },
	{ code: 'UCC_REGEX', name: 'regexp() string: \\d', src: `export const r = regexp(${MARK}"\\\\d+", "g");` },
	{ code: 'UCC_REGEX', name: 'regexp() string: (?:', src: `export const r = regexp(${MARK}\`(?:a)\`);` },
	{ code: 'UCC_REEXPORT', src: `${MARK}export { a } from './other';`, extra: { 'core/other.ts': 'export const a = 1;\n' } },
	{ code: 'UCC_REEXPORT', name: 'export *', src: `${MARK}export * from './other';`, extra: { 'core/other.ts': 'export const a = 1;\n' } },
	{ code: 'UCC_REEXPORT', name: 'imported binding', src: `import { a } from './other';\nexport { ${MARK}a };`, extra: { 'core/other.ts': 'export const a = 1;\n' } },
	{ code: 'UCC_BIGINT', src: `export const a = ${MARK}10n;` },
	{ code: 'UCC_THIS', src: `export function f(this: object) { return ${MARK}this; }` },
	{ code: 'UCC_DEBUGGER', src: `export function f() { ${MARK}debugger; }` },
	{ code: 'UCC_IMPORT', src: `import * as os from ${MARK}'os';\nexport const a = os;` },
	{ code: 'UCC_IMPORT_ROOT', kind: 'script', src: `import { a } from ${MARK}'./other';\nprint(a);`, extra: { 'router/other.ts': 'export const a = 1;\n' } },
	{ code: 'UCC_SCRIPT_EXPORT', kind: 'script', src: `${MARK}export const a = 1;` },
	{ code: 'UCC_RPCD_EXPORT', kind: 'rpcd', src: `${MARK}export const a = 1;\nexport default { 'x': {} };` },
	{ code: 'UCC_RPCD_NO_DEFAULT', kind: 'rpcd', src: `${MARK}print(1);` },
	{ code: 'UCC_RPCD_DEFAULT_LAST', kind: 'rpcd', src: `${MARK}export default { 'x': {} };\nprint(1);` },
	{ code: 'UCC_EXPORT_DEFAULT', src: `export const a = 1;\n${MARK}export default a;` },
];

/** 1-based line and column of the token after the marker. */
function markPos(src: string): { line: number; column: number } {
	const at = src.indexOf(MARK) + MARK.length;
	const before = src.slice(0, at);
	const lines = before.split('\n');
	return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

for (const c of CASES) {
	test(`${c.code}${c.name ? ` (${c.name})` : ''}`, () => {
		const src = c.src;
		const { diagnostics, file } = compileOne(src, c.kind, c.extra);
		const hits = diagnostics.filter(d => d.code === c.code);
		const all = diagnostics.map(formatDiagnostic).join('\n');
		assert.ok(hits.length > 0, `expected ${c.code}, got:\n${all}`);
		const want = markPos(src);
		const hit = hits.find(d => d.line === want.line && d.column === want.column);
		assert.ok(hit, `expected ${c.code} at ${want.line}:${want.column}, got:\n${all}`);
		assert.ok(hit.file.endsWith(file), hit.file);
		assert.ok(hit.hint, `${c.code} has a hint`);
	});
}

test('every code is distinct per construct (the list above covers the documented rejections)', () => {
	const codes = new Set(CASES.map(c => c.code));
	assert.ok(codes.size >= 45, `${codes.size} codes`);
});

test('the caught-value hint on unknown is only given for a catch binding', () => {
	const { diagnostics } = compileOne(`export function f() {\n\ttry { die('x'); } catch (e) { print(e.message); }\n}\nexport const n = json('123') + 1;\n`);
	const caught = diagnostics.find(d => d.code === 'TS18046');
	assert.ok(caught && caught.line === 2 && caught.column === 38 && /caught value/.test(caught.hint ?? ''), diagnostics.map(formatDiagnostic).join('\n'));
	const parsed = diagnostics.find(d => d.code === 'TS2571');
	assert.ok(parsed && parsed.line === 4 && parsed.column === 18, diagnostics.map(formatDiagnostic).join('\n'));
	assert.doesNotMatch(parsed.hint ?? '', /caught/);
	assert.match(parsed.hint ?? '', /type\(x\)/);
});

test('accepted: delete as a statement, ~ as a mask operand, regex spellings both sides agree on, own exports', () => {
	const { diagnostics } = compileTree({
		'core/other.ts': 'export const a = 1;\n',
		'core/unit.ts': `import { a as a_ } from './other';
const o: { [k: string]: number } = { a: 1, b: 2 };
delete o.a;
(delete o['b']);
for (let i = 0; i < 1; delete o.c, i++) print(i);
export const m = 0xff & ~0x0f, n = (~(1 << 4)) & 0xffff, neg = ~(-16) + ~-1;
export let x = 7;
x &= ~1;
export const r = [/[\\].*+?()|\\[{}^$\\\\]/g, /[^\\]a]/, /[a-]/, /[ \\t\\n]/, /[\\/.]/, regexp('[]a-]'), regexp('^[a-z]+$', 'i')];
const own = 1;
export { own };
export const a = a_;
export type { Other } from './types';
`,
		'core/types.ts': 'export interface Other { a: number }\n',
	}, [{ file: 'core/other.ts', kind: 'module' }, { file: 'core/unit.ts', kind: 'module' }, { file: 'core/types.ts', kind: 'module' }]);
	assert.deepEqual(diagnostics.map(formatDiagnostic), []);
});

test('TypeScript errors carry hints for JavaScript habits', () => {
	const { diagnostics } = compileOne(`const s = 'abc';\nexport const n = s.length;\nexport const m = Math.floor(1.5);\nconsole.log(1);\n`);
	const byCode = (code: string) => diagnostics.find(d => d.code === code && d.line > 0);
	const prop = byCode('TS2339');
	assert.ok(prop && prop.line === 2 && /length\(x\)/.test(prop.hint ?? ''), formatDiagnostic(prop!));
	const names = diagnostics.filter(d => d.code === 'TS2304' || d.code === 'TS2580' || d.code === 'TS2584');
	assert.ok(names.some(d => d.line === 3 && /int\(\)/.test(d.hint ?? '')), names.map(formatDiagnostic).join('\n'));
	assert.ok(names.some(d => d.line === 4 && /print/.test(d.hint ?? '')), names.map(formatDiagnostic).join('\n'));
	assert.match(formatDiagnostic(prop!), /^.*unit\.ts:2:\d+ error TS2339: .* — ucode values have no methods/);
});

const ACCEPTED: Record<string, string> = {
	'everyday module': `
import * as fs from 'fs';

export interface Item { name: string; size: number }

/** Sums sizes; a recursive declaration may call itself. */
export function total(items: Item[]): number {
	let sum = 0;
	for (const it of items) sum += it.size;
	return sum;
}

export function fact(n: number): number {
	return n <= 1 ? 1 : n * fact(n - 1);
}

let even: (n: number) => boolean, odd: (n: number) => boolean;
even = function(n: number): boolean { return n == 0 ? true : odd(n - 1); };
odd = function(n: number): boolean { return n == 0 ? false : even(n - 1); };
export const isEven = (n: number) => even(n);

export function stats(o: { [k: string]: number }, a: number, b: number) {
	const out: string[] = [];
	for (const k in o) push(out, \`\${k}=\${o[k]}\`);
	const fns: (() => number)[] = [];
	for (let i = 0; i < 3; i++) {
		const j = i;
		push(fns, () => j);
	}
	const q = int(a / b), r = (a / 2.0), m = a % b, p = (2 ** 3) ** 2;
	const has = 'x' in o, missing = o['y'] == null;
	let x: number | null = null;
	x ??= 1;
	const s = length(fs.readfile('/tmp/x') ?? '');
	try {
		die('boom');
	} catch (e) {
		push(out, (e as UcodeException).message);
	}
	switch (a) {
		case 1: break;
		default: break;
	}
	return { out, fns, q, r, m, p, has, missing, x, s, all: [...out, 'z'], o2: { ...o } };
}

export const obj = {
	n: 1,
	get: function(): number { return this.n; },
};
`,
	'rpcd plugin': `
import * as fs from 'fs';

const methods = {
	status: {
		call: function(req: { args: { x?: string } }) {
			return { ok: fs.access('/etc') == true, x: req.args.x ?? '' };
		},
	},
};

export default { 'luci.mape': methods };
`,
};

for (const [name, src] of Object.entries(ACCEPTED)) {
	test(`accepted: ${name}`, () => {
		const kind: UnitSpec['kind'] = /export default/.test(src) ? 'rpcd' : 'module';
		const { diagnostics, outputs } = compileOne(src, kind);
		assert.deepEqual(diagnostics.map(formatDiagnostic), []);
		assert.equal(outputs.length, 1);
	});
	realTest(`accepted: ${name} loads in real ucode`, ucodeMissing('compiled ucode is not loaded'), () => {
		const ucodes = ucodeBinaries();
		const kind: UnitSpec['kind'] = /export default/.test(src) ? 'rpcd' : 'module';
		const { outputs, dir } = compileOne(src, kind);
		mkdirSync(path.join(dir, 'uc/mape'), { recursive: true });
		const file = path.join(dir, 'uc', kind === 'module' ? 'mape/unit.uc' : 'plugin');
		writeFileSync(file, outputs[0].ucode);
		const script = kind === 'module' ? `import * as m from 'mape.unit'; print(length(keys(m)) > 0, "\\n");` : `print(type(loadfile('${file}')()) == 'object', "\\n");`;
		writeFileSync(path.join(dir, 'uc/main.uc'), script);
		for (const ucode of ucodes)
			assert.equal(execFileSync(ucode, ['-L', path.join(dir, 'uc'), path.join(dir, 'uc/main.uc')], { encoding: 'utf8' }), 'true\n', ucode);
	});
}
