/*
 * Every member declared in luci-app-mape/types/ucode-modules.d.ts exists in the runtime and
 * (when $UCODE names interpreters built with the fs, uci and ubus modules) in real ucode, so
 * a declaration cannot promise something the router lacks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import ts from 'typescript';
import { realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { scratchDir } from './scratch.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DTS = join(REPO, 'luci-app-mape/types/ucode-modules.d.ts');

/** module name → exported member names, and cursor/connection method names. */
function declared(): { modules: Record<string, string[]>; methods: Record<string, string[]> } {
	const sf = ts.createSourceFile(DTS, readFileSync(DTS, 'utf8'), ts.ScriptTarget.Latest, true);
	const modules: Record<string, string[]> = {};
	const methods: Record<string, string[]> = {};
	for (const st of sf.statements) {
		if (!ts.isModuleDeclaration(st) || !st.body || !ts.isModuleBlock(st.body)) continue;
		const name = (st.name as ts.StringLiteral).text;
		modules[name] = [];
		for (const member of st.body.statements) {
			const exported = ts.getModifiers(member as ts.HasModifiers)?.some((m) => m.kind == ts.SyntaxKind.ExportKeyword);
			if (exported && ts.isFunctionDeclaration(member) && member.name) modules[name].push(member.name.text);
			if (exported && ts.isVariableStatement(member)) for (const d of member.declarationList.declarations) modules[name].push((d.name as ts.Identifier).text);
			if (ts.isInterfaceDeclaration(member) && ['UciCursor', 'UbusConnection'].includes(member.name.text)) {
				methods[member.name.text] = member.members.filter(ts.isMethodSignature).map((m) => (m.name as ts.Identifier).text);
			}
		}
	}
	return { modules, methods };
}

test('the declarations are parsed (fs, uci, ubus and their handles)', () => {
	const d = declared();
	assert.deepEqual(Object.keys(d.modules).sort(), ['fs', 'ubus', 'uci']);
	assert.ok(d.modules.fs.includes('readfile') && d.methods.UciCursor.includes('commit') && d.methods.UbusConnection.includes('call'));
});

test('the runtime implements every declared module member', async () => {
	const d = declared();
	for (const [name, members] of Object.entries(d.modules)) {
		const mod = await import(join(REPO, 'luci-app-mape/runtime', `${name}.ts`));
		const missing = members.filter((m) => mod[m] == null);
		assert.deepEqual(missing, [], `runtime ${name}.ts lacks`);
	}
	const { cursor } = await import(join(REPO, 'luci-app-mape/runtime/uci.ts'));
	const c = cursor(scratchDir('decl-uci'));
	assert.deepEqual(d.methods.UciCursor.filter((m) => typeof c[m] != 'function'), [], 'runtime uci cursor lacks');
});

realTest('real ucode has every declared module member', ucodeMissing('module members are not checked against real ucode'), () => {
	const d = declared();
	const dir = scratchDir('decl-ucode');
	const script = join(dir, 'check.uc');
	writeFileSync(script, [
		"import * as fs from 'fs'; import * as uci from 'uci'; import * as ubus from 'ubus';",
		'let mods = { fs: fs, uci: uci, ubus: ubus };',
		`let want = ${JSON.stringify(d.modules)};`,
		'let missing = [];',
		'for (let name, members in want) for (let m in members) if (mods[name][m] == null) push(missing, name + "." + m);',
		`let c = uci.cursor(${JSON.stringify(dir)});`,
		`for (let m in ${JSON.stringify(d.methods.UciCursor)}) if (c[m] == null) push(missing, "cursor." + m);`,
		'print(join(" ", missing), "\\n");',
	].join('\n'));
	for (const ucode of ucodeBinaries()) {
		const r = spawnSync(ucode, [script], { encoding: 'utf8' });
		assert.equal(r.status, 0, `${ucode}: ${r.stderr}`);
		assert.equal(r.stdout.trim(), '', `${ucode} lacks`);
	}
});
