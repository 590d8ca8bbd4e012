/*
 * The engine (luci-app-mape/core/*.ts) type-checks against ucode's builtins only: the
 * custom lib (noLib), strict, as docs/typed-ucode.md prescribes. Independent of the
 * compiler, so it runs even before tools/ucc exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CORE = join(REPO, 'luci-app-mape', 'core');
const TYPES = join(REPO, 'luci-app-mape', 'types');

test('core/*.ts type-checks against the ucode lib (noLib, strict)', () => {
	const files = readdirSync(CORE).filter((f) => f.endsWith('.ts')).map((f) => join(CORE, f));
	assert.ok(files.length >= 8, 'the engine modules exist');
	const program = ts.createProgram({
		rootNames: [...files, join(TYPES, 'ucode-lib.d.ts'), join(TYPES, 'ucode-modules.d.ts')],
		options: {
			noLib: true,
			strict: true,
			target: ts.ScriptTarget.ES5,
			module: ts.ModuleKind.ESNext,
			moduleResolution: ts.ModuleResolutionKind.Bundler,
			types: [],
			noEmit: true,
		},
	});
	const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => {
		const where = d.file ? `${d.file.fileName.replace(REPO + '/', '')}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
		return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
	});
	assert.deepEqual(diagnostics, []);
});
