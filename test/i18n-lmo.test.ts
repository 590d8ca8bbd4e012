/*
 * Our .lmo writer and SuperFastHash against LuCI's own po2lmo (vectors and a reference
 * catalog recorded from the real tool: test/fixtures/i18n/README.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sfh, sfhHex, lookupKey, normalizeWhitespace } from '../tools/i18n/sfh.ts';
import { po2lmo, readLmo, lmoToTR } from '../tools/i18n/lmo.ts';
import { parsePo, formatPo } from '../tools/i18n/po.ts';

const FIX = join(import.meta.dirname, 'fixtures/i18n');

test('sfh matches the C sfh_hash for every recorded key (tails 0-3, UTF-8 sign extension, ctx/plural keys)', () => {
	const { vectors } = JSON.parse(readFileSync(join(FIX, 'sfh-vectors.json'), 'utf8')) as { vectors: { key: string; key_id: string }[] };
	assert.ok(vectors.length >= 20);
	for (const v of vectors) assert.equal(sfhHex(v.key), v.key_id, JSON.stringify(v.key));
	// A multi-byte tail really exercises sign extension: "日" is 3 bytes ≥ 0x80.
	assert.ok(vectors.some((v) => Buffer.byteLength(v.key) % 4 == 3 && /[^\x00-\x7f]/.test(v.key)));
	assert.equal(sfh(''), 0);
});

test('lookup keys are built like cbi.js: trimmed, collapsed whitespace, \\x01 context, \\x02 plural form', () => {
	assert.equal(lookupKey('  Auto\n\tconfigure '), 'Auto configure');
	assert.equal(lookupKey('Group', ' MAP-E  port group'), 'MAP-E port group\u0001Group');
	assert.equal(lookupKey('%d port', null, 0), '%d port\u00020');
	assert.equal(normalizeWhitespace(' a \n b '), 'a b');
});

test('po2lmo output is byte-identical to the real po2lmo for the reference catalog', () => {
	const ours = po2lmo(readFileSync(join(FIX, 'small.po'), 'utf8'));
	const theirs = readFileSync(join(FIX, 'small.lmo'));
	assert.ok(ours);
	assert.equal(Buffer.from(ours).toString('hex'), theirs.toString('hex'));
});

test('the .lmo layout: padded strings, sorted big-endian index, header under key 0, plural val_id', () => {
	const bytes = po2lmo(readFileSync(join(FIX, 'small.po'), 'utf8'))!;
	const records = readLmo(bytes);
	const ids = records.map((r) => r.entry.key_id);
	assert.deepEqual(ids, [...ids].sort((a, b) => a - b), 'index sorted by key_id');
	for (const r of records) assert.equal(r.entry.offset % 4, 0, 'strings start 4-aligned');
	const header = records.find((r) => r.entry.key_id == 0)!;
	assert.equal(header.text, 'nplurals=1; plural=0;');
	assert.equal(header.entry.val_id, 0);
	const tr = lmoToTR(bytes);
	assert.equal(tr[sfhHex('Auto configure')], '自動設定');
	assert.equal(tr[sfhHex('MAP-E port group\u0001Group')], 'グループ');
	assert.equal(tr[sfhHex('%d port\u00020')], '%d ポート');
	assert.equal(records.find((r) => r.text == '%d ポート')!.entry.val_id, 1);
	assert.equal(tr[sfhHex('Say "hi" \\ there')], '「こんにちは」\\と "言う"', 'only \\" and \\\\ are unescaped');
	assert.equal(tr[sfhHex('Untranslated')], undefined, 'empty msgstr left out');
	assert.equal(tr[sfhHex('MAP-E')], undefined, 'msgstr identical to msgid left out');
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	assert.equal(view.getUint32(bytes.length - 4), bytes.length - 4 - records.length * 16, 'trailer = index offset');
});

test('a catalog without translations gives no file', () => {
	assert.equal(po2lmo('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "a"\nmsgstr ""\n'), null);
});

test('PO round trip: parse and format keep every field; long strings wrap like msgmerge', () => {
	const text = readFileSync(join(FIX, 'small.po'), 'utf8');
	const po = parsePo(text);
	const again = parsePo(formatPo(po));
	assert.deepEqual(again.entries, po.entries);
	assert.deepEqual(again.header, po.header);
	assert.ok(formatPo(po).split('\n').every((l) => l.length <= 80 || l.startsWith('#')));
	// Our writer's output compiles to the same catalog as the original text.
	assert.deepEqual(po2lmo(formatPo(po)), po2lmo(text));
});
