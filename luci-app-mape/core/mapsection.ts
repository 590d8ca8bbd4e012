/*
 * The `proto map` interface section for a calculation (shared/docs/japan-ipoe.md §3.3, §6):
 * every option set explicitly, so nothing depends on mapcalc's defaults (ealen defaults to
 * pdlen − prefixlen, wrong with a /64; offset defaults to 6, or 4 with legacymap).
 *
 * The PSID is deliberately not set: mapcalc reads it from the prefix, so the section stays
 * valid for every customer of the same rule, and an explicit value would have to be
 * left-aligned (a classic mistake).
 */
import { type MapeCalculation } from './mape';

/** Default name of the MAP interface: ≤ 11 characters, so the device `map-wanmap` fits IFNAMSIZ. */
export const DEFAULT_MAP_INTERFACE = 'wanmap';

/** [option, value] pairs of the MAP interface, in the order a person would write them. */
export function mapInterfaceOptions(calc: MapeCalculation, tunlink: string): string[][] {
	return [
		['proto', 'map'],
		['maptype', 'map-e'],
		['peeraddr', calc.br],
		['ipaddr', calc.ip4prefix],
		['ip4prefixlen', '' + calc.ip4prefixlen],
		['ip6prefix', calc.ip6prefix],
		['ip6prefixlen', '' + calc.ip6prefixlen],
		['ealen', '' + calc.ealen],
		['psidlen', '' + calc.psidlen],
		['offset', '' + calc.offset],
		['legacymap', '1'],
		['tunlink', tunlink],
		['mtu', '' + calc.mtu],
		['encaplimit', 'ignore'],
	];
}

/** A UCI value in the quoting `uci export` uses: single quotes, a quote written as '\''. */
export function quoteUciValue(value: string): string {
	return "'" + replace(value, "'", "'\\''") + "'";
}

/** A section as it appears in /etc/config/<config>. */
export function renderUciSection(sectionType: string, name: string, options: readonly string[][]): string {
	let text = sprintf('config %s %s\n', sectionType, quoteUciValue(name));
	for (const pair of options) text += sprintf('\toption %s %s\n', pair[0], quoteUciValue(pair[1]));
	return text;
}
