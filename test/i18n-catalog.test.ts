/*
 * The catalogs: po/templates/mape.pot is what the extractor makes of the current sources,
 * every string the views show goes through _() / N_(), the Japanese catalog translates
 * every message with the same placeholders, it compiles to an .lmo that answers each
 * lookup key, and Japanese is offered to Japanese browsers (luci.languages).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ts from 'typescript';
import { POT_PATH, REPO, VIEW_DIR, potText, extractAll, extractFromSource, ExtractError, KEEP_UNUSED } from '../tools/i18n/extract.ts';
import { parsePo, entryKey } from '../tools/i18n/po.ts';
import { po2lmo, lmoToTR } from '../tools/i18n/lmo.ts';
import { sfhHex, lookupKey } from '../tools/i18n/sfh.ts';
import { scratchDir } from './scratch.ts';

const JA = join(REPO, 'po/ja/mape.po');
const pot = parsePo(readFileSync(POT_PATH, 'utf8'));
const ja = parsePo(readFileSync(JA, 'utf8'));

function viewFiles(dir = VIEW_DIR): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((d) => d.isDirectory() ? viewFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : []);
}

test('po/templates/mape.pot is up to date (run tsx tools/i18n/extract.ts)', () => {
	assert.equal(readFileSync(POT_PATH, 'utf8'), potText());
	assert.ok(pot.entries.length > 100);
});

test('every _() / N_() in the bundled views and their shared module is in the pot', () => {
	const ids = new Set(pot.entries.flatMap((e) => e.msgidPlural != null ? [e.msgid, e.msgidPlural] : [e.msgid]));
	const dir = join(REPO, 'htdocs/luci-static/resources/view/mape');
	const files = [...readdirSync(dir).map((f) => join(dir, f)), join(REPO, 'htdocs/luci-static/resources/mape/lib.js')];
	let calls = 0;
	for (const f of files) {
		const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
		const visit = (n: ts.Node): void => {
			if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && (n.expression.text == '_' || n.expression.text == 'N_')) {
				const args = n.expression.text == '_' ? [n.arguments[0]] : [n.arguments[1], n.arguments[2]];
				for (const a of args) {
					assert.ok(a && ts.isStringLiteralLike(a), `${f}: ${n.getText(sf).slice(0, 60)} has a literal message`);
					assert.ok(ids.has(a.text.replace(/\s+/g, ' ').trim()), `${f}: "${a.text}" is in the pot`);
				}
				calls++;
			}
			ts.forEachChild(n, visit);
		};
		visit(sf);
	}
	assert.ok(calls > 150, `${calls} translated calls`);
});

test('the extractor rejects messages it cannot see (non-literal arguments)', () => {
	assert.throws(() => extractFromSource(join(VIEW_DIR, 'x.ts'), 'const m = "a"; _(m);'), ExtractError);
	assert.throws(() => extractFromSource(join(VIEW_DIR, 'x.ts'), "N_(n, 'one', many);"), ExtractError);
	assert.deepEqual(extractFromSource(join(VIEW_DIR, 'x.ts'), "_('a  b', 'ctx'); N_(2, '%d x', '%d xs');").map((m) => [m.msgctxt, m.msgid, m.msgidPlural]),
		[['ctx', 'a  b', null], [null, '%d x', '%d xs']]);
	assert.ok(extractAll().some((e) => e.msgid == 'MAP-E Auto' && e.references.some((r) => r.includes('menu.d'))), 'menu titles are extracted');
});

/** String literals that reach the page without _(): children of E() and option titles. */
function untranslatedLiterals(file: string): string[] {
	const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
	const found: string[] = [];
	const words = (s: string) => /[A-Za-z]{3,}/.test(s) && !/^[a-z0-9_.-]+$/.test(s);
	const check = (n: ts.Node | undefined, why: string) => {
		if (!n) return;
		if (ts.isStringLiteralLike(n) && words(n.text)) found.push(`${why}: ${JSON.stringify(n.text)}`);
		if (ts.isArrayLiteralExpression(n)) n.elements.forEach((e) => check(e, why));
		if (ts.isConditionalExpression(n)) { check(n.whenTrue, why); check(n.whenFalse, why); }
	};
	const visit = (n: ts.Node): void => {
		if (ts.isCallExpression(n)) {
			const callee = n.expression.getText(sf);
			if (callee == 'E') n.arguments.slice(1).forEach((a) => check(a, 'E() child'));
			if (/\.(option|taboption|section)$/.test(callee)) n.arguments.slice(2).forEach((a) => check(a, 'form title'));
			if (/^ui\.(showModal|addNotification)$/.test(callee)) n.arguments.forEach((a) => check(a, callee));
		}
		if (ts.isPropertyAssignment(n) && ['title', 'text'].includes(n.name.getText(sf))) check(n.initializer, `${n.name.getText(sf)}:`);
		ts.forEachChild(n, visit);
	};
	visit(sf);
	return found;
}

test('no user-visible string literal in the views escapes _()', () => {
	for (const f of viewFiles()) assert.deepEqual(untranslatedLiterals(f), [], f);
	// The check itself finds what it should.
	const probe = join(scratchDir('mape-i18n'), 'probe.ts');
	writeFileSync(probe, "E('p', {}, ['Hello there']); s.option(form.Value, 'mtu', 'MTU override'); x = { title: 'Oops here' };");
	assert.equal(untranslatedLiterals(probe).length, 3);
});

test('po/ja/mape.po translates every message: no empty msgstr, no fuzzy, same placeholders in the same order', () => {
	const byKey = new Map(ja.entries.map((e) => [entryKey(e), e]));
	const problems: string[] = [];
	const placeholders = (s: string) => (s.match(/%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?[sdfxXhqjt%]/g) ?? []).join(' ');
	for (const t of pot.entries) {
		const e = byKey.get(entryKey(t));
		if (!e) { problems.push(`missing: ${t.msgid}`); continue; }
		if (e.flags.includes('fuzzy')) problems.push(`fuzzy: ${t.msgid}`);
		if ((e.msgidPlural != null) != (t.msgidPlural != null)) problems.push(`plural form differs: ${t.msgid}`);
		if (e.msgstr.length == 0 || e.msgstr.some((m) => !m)) problems.push(`untranslated: ${t.msgid}`);
		for (const m of e.msgstr) if (placeholders(m) != placeholders(t.msgid)) problems.push(`placeholders differ: ${t.msgid} → ${m}`);
		for (const m of e.msgstr) if (/\\|\n/.test(m)) problems.push(`escape or newline (po2lmo keeps escapes raw): ${t.msgid}`);
	}
	const extra = ja.entries.filter((e) => !pot.entries.some((t) => entryKey(t) == entryKey(e))).map((e) => e.msgid);
	assert.deepEqual(extra.filter((id) => !KEEP_UNUSED.includes(id)), [], 'no obsolete entries');
	assert.deepEqual(problems, []);
	assert.equal(Object.fromEntries(ja.header)['Plural-Forms'], 'nplurals=1; plural=0;');
	assert.equal(Object.fromEntries(ja.header)['Language'], 'ja');
});

test('the Japanese catalog compiles and answers every lookup key the views use', () => {
	const lmo = po2lmo(readFileSync(JA, 'utf8'));
	assert.ok(lmo);
	const tr = lmoToTR(lmo);
	assert.equal(tr['00000000'], 'nplurals=1; plural=0;');
	for (const t of pot.entries) {
		const key = lookupKey(t.msgid, t.msgctxt, t.msgidPlural != null ? 0 : null);
		const want = ja.entries.find((e) => entryKey(e) == entryKey(t))!.msgstr[0];
		if (want != t.msgid) assert.equal(tr[sfhHex(key)], want, t.msgid);
	}
	assert.equal(tr[sfhHex('Auto configure')], '自動設定');
});

test('Japanese browsers get Japanese: uci-defaults adds luci.languages.ja only when missing', () => {
	const script = join(REPO, 'root/etc/uci-defaults/luci-app-mape-ja');
	assert.ok(existsSync(script));
	const run = (state: { [k: string]: string }) => {
		const dir = scratchDir('mape-ucidef');
		const db = join(dir, 'db.json');
		writeFileSync(db, JSON.stringify(state));
		// A stand-in uci: get/set/commit on a JSON file.
		writeFileSync(join(dir, 'uci'), `#!/usr/bin/env node
const fs = require('fs'); const db = ${JSON.stringify(db)};
const s = JSON.parse(fs.readFileSync(db, 'utf8'));
const a = process.argv.slice(2).filter((x) => x != '-q');
if (a[0] == 'get') { if (a[1] in s) { console.log(s[a[1]]); } else process.exit(1); }
else if (a[0] == 'set') { const [k, ...v] = a[1].split('='); s[k] = v.join('='); fs.writeFileSync(db, JSON.stringify(s)); }
else if (a[0] == 'commit') { s['committed'] = a[1]; fs.writeFileSync(db, JSON.stringify(s)); }
`);
		chmodSync(join(dir, 'uci'), 0o755);
		const r = spawnSync('sh', [script], { env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
		assert.equal(r.status, 0, r.stderr);
		return JSON.parse(readFileSync(db, 'utf8'));
	};
	assert.equal(run({ 'luci.languages': 'internal' })['luci.languages.ja'], '日本語 (Japanese)');
	assert.equal(run({ 'luci.languages': 'internal', 'luci.languages.ja': 'にほんご' })['luci.languages.ja'], 'にほんご', 'an existing entry stays');
	assert.equal(run({})['luci.languages.ja'], undefined, 'no luci.languages section (no LuCI): nothing');
});
