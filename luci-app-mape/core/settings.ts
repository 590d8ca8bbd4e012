/*
 * Our own configuration, /etc/config/mape: the first section of type `mape`
 * (`mape.@mape[0]`, shipped as `config mape 'config'`).
 *
 *   option interface   'wanmap'   name of the MAP interface we manage (≤ 11 characters,
 *                                 not wan6_map / wan6_4; japan-ipoe.md §6)
 *   option dslite_interface 'wandslite'  name of the DS-Lite interface we manage on a DS-Lite
 *                                 line (≤ 12 characters: dslite.sh names the tunnel device
 *                                 ds-<name>, and a device name has at most 15; not wan6_4,
 *                                 the name odhcp6c's script gives a tunnel of its own; not
 *                                 the MAP interface's name)
 *   option tunlink     'wan6'     the IPv6 uplink interface (default: `wan6`, else the first
 *                                 proto dhcpv6 interface)
 *   option auto_follow '1'        re-apply on wan6 ifup/ifupdate when the parameters changed
 *   option snat        '1'        install the all-port-sets SNAT table on MAP ifup
 *   option mtu         ''         MTU override for the tunnel interface, MAP-E or DS-Lite
 *                                 (default: the rule's, 1460 for DS-Lite)
 *   option aftr        ''         AFTR override for DS-Lite lines: a name or an IPv6
 *                                 address (default: the VNE's AFTR name). For a resolver
 *                                 that cannot resolve the VNE's name (custom or DoH
 *                                 upstreams: provisioning.md §2.4), pin an address here;
 *                                 an edit of the interface's peeraddr itself would be
 *                                 undone by auto_follow like any edit of our interface
 *   list reserved_ports …         inbound ports kept out of SNAT besides port forwards
 *                                 (e.g. a UPnP range; "8080", "5000-5010", "5000:5010"). The
 *                                 external ports of fw4 port forwards from the MAP interface's
 *                                 zone are kept out automatically (core/reserved.ts).
 *   option hb46pp      '1'        HB46PP provisioning (router/provision_command.ts): ask the
 *                                 line's DNS servers for the TXT record of 4over6.info and,
 *                                 if there is one, the provider's provisioning server it
 *                                 names; '0' turns it off: nothing is asked or sent
 *   option vendorid    ''         the vendorid sent to that server (6 hex digits [+ "-" + up
 *                                 to 24 of 0-9A-Za-z_]); default: the OUI of the uplink's
 *                                 MAC + "-luci_app_mape" (core/hb46pp.ts defaultVendorId)
 *
 * A manual basic mapping rule, for prefixes the rule table does not know (the Setup page's
 * advanced form writes these; they map 1:1 to core/mape.ts calculateManual()):
 *   option manual      '1'        use the options below instead of the rule table
 *   option br                     border relay IPv6 address (the MAP interface's peeraddr)
 *   option ip6prefix, ip6prefixlen   rule IPv6 prefix and its length
 *   option ip4prefix, ip4prefixlen   rule IPv4 prefix and its length
 *   option ealen, psidlen, offset    EA bits, PSID length, PSID offset
 * They are read as given; the engine validates them when it computes (core/linestate.ts),
 * so bad values show up as its codes (BAD_BR, BAD_IP6PREFIX…, EALEN_MISMATCH…) in status
 * and plan, and nothing is changed. Without `manual 1` they are ignored.
 *
 * Error codes: BAD_INTERFACE_NAME, BAD_MTU, BAD_AFTR.
 */
import { type ConfigSection, type ConfigData, optionString, optionList, sectionsOfType, findNamed, findByOption } from './ucidata';
import { DEFAULT_MAP_INTERFACE } from './mapsection';
import { DEFAULT_DSLITE_INTERFACE } from './dslitetarget';
import { fail, type Failure } from './failure';
import { type ManualParameters } from './mape';

export const SETTINGS_TYPE = 'mape';
/** Name of the section we create when /etc/config/mape has none. */
export const SETTINGS_SECTION = 'config';

export interface Settings {
	/** The settings section's name, or null when there is none yet. */
	section: string | null;
	interface: string;
	/** Name of the DS-Lite interface we manage. */
	dslite: string;
	/** Explicitly configured uplink, or null (then found in the network config). */
	tunlink: string | null;
	auto_follow: boolean;
	snat: boolean;
	/** MTU override, or 0. */
	mtu: number;
	/** AFTR override, or null. */
	aftr: string | null;
	reserved_ports: string[];
	/** HB46PP provisioning on (the default) or off. */
	hb46pp: boolean;
	/** The configured vendorid (validated when a request is built), or null for the default. */
	vendorid: string | null;
	/** The manual rule's parameters when `manual` is on (unvalidated), else null. */
	manual: ManualParameters | null;
	error?: null;
}

/** A flag of /etc/config/mape: 1/on/true/yes/enabled are on, anything else off; absent or empty: `fallback`. */
export function flagValue(value: string | null, fallback: boolean): boolean {
	if (value == null || value == '') return fallback;
	return value == '1' || value == 'on' || value == 'true' || value == 'yes' || value == 'enabled';
}

/** An option trimmed of spaces; absent or empty → null (the engine then names it missing). */
function trimmed(s: ConfigSection | null, option: string): string | null {
	const value = optionString(s, option);
	if (value == null) return null;
	const text = trim(value);
	return text != '' ? text : null;
}

/** The manual rule's parameters when `manual` is on, else null. */
function readManual(s: ConfigSection | null): ManualParameters | null {
	if (!flagValue(optionString(s, 'manual'), false)) return null;
	return {
		br: trimmed(s, 'br') as string,
		ip6prefix: trimmed(s, 'ip6prefix') as string,
		ip6prefixlen: trimmed(s, 'ip6prefixlen') as string,
		ip4prefix: trimmed(s, 'ip4prefix') as string,
		ip4prefixlen: trimmed(s, 'ip4prefixlen') as string,
		ealen: trimmed(s, 'ealen') as string,
		psidlen: trimmed(s, 'psidlen') as string,
		offset: trimmed(s, 'offset') as string,
	};
}

/** A tunnel interface name netifd and the kernel accept (device map-<name> or ds-<name> ≤ 15 bytes). */
export function validInterfaceName(name: string, longest?: number): boolean {
	if (length(name) < 1 || length(name) > (longest ?? 11)) return false;
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
	const dsName = optionString(s, 'dslite_interface');
	const dslite = dsName != null && dsName != '' ? dsName : DEFAULT_DSLITE_INTERFACE;
	if (!validInterfaceName(dslite, 12) || dslite == iface) {
		return fail('BAD_INTERFACE_NAME', sprintf('mape.dslite_interface "%s" is not usable: 1 to 12 letters, digits or _, not wan6_4, and not the MAP interface\'s name.', dslite));
	}
	const mtuText = optionString(s, 'mtu');
	let mtu = 0;
	if (mtuText != null && mtuText != '') {
		mtu = match(mtuText, /^[0-9]+$/) != null ? int(mtuText) : -1;
		if (mtu < 1280 || mtu > 9000) return fail('BAD_MTU', 'mape.mtu must be a whole number from 1280 to 9000.');
	}
	const aftr = trimmed(s, 'aftr');
	if (aftr != null && (length(aftr) > 253 || match(aftr, /^[0-9A-Za-z.:-]+$/) == null)) {
		return fail('BAD_AFTR', 'mape.aftr must be a host name or an IPv6 address.');
	}
	const tunlink = optionString(s, 'tunlink');
	return {
		section: s != null ? s['.name'] : null,
		interface: iface,
		dslite: dslite,
		tunlink: tunlink != null && tunlink != '' ? tunlink : null,
		auto_follow: flagValue(optionString(s, 'auto_follow'), true),
		snat: flagValue(optionString(s, 'snat'), true),
		mtu: mtu,
		aftr: aftr,
		reserved_ports: optionList(s, 'reserved_ports'),
		hb46pp: flagValue(optionString(s, 'hb46pp'), true),
		vendorid: trimmed(s, 'vendorid'),
		manual: readManual(s),
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
