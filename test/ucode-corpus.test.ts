/*
 * The same-source corpus: every program in test/ucode-corpus/ is compiled by ucc to
 * ucode and to JavaScript, and
 *   - the JavaScript, run on our runtime, must print exactly what real ucode printed
 *     when the expectations were recorded (<name>.out, <name>.rc; see record.ts);
 *   - the compiled ucode, run by every real interpreter (test/openwrt-env.ts: OpenWrt 23.05,
 *     24.10 and master), must give byte-identical stdout and the same exit code as the
 *     JavaScript run.
 * Plus: every builtin declared in ucode-lib.d.ts is used by at least one program.
 *
 *   node --import tsx --test test/ucode-corpus.test.ts
 *   UCODE=/path/to/ucode node --import tsx --test test/ucode-corpus.test.ts   (one interpreter)
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import {
	REPO_ROOT, compileCorpus, describeDiff, expectedOf, libSources, programSources, runJsBatch, runUcode,
	type CompiledCorpus, type RunResult,
} from './ucode-corpus/harness.ts';
import { realTest, ucodeBinaries, ucodeLabel, ucodeMissing } from './openwrt-env.ts';
import { scratchDir } from './scratch.ts';

const LIB_DTS = path.join(REPO_ROOT, 'luci-app-mape/types/ucode-lib.d.ts');
const names = programSources().map((f) => path.basename(f, '.ts'));

describe('ucode corpus', () => {
	let outDir = '';
	let compiled: CompiledCorpus = { programs: [], diagnostics: [] };
	let js = new Map<string, RunResult>();

	before(async () => {
		outDir = scratchDir('ucode-corpus');
		compiled = compileCorpus(outDir);
		js = await runJsBatch(compiled.programs);
	});
	after(() => { if (outDir && !process.env.KEEP_CORPUS_OUT) rmSync(outDir, { recursive: true, force: true }); });

	test('the corpus has at least 110 programs, each with recorded output', () => {
		assert.ok(names.length >= 110, `only ${names.length} programs`);
		const missing = names.filter((n) => expectedOf(n) == null);
		assert.deepEqual(missing, [], 'run test/ucode-corpus/record.ts to record their expected output');
	});

	test('every corpus unit compiles', (t) => {
		if (compiled.fallbackNote) t.diagnostic(compiled.fallbackNote);
		assert.deepEqual(compiled.diagnostics, []);
	});

	for (const name of names) {
		describe(name, () => {
			test('JS runtime output = recorded ucode output', () => {
				const expected = expectedOf(name);
				assert.ok(expected, `no ${name}.out recorded`);
				const prog = compiled.programs.find((p) => p.name === name);
				assert.ok(prog, `${name} did not compile (see "every corpus unit compiles")`);
				const got = js.get(name);
				assert.ok(got, 'no JS result');
				const problems: string[] = [];
				if (!got.stdout.equals(expected.stdout)) problems.push(`stdout differs:\n${describeDiff('js', expected.stdout, got.stdout)}`);
				if (got.rc !== expected.rc) problems.push(`exit code: expected ${expected.rc}, js ${got.rc}`);
				if (problems.length) assert.fail(`${problems.join('\n')}${got.stderr ? `\n  js stderr: ${got.stderr.trim().slice(0, 1500)}` : ''}`);
			});

			const missing = ucodeMissing('the compiled ucode is not compared with the JS run');
			for (const ucode of missing ? [] : ucodeBinaries()) {
				test(`real ucode output = JS runtime output (${ucodeLabel(ucode)})`, () => {
					const prog = compiled.programs.find((p) => p.name === name);
					assert.ok(prog, `${name} did not compile`);
					const got = js.get(name)!;
					const uc = runUcode(ucode, outDir, prog);
					const problems: string[] = [];
					if (!uc.stdout.equals(got.stdout)) problems.push(`stdout differs:\n${describeDiff('js', uc.stdout, got.stdout)}`);
					if (uc.rc !== got.rc) problems.push(`exit code: ucode ${uc.rc}, js ${got.rc}`);
					if (problems.length) assert.fail(`${problems.join('\n')}${uc.stderr ? `\n  ucode stderr: ${uc.stderr.trim().slice(0, 800)}` : ''}`);
				});
			}
			if (missing) realTest('real ucode output = JS runtime output', missing, () => {});
		});
	}

	test('every builtin declared in ucode-lib.d.ts is used by a corpus program', () => {
		// Declared names: top-level `declare function` / `declare const` of the lib.
		const lib = ts.createSourceFile(LIB_DTS, readFileSync(LIB_DTS, 'utf8'), ts.ScriptTarget.Latest, true);
		const declared = new Set<string>();
		for (const st of lib.statements) {
			if (ts.isFunctionDeclaration(st) && st.name) declared.add(st.name.text);
			else if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) declared.add(d.name.text);
		}
		assert.ok(declared.size > 50, `parsed only ${declared.size} names from ucode-lib.d.ts`);
		// Used names: identifiers in the corpus sources (not comments, not property names).
		const used = new Set<string>();
		for (const file of [...programSources(), ...libSources()]) {
			const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
			const visit = (n: ts.Node): void => {
				if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n) && !(ts.isPropertyAssignment(n.parent) && n.parent.name === n)) used.add(n.text);
				ts.forEachChild(n, visit);
			};
			visit(sf);
		}
		// rpcd defines the UBUS_STATUS_* constants for its plugins; the ucode interpreter has
		// no such globals (they read as null there), so a corpus script cannot use them.
		const rpcdOnly = (n: string) => /^UBUS_STATUS_/.test(n);
		const unused = [...declared].filter((n) => !used.has(n) && !rpcdOnly(n)).sort();
		assert.deepEqual(unused, [], `builtins with no corpus program: ${unused.join(', ')}`);
	});
});
