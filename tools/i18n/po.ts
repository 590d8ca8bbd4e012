/*
 * Gettext PO/POT files as our i18n tools read and write them: entries with translator and
 * extracted comments, references, flags, msgctxt, msgid, msgid_plural and msgstr[n].
 *
 * Writing follows gettext's layout (a header entry, blank-line separated entries, long
 * strings wrapped as `msgid ""` + continuation lines at spaces, at most 79 columns), so
 * the files diff well and look like the ones msgmerge produces. Only the escapes LuCI
 * uses are produced: \\ \" \n \t.
 */

export interface PoEntry {
	/** `# ` translator comments. */
	comments: string[];
	/** `#. ` extracted comments. */
	extracted: string[];
	/** `#: ` references (file:line). */
	references: string[];
	/** `#, ` flags (fuzzy, c-format, …). */
	flags: string[];
	msgctxt: string | null;
	msgid: string;
	msgidPlural: string | null;
	/** One string; several for plural entries (msgstr[0], msgstr[1], …). */
	msgstr: string[];
}

export interface PoFile {
	/** The header entry's msgstr (msgid ""), as key → value in order. */
	header: [string, string][];
	headerComments: string[];
	entries: PoEntry[];
}

export function emptyEntry(): PoEntry {
	return { comments: [], extracted: [], references: [], flags: [], msgctxt: null, msgid: '', msgidPlural: null, msgstr: [] };
}

function unescapePo(s: string): string {
	return s.replace(/\\(.)/g, (_m, c: string) => (c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c));
}

function escapePo(s: string): string {
	return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

/** Parses a PO file; throws on lines it does not understand (with the line number). */
export function parsePo(text: string): PoFile {
	const file: PoFile = { header: [], headerComments: [], entries: [] };
	let cur = emptyEntry();
	let started = false;
	let target: { kind: 'ctx' | 'id' | 'plural' | 'str'; index: number } | null = null;
	const all: PoEntry[] = [];
	const finish = () => {
		if (started) all.push(cur);
		cur = emptyEntry();
		started = false;
		target = null;
	};
	const lines = text.split('\n');
	for (let n = 0; n < lines.length; n++) {
		const line = lines[n].replace(/\r$/, '');
		const where = `line ${n + 1}`;
		if (line.trim() == '') continue;
		if (line.startsWith('#')) {
			if (started && target && target.kind == 'str') finish();
			if (line.startsWith('#~')) continue;
			if (line.startsWith('#.')) cur.extracted.push(line.slice(2).trim());
			else if (line.startsWith('#:')) cur.references.push(...line.slice(2).trim().split(/\s+/).filter(Boolean));
			else if (line.startsWith('#,')) cur.flags.push(...line.slice(2).split(',').map((f) => f.trim()).filter(Boolean));
			else if (line.startsWith('#|')) continue;
			else cur.comments.push(line.replace(/^# ?/, ''));
			continue;
		}
		const kw = /^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$/.exec(line);
		if (kw) {
			const value = unescapePo(kw[3]);
			if ((kw[1] == 'msgctxt' || kw[1] == 'msgid') && started && target && target.kind == 'str') finish();
			if (kw[1] == 'msgid' && started && target && target.kind == 'ctx') { /* msgctxt then msgid */ }
			started = true;
			if (kw[1] == 'msgctxt') { cur.msgctxt = value; target = { kind: 'ctx', index: 0 }; }
			else if (kw[1] == 'msgid') { cur.msgid = value; target = { kind: 'id', index: 0 }; }
			else if (kw[1] == 'msgid_plural') { cur.msgidPlural = value; target = { kind: 'plural', index: 0 }; }
			else {
				const i = kw[2] != null ? Number(kw[2]) : 0;
				cur.msgstr[i] = value;
				target = { kind: 'str', index: i };
			}
			continue;
		}
		const cont = /^"(.*)"\s*$/.exec(line);
		if (cont && target) {
			const value = unescapePo(cont[1]);
			if (target.kind == 'ctx') cur.msgctxt += value;
			else if (target.kind == 'id') cur.msgid += value;
			else if (target.kind == 'plural') cur.msgidPlural += value;
			else cur.msgstr[target.index] += value;
			continue;
		}
		throw new Error(`${where}: cannot parse ${JSON.stringify(line)}`);
	}
	finish();
	for (const e of all) {
		if (e.msgid == '' && e.msgctxt == null) {
			file.headerComments = e.comments;
			for (const row of (e.msgstr[0] ?? '').split('\n')) {
				const colon = row.indexOf(':');
				if (colon > 0) file.header.push([row.slice(0, colon), row.slice(colon + 1).trim()]);
			}
		} else file.entries.push(e);
	}
	return file;
}

/** A keyword line, wrapped like gettext when longer than 79 columns or containing \n. */
function formatString(keyword: string, value: string): string {
	const escaped = escapePo(value);
	const single = `${keyword} "${escaped}"`;
	if (single.length <= 79 && !/\\n./.test(escaped)) return single;
	const chunks: string[] = [];
	// Split after \n escapes and at spaces, so that each line stays within 77 + 2 quotes.
	for (const piece of escaped.split(/(?<=\\n)/)) {
		let rest = piece;
		while (rest.length > 77) {
			let cut = rest.lastIndexOf(' ', 76);
			if (cut <= 0) cut = 76;
			// Never split an escape sequence.
			while (cut > 0 && rest[cut - 1] == '\\' && (rest.slice(0, cut).match(/\\+$/)![0].length % 2) == 1) cut--;
			chunks.push(rest.slice(0, cut + 1));
			rest = rest.slice(cut + 1);
		}
		if (rest != '') chunks.push(rest);
	}
	return [`${keyword} ""`, ...chunks.map((c) => `"${c}"`)].join('\n');
}

export function formatEntry(e: PoEntry): string {
	const out: string[] = [];
	for (const c of e.comments) out.push(c == '' ? '#' : `# ${c}`);
	for (const c of e.extracted) out.push(`#. ${c}`);
	if (e.references.length > 0) {
		// gettext puts several references on a line, wrapped at 79 columns.
		let line = '#:';
		for (const r of e.references) {
			if (line.length + 1 + r.length > 79 && line != '#:') { out.push(line); line = '#:'; }
			line += ' ' + r;
		}
		out.push(line);
	}
	if (e.flags.length > 0) out.push('#, ' + e.flags.join(', '));
	if (e.msgctxt != null) out.push(formatString('msgctxt', e.msgctxt));
	out.push(formatString('msgid', e.msgid));
	if (e.msgidPlural != null) {
		out.push(formatString('msgid_plural', e.msgidPlural));
		const forms = Math.max(e.msgstr.length, 1);
		for (let i = 0; i < forms; i++) out.push(formatString(`msgstr[${i}]`, e.msgstr[i] ?? ''));
	} else out.push(formatString('msgstr', e.msgstr[0] ?? ''));
	return out.join('\n');
}

export function formatPo(file: PoFile): string {
	const head: string[] = [];
	for (const c of file.headerComments) head.push(c == '' ? '#' : `# ${c}`);
	head.push('msgid ""');
	head.push('msgstr ""');
	for (const [k, v] of file.header) head.push(`"${escapePo(`${k}: ${v}\n`)}"`);
	return [head.join('\n'), ...file.entries.map(formatEntry)].join('\n\n') + '\n';
}

/** Identity of an entry (what `_()` looks up): context + msgid. */
export function entryKey(e: { msgctxt: string | null; msgid: string }): string {
	return (e.msgctxt != null ? e.msgctxt + '\u0004' : '') + e.msgid;
}

/** Sort order of our catalogs: by msgid, then context (plain byte order, locale-independent). */
export function compareEntries(a: PoEntry, b: PoEntry): number {
	const x = a.msgid, y = b.msgid;
	if (x != y) return x < y ? -1 : 1;
	const cx = a.msgctxt ?? '', cy = b.msgctxt ?? '';
	return cx < cy ? -1 : cx > cy ? 1 : 0;
}
