/*
 * ucc lowering: the emitted ucode and JavaScript, checked as text (expectations written
 * from the ucode semantics), JavaScript parsed as an ES module, and both run when possible.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { transformSync } from 'esbuild';
import { compile } from '../tools/ucc/index.ts';
import { compileOne, compileTree, REPO, writeTree } from './ucc-helpers.ts';
import { inferKind } from '../tools/ucc/cli.ts';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';

const STUB = path.join(REPO, 'test/fixtures/ucc/runtime-stub');

function ucodeOf(src: string, kind: 'module' | 'script' | 'rpcd' = 'module'): string {
	const r = compileOne(src, kind);
	assert.deepEqual(r.diagnostics, []);
	return r.outputs[0].ucode;
}
function jsOf(src: string, kind: 'module' | 'script' | 'rpcd' = 'module'): string {
	const r = compileOne(src, kind);
	assert.deepEqual(r.diagnostics, []);
	return r.outputs[0].js;
}
const parsesAsEsm = (js: string) => assert.doesNotThrow(() => transformSync(js, { format: 'esm', loader: 'js' }));

test('for-of becomes for-in with let; const in for heads becomes let', () => {
	const uc = ucodeOf(`export function f(a: number[], o: { [k: string]: number }) {\n\tlet s = 0;\n\tfor (const x of a) s += x;\n\tfor (const k in o) s += o[k];\n\tfor (const n = 1; s < n;) s++;\n\treturn s;\n}\n`);
	assert.match(uc, /for \(let x in a\)/);
	assert.match(uc, /for \(let k in o\)/);
	assert.match(uc, /for \(let n = 1; s < n;\)/);
	assert.doesNotMatch(uc, /\bof\b|const n/);
});

test("'use strict' first, comments, blank lines and tabs kept, final newline", () => {
	const uc = ucodeOf(`// header\nimport * as fs from 'fs';\n\n/** doc */\nexport const a = 1;\n\nexport function f(): number {\n\tif (a) {\n\t\treturn length(fs.readfile('/x') ?? '');\n\t}\n\treturn 0;\n}\n`);
	assert.equal(uc, `'use strict';\n\n// header\nimport * as fs from 'fs';\n\n/** doc */\nexport const a = 1;\n\nexport function f() {\n\tif (a) {\n\t\treturn length(fs.readfile('/x') ?? '');\n\t}\n\treturn 0;\n};\n`);
});

test('the file header comment survives when the first statement is erased (an interface)', () => {
	const out = ucodeOf('/*\n * Provenance: where the facts come from.\n */\n\nexport interface T { a: number; }\n\n/** X. */\nexport const X: T = { a: 1 };\n');
	assert.equal(out, "'use strict';\n\n/*\n * Provenance: where the facts come from.\n */\n\n/** X. */\nexport const X = { a: 1 };\n");
});

test('relative imports become dotted module names; native modules stay', () => {
	const r = compileTree({
		'core/prefix.ts': `export function twice(x: number): number { return x * 2; }\n`,
		'core/sub/deep.ts': `import { twice } from '../prefix';\nexport const four = twice(2);\n`,
		'router/main.ts': `import { twice } from '../core/prefix';\nimport { four } from '../core/sub/deep';\nimport * as fs from 'fs';\nprint(twice(four), fs.readfile('/nonexistent'), "\\n");\n`,
	}, [{ file: 'core/prefix.ts', kind: 'module' }, { file: 'core/sub/deep.ts', kind: 'module' }, { file: 'router/main.ts', kind: 'script' }]);
	assert.deepEqual(r.diagnostics, []);
	const [prefix, deep, main] = r.outputs;
	assert.equal(prefix.moduleName, 'mape.prefix');
	assert.equal(deep.moduleName, 'mape.sub.deep');
	assert.equal(main.moduleName, undefined);
	assert.match(deep.ucode, /import \{ twice \} from 'mape\.prefix';/);
	assert.match(main.ucode, /import \{ twice \} from 'mape\.prefix';\nimport \{ four \} from 'mape\.sub\.deep';\nimport \* as fs from 'fs';/);
});

test('export function is followed by ; (23.05/24.10 need it), on the line of its closing brace', () => {
	const uc = ucodeOf(`export function f() {\n\treturn 1;\n}\nfunction g() {\n\treturn 2;\n}\nexport const h = g;\n`);
	assert.match(uc, /export function f\(\) \{\n\treturn 1;\n\};\n/);
	assert.match(uc, /function g\(\) \{\n\treturn 2;\n\}\nexport const h/);
});

test('rpcd: export default becomes the final return', () => {
	const uc = ucodeOf(`const m = { ping: { call: function() { return { ok: true }; } } };\n\nexport default { 'luci.x': m };\n`, 'rpcd');
	assert.match(uc, /return \{ 'luci\.x': m \};\n$/);
	assert.doesNotMatch(uc, /export/);
	const js = jsOf(`const m = { ping: { call: function() { return { ok: true }; } } };\nexport default { 'luci.x': m };\n`, 'rpcd');
	assert.match(js, /export default \{ 'luci\.x': m \};/);
	parsesAsEsm(js);
});

test('types are erased: annotations, interfaces, aliases, as, !, satisfies, type-only imports', () => {
	const r = compileTree({
		'core/t.ts': `export interface P { a: number }\nexport type Q = P | null;\nexport const one = 1;\n`,
		'core/u.ts': `import type { P } from './t';\nimport { one, type Q } from './t';\ninterface L { b: string }\ntype M = L;\nexport function f(p: P, q: Q, m?: M): number {\n\tconst x = (p as P).a + q!.a + one;\n\tconst y = { b: 'z' } satisfies L;\n\treturn x + length(y.b) + length(m?.b ?? '');\n}\n`,
	}, [{ file: 'core/t.ts', kind: 'module' }, { file: 'core/u.ts', kind: 'module' }]);
	assert.deepEqual(r.diagnostics, []);
	const [t, u] = r.outputs;
	assert.equal(t.ucode, `'use strict';\n\nexport const one = 1;\n`);
	assert.equal(u.ucode, `'use strict';\n\nimport { one } from 'mape.t';\nexport function f(p, q, m) {\n\tconst x = p.a + q.a + one;\n\tconst y = { b: 'z' };\n\treturn x + length(y.b) + length(m?.b ?? '');\n};\n`);
});

test('a multi-line import list with a trailing comma (and type names) compiles for ucode, which rejects `{ a, }`', () => {
	const r = compileTree({
		'core/t.ts': `export interface P { a: number }\nexport const one = 1, two = 2;\n`,
		'core/u.ts': `import {\n\tone,\n\ttwo,\n\ttype P,\n} from './t';\nimport {\n\ttype P as Q,\n} from './t';\nexport function f(p: P, q: Q): number {\n\treturn p.a + q.a + one + two;\n}\n`,
	}, [{ file: 'core/t.ts', kind: 'module' }, { file: 'core/u.ts', kind: 'module' }], 'js');
	assert.deepEqual(r.diagnostics, []);
	assert.equal(r.outputs[1].ucode, `'use strict';\n\nimport { one, two } from 'mape.t';\nexport function f(p, q) {\n\treturn p.a + q.a + one + two;\n};\n`);
	assert.match(r.outputs[1].js, /^import \{ one, two \} from '\.\/t\.js';\n/);
});

test('type-only imports of a declaration file outside the module roots are erased; the file is checked against the ucode lib', () => {
	const api = 'export interface A { n: number; s: string[][]; o: string | null }\n';
	for (const imp of [`import type { A } from '../types/api';`, `import { type A } from '../types/api';`, `import type { A } from '../types/api.d.ts';`]) {
		const r = compileTree({ 'types/api.d.ts': api, 'core/u.ts': `/* head */\n${imp}\nexport function f(a: A): number { return a.n; }\n` },
			[{ file: 'core/u.ts', kind: 'module' }], 'js');
		assert.deepEqual(r.diagnostics, [], imp);
		assert.equal(r.outputs[0].ucode, `'use strict';\n\n/* head */\n\nexport function f(a) { return a.n; }\n;\n`, imp);
		assert.equal(r.outputs[0].js, `export function f(a) { return a.n; }\n`, imp);
	}
	// A value import still needs a ucode module.
	const value = compileTree({ 'types/api.d.ts': api + 'export declare const b: number;\n', 'core/u.ts': `import { type A, b } from '../types/api';\nexport const c = b;\n` }, [{ file: 'core/u.ts', kind: 'module' }]);
	assert.deepEqual(value.diagnostics.map(d => d.code), ['UCC_IMPORT']);
	// The declaration file may only use what the ucode lib declares.
	const bad = compileTree({ 'types/api.d.ts': 'export interface A { p: Promise<number> }\n', 'core/u.ts': `import type { A } from '../types/api';\nexport function f(a: A): A { return a; }\n` }, [{ file: 'core/u.ts', kind: 'module' }]);
	assert.deepEqual(bad.diagnostics.map(d => [path.basename(d.file), d.code]), [['api.d.ts', 'TS2583']]);
});

test('numeric literals and escapes are normalised for ucode', () => {
	const uc = ucodeOf(`export const a = .5, b = 1_000, c = 0x1F, d = 2.0, e = 5;\nexport const s = 'a\\0b', t = \`x\\0\${a}\\0\`, u = 'é\\u00e9\\n';\n`);
	assert.match(uc, /a = 0\.5, b = 1000, c = 0x1F, d = 2\.0, e = 5;/);
	assert.match(uc, /s = 'a\\u0000b', t = `x\\u0000\$\{a\}\\u0000`, u = 'é\\u00e9\\n';/);
});

test('JS: builtins and helpers imported from the runtime; operators lowered where ucode differs', () => {
	const js = jsOf(`export function f(a: number, b: number, s: string, o: { [k: string]: unknown }): unknown {\n\tlet n = a + b;\n\tlet t = s + s;\n\tlet u = s + a;\n\tu += n;\n\tconst v = \`\${a}-\${s}\`;\n\tconst w = (a & b) | (a ^ (b & ~a)) | (a << 2) | (a >> 1);\n\tn &= 3;\n\ttry {\n\t\tdie('x');\n\t} catch (e) {\n\t\tprint(e, o);\n\t}\n\tfor (const x of [1]) n += x;\n\treturn [n, t, u, v, w, length(s)];\n}\n`);
	assert.match(js, /^import \{ \$add, \$band, \$bor, \$bxor, \$exc, \$shl, \$shr, \$str, die, length, print \} from '[^']*\/luci-app-mape\/runtime\/builtins\.ts';/);
	assert.match(js, /let n = a \+ b;/);
	assert.match(js, /let t = s \+ s;/);
	assert.match(js, /let u = \$add\(s, a\);\n\s*u = \$add\(u, n\);/);
	assert.match(js, /const v = `\$\{\$str\(a\)\}-\$\{s\}`;/);
	assert.match(js, /\$bor\(\$bor\(\$bor\(\(\$band\(a, b\)\), \(\$bxor\(a, \(\$band\(b, \$bxor\(a, -1\)\)\)\)\)\), \(\$shl\(a, 2\)\)\), \(\$shr\(a, 1\)\)\)/);
	assert.match(js, /n = \$band\(n, 3\);/);
	assert.match(js, /catch \(e\) \{\n\s*e = \$exc\(e\);\n\s*print\(e, o\);/);
	assert.match(js, /for \(const x of \[1\]\)/);
	parsesAsEsm(js);
});

test('JS: relative imports point at sibling .js files, native modules at the runtime (relative to jsOutDir)', () => {
	const r = compileTree({
		'core/prefix.ts': `export const k = 1;\n`,
		'router/main.ts': `import { k } from '../core/prefix';\nimport * as fs from 'fs';\nimport { cursor } from 'uci';\nprint(k, fs.readfile('/x'), cursor());\n`,
	}, [{ file: 'core/prefix.ts', kind: 'module' }, { file: 'router/main.ts', kind: 'script' }], 'build/js');
	assert.deepEqual(r.diagnostics, []);
	const js = r.outputs[1].js;
	const rt = path.relative(path.join(r.dir, 'build/js/router'), path.join(REPO, 'luci-app-mape/runtime'));
	assert.match(js, /from '\.\.\/core\/prefix\.js';/);
	assert.ok(js.includes(`import * as fs from '${rt}/fs.ts';`), js);
	assert.ok(js.includes(`import { cursor } from '${rt}/uci.ts';`), js);
	assert.ok(js.includes(`import { print } from '${rt}/builtins.ts';`), js);
	parsesAsEsm(js);
});

test('CLI kind inference: export default only → rpcd, exports → module, none → script', () => {
	const dir = writeTree({ 'a.ts': `export default {};\n`, 'b.ts': `export const x = 1;\n`, 'c.ts': `print(1);\n` });
	assert.equal(inferKind(path.join(dir, 'a.ts')), 'rpcd');
	assert.equal(inferKind(path.join(dir, 'b.ts')), 'module');
	assert.equal(inferKind(path.join(dir, 'c.ts')), 'script');
});

/* ---- Running the output ---- */

const PROGRAM = {
	'core/util.ts': `export interface Pair { k: string; v: number }\n\nexport function describe(p: Pair): string {\n\treturn \`\${p.k}=\${p.v}\`;\n}\n\nexport const half = .5;\n`,
	'router/main.ts': `import { describe, half, type Pair } from '../core/util';\n\nconst pairs: Pair[] = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }];\nconst out: string[] = [];\nfor (const p of pairs) push(out, describe(p));\nlet total = 0;\nfor (let i = 0; i < length(pairs); i++) total += pairs[i].v;\ntry {\n\tdie('boom');\n} catch (e) {\n\tpush(out, (e as UcodeException).message);\n}\nprint(join(',', out), ' ', total + half, ' ', int(7 / 2), ' ', 6 & 3, ' ', 1 << 40, '\\n');\n`,
};
const EXPECTED = 'a=1,b=2,boom 3.5 3 2 1099511627776\n';

test('JS output runs under node (with a stub runtime)', () => {
	const dir = writeTree(PROGRAM);
	const r = compile([{ src: path.join(dir, 'core/util.ts'), kind: 'module' }, { src: path.join(dir, 'router/main.ts'), kind: 'script' }],
		{ roots: [{ dir: path.join(dir, 'core'), prefix: 'mape' }], runtimeDir: STUB, jsOutDir: path.join(dir, 'js'), baseDir: dir });
	assert.deepEqual(r.diagnostics, []);
	for (const o of r.outputs) {
		const out = path.join(dir, 'js', path.relative(dir, o.src).replace(/\.ts$/, '.js'));
		mkdirSync(path.dirname(out), { recursive: true });
		writeFileSync(out, o.js);
	}
	const stdout = execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, 'js/router/main.js')], { cwd: REPO, encoding: 'utf8' });
	assert.equal(stdout, EXPECTED);
});

test('jsPlatform: the JavaScript build imports the runtime\'s module instead of a typed-ucode one; the ucode build keeps its own', () => {
	const dir = writeTree({
		'core/io.ts': `export function where(): string {\n\treturn 'router';\n}\n`,
		'router/main.ts': `import { where } from '../core/io';\nprint(where(), '\\n');\n`,
		'node/io.ts': `export function where(): string { return 'node'; }\n`,
	});
	const units = [{ src: path.join(dir, 'core/io.ts'), kind: 'module' as const }, { src: path.join(dir, 'router/main.ts'), kind: 'script' as const }];
	const r = compile(units, {
		roots: [{ dir: path.join(dir, 'core'), prefix: 'mape' }], runtimeDir: STUB, jsOutDir: path.join(dir, 'js'), baseDir: dir,
		jsPlatform: { [path.join(dir, 'core/io.ts')]: path.relative(STUB, path.join(dir, 'node/io.ts')) },
	});
	assert.deepEqual(r.diagnostics, []);
	for (const o of r.outputs) {
		const out = path.join(dir, 'js', path.relative(dir, o.src).replace(/\.ts$/, '.js'));
		mkdirSync(path.dirname(out), { recursive: true });
		writeFileSync(out, o.js);
	}
	assert.match(r.outputs[1].ucode, /from 'mape\.io'|mape\.io/);
	assert.equal(execFileSync(process.execPath, ['--import', 'tsx', path.join(dir, 'js/router/main.js')], { cwd: REPO, encoding: 'utf8' }), 'node\n');
});

const UCODES = ucodeBinaries();
const noUcode = ucodeMissing('compiled ucode is not run');

realTest('ucode output runs under $UCODE', noUcode, () => {
	const dir = writeTree(PROGRAM);
	const r = compile([{ src: path.join(dir, 'core/util.ts'), kind: 'module' }, { src: path.join(dir, 'router/main.ts'), kind: 'script' }],
		{ roots: [{ dir: path.join(dir, 'core'), prefix: 'mape' }], runtimeDir: STUB, baseDir: dir });
	assert.deepEqual(r.diagnostics, []);
	const uc = path.join(dir, 'uc');
	mkdirSync(path.join(uc, 'mape'), { recursive: true });
	writeFileSync(path.join(uc, 'mape/util.uc'), r.outputs[0].ucode);
	writeFileSync(path.join(uc, 'main.uc'), r.outputs[1].ucode);
	for (const ucode of UCODES) {
		assert.ok(existsSync(ucode), `${ucode} missing`);
		assert.equal(execFileSync(ucode, ['-L', uc, path.join(uc, 'main.uc')], { encoding: 'utf8' }), EXPECTED, ucode);
	}
});

realTest('rpcd output loads under $UCODE and returns the plugin object', noUcode, () => {
	const { outputs, diagnostics, dir } = compileOne(`import * as fs from 'fs';\nconst m = { ping: { call: function() { return { ok: fs.readfile('/nonexistent') == null }; } } };\nexport default { 'luci.x': m };\n`, 'rpcd');
	assert.deepEqual(diagnostics, []);
	const file = path.join(dir, 'plugin');
	writeFileSync(file, outputs[0].ucode);
	for (const ucode of UCODES)
		assert.equal(execFileSync(ucode, ['-e', `let p = loadfile('${file}')(); print(keys(p), p['luci.x'].ping.call(), "\\n");`], { encoding: 'utf8' }), '[ "luci.x" ]{ "ok": true }\n', ucode);
});

test('CLI: writes modules under their prefix, scripts as name.uc, rpcd without suffix; exits 1 on errors', () => {
	const dir = writeTree({
		'core/m.ts': `export const a = 1;\n`,
		'router/s.ts': `import { a } from '../core/m';\nprint(a);\n`,
		'router/p.ts': `export default { 'x': {} };\n`,
		'bad.ts': `var a = 1;\nprint(a);\n`,
	});
	const cli = path.join(REPO, 'tools/ucc/cli.ts');
	const run = (files: string[]) => {
		try {
			return { code: 0, out: execFileSync(process.execPath, ['--import', 'tsx', cli, '--root', `${dir}/core=mape`, '--out-ucode', `${dir}/uc`, '--out-js', `${dir}/js`, ...files], { cwd: REPO, encoding: 'utf8', stdio: 'pipe' }) };
		} catch (e) {
			const err = e as { status: number; stderr: string };
			return { code: err.status, out: err.stderr };
		}
	};
	const ok = run(['core/m.ts', 'router/s.ts', 'router/p.ts'].map(f => path.join(dir, f)));
	assert.equal(ok.code, 0, ok.out);
	for (const f of ['uc/mape/m.uc', 'uc/s.uc', 'uc/p', 'js/core/m.js', 'js/router/s.js', 'js/router/p.js'])
		assert.ok(existsSync(path.join(dir, f)), f);
	const bad = run([path.join(dir, 'bad.ts')]);
	assert.equal(bad.code, 1);
	assert.match(bad.out, /bad\.ts:1:1 error UCC_VAR: `var` does not exist in ucode — use let or const/);
});

test('readable ucode: } else, } catch (e) {, }; — but multi-line template literals are left exactly as written', () => {
	const src = `export function f(a: number) {\n\tif (a) {\n\t\tprint(1);\n\t} else if (a > 2) {\n\t\tprint(2);\n\t} else {\n\t\tprint(3);\n\t}\n\ttry {\n\t\tdie('x');\n\t} catch (e) {\n\t\tprint(\`one\n    four spaces\n}\nelse\n}\n;\n\${a}\`);\n\t}\n}\nexport const g = 1;\n`;
	const uc = ucodeOf(src);
	assert.equal(uc, `'use strict';\n\nexport function f(a) {\n\tif (a) {\n\t\tprint(1);\n\t} else if (a > 2) {\n\t\tprint(2);\n\t} else {\n\t\tprint(3);\n\t}\n\ttry {\n\t\tdie('x');\n\t} catch (e) {\n\t\tprint(\`one\n    four spaces\n}\nelse\n}\n;\n\${a}\`);\n\t}\n};\nexport const g = 1;\n`);
	const js = jsOf(src);
	assert.ok(js.includes('`one\n    four spaces\n}\nelse\n}\n;\n${$str(a)}`'), js);
	assert.match(js, /\} else if \(a > 2\) \{/);
	assert.match(js, /\} catch \(e\) \{\n\t\te = \$exc\(e\);/);
});

/* Semantics the diagnostics rely on, checked on the real runtime and on $UCODE. */
const PARITY = `const o: { [k: string]: number } = { a: 1, b: 2 };
delete o.a;
delete o['zz'];
print(o, "\\n");
let x = 0xff;
x &= ~0x0f;
print(0xff & ~0x0f, " ", 0xffff & ~(1 << 4), " ", (~0) & 5, " ", ~-8 & 0xff, " ", x, "\\n");
const s = "a]b-c\\\\d.e/f\\tg^h[i";
print(match(s, /[\\]]/), match(s, /[^\\]a]+/), match(s, /[a-]/g), match(s, /[\\\\]/), match(s, /[ \\t]/), match(s, /[\\/.]/g), match(s, regexp("[]b-]", "g")), "\\n");
print(replace("(1+1)=[2]^{$}\\\\.|?*", /[\\].*+?()|\\[{}^$\\\\]/g, "_"), "\\n");
`;
const PARITY_OUT = '{ "b": 2 }\n240 65519 5 7 240\n[ "]" ][ "b-c\\\\d.e/f\\tg^h[i" ][ [ "a" ], [ "-" ] ][ "\\\\" ][ "\\t" ][ [ "." ], [ "/" ] ][ [ "]" ], [ "b" ], [ "-" ] ]\n_1_1_=_2__________\n';

test('delete statements, ~ masks and the accepted bracket spellings: JS runtime = recorded ucode output', () => {
	const r = compileOne(PARITY, 'script');
	assert.deepEqual(r.diagnostics, []);
	assert.match(r.outputs[0].js, /x = \$band\(x, \$bxor\(0x0f, -1\)\);/);
	const js = path.join(r.dir, 'main.mjs');
	writeFileSync(js, r.outputs[0].js);
	assert.equal(execFileSync(process.execPath, ['--import', 'tsx', js], { cwd: REPO, encoding: 'utf8' }), PARITY_OUT);
});

realTest('delete statements, ~ masks and the accepted bracket spellings: same output under $UCODE', noUcode, () => {
	const r = compileOne(PARITY, 'script');
	assert.deepEqual(r.diagnostics, []);
	const uc = path.join(r.dir, 'main.uc');
	writeFileSync(uc, r.outputs[0].ucode);
	for (const ucode of UCODES) assert.equal(execFileSync(ucode, [uc], { encoding: 'utf8' }), PARITY_OUT, ucode);
});

realTest('export const, import { a as b } and a local export list load under $UCODE', noUcode, () => {
	const r = compileTree({
		'core/m.ts': `export const X = 42;\nexport function twice(n: number): number { return n * 2; }\nconst own = 3;\nexport { own };\n`,
		'core/n.ts': `import { X as X_, twice as t } from './m';\nexport const X = t(X_);\n`,
		'router/main.ts': `import { X } from '../core/n';\nimport { own, twice as dbl } from '../core/m';\nprint(X, ' ', dbl(own), '\\n');\n`,
	}, [{ file: 'core/m.ts', kind: 'module' }, { file: 'core/n.ts', kind: 'module' }, { file: 'router/main.ts', kind: 'script' }]);
	assert.deepEqual(r.diagnostics, []);
	const uc = path.join(r.dir, 'uc');
	mkdirSync(path.join(uc, 'mape'), { recursive: true });
	writeFileSync(path.join(uc, 'mape/m.uc'), r.outputs[0].ucode);
	writeFileSync(path.join(uc, 'mape/n.uc'), r.outputs[1].ucode);
	writeFileSync(path.join(uc, 'main.uc'), r.outputs[2].ucode);
	for (const ucode of UCODES) assert.equal(execFileSync(ucode, ['-L', uc, path.join(uc, 'main.uc')], { encoding: 'utf8' }), '84 6\n', ucode);
});
