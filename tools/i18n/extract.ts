/*
 * po/templates/mape.pot from the sources, with the keyword rules of LuCI's
 * build/i18n-scan.pl applied to our TypeScript (openwrt-platform.md §9.2):
 *
 *   _('msgid')                 msgid
 *   _('msgid', 'context')      msgid in context
 *   N_(n, 'singular', 'plural'[, 'context'])
 *
 * found with the TypeScript parser in luci-app-mape/view/**.ts (string literals and
 * substitution-free template literals; anything else as a message argument is an error,
 * since no scanner could extract it), plus `title` of every node in the menu.d JSON and
 * `description` of every group in the acl.d JSON. Whitespace is normalised as cbi.js
 * trimws() does at lookup time; entries are sorted by msgid (then context), each with its
 * `#: file:line` references, so the output is stable.
 *
 *   tsx tools/i18n/extract.ts             write po/templates/mape.pot
 *   tsx tools/i18n/extract.ts --check     fail if it is not up to date
 *   tsx tools/i18n/extract.ts --update-po also bring every po/<lang>/mape.po in line with
 *                                         the template (like msgmerge: new messages added
 *                                         untranslated, translations kept, messages gone
 *                                         from the sources kept only when listed in
 *                                         KEEP_UNUSED), and list what needs translating
 */
import ts from 'typescript';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { normalizeWhitespace } from './sfh.ts';
import { type PoEntry, type PoFile, compareEntries, emptyEntry, entryKey, formatPo, parsePo } from './po.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const VIEW_DIR = join(REPO, 'luci-app-mape/view');
export const MENU_DIR = join(REPO, 'root/usr/share/luci/menu.d');
export const ACL_DIR = join(REPO, 'root/usr/share/rpcd/acl.d');
export const POT_PATH = join(REPO, 'po/templates/mape.pot');

export interface Message {
	msgctxt: string | null;
	msgid: string;
	msgidPlural: string | null;
	/** `file:line`, repo-relative. */
	ref: string;
}

export class ExtractError extends Error {}

function tsFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	const out: string[] = [];
	for (const name of readdirSync(dir).sort()) {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) out.push(...tsFiles(p));
		else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(p);
	}
	return out;
}

function literal(node: ts.Expression | undefined): string | null {
	if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
	return null;
}

/** The translatable calls in one TypeScript source. */
export function extractFromSource(fileName: string, text: string): Message[] {
	const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2020, true, ts.ScriptKind.TS);
	const rel = relative(REPO, fileName);
	const found: Message[] = [];
	const visit = (node: ts.Node) => {
		if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
			const fn = node.expression.text;
			const args = node.arguments;
			const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
			const where = `${rel}:${line}`;
			if (fn == '_') {
				const msgid = literal(args[0]);
				const ctx = args.length > 1 ? literal(args[1]) : null;
				if (msgid == null || (args.length > 1 && ctx == null) || args.length > 2)
					throw new ExtractError(`${where}: _() takes a string literal (and an optional literal context)`);
				found.push({ msgctxt: ctx, msgid, msgidPlural: null, ref: where });
			} else if (fn == 'N_') {
				const one = literal(args[1]);
				const many = literal(args[2]);
				const ctx = args.length > 3 ? literal(args[3]) : null;
				if (one == null || many == null || (args.length > 3 && ctx == null) || args.length > 4)
					throw new ExtractError(`${where}: N_(n, 'singular', 'plural'[, 'context']) takes string literals`);
				found.push({ msgctxt: ctx, msgid: one, msgidPlural: many, ref: where });
			}
		}
		ts.forEachChild(node, visit);
	};
	visit(sf);
	return found;
}

/** Menu titles and ACL descriptions (LuCI's scanner takes those from the JSON files). */
export function extractFromJson(fileName: string, text: string, kind: 'menu' | 'acl'): Message[] {
	const rel = relative(REPO, fileName);
	const data = JSON.parse(text) as { [key: string]: { title?: unknown; description?: unknown } };
	const lines = text.split('\n');
	const lineOf = (value: string) => {
		const i = lines.findIndex((l) => l.includes(JSON.stringify(value)));
		return i >= 0 ? i + 1 : 1;
	};
	const out: Message[] = [];
	for (const key of Object.keys(data)) {
		const value = kind == 'menu' ? data[key].title : data[key].description;
		if (typeof value == 'string' && value.trim() != '') out.push({ msgctxt: null, msgid: value, msgidPlural: null, ref: `${rel}:${lineOf(value)}` });
	}
	return out;
}

/** Every message of the package, merged by (context, msgid). */
export function extractAll(): PoEntry[] {
	const messages: Message[] = [];
	for (const f of tsFiles(VIEW_DIR)) messages.push(...extractFromSource(f, readFileSync(f, 'utf8')));
	for (const [dir, kind] of [[MENU_DIR, 'menu'], [ACL_DIR, 'acl']] as const) {
		if (!existsSync(dir)) continue;
		for (const name of readdirSync(dir).sort())
			if (name.endsWith('.json')) messages.push(...extractFromJson(join(dir, name), readFileSync(join(dir, name), 'utf8'), kind));
	}
	const byKey = new Map<string, PoEntry>();
	for (const m of messages) {
		const msgid = normalizeWhitespace(m.msgid);
		const msgctxt = m.msgctxt != null ? normalizeWhitespace(m.msgctxt) : null;
		const plural = m.msgidPlural != null ? normalizeWhitespace(m.msgidPlural) : null;
		if (msgid == '') throw new ExtractError(`${m.ref}: empty message`);
		const key = entryKey({ msgctxt, msgid });
		let e = byKey.get(key);
		if (!e) {
			e = { ...emptyEntry(), msgctxt, msgid, msgidPlural: plural, msgstr: plural != null ? ['', ''] : [''] };
			byKey.set(key, e);
		} else if ((e.msgidPlural ?? null) !== plural) {
			throw new ExtractError(`${m.ref}: "${msgid}" is used both with and without (or with another) plural form`);
		}
		if (!e.references.includes(m.ref)) e.references.push(m.ref);
		if (/%[-+ #0]*\d*(?:\.\d+)?[sdfxXhqjt]/.test(msgid) && !e.flags.includes('javascript-format')) e.flags.push('javascript-format');
	}
	return [...byKey.values()].sort(compareEntries);
}

export function renderPot(entries: PoEntry[]): string {
	const file: PoFile = {
		headerComments: [],
		header: [['Content-Type', 'text/plain; charset=UTF-8']],
		entries,
	};
	return formatPo(file);
}

/**
 * Translations kept although no source uses them yet: the menu tab titles the menu owner
 * is adding (root/usr/share/luci/menu.d), so the catalog is complete the moment they land.
 */
export const KEEP_UNUSED = ['Setup', 'Status'];

/** A catalog brought in line with the template; `untranslated` lists msgids without msgstr. */
export function mergeCatalog(template: PoEntry[], poText: string, lang: string): { text: string; untranslated: string[] } {
	const old = parsePo(poText);
	const byKey = new Map(old.entries.map((e) => [entryKey(e), e]));
	const untranslated: string[] = [];
	const entries: PoEntry[] = template.map((t) => {
		const have = byKey.get(entryKey(t));
		const msgstr = have && (have.msgidPlural != null) == (t.msgidPlural != null) ? have.msgstr.slice() : [''];
		if (msgstr.every((m) => !m)) untranslated.push(t.msgid);
		return { ...emptyEntry(), comments: have ? have.comments : [], flags: t.flags.slice(), msgctxt: t.msgctxt, msgid: t.msgid, msgidPlural: t.msgidPlural, msgstr };
	});
	for (const id of KEEP_UNUSED) {
		const have = byKey.get(entryKey({ msgctxt: null, msgid: id }));
		if (have && !entries.some((e) => e.msgctxt == null && e.msgid == id)) entries.push({ ...have, references: [] });
	}
	entries.sort(compareEntries);
	const header = old.header.length > 0 ? old.header : [['Content-Type', 'text/plain; charset=UTF-8'], ['Language', lang], ['Plural-Forms', 'nplurals=1; plural=0;']] as [string, string][];
	return { text: formatPo({ header, headerComments: old.headerComments, entries }), untranslated };
}

export function potText(): string {
	return renderPot(extractAll());
}

if (process.argv[1] && import.meta.url == pathToFileURL(resolve(process.argv[1])).href) {
	try {
		const text = potText();
		const current = existsSync(POT_PATH) ? readFileSync(POT_PATH, 'utf8') : null;
		if (process.argv.includes('--check')) {
			if (current != text) {
				console.error(`${relative(REPO, POT_PATH)} is out of date: run tsx tools/i18n/extract.ts`);
				process.exit(1);
			}
			console.log(`${relative(REPO, POT_PATH)} is up to date`);
		} else {
			writeFileSync(POT_PATH, text);
			if (process.argv.includes('--update-po')) {
				const poDir = join(REPO, 'po');
				for (const lang of readdirSync(poDir).sort()) {
					const file = join(poDir, lang, 'mape.po');
					if (lang == 'templates' || !existsSync(file)) continue;
					const merged = mergeCatalog(extractAll(), readFileSync(file, 'utf8'), lang);
					writeFileSync(file, merged.text);
					console.log(`updated ${relative(REPO, file)}: ${merged.untranslated.length} untranslated`);
					for (const id of merged.untranslated) console.log(`  ${JSON.stringify(id)}`);
				}
			}
			console.log(`wrote ${relative(REPO, POT_PATH)} (${(text.match(/^msgid /gm)?.length ?? 1) - 1} messages)`);
		}
	} catch (e) {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	}
}
