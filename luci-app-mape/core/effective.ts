/*
 * What an option means to the program that reads it. The plan writes an option only when
 * that changes something: an option whose effective value already is the wanted one is no
 * operation (a write would still make uci rewrite the whole file, dropping its comments).
 * The line state uses the same comparison, so a MAP interface counts as matching exactly
 * when the plan has nothing to write on it.
 *
 * The facts, from the readers' sources at the pinned releases (23.05.4, 24.10.4):
 *
 *   network, a proto map interface (map.sh, and netifd's system-linux.c for the tunnel):
 *     maptype       absent: the legacy option `type`, else map-e
 *     ip4prefixlen  absent: 32
 *     mtu           absent: 1280
 *     encaplimit    absent: ignore (netifd sets IP6_TNL_F_IGN_ENCAP_LIMIT unless a
 *                   limit is given)
 *     legacymap     a boolean (proto_config_add_boolean, read through libuci's blob.c:
 *                   "1"/"true" on, "0"/"false" off); absent off
 *     ealen, psidlen, offset have no fixed default (mapcalc derives them from the prefix
 *     and the other options), so they compare as written, like every option not listed
 *   network, a proto dslite interface (dslite.sh, the same tunnel code of netifd):
 *     mtu           absent: 1280
 *     encaplimit    absent: ignore
 *   dhcp, a dhcp section (odhcpd, blob.c booleans):  master  absent off
 *   firewall, a zone (fw4's parse_bool: 1/on/true/yes, 0/off/false/no):  mtu_fix  absent off
 *   mape, our settings (core/settings.ts):  snat, auto_follow  1/on/true/yes/enabled on,
 *     absent or empty on, anything else off
 *
 * Values compare as uci holds them: a string, or a list word by word (a list and a string
 * are different values, as they are to uci).
 */
import { type ConfigSection, optionString, sameValue } from './ucidata';
import { flagValue } from './settings';

/** How a boolean option is read: 'blob' (libuci's blob.c), 'fw4', 'mape' (our settings), or null. */
function booleanReader(config: string, section: ConfigSection, option: string): string | null {
	const kind = section['.type'];
	if (config == 'network' && kind == 'interface' && option == 'legacymap' && optionString(section, 'proto') == 'map') return 'blob';
	if (config == 'dhcp' && kind == 'dhcp' && option == 'master') return 'blob';
	if (config == 'firewall' && kind == 'zone' && option == 'mtu_fix') return 'fw4';
	if (config == 'mape' && kind == 'mape' && (option == 'snat' || option == 'auto_follow')) return 'mape';
	return null;
}

/** A boolean as its reader takes it (absent: the reader's default); null when the reader rejects the spelling. */
function readBoolean(reader: string, value: unknown): boolean | null {
	if (value != null && type(value) != 'string') return null;
	const text = value as string | null;
	if (reader == 'mape') return flagValue(text, true);
	if (text == null) return false;
	if (text == '1' || text == 'true') return true;
	if (text == '0' || text == 'false') return false;
	if (reader == 'fw4') {
		if (text == 'on' || text == 'yes') return true;
		if (text == 'off' || text == 'no') return false;
	}
	return null;
}

/** The value the reader uses for an option that is absent from `section`, or null when it has none. */
export function defaultValue(config: string, section: ConfigSection, option: string): string | null {
	const kind = config == 'network' && section['.type'] == 'interface' ? optionString(section, 'proto') : null;
	if (kind != 'map' && kind != 'dslite') return null;
	if (option == 'mtu') return '1280';
	if (option == 'encaplimit') return 'ignore';
	if (kind == 'dslite') return null;
	if (option == 'maptype') {
		const legacy = optionString(section, 'type');
		return legacy != null && legacy != '' ? legacy : 'map-e';
	}
	if (option == 'ip4prefixlen') return '32';
	return null;
}

/**
 * True when giving `option` of the existing `section` the value `wanted` (null: removing
 * it) changes nothing for the program that reads it.
 */
export function sameEffect(config: string, section: ConfigSection, option: string, wanted: string | string[] | null): boolean {
	const current = section[option];
	const reader = booleanReader(config, section, option);
	if (reader != null) {
		const now = readBoolean(reader, current);
		const then = readBoolean(reader, wanted);
		if (now != null && then != null) return now == then;
	}
	const fallback = defaultValue(config, section, option);
	return sameValue(current != null ? current : fallback, wanted != null ? wanted : fallback);
}
