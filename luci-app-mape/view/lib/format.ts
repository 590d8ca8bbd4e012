/*
 * Value formatting for the MAP-E pages: services, line types, port ranges, counts.
 * Pure functions over `_()`; every result is plain text (the views put it in text nodes).
 */

/** The service's name as Japanese users know it (rule table key → label). */
export function serviceLabel(service: string | null | undefined): string {
	switch (service) {
		case 'v6plus': return _('v6plus (JPNE)');
		case 'biglobe-east': return _('BIGLOBE IPv6 option');
		case 'biglobe-west': return _('BIGLOBE IPv6 option');
		case 'ocn': return _('OCN Virtual Connect');
		case 'nuro': return _('NURO Hikari');
		case 'transix': return _('transix (Internet Multifeed)');
		case 'xpass': return _('Xpass (ARTERIA)');
		case 'v6connect': return _('v6 Connect (ASAHI Net)');
		case 'manual': return _('Manual rule');
		case null: case undefined: case '': return '-';
		default: return service;
	}
}

/** The method's name: "MAP-E" or "DS-Lite" (the same in every language). */
export function methodLabel(method: string | null | undefined): string {
	return method == 'dslite' ? 'DS-Lite' : method == 'map-e' ? 'MAP-E' : '-';
}

/** Where a calculation's parameters come from (calc.source). */
export function sourceLabel(source: string | null | undefined): string {
	if (source == 'hb46pp') return _('Provider (HB46PP)');
	if (source == 'manual') return _('Manual rule');
	return source == 'table' ? _('Built-in table') : source || '-';
}

/** Seconds as whole hours, or minutes below an hour: "24 hours", "5 minutes". */
export function duration(seconds: number): string {
	return seconds >= 3600
		? N_(Math.round(seconds / 3600), '%d hour', '%d hours').format(Math.round(seconds / 3600))
		: N_(Math.ceil(seconds / 60), '%d minute', '%d minutes').format(Math.ceil(seconds / 60));
}

/** The area a service key implies (BIGLOBE's rules differ by NTT East / West), or ''. */
export function serviceArea(service: string | null | undefined): string {
	if (service == 'biglobe-east') return _('NTT East');
	if (service == 'biglobe-west') return _('NTT West');
	if (service == 'nuro') return _('NURO network (not FLET\'S)');
	return '';
}

/** "/64 by RA (no prefix delegation)" or "/56 prefix delegation". */
export function lineLabel(line: string | null | undefined, pdlen?: number): string {
	if (line == 'ra64') return _('/64 by router advertisement (no prefix delegation)');
	if (line == 'pd') return _('/%d prefix delegation (DHCPv6-PD)').format(pdlen && pdlen > 0 ? pdlen : 56);
	return _('No IPv6 received');
}

/** A short line type for tables: "/64 RA" or "/56 PD". */
export function lineShort(line: string | null | undefined, pdlen?: number): string {
	if (line == 'ra64') return _('/64 (RA)');
	if (line == 'pd') return _('/%d (PD)').format(pdlen && pdlen > 0 ? pdlen : 56);
	return '-';
}

/** "7920-7935" */
export function portRange(range: readonly number[]): string {
	return range[0] == range[1] ? String(range[0]) : `${range[0]}-${range[1]}`;
}

/** Port sets compactly: all ranges joined, e.g. "7920-7935, 12016-12031, …". */
export function portRanges(sets: readonly (readonly number[])[] | null | undefined): string {
	if (!sets || sets.length == 0) return '-';
	return sets.map(portRange).join(', ');
}

/** "15 groups × 16 ports = 240 ports" */
export function portSummary(sets: readonly (readonly number[])[] | null | undefined, total?: number): string {
	if (!sets || sets.length == 0) return '-';
	const size = sets[0][1] - sets[0][0] + 1;
	const ports = total ?? sets.reduce((n, s) => n + (s[1] - s[0] + 1), 0);
	return _('%d port sets × %d ports = %d ports').format(sets.length, size, ports);
}

/** Integer with thousands separators as the browser's locale writes them. */
export function count(n: number): string {
	return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
}

/** 0..100, rounded. */
export function percent(part: number, whole: number): number {
	if (!(whole > 0)) return 0;
	return Math.min(100, Math.max(0, Math.round((part / whole) * 100)));
}

/** An option value (string or list) as text. */
export function optionText(value: string | readonly string[] | null | undefined): string {
	if (value == null) return '';
	if (Array.isArray(value)) return value.join(' ');
	return String(value);
}

/** "addr/len" when given an address and a length. */
export function prefixText(address: string | null | undefined, len?: number | null): string {
	if (!address) return '-';
	return len != null ? `${address}/${len}` : address;
}
