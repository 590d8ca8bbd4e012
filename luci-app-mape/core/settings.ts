/*
 * Our own configuration, /etc/config/mape: the first section of type `mape`
 * (`mape.@mape[0]`, shipped as `config mape 'config'`).
 *
 *   option interface   'wanmap'   name of the MAP interface we manage (≤ 11 characters,
 *                                 not wan6_map / wan6_4; japan-ipoe.md §6)
 *   option tunlink     'wan6'     the IPv6 uplink interface (default: `wan6`, else the first
 *                                 proto dhcpv6 interface)
 *   option auto_follow '1'        re-apply on wan6 ifup/ifupdate when the parameters changed
 *   option snat        '1'        install the all-port-sets SNAT table on MAP ifup
 *   option mtu         ''         MTU override for the MAP interface (default: the rule's)
 *   list reserved_ports …         ports kept out of SNAT (forwarded ports; "8080", "5000-5010",
 *                                 "5000:5010"). The external ports of fw4 port forwards from
 *                                 the MAP interface's zone are kept out too (core/reserved.ts).
 *
 * Error codes: BAD_INTERFACE_NAME, BAD_MTU.
 */
import { type ConfigSection, type ConfigData, optionString, optionList, sectionsOfType, findNamed, findByOption } from './ucidata';
import { DEFAULT_MAP_INTERFACE } from './mapsection';
import { fail, type Failure } from './failure';

export const SETTINGS_TYPE = 'mape';
/** Name of the section we create when /etc/config/mape has none. */
export const SETTINGS_SECTION = 'config';

export interface Settings {
	/** The settings section's name, or null when there is none yet. */
	section: string | null;
	interface: string;
	/** Explicitly configured uplink, or null (then found in the network config). */
	tunlink: string | null;
	auto_follow: boolean;
	snat: boolean;
	/** MTU override, or 0. */
	mtu: number;
	reserved_ports: string[];
	error?: null;
}

function flag(value: string | null, fallback: boolean): boolean {
	if (value == null || value == '') return fallback;
	return value == '1' || value == 'on' || value == 'true' || value == 'yes' || value == 'enabled';
}

/** A MAP interface name netifd and the kernel accept (device map-<name> ≤ 15 bytes). */
export function validInterfaceName(name: string): boolean {
	if (length(name) < 1 || length(name) > 11) return false;
	if (name == 'wan6_map' || name == 'wan6_4') return false;
	return match(name, /^[A-Za-z0-9_]+$/) != null;
}

export function readSettings(sections: readonly ConfigSection[]): Settings | Failure {
	const list = sectionsOfType(sections, SETTINGS_TYPE);
	const s = length(list) > 0 ? list[0] : null;
	const name = optionString(s, 'interface');
	const iface = name != null && name != '' ? name : DEFAULT_MAP_INTERFACE;
	if (!validInterfaceName(iface)) {
		return fail('BAD_INTERFACE_NAME', sprintf('mape.interface "%s" is not usable: 1 to 11 letters, digits or _, and not wan6_map or wan6_4.', iface));
	}
	const mtuText = optionString(s, 'mtu');
	let mtu = 0;
	if (mtuText != null && mtuText != '') {
		mtu = match(mtuText, /^[0-9]+$/) != null ? int(mtuText) : -1;
		if (mtu < 1280 || mtu > 9000) return fail('BAD_MTU', 'mape.mtu must be a whole number from 1280 to 9000.');
	}
	const tunlink = optionString(s, 'tunlink');
	return {
		section: s != null ? s['.name'] : null,
		interface: iface,
		tunlink: tunlink != null && tunlink != '' ? tunlink : null,
		auto_follow: flag(optionString(s, 'auto_follow'), true),
		snat: flag(optionString(s, 'snat'), true),
		mtu: mtu,
		reserved_ports: optionList(s, 'reserved_ports'),
	};
}

/** The uplink (tunlink) interface: configured, else `wan6`, else the first proto dhcpv6 interface. */
export function uplinkName(settings: Settings, data: ConfigData): string | null {
	if (settings.tunlink != null) return settings.tunlink;
	const wan6 = findNamed(data.network, 'wan6');
	if (wan6 != null && wan6['.type'] == 'interface') return 'wan6';
	const dhcpv6 = findByOption(data.network, 'interface', 'proto', 'dhcpv6');
	return dhcpv6 != null ? dhcpv6['.name'] : null;
}
