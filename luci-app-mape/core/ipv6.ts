/*
 * IPv6 text as users paste it → 8 hextets + prefix length, and back (RFC 5952).
 *
 * Accepted: a prefix (`240b:10:abcd:ef00::/56`), a full address (`…::1`, prefix length
 * 128), an address with its length (`…:1234/64`), with or without a zone (`%eth0`),
 * in brackets (`[…]` or `[…]/56`), surrounded by whitespace (also around the `/`), upper or
 * lower case, compressed (`::`) or not, with an embedded IPv4 tail (`::ffff:1.2.3.4`).
 * Bits after the prefix length are cleared: the result is the prefix (network) itself.
 *
 * Error codes (stable; the message says what exactly is wrong):
 *   NOT_A_STRING        the input is not text at all
 *   TOO_LONG            more than MAX_INPUT_LENGTH bytes
 *   EMPTY               nothing but whitespace
 *   BAD_BRACKETS        unbalanced `[`/`]`, or something other than `/len` after `]`
 *   BAD_PREFIX_LENGTH   more than one `/`, or the length is not a decimal 0..128
 *   BAD_ZONE            `%` with nothing (or something other than [A-Za-z0-9_.-]) after it
 *   MISSING_ADDRESS     only a length or zone, no address
 *   BAD_CHARACTER       a character that cannot occur in an IPv6 address
 *   IPV4_NOT_SUPPORTED  an IPv4 address (MAP-E needs the line's IPv6 prefix)
 *   DOUBLE_COMPRESSION  `::` more than once
 *   EMPTY_GROUP         a lone `:` at the start or end, or `:::`
 *   BAD_GROUP           a group of more than 4 hex digits
 *   BAD_IPV4            a malformed embedded IPv4 tail, or one that is not at the end
 *   TOO_MANY_GROUPS     more than 8 groups (more than 7 with `::`)
 *   TOO_FEW_GROUPS      fewer than 8 groups and no `::`
 */
import { fail, type Failure } from './failure';
import { parseIpv4 } from './ipv4';
import { maskBits } from './bits';

export interface Ipv6Prefix {
	/** 8 numbers 0..65535; bits after prefixlen are zero. */
	hextets: number[];
	/** 0..128; 128 when the input had no `/len`. */
	prefixlen: number;
	error?: null;
}

export const IPV6_ERROR_CODES: string[] = [
	'NOT_A_STRING', 'TOO_LONG', 'EMPTY', 'BAD_BRACKETS', 'BAD_PREFIX_LENGTH', 'BAD_ZONE',
	'MISSING_ADDRESS', 'BAD_CHARACTER', 'IPV4_NOT_SUPPORTED', 'DOUBLE_COMPRESSION',
	'EMPTY_GROUP', 'BAD_GROUP', 'BAD_IPV4', 'TOO_MANY_GROUPS', 'TOO_FEW_GROUPS',
];

export const MAX_INPUT_LENGTH = 200;

/** Space, tab, CR, LF: what may surround pasted text. */
function isSpace(c: number | null): boolean {
	return c === 32 || c === 9 || c === 13 || c === 10;
}

/**
 * `text` without leading and trailing spaces, tabs, CRs and LFs. Written out because ucode's
 * trim(s, chars) also strips NUL bytes (it looks bytes up with strchr), which JavaScript would
 * not: this gives the same answer on both.
 */
export function trimSpaces(text: string): string {
	let first = 0;
	let end = length(text);
	while (first < end && isSpace(ord(text, first))) first++;
	while (end > first && isSpace(ord(text, end - 1))) end--;
	return substr(text, first, end - first);
}

/** Value of one hex digit byte, or -1. */
function hexDigit(c: number | null): number {
	if (c == null) return -1;
	if (c >= 48 && c <= 57) return c - 48;
	if (c >= 97 && c <= 102) return c - 87;
	if (c >= 65 && c <= 70) return c - 55;
	return -1;
}

/** A byte for an error message: the character itself when printable ASCII, else its hex code. */
function describeByte(c: number): string {
	if (c > 32 && c < 127 && c !== 39) return sprintf("'%s'", chr(c));
	return sprintf('byte 0x%02x', c);
}

function isZoneByte(c: number): boolean {
	return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
		|| c === 95 || c === 46 || c === 45;
}

/** Decimal prefix length 0..128, or -1. */
function parsePrefixLength(text: string): number {
	const digits = length(text);
	if (digits < 1 || digits > 3) return -1;
	let value = 0;
	for (let i = 0; i < digits; i++) {
		const c = ord(text, i);
		if (c == null || c < 48 || c > 57) return -1;
		value = value * 10 + (c - 48);
	}
	return value > 128 ? -1 : value;
}

interface GroupWords {
	words: number[];
	error?: null;
}

/**
 * Hex groups (already split at ':') → hextets. `ipv4Last`: the last group may be a
 * dotted IPv4 tail (worth two hextets).
 */
function groupsToWords(groups: readonly string[], ipv4Last: boolean): GroupWords | Failure {
	const words: number[] = [];
	const count = length(groups);
	for (let g = 0; g < count; g++) {
		const group = groups[g];
		if (group === '') return fail('EMPTY_GROUP', 'A single ":" at the start or end, or ":::", leaves an empty group.');
		if (index(group, '.') >= 0) {
			if (!ipv4Last || g !== count - 1) {
				return fail('BAD_IPV4', 'A dotted IPv4 part may only be the last 32 bits of the address.');
			}
			const octets = parseIpv4(group);
			if (octets == null) return fail('BAD_IPV4', sprintf('"%s" is not a valid dotted IPv4 tail.', group));
			push(words, octets[0] * 256 + octets[1], octets[2] * 256 + octets[3]);
			continue;
		}
		if (length(group) > 4) {
			return fail('BAD_GROUP', sprintf('The group "%s" has more than 4 hex digits.', group));
		}
		let word = 0;
		for (let i = 0; i < length(group); i++) word = word * 16 + hexDigit(ord(group, i));
		push(words, word);
	}
	return { words: words };
}

/** Parse what a user pasted (see the module comment for the accepted forms and the codes). */
export function parseIpv6(text: string): Ipv6Prefix | Failure {
	if (type(text) !== 'string') return fail('NOT_A_STRING', 'The input is not text.');
	if (length(text) > MAX_INPUT_LENGTH) {
		return fail('TOO_LONG', sprintf('The input is longer than %d characters.', MAX_INPUT_LENGTH));
	}
	const trimmed = trimSpaces(text);
	if (trimmed === '') return fail('EMPTY', 'Nothing was entered: expected an IPv6 prefix such as 240b:10:abcd:ef00::/56.');

	// Brackets: "[addr]" or "[addr]/len".
	let unbracketed = trimmed;
	if (ord(trimmed, 0) === 91) {
		const closing = index(trimmed, ']');
		if (closing < 0) return fail('BAD_BRACKETS', 'An opening "[" has no closing "]".');
		const after = substr(trimmed, closing + 1);
		if (after !== '' && ord(trimSpaces(after), 0) !== 47) {
			return fail('BAD_BRACKETS', 'Only a prefix length ("/56") may follow the closing "]".');
		}
		unbracketed = substr(trimmed, 1, closing - 1) + after;
	}
	if (index(unbracketed, '[') >= 0 || index(unbracketed, ']') >= 0) {
		return fail('BAD_BRACKETS', 'Brackets must enclose the whole address: [2001:db8::1].');
	}

	// Prefix length.
	const pieces = split(unbracketed, '/');
	if (length(pieces) > 2) return fail('BAD_PREFIX_LENGTH', 'More than one "/" in the input.');
	let prefixlen = 128;
	if (length(pieces) === 2) {
		const lengthText = trimSpaces(pieces[1]);
		prefixlen = parsePrefixLength(lengthText);
		if (prefixlen < 0) {
			if (lengthText === '') return fail('BAD_PREFIX_LENGTH', 'A "/" must be followed by a prefix length (0 to 128).');
			return fail('BAD_PREFIX_LENGTH', 'The prefix length after "/" must be a number from 0 to 128.');
		}
	}

	// Zone.
	let address = trimSpaces(pieces[0]);
	const percent = index(address, '%');
	if (percent >= 0) {
		const zone = substr(address, percent + 1);
		if (zone === '') return fail('BAD_ZONE', 'A "%" must be followed by an interface name (zone).');
		for (let i = 0; i < length(zone); i++) {
			const c = ord(zone, i) as number;
			if (!isZoneByte(c)) return fail('BAD_ZONE', sprintf('The zone (after "%%") contains %s.', describeByte(c)));
		}
		address = substr(address, 0, percent);
	}
	if (address === '') return fail('MISSING_ADDRESS', 'There is no IPv6 address before the prefix length or zone.');

	// Characters.
	let hasDot = false;
	let hasColon = false;
	for (let i = 0; i < length(address); i++) {
		const c = ord(address, i) as number;
		if (c === 46) hasDot = true;
		else if (c === 58) hasColon = true;
		else if (hexDigit(c) < 0) {
			return fail('BAD_CHARACTER', sprintf('%s cannot occur in an IPv6 address.', describeByte(c)));
		}
	}
	if (!hasColon) {
		if (hasDot) return fail('IPV4_NOT_SUPPORTED', 'This is an IPv4 address; MAP-E is identified by the IPv6 prefix of the line.');
		return fail('TOO_FEW_GROUPS', 'An IPv6 address has groups separated by ":".');
	}

	// Compression.
	let head = address;
	let tail = '';
	const compression = index(address, '::');
	const compressed = compression >= 0;
	if (compressed) {
		head = substr(address, 0, compression);
		tail = substr(address, compression + 2);
		if (index(tail, '::') >= 0) return fail('DOUBLE_COMPRESSION', '"::" may appear only once.');
	}
	const headGroups = head === '' ? [] : split(head, ':');
	const tailGroups = tail === '' ? [] : split(tail, ':');
	const headWords = groupsToWords(headGroups, !compressed);
	if (headWords.error != null) return headWords;
	const tailWords = groupsToWords(tailGroups, true);
	if (tailWords.error != null) return tailWords;
	const total = length(headWords.words) + length(tailWords.words);
	if (!compressed && total > 8) return fail('TOO_MANY_GROUPS', sprintf('%d groups; an IPv6 address has 8.', total));
	if (!compressed && total < 8) return fail('TOO_FEW_GROUPS', sprintf('%d groups and no "::"; an IPv6 address has 8.', total));
	if (compressed && total > 7) return fail('TOO_MANY_GROUPS', sprintf('%d groups plus "::"; at most 7 can be written with "::".', total));

	const hextets: number[] = [];
	for (const word of headWords.words) push(hextets, word);
	for (let i = total; i < 8; i++) push(hextets, 0);
	for (const word of tailWords.words) push(hextets, word);
	return { hextets: maskBits(hextets, prefixlen), prefixlen: prefixlen };
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run (≥ 2, first on a tie) of zero groups as "::". */
export function formatIpv6(hextets: readonly number[]): string {
	let bestStart = -1;
	let bestCount = 1;
	let runStart = -1;
	for (let i = 0; i < 8; i++) {
		if (hextets[i] === 0) {
			if (runStart < 0) runStart = i;
			if (i - runStart + 1 > bestCount) {
				bestCount = i - runStart + 1;
				bestStart = runStart;
			}
		} else {
			runStart = -1;
		}
	}
	const groups: string[] = [];
	for (let i = 0; i < 8; i++) push(groups, sprintf('%x', hextets[i]));
	if (bestStart < 0) return join(':', groups);
	return join(':', slice(groups, 0, bestStart)) + '::' + join(':', slice(groups, bestStart + bestCount));
}

/** A prefix as "text/len", e.g. "240b:10::/31". */
export function formatPrefix(hextets: readonly number[], prefixlen: number): string {
	return formatIpv6(hextets) + '/' + prefixlen;
}
