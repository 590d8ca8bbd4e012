/*
 * ucode's 'uci' module for Node: a real UCI implementation on a config directory.
 *
 * - Files are parsed with libuci's syntax (config/option/list/package lines, single and
 *   double quotes, backslash escapes, comments) into a line-preserving model: every
 *   line of the file is kept, so a file without changes serialises byte-identically and
 *   a commit only rewrites the lines it touches (written the way `uci export` writes
 *   them: `config type 'name'`, `\toption key 'value'`, `\tlist key 'value'`, values
 *   single-quoted with `'\''` escaping, a blank line before each new section).
 * - A cursor stages set/add/delete/rename/reorder in memory as libuci deltas; changes()
 *   reports them like ucode ([op, section, option?, value?], ops "set", "add", "remove",
 *   "rename", "order", "list-add", "list-del"); save() appends them to savedir/<config>
 *   in uci's delta format (and loading replays that file, as uci does); commit()
 *   replays file + saved + staged deltas onto a fresh read of the file and writes it
 *   atomically; revert() drops them.
 * - Anonymous sections get deterministic names: cfg + 2 hex digits (section counter,
 *   as libuci) + 4 hex digits (a hash of the section type).
 * - load('/path/to/name') reads a file outside the config directory as package `name`
 *   without deltas, as libuci does for a path.
 */
import * as nfs from 'node:fs';
import * as npath from 'node:path';

/* ------------------------------------------------------------------ */
/* Model                                                               */
/* ------------------------------------------------------------------ */

interface OptItem { kind: 'option' | 'list'; name: string; value: string; raw: string | null; }
interface OtherItem { kind: 'other'; raw: string; }
type Item = OptItem | OtherItem;

interface Section {
	type: string;
	name: string;
	anonymous: boolean;
	/** Comment/blank lines before the header. */
	pre: string[];
	/** The header line as read, or null when it must be generated. */
	head: string | null;
	items: Item[];
}

interface Package {
	name: string;
	sections: Section[];
	/** Lines after the last section (comments, blank lines). */
	tail: string[];
	/** Lines before the first section when no section exists are kept in tail. */
	finalNewline: boolean;
	/** Counter for anonymous names (libuci's n_section). */
	nSection: number;
	/** The text the package was parsed from ('' for a new file). */
	original: string;
	exists: boolean;
}

type Delta = [string, string, ...(string | number)[]];

const ERR = {
	INVAL: 'Invalid argument',
	NOTFOUND: 'Entry not found',
	IO: 'I/O error',
	PARSE: 'Parse error',
	DUPLICATE: 'Duplicate entry',
};

class UciError extends Error {}

/* ------------------------------------------------------------------ */
/* Tokenizer (libuci parse_str semantics)                              */
/* ------------------------------------------------------------------ */

/** Splits one line into words; returns null on a parse error (unterminated quote). */
function tokenize(line: string): string[] | null {
	const words: string[] = [];
	let i = 0;
	const n = line.length;
	for (;;) {
		while (i < n && (line[i] === ' ' || line[i] === '\t')) i++;
		if (i >= n || line[i] === '#' || line[i] === ';') break;
		let w = '';
		while (i < n && line[i] !== ' ' && line[i] !== '\t' && line[i] !== ';') {
			const c = line[i];
			if (c === "'") {
				const e = line.indexOf("'", i + 1);
				if (e < 0) return null;
				w += line.slice(i + 1, e);
				i = e + 1;
			}
			else if (c === '"') {
				i++;
				for (;;) {
					if (i >= n) return null;
					if (line[i] === '"') { i++; break; }
					if (line[i] === '\\' && i + 1 < n) { w += line[i + 1]; i += 2; continue; }
					w += line[i++];
				}
			}
			else if (c === '\\') {
				if (i + 1 < n) w += line[i + 1];
				i += 2;
			}
			else if (c === '#' && w === '') break;
			else { w += c; i++; }
		}
		words.push(w);
	}
	return words;
}

function quote(v: string): string {
	return "'" + v.replace(/'/g, "'\\''") + "'";
}

function djbHash(s: string): number {
	let h = 5381;
	for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) >>> 0;
	return h;
}

function anonName(pkg: Package, type: string): string {
	pkg.nSection++;
	const a = (pkg.nSection % 256).toString(16).padStart(2, '0');
	const b = (djbHash(type) % 65536).toString(16).padStart(4, '0');
	let name = `cfg${a}${b}`;
	while (pkg.sections.some((s) => s.name === name)) {
		pkg.nSection++;
		name = `cfg${(pkg.nSection % 256).toString(16).padStart(2, '0')}${b}`;
	}
	return name;
}

function validName(s: string): boolean { return /^[A-Za-z0-9_]+$/.test(s); }
function validType(s: string): boolean { return /^[A-Za-z0-9_-]+$/.test(s) && s !== ''; }

function parsePackage(name: string, text: string, exists: boolean): Package {
	const pkg: Package = { name, sections: [], tail: [], finalNewline: true, nSection: 0, original: text, exists };
	let lines = text.split('\n');
	if (lines.length && lines[lines.length - 1] === '') lines.pop();
	else if (text !== '') pkg.finalNewline = false;
	let pending: string[] = [];
	let cur: Section | null = null;
	for (const line of lines) {
		const words = tokenize(line);
		if (words === null) throw new UciError(ERR.PARSE);
		if (words.length === 0 || words[0] === 'package') { pending.push(line); continue; }
		switch (words[0]) {
			case 'config': {
				const type = words[1] ?? '';
				if (!validType(type)) throw new UciError(ERR.PARSE);
				let sname = words[2];
				let anonymous = false;
				if (sname === undefined || sname === '') { anonymous = true; sname = ''; }
				else if (!validName(sname)) throw new UciError(ERR.PARSE);
				if (!anonymous) pkg.nSection++;
				cur = { type, name: sname, anonymous, pre: pending, head: line, items: [] };
				if (anonymous) cur.name = anonName(pkg, type);
				pending = [];
				pkg.sections.push(cur);
				break;
			}
			case 'option':
			case 'list': {
				if (!cur || words.length < 2) throw new UciError(ERR.PARSE);
				const oname = words[1] ?? '';
				if (!validName(oname)) throw new UciError(ERR.PARSE);
				for (const p of pending) cur.items.push({ kind: 'other', raw: p });
				pending = [];
				cur.items.push({ kind: words[0], name: oname, value: words[2] ?? '', raw: line });
				break;
			}
			default:
				throw new UciError(ERR.PARSE);
		}
	}
	pkg.tail = pending;
	return pkg;
}

function serialize(pkg: Package): string {
	const out: string[] = [];
	for (const s of pkg.sections) {
		out.push(...s.pre);
		out.push(s.head ?? (`config ${s.type}` + (s.anonymous ? '' : ' ' + quote(s.name))));
		for (const it of s.items) {
			if (it.kind === 'other') out.push(it.raw);
			else out.push(it.raw ?? `\t${it.kind} ${it.name} ${quote(it.value)}`);
		}
	}
	out.push(...pkg.tail);
	if (out.length === 0) return '';
	return out.join('\n') + (pkg.finalNewline ? '\n' : '');
}

/** The logical value of an option: string, list, or null. */
function optValue(s: Section, name: string): string | string[] | null {
	let v: string | string[] | null = null;
	for (const it of s.items) {
		if (it.kind === 'other' || it.name !== name) continue;
		if (it.kind === 'option') v = it.value;
		else if (v === null) v = [it.value];
		else if (typeof v === 'string') v = [v, it.value];
		else v.push(it.value);
	}
	return v;
}

function optNames(s: Section): string[] {
	const names: string[] = [];
	for (const it of s.items) if (it.kind !== 'other' && !names.includes(it.name)) names.push(it.name);
	return names;
}

/* ------------------------------------------------------------------ */
/* Applying operations to the model                                    */
/* ------------------------------------------------------------------ */

function findSection(pkg: Package, ref: string): Section | null {
	const m = /^@([A-Za-z0-9_-]*)\[(-?\d+)\]$/.exec(ref);
	if (m) {
		const list = pkg.sections.filter((s) => m[1] === '' || s.type === m[1]);
		let idx = parseInt(m[2], 10);
		if (idx < 0) idx += list.length;
		return list[idx] ?? null;
	}
	if (ref.startsWith('@')) return null;
	return pkg.sections.find((s) => s.name === ref) ?? null;
}

function removeOption(s: Section, name: string): number {
	let first = -1;
	for (let i = s.items.length - 1; i >= 0; i--) {
		const it = s.items[i];
		if (it.kind !== 'other' && it.name === name) { s.items.splice(i, 1); first = i; }
	}
	return first;
}

function lastItemIndex(s: Section): number {
	for (let i = s.items.length - 1; i >= 0; i--) if (s.items[i].kind !== 'other') return i;
	return -1;
}

function newSection(pkg: Package, type: string, name: string, anonymous: boolean): Section {
	const hasContent = pkg.sections.length > 0 || pkg.tail.length > 0 || !pkg.exists;
	const s: Section = { type, name, anonymous, pre: hasContent ? [''] : [], head: null, items: [] };
	// keep trailing comments/blank lines at the end of the file
	if (pkg.sections.length === 0 && pkg.tail.length > 0) { s.pre = pkg.tail.concat(pkg.tail[pkg.tail.length - 1] === '' ? [] : ['']); pkg.tail = []; }
	pkg.sections.push(s);
	return s;
}

function applySetOption(s: Section, name: string, value: string): void {
	const idx = s.items.findIndex((it) => it.kind !== 'other' && it.name === name);
	if (idx >= 0) {
		const it = s.items[idx] as OptItem;
		if (it.kind === 'option' && optValue(s, name) === value && s.items.filter((x) => x.kind !== 'other' && x.name === name).length === 1) return;
		removeOption(s, name);
		s.items.splice(idx, 0, { kind: 'option', name, value, raw: null });
		return;
	}
	s.items.splice(lastItemIndex(s) + 1, 0, { kind: 'option', name, value, raw: null });
}

function applyListAdd(s: Section, name: string, value: string): void {
	let last = -1;
	for (let i = 0; i < s.items.length; i++) {
		const it = s.items[i];
		if (it.kind !== 'other' && it.name === name) last = i;
	}
	if (last >= 0) {
		const it = s.items[last] as OptItem;
		if (it.kind === 'option') { it.kind = 'list'; it.raw = null; }
		s.items.splice(last + 1, 0, { kind: 'list', name, value, raw: null });
	}
	else s.items.splice(lastItemIndex(s) + 1, 0, { kind: 'list', name, value, raw: null });
}

function applyListDel(s: Section, name: string, value: string): void {
	for (let i = s.items.length - 1; i >= 0; i--) {
		const it = s.items[i];
		if (it.kind === 'list' && it.name === name && it.value === value) s.items.splice(i, 1);
	}
}

function applyDelta(pkg: Package, d: Delta): void {
	const [op, sec] = d;
	switch (op) {
		case 'add': {
			const type = String(d[2]);
			if (!findSection(pkg, sec)) { pkg.nSection++; newSection(pkg, type, sec, true); }
			break;
		}
		case 'set': {
			if (d.length === 3) {
				const s = findSection(pkg, sec);
				if (s) { if (s.type !== d[2]) { s.type = String(d[2]); s.head = null; } }
				else { pkg.nSection++; newSection(pkg, String(d[2]), sec, false); }
			}
			else {
				const s = findSection(pkg, sec);
				if (s) applySetOption(s, String(d[2]), String(d[3]));
			}
			break;
		}
		case 'list-add': {
			const s = findSection(pkg, sec);
			if (s) applyListAdd(s, String(d[2]), String(d[3]));
			break;
		}
		case 'list-del': {
			const s = findSection(pkg, sec);
			if (s) applyListDel(s, String(d[2]), String(d[3]));
			break;
		}
		case 'remove': {
			const s = findSection(pkg, sec);
			if (!s) break;
			if (d.length === 2) {
				const i = pkg.sections.indexOf(s);
				pkg.sections.splice(i, 1);
				// the blank line that separated the section goes with it, comments stay
				const pre = s.pre.slice();
				if (pre.length && pre[pre.length - 1].trim() === '' && !pre.some((l) => l.trim() !== '')) pre.pop();
				else if (pre.length && pre[0].trim() === '') pre.shift();
				const trailing = s.items.filter((it) => it.kind === 'other').map((it) => (it as OtherItem).raw)
					.filter((l) => l.trim() !== '');
				const keep = pre.concat(trailing);
				if (i < pkg.sections.length) pkg.sections[i].pre = keep.concat(pkg.sections[i].pre);
				else pkg.tail = keep.concat(pkg.tail);
			}
			else removeOption(s, String(d[2]));
			break;
		}
		case 'rename': {
			const s = findSection(pkg, sec);
			if (!s) break;
			if (d.length === 3) {
				s.name = String(d[2]);
				s.anonymous = false;
				s.head = null;
			}
			else {
				const from = String(d[2]), to = String(d[3]);
				removeOption(s, to);
				for (const it of s.items) if (it.kind !== 'other' && it.name === from) { it.name = to; it.raw = null; }
			}
			break;
		}
		case 'order': {
			const s = findSection(pkg, sec);
			if (!s) break;
			const i = pkg.sections.indexOf(s);
			pkg.sections.splice(i, 1);
			let to = Number(d[2]);
			if (to > pkg.sections.length) to = pkg.sections.length;
			if (to < 0) to = 0;
			pkg.sections.splice(to, 0, s);
			// every section but the first is separated by at least one line
			if (s.pre.length === 0) s.pre = [''];
			for (let k = 1; k < pkg.sections.length; k++) if (pkg.sections[k].pre.length === 0) pkg.sections[k].pre = [''];
			break;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Delta files                                                         */
/* ------------------------------------------------------------------ */

const CMD_CHAR: Record<string, string> = { add: '+', remove: '-', set: '', rename: '@', order: '^', 'list-add': '|', 'list-del': '~' };
const CHAR_CMD: Record<string, string> = { '+': 'add', '-': 'remove', '@': 'rename', '^': 'order', '|': 'list-add', '~': 'list-del' };

function deltaLine(config: string, d: Delta): string {
	const op = d[0];
	let line = `${CMD_CHAR[op]}${config}.${d[1]}`;
	const rest = d.slice(2);
	// [option?, value?]: the value is the last element for set/rename/add/order/list ops
	let option: string | undefined;
	let value: string | undefined;
	if (op === 'remove') option = rest[0] as string | undefined;
	else if (rest.length === 2) { option = String(rest[0]); value = String(rest[1]); }
	else if (rest.length === 1) value = String(rest[0]);
	if (option !== undefined) line += `.${option}`;
	if (value !== undefined) line += '=' + quote(value);
	return line;
}

function parseDeltaLine(config: string, line: string): Delta | null {
	let op = 'set';
	let p = line;
	if (CHAR_CMD[p[0]]) { op = CHAR_CMD[p[0]]; p = p.slice(1); }
	const eq = p.indexOf('=');
	const path = eq >= 0 ? p.slice(0, eq) : p;
	let value: string | undefined;
	if (eq >= 0) {
		const w = tokenize(p.slice(eq + 1));
		if (w === null) return null;
		value = w.join(' ');
	}
	const parts = path.split('.');
	if (parts[0] !== config || parts.length < 2) return null;
	const d: Delta = [op, parts[1]];
	if (parts[2] !== undefined) d.push(parts[2]);
	if (value !== undefined) d.push(op === 'order' ? parseInt(value, 10) : value);
	return d;
}

/* ------------------------------------------------------------------ */
/* Cursor                                                              */
/* ------------------------------------------------------------------ */

let moduleError: string | null = null;

export interface UciSectionValue { [key: string]: string | string[] | boolean | number; }

function toUciString(v: unknown): string | null {
	if (typeof v === 'string') return v;
	if (typeof v === 'boolean') return v ? '1' : '0';
	if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
	return null;
}

export class UciCursor {
	readonly confdir: string;
	readonly savedir: string;
	private pkgs = new Map<string, Package>();
	private staged = new Map<string, Delta[]>();
	private saved = new Map<string, Delta[]>();
	private lastError: string | null = null;

	constructor(confdir = '/etc/config', savedir = '/tmp/.uci') {
		this.confdir = confdir;
		this.savedir = savedir;
	}

	private fail(msg: string): null {
		this.lastError = msg;
		moduleError = msg;
		return null;
	}

	private ok<T>(v: T): T {
		this.lastError = null;
		return v;
	}

	private readSaved(config: string): Delta[] {
		const f = npath.join(this.savedir, config);
		let text: string;
		try { text = nfs.readFileSync(f, 'utf8'); }
		catch { return []; }
		const res: Delta[] = [];
		for (const line of text.split('\n')) {
			if (line === '') continue;
			const d = parseDeltaLine(config, line);
			if (d) res.push(d);
		}
		return res;
	}

	private readPackage(config: string): Package {
		if (!validName(config) && !/^[A-Za-z0-9_-]+$/.test(config)) throw new UciError(ERR.INVAL);
		const f = npath.join(this.confdir, config);
		let text: string;
		try { text = nfs.readFileSync(f, 'utf8'); }
		catch { throw new UciError(ERR.NOTFOUND); }
		return parsePackage(config, text, true);
	}

	/** Loads (or returns the loaded) package with saved + staged deltas applied. */
	private pkg(config: string): Package {
		let p = this.pkgs.get(config);
		if (p) return p;
		p = this.readPackage(config);
		const saved = this.readSaved(config);
		this.saved.set(config, saved);
		for (const d of saved) applyDelta(p, d);
		this.pkgs.set(config, p);
		return p;
	}

	private record(config: string, d: Delta): void {
		const p = this.pkg(config);
		applyDelta(p, d);
		let list = this.staged.get(config);
		if (!list) this.staged.set(config, list = []);
		list.push(d);
	}

	private wrap<T>(fn: () => T): T | null {
		try { return this.ok(fn()); }
		catch (e) {
			if (e instanceof UciError) return this.fail(e.message);
			throw e;
		}
	}

	load(config: string): boolean | null {
		return this.wrap(() => {
			if (typeof config !== 'string') throw new UciError(ERR.INVAL);
			if (config.startsWith('/') || config.startsWith('./')) {
				// libuci (file.c): a path outside the config directory is loaded as the package
				// named by its last component, without any delta (saved changes never apply).
				const name = npath.basename(config);
				let text: string;
				try { text = nfs.readFileSync(config, 'utf8'); }
				catch { throw new UciError(ERR.NOTFOUND); }
				const p = parsePackage(name, text, true);
				this.pkgs.set(name, p);
				this.staged.delete(name);
				this.saved.set(name, []);
				return true;
			}
			this.pkgs.delete(config);
			this.staged.delete(config);
			this.pkg(config);
			return true;
		});
	}

	unload(config: string): boolean | null {
		return this.wrap(() => {
			if (!this.pkgs.has(config)) return false;
			this.pkgs.delete(config);
			this.staged.delete(config);
			return true;
		});
	}

	get(config: string, section: string, option?: string): string | string[] | null {
		return this.wrap(() => {
			if (typeof config !== 'string' || typeof section !== 'string') throw new UciError(ERR.INVAL);
			const p = this.pkg(config);
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			if (option == null) return s.type;
			if (option === '.name') return s.name;
			if (option === '.type') return s.type;
			const v = optValue(s, option);
			if (v === null) throw new UciError(ERR.NOTFOUND);
			return v;
		});
	}

	private sectionValue(s: Section, index: number): UciSectionValue {
		const o: UciSectionValue = { '.anonymous': s.anonymous, '.type': s.type, '.name': s.name };
		if (index >= 0) o['.index'] = index;
		for (const n of optNames(s)) o[n] = optValue(s, n)!;
		return o;
	}

	get_all(config: string, section?: string): any {
		return this.wrap(() => {
			if (typeof config !== 'string') throw new UciError(ERR.INVAL);
			const p = this.pkg(config);
			if (section == null) {
				const o: Record<string, UciSectionValue> = {};
				p.sections.forEach((s, i) => { o[s.name] = this.sectionValue(s, i); });
				return o;
			}
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			return this.sectionValue(s, -1);
		});
	}

	get_first(config: string, type: string, option?: string): string | string[] | null {
		return this.wrap(() => {
			const p = this.pkg(config);
			const s = p.sections.find((x) => x.type === type);
			if (!s) throw new UciError(ERR.NOTFOUND);
			if (option == null) return s.name;
			const v = optValue(s, option);
			if (v === null) throw new UciError(ERR.NOTFOUND);
			return v;
		});
	}

	set(config: string, section: string, optionOrType: string, value?: unknown): boolean | null {
		return this.wrap(() => {
			if (typeof config !== 'string' || typeof section !== 'string' || typeof optionOrType !== 'string')
				throw new UciError(ERR.INVAL);
			const p = this.pkg(config);
			if (value === undefined) {
				const type = optionOrType;
				if (!validType(type)) throw new UciError(ERR.INVAL);
				const s = findSection(p, section);
				if (!s && (section.startsWith('@') || !validName(section))) throw new UciError(ERR.INVAL);
				this.record(config, ['set', s ? s.name : section, type]);
				return true;
			}
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			const opt = optionOrType;
			if (!validName(opt)) throw new UciError(ERR.INVAL);
			if (Array.isArray(value)) {
				const vals = value.map(toUciString);
				if (vals.length === 0) {
					if (optValue(s, opt) !== null) this.record(config, ['remove', s.name, opt]);
					return true;
				}
				let i: number;
				if (vals.length === 1) {
					i = 0;
					if (optValue(s, opt) !== null) this.record(config, ['remove', s.name, opt]);
				}
				else {
					i = 1;
					if (vals[0] === null) throw new UciError(ERR.INVAL);
					this.record(config, ['set', s.name, opt, vals[0]]);
				}
				for (; i < vals.length; i++) if (vals[i] !== null) this.record(config, ['list-add', s.name, opt, vals[i]!]);
				return true;
			}
			const v = toUciString(value);
			if (v === null) throw new UciError(ERR.INVAL);
			this.record(config, ['set', s.name, opt, v]);
			return true;
		});
	}

	add(config: string, type: string): string | null {
		return this.wrap(() => {
			if (typeof config !== 'string' || typeof type !== 'string' || !validType(type)) throw new UciError(ERR.INVAL);
			const p = this.pkg(config);
			const name = anonName(p, type);
			p.nSection--; // applyDelta('add') counts the section
			this.record(config, ['add', name, type]);
			return name;
		});
	}

	delete(config: string, section: string, option?: string): boolean | null {
		return this.wrap(() => {
			const p = this.pkg(config);
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			if (option == null) this.record(config, ['remove', s.name]);
			else {
				if (optValue(s, option) === null) throw new UciError(ERR.NOTFOUND);
				this.record(config, ['remove', s.name, option]);
			}
			return true;
		});
	}

	rename(config: string, section: string, optionOrName: string, name?: string): boolean | null {
		return this.wrap(() => {
			const p = this.pkg(config);
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			if (name == null) {
				if (!validName(optionOrName)) throw new UciError(ERR.INVAL);
				if (p.sections.some((x) => x !== s && x.name === optionOrName)) throw new UciError(ERR.DUPLICATE);
				this.record(config, ['rename', s.name, optionOrName]);
			}
			else {
				if (optValue(s, optionOrName) === null) throw new UciError(ERR.NOTFOUND);
				if (!validName(name)) throw new UciError(ERR.INVAL);
				this.record(config, ['rename', s.name, optionOrName, name]);
			}
			return true;
		});
	}

	reorder(config: string, section: string, index: number): boolean | null {
		return this.wrap(() => {
			const p = this.pkg(config);
			const s = findSection(p, section);
			if (!s) throw new UciError(ERR.NOTFOUND);
			if (typeof index !== 'number' || index < 0) throw new UciError(ERR.INVAL);
			this.record(config, ['order', s.name, Math.trunc(index)]);
			return true;
		});
	}

	private targets(config?: string): string[] {
		if (config != null) return [config];
		return [...new Set([...this.pkgs.keys()])];
	}

	save(config?: string): boolean | null {
		return this.wrap(() => {
			for (const c of this.targets(config)) {
				const list = this.staged.get(c);
				if (!list || list.length === 0) continue;
				nfs.mkdirSync(this.savedir, { recursive: true, mode: 0o700 });
				nfs.appendFileSync(npath.join(this.savedir, c), list.map((d) => deltaLine(c, d) + '\n').join(''));
				this.saved.set(c, (this.saved.get(c) ?? []).concat(list));
				this.staged.delete(c);
			}
			return true;
		});
	}

	commit(config?: string): boolean | null {
		return this.wrap(() => {
			for (const c of this.targets(config)) {
				this.pkg(c);
				const deltas = this.readSaved(c).concat(this.staged.get(c) ?? []);
				if (deltas.length === 0) continue;
				const fresh = this.readPackage(c);
				for (const d of deltas) applyDelta(fresh, d);
				const text = serialize(fresh);
				const file = npath.join(this.confdir, c);
				if (text !== fresh.original) {
					const tmp = npath.join(this.confdir, `.${c}.uci-${process.pid}-${Date.now()}`);
					try {
						let mode = 0o644;
						try { mode = nfs.statSync(file).mode & 0o7777; } catch { /* new file */ }
						nfs.writeFileSync(tmp, text, { mode });
						nfs.renameSync(tmp, file);
					}
					catch {
						try { nfs.unlinkSync(tmp); } catch { /* ignore */ }
						throw new UciError(ERR.IO);
					}
				}
				try { nfs.unlinkSync(npath.join(this.savedir, c)); } catch { /* no saved delta */ }
				this.staged.delete(c);
				this.saved.delete(c);
				this.pkgs.delete(c);
				this.pkg(c);
			}
			return true;
		});
	}

	revert(config?: string): boolean | null {
		return this.wrap(() => {
			for (const c of this.targets(config)) {
				try { nfs.unlinkSync(npath.join(this.savedir, c)); } catch { /* none */ }
				this.staged.delete(c);
				this.saved.delete(c);
				this.pkgs.delete(c);
			}
			return true;
		});
	}

	changes(config?: string): Record<string, (string | number)[][]> | null {
		return this.wrap(() => {
			const res: Record<string, (string | number)[][]> = {};
			const list = config != null ? [config] : (this.configs() ?? []);
			for (const c of list) {
				let p: Package | undefined;
				try { p = this.pkg(c); } catch (e) { if (config != null) throw e; continue; }
				void p;
				const all = (this.saved.get(c) ?? []).concat(this.staged.get(c) ?? []);
				if (all.length) res[c] = all.map((d) => d.slice());
			}
			return res;
		});
	}

	foreach(config: string, type: string | null, fn: (s: UciSectionValue) => unknown): boolean | null {
		return this.wrap(() => {
			const p = this.pkg(config);
			let called = false;
			const secs = p.sections.slice();
			for (let i = 0; i < secs.length; i++) {
				const s = secs[i];
				if (type != null && s.type !== type) continue;
				called = true;
				const r = fn(this.sectionValue(s, i));
				if (r === false) break;
			}
			return called;
		});
	}

	configs(): string[] | null {
		return this.wrap(() => {
			let names: string[];
			try { names = nfs.readdirSync(this.confdir); }
			catch { throw new UciError(ERR.NOTFOUND); }
			return names.filter((n) => !n.startsWith('.') && /^[A-Za-z0-9_-]+$/.test(n)
				&& nfs.statSync(npath.join(this.confdir, n)).isFile()).sort();
		});
	}

	error(): string | null {
		const e = this.lastError;
		this.lastError = null;
		return e;
	}
}

export function cursor(confdir?: string | null, savedir?: string | null): UciCursor | null {
	return new UciCursor(confdir ?? undefined, savedir ?? undefined);
}

export function error(): string | null {
	const e = moduleError;
	moduleError = null;
	return e;
}

/** For tests: parse and serialise a config text without changes. */
export function _roundtrip(text: string): string {
	return serialize(parsePackage('x', text, true));
}
