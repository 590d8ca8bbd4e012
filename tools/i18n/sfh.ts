/*
 * Paul Hsieh's SuperFastHash as LuCI uses it for translation keys (luci-base
 * src/lib/lmo.c `sfh_hash`, cbi.js `sfh`), with uint32 arithmetic:
 *
 * - the initial hash is the byte length of the key;
 * - 16-bit reads are little-endian;
 * - the 1..3 tail bytes are read as *signed* chars (sign-extended), which matters for UTF-8;
 * - final avalanche: ^= <<3, += >>5, ^= <<4, += >>17, ^= <<25, += >>6.
 *
 * `>>> 0` after every step keeps the value a uint32. Checked against the C code in
 * test/i18n-lmo.test.ts (vectors recorded from luci's po2lmo).
 */

const encoder = new TextEncoder();

function u16(b: Uint8Array, i: number): number {
	return (b[i] | (b[i + 1] << 8)) >>> 0;
}

/** Signed char → int (what C's `(signed char)x` promotes to). */
function s8(b: Uint8Array, i: number): number {
	return (b[i] << 24) >> 24;
}

/** sfh_hash(data, len, init = len); 0 for empty input (as the C code returns). */
export function sfhBytes(data: Uint8Array): number {
	let len = data.length;
	if (len == 0) return 0;
	let hash = len >>> 0;
	const rem = len & 3;
	let off = 0;
	for (len >>>= 2; len > 0; len--) {
		hash = (hash + u16(data, off)) >>> 0;
		const tmp = ((u16(data, off + 2) << 11) ^ hash) >>> 0;
		hash = ((hash << 16) ^ tmp) >>> 0;
		off += 4;
		hash = (hash + (hash >>> 11)) >>> 0;
	}
	switch (rem) {
		case 3:
			hash = (hash + u16(data, off)) >>> 0;
			hash = (hash ^ (hash << 16)) >>> 0;
			hash = (hash ^ (s8(data, off + 2) << 18)) >>> 0;
			hash = (hash + (hash >>> 11)) >>> 0;
			break;
		case 2:
			hash = (hash + u16(data, off)) >>> 0;
			hash = (hash ^ (hash << 11)) >>> 0;
			hash = (hash + (hash >>> 17)) >>> 0;
			break;
		case 1:
			hash = (hash + s8(data, off)) >>> 0;
			hash = (hash ^ (hash << 10)) >>> 0;
			hash = (hash + (hash >>> 1)) >>> 0;
			break;
	}
	hash = (hash ^ (hash << 3)) >>> 0;
	hash = (hash + (hash >>> 5)) >>> 0;
	hash = (hash ^ (hash << 4)) >>> 0;
	hash = (hash + (hash >>> 17)) >>> 0;
	hash = (hash ^ (hash << 25)) >>> 0;
	hash = (hash + (hash >>> 6)) >>> 0;
	return hash;
}

/** The hash of a string's UTF-8 bytes. */
export function sfh(text: string): number {
	return sfhBytes(encoder.encode(text));
}

/** As window.TR keys it: 8 lowercase hex digits. */
export function sfhHex(text: string): string {
	return sfh(text).toString(16).padStart(8, '0');
}

/** cbi.js trimws(): trim, and collapse runs of whitespace to one space. */
export function normalizeWhitespace(text: string): string {
	return text.replace(/[\s]+/g, ' ').trim();
}

/** The lookup key of `_()` / `N_()` (cbi.js): [ctx \x01] msgid [\x02 form]. */
export function lookupKey(msgid: string, ctx?: string | null, form?: number | null): string {
	let key = (ctx != null ? normalizeWhitespace(ctx) + '\u0001' : '') + normalizeWhitespace(msgid);
	if (form != null) key += '\u0002' + form;
	return key;
}
