/*
 * Ports kept out of the SNAT pool (core/snat.ts): inbound forwards must find their external
 * port free, so no outgoing connection may be mapped to it.
 *
 *   parseReserved(text)          "8080,5000-5010 6000:6010" → merged [first, last] ranges
 *                                (mape.reserved_ports, `mape snat --reserve`)
 *   mergeRanges(ranges)          sorted, touching/overlapping ranges joined
 *   redirectReserved(firewall, iface)   the external ports of fw4 port forwards that reach
 *                                the MAP interface, as data → { ranges, skipped }
 *
 * Which redirects count (what fw4 does with them, firewall4's parse_redirect): sections of
 * type `redirect` that are enabled (`enabled` not 0/no/off/false/disabled), whose target is
 * DNAT (the default; SNAT redirects rewrite sources, not inbound ports), not IPv6-only
 * (`family` ipv6: the MAP IPv4 is not involved) and whose `src` zone lists the MAP interface in
 * its `network` option. Their `src_dport` is one or more ports or ranges separated by spaces
 * ("8080", "5000-5010", "5000:5010"); a redirect without src_dport forwards every port and
 * reserves nothing (the pool cannot exclude everything), and a value that is not a port or a
 * range (a service name, a negation "!80") is skipped with a note in `skipped`, for the log.
 *
 * Error code: BAD_RESERVED (parseReserved only; redirects never fail, they are skipped).
 */
import { fail, type Failure } from './failure';
import { type ConfigSection, optionString, optionList, sectionsOfType } from './ucidata';

export interface RedirectReservation {
	/** Merged [first, last] ranges of the redirects' external ports. */
	ranges: number[][];
	/** One sentence per src_dport value that was not reserved (for the log). */
	skipped: string[];
}

/** 1-5 decimal digits as an int (leading zeros allowed), or null. */
function digits(text: string): number | null {
	const count = length(text);
	if (count < 1 || count > 5) return null;
	let value = 0;
	for (let i = 0; i < count; i++) {
		const c = ord(text, i);
		if (c == null || c < 48 || c > 57) return null;
		value = value * 10 + (c - 48);
	}
	return value;
}

/** "80", "5000-5010" or "5000:5010" → [first, last] within 1-65535, first ≤ last; else null. */
function portRange(word: string): number[] | null {
	const dash = index(word, '-');
	const sep = dash >= 0 ? dash : index(word, ':');
	const first = digits(sep >= 0 ? substr(word, 0, sep) : word);
	const last = sep >= 0 ? digits(substr(word, sep + 1)) : first;
	if (first == null || last == null || first < 1 || last > 65535 || first > last) return null;
	return [first, last];
}

/** Ranges sorted by first port and merged where they touch or overlap. */
export function mergeRanges(ranges: readonly number[][]): number[][] {
	const sorted = sort(slice(ranges), (a: number[], b: number[]) => a[0] - b[0]);
	const merged: number[][] = [];
	for (const r of sorted) {
		const last = length(merged) > 0 ? merged[length(merged) - 1] : null;
		if (last != null && r[0] <= last[1] + 1) last[1] = max(last[1], r[1]);
		else push(merged, [r[0], r[1]]);
	}
	return merged;
}

/** "8080,5000-5010 6000:6010" (commas and/or spaces) → merged [first, last] ranges; "" → []. */
export function parseReserved(text: string): number[][] | Failure {
	const ranges: number[][] = [];
	for (const word of split(trim(replace(text, /[ \t]+/g, ',')), ',')) {
		if (word == '') continue;
		const r = portRange(word);
		if (r == null) return fail('BAD_RESERVED', sprintf('"%s" is not a port (1-65535) or a range first-last.', word));
		push(ranges, r);
	}
	return mergeRanges(ranges);
}

/** fw4's bool: these spellings are false, anything else (and unset) true. */
function enabled(value: string | null): boolean {
	return value == null || index(['0', 'no', 'off', 'false', 'disabled'], lc(value)) < 0;
}

/** Names of the firewall zones whose `network` lists iface. */
function zonesOf(firewall: readonly ConfigSection[], iface: string): string[] {
	const names: string[] = [];
	for (const zone of sectionsOfType(firewall, 'zone')) {
		const name = optionString(zone, 'name');
		if (name != null && name != '' && index(optionList(zone, 'network'), iface) >= 0) push(names, name);
	}
	return names;
}

/** The external ports of the enabled DNAT redirects from a zone holding iface (see the module comment). */
export function redirectReserved(firewall: readonly ConfigSection[], iface: string): RedirectReservation {
	const zones = zonesOf(firewall, iface);
	const ranges: number[][] = [];
	const skipped: string[] = [];
	for (const r of sectionsOfType(firewall, 'redirect')) {
		if (!enabled(optionString(r, 'enabled'))) continue;
		const target = optionString(r, 'target');
		if (target != null && target != '' && lc(target) != 'dnat') continue;
		const family = optionString(r, 'family');
		if (family != null && (lc(family) == 'ipv6' || family == '6')) continue;
		const src = optionString(r, 'src');
		if (src == null || index(zones, src) < 0) continue;
		const label = optionString(r, 'name');
		for (const word of optionList(r, 'src_dport')) {
			const range = portRange(word);
			if (range != null) push(ranges, range);
			else push(skipped, sprintf('port forward "%s": src_dport "%s" is not a port number or range, not reserved', label != null && label != '' ? label : r['.name'], word));
		}
	}
	return { ranges: mergeRanges(ranges), skipped: skipped };
}
