/*
 * .lmo catalogs (LuCI's binary translation format), written the way luci-base's po2lmo
 * (src/po2lmo.c) writes them, so that a catalog built here is byte-identical to one built
 * by the feed's po2lmo (test/i18n-lmo.test.ts compares against output of the real tool):
 *
 *   string area  each kept translation's raw bytes, NUL-padded to a multiple of 4
 *   index        16-byte records of four big-endian uint32: key_id, val_id, offset, length
 *                (unpadded length), sorted ascending by key_id (LuCI binary-searches it)
 *   trailer      one big-endian uint32: the index offset
 *
 * Keys: `msgid`, `ctx\x01msgid`, `msgid\x02<i>` (plural form i), `ctx\x01msgid\x02<i>`;
 * key_id = sfh(key). val_id = highest msgstr index + 1 (1 for plain messages). The
 * header's `Plural-Forms:` value is stored with key_id 0 and val_id 0. A translation
 * whose hash equals its key's (i.e. msgstr == msgid) and empty msgstrs are left out; a
 * catalog with nothing in it is no file (null).
 *
 * The PO reading follows po2lmo's line rules exactly, quirks included: only `\"` and
 * `\\` are unescaped (other escapes stay as two bytes, which is why our .po files must
 * not contain \n), `#` lines are ignored (fuzzy entries are *not* skipped: our tests
 * forbid them instead), a keyword line starts a new field, any other line containing a
 * quote continues the current one.
 *
 * tools/package/ calls po2lmo(poText) for every po/<lang>/<domain>.po.
 */
import { sfhBytes } from './sfh.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();

export interface LmoEntry {
	key_id: number;
	val_id: number;
	offset: number;
	length: number;
}

function concat(parts: Uint8Array[]): Uint8Array {
	const total = parts.reduce((n, p) => n + p.length, 0);
	const out = new Uint8Array(total);
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

function startsWith(line: Uint8Array, prefix: string): boolean {
	const p = enc.encode(prefix);
	if (line.length < p.length) return false;
	for (let i = 0; i < p.length; i++) if (line[i] != p[i]) return false;
	return true;
}

const QUOTE = 0x22, BACKSLASH = 0x5c, HASH = 0x23;

/** po2lmo's extract_string(): the bytes between the first quote and the next unescaped one. */
function extractString(src: Uint8Array): Uint8Array | null {
	if (src.length > 0 && src[0] == HASH) return null;
	const out: number[] = [];
	let off = -1;
	let esc = false;
	for (let pos = 0; pos < src.length; pos++) {
		const c = src[pos];
		if (c == 0) break; // strlen()
		if (off == -1) {
			if (c == QUOTE) off = pos + 1;
		} else if (esc) {
			if (c == QUOTE || c == BACKSLASH) out[out.length - 1] = c;
			else out.push(c);
			esc = false;
		} else if (c == BACKSLASH) {
			out.push(c);
			esc = true;
		} else if (c != QUOTE) out.push(c);
		else break;
	}
	return off > -1 ? Uint8Array.from(out) : null;
}

interface Msg {
	plural_num: number;
	ctxt: Uint8Array | null;
	id: Uint8Array | null;
	id_plural: Uint8Array | null;
	val: (Uint8Array | null)[];
}

function newMsg(): Msg {
	return { plural_num: -1, ctxt: null, id: null, id_plural: null, val: [] };
}

/** Splits like fgets(): lines keep their \n. */
function lines(bytes: Uint8Array): Uint8Array[] {
	const out: Uint8Array[] = [];
	let start = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] == 0x0a) {
			out.push(bytes.subarray(start, i + 1));
			start = i + 1;
		}
	}
	if (start < bytes.length) out.push(bytes.subarray(start));
	return out;
}

/** Compiles a .po (its text) into .lmo bytes; null when there is nothing to store. */
export function po2lmo(poText: string): Uint8Array | null {
	const strings: Uint8Array[] = [];
	const index: LmoEntry[] = [];
	let offset = 0;

	const store = (bytes: Uint8Array, key_id: number, val_id: number) => {
		index.push({ key_id, val_id, offset, length: bytes.length });
		const padded = new Uint8Array(bytes.length + ((4 - (bytes.length % 4)) % 4));
		padded.set(bytes);
		strings.push(padded);
		offset += padded.length;
	};

	const printMsg = (msg: Msg) => {
		const val0 = msg.val[0];
		if (msg.id && val0) {
			for (let i = 0; i <= msg.plural_num; i++) {
				const val = msg.val[i];
				if (!val) continue;
				const parts: Uint8Array[] = [];
				if (msg.ctxt) parts.push(msg.ctxt, Uint8Array.of(1));
				parts.push(msg.id);
				if (msg.id_plural) parts.push(Uint8Array.of(2), enc.encode(String(i)));
				const key = concat(parts);
				const key_id = sfhBytes(key);
				const val_id = sfhBytes(val);
				if (key_id != val_id) store(val, key_id, msg.plural_num + 1);
			}
		} else if (val0) {
			// The header: find "Plural-Forms: " at the start of a \n-separated field.
			let field = 0;
			for (let p = 0; p < val0.length; p++) {
				if (val0[p] == BACKSLASH && p + 1 < val0.length) {
					if (val0[p + 1] == 0x6e /* n */) {
						const text = val0.subarray(field, p);
						if (text.length >= 14 && dec.decode(text.subarray(0, 14)).toLowerCase() == 'plural-forms: ') {
							store(text.subarray(14), 0, 0);
							break;
						}
						field = p + 2;
					}
					p++;
				}
			}
		}
	};

	let msg = newMsg();
	type Field = 'ctxt' | 'id' | 'id_plural' | number;
	let cur: Field | null = null;
	const all = lines(enc.encode(poText));
	for (let n = 0; n <= all.length; n++) {
		const eof = n == all.length;
		const line = eof ? new Uint8Array(0) : all[n];
		if (startsWith(line, 'msgctxt "')) {
			if (msg.id || msg.val[0]) printMsg(msg), (msg = newMsg());
			msg.ctxt = null;
			cur = 'ctxt';
		} else if (eof || startsWith(line, 'msgid "')) {
			if (msg.id || msg.val[0]) {
				printMsg(msg);
				msg = newMsg();
			}
			msg.id = null;
			cur = 'id';
		} else if (startsWith(line, 'msgid_plural "')) {
			msg.id_plural = null;
			cur = 'id_plural';
		} else if (startsWith(line, 'msgstr "') || startsWith(line, 'msgstr[')) {
			msg.plural_num = line[6] == 0x5b ? parseInt(dec.decode(line.subarray(7)), 10) || 0 : 0;
			if (msg.plural_num >= 10) throw new Error('po2lmo: too many plural forms');
			msg.val[msg.plural_num] = null;
			cur = msg.plural_num;
		}
		if (eof) break;
		if (cur != null) {
			const s = extractString(line);
			if (s && s.length > 0) {
				const prev = typeof cur == 'number' ? msg.val[cur] : msg[cur];
				const next = prev ? concat([prev, s]) : s;
				if (typeof cur == 'number') msg.val[cur] = next;
				else msg[cur] = next;
			}
		}
	}
	if (offset == 0) return null;

	index.sort((a, b) => a.key_id - b.key_id);
	const table = new Uint8Array(index.length * 16 + 4);
	const view = new DataView(table.buffer);
	index.forEach((e, i) => {
		view.setUint32(i * 16, e.key_id);
		view.setUint32(i * 16 + 4, e.val_id);
		view.setUint32(i * 16 + 8, e.offset);
		view.setUint32(i * 16 + 12, e.length);
	});
	view.setUint32(index.length * 16, offset);
	return concat([...strings, table]);
}

/** Reads an .lmo back: its index records and each record's string. */
export function readLmo(bytes: Uint8Array): { entry: LmoEntry; text: string }[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const idx = view.getUint32(bytes.length - 4);
	if (idx > bytes.length - 4 || (bytes.length - 4 - idx) % 16 != 0) throw new Error('lmo: bad index offset');
	const out: { entry: LmoEntry; text: string }[] = [];
	for (let at = idx; at < bytes.length - 4; at += 16) {
		const entry = { key_id: view.getUint32(at), val_id: view.getUint32(at + 4), offset: view.getUint32(at + 8), length: view.getUint32(at + 12) };
		if (entry.offset + entry.length > idx) throw new Error('lmo: string outside the string area');
		out.push({ entry, text: dec.decode(bytes.subarray(entry.offset, entry.offset + entry.length)) });
	}
	return out;
}

/**
 * What LuCI serves as window.TR for a catalog (admin/translations/<lang>): key_id as 8
 * hex digits → translation; the header's plural formula under '00000000'.
 */
export function lmoToTR(bytes: Uint8Array): { [hex: string]: string } {
	const tr: { [hex: string]: string } = {};
	for (const { entry, text } of readLmo(bytes)) tr[entry.key_id.toString(16).padStart(8, '0')] = text;
	return tr;
}

export default po2lmo;
