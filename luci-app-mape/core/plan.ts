/*
 * The plan: the exact UCI changes that take the current configuration to the target for
 * the line's method, MAP-E or DS-Lite (design.md "What Auto configure does", step 3). Pure:
 * configs + detection in, a list of operations out. The view shows it as a diff and stages
 * it through LuCI's uci API; the CLI applies it with the uci module. It names nothing it
 * does not change, so a configured router gets an empty plan, and applying a plan twice
 * changes nothing.
 *
 * Operation: { op, config, section, type, option, old, new, anonymous, ref, label }
 *   op "add"     create the named section `section` of type `type` (option/old null)
 *   op "set"     set `option` to `new` (a string, or an array for a list); `old` is the
 *                current value or null
 *   op "delete"  remove `option` (`old` is what goes away, `new` null)
 *   op "remove"  remove the whole section `section` (option/old/new null)
 * `section` addresses the section for staging: for an anonymous one (`anonymous` true,
 * e.g. the stock wan zone) that is libuci's generated id. People see `ref` (`uci show`'s
 * name: `@zone[1]`) and `label` (the zone's name, `wan`) instead (core/ucidata.ts).
 *
 * Target, MAP-E line:
 *   network  MAP interface (our name from /etc/config/mape, default wanmap; an existing
 *            hand-made proto map interface is reused by its name): every option of
 *            mapInterfaceOptions(), without `rule`/`psid`;
 *            uplink (wan6), ra64 lines: `extendprefix 1` — RFC 7278: netifd lists the RA
 *            /64 as an ipv6-prefix, so mapcalc finds it (japan-ipoe.md §7). Chosen over
 *            `ip6prefix <live /64>`, which is a hard-coded copy of the prefix that goes
 *            stale when the prefix changes and then points mapcalc at a prefix the line
 *            no longer has; an `ip6prefix` left on wan6 is removed for the same reason;
 *            pd lines: `lan.ip6assign 64`;
 *   mape     `snat 1` when SNAT is switched off; `interface` when the MAP interface is
 *            not the configured one.
 * Target, DS-Lite line (core/dslitetarget.ts):
 *   network  DS-Lite interface (mape.dslite_interface, default wandslite; an existing
 *            hand-made proto dslite interface is reused by its name): proto dslite,
 *            peeraddr the AFTR, tunlink the uplink, mtu 1460, encaplimit ignore, no
 *            ip6addr;
 *            uplink: `iface_dslite 0`, so that an AFTR-Name in a DHCPv6 reply (option 64)
 *            cannot make odhcp6c's script add a second DS-Lite tunnel (wan6_4) of its own
 *            (dhcpv6.sh/dhcpv6.script of 23.05 and 24.10; provisioning.md §2.3). Left in
 *            place when the line goes back to MAP-E: such a tunnel has no place there
 *            either. extendprefix and ip6assign are MAP-E's business and are not touched;
 *   mape     `dslite_interface` when the DS-Lite interface is not the configured one.
 *            No SNAT: the AFTR translates (the SNAT hotplug acts on MAP interfaces only).
 * Both:
 *   network  25.12 (network.globals.dhcp_default_duid present): `wan6.clientid` =
 *            00030001 + the uplink MAC (DUID-LL), when wan6 has none (§8);
 *   dhcp     ra64: the uplink's dhcp section `master 1`, ra/dhcpv6/ndp `relay`; the LAN's
 *            ra/dhcpv6/ndp `relay`; pd: LAN ra/dhcpv6 `server` (ndp relay removed), and
 *            relay settings on the uplink's dhcp section removed;
 *   firewall the wan zone (name `wan`, else the zone holding the uplink) lists the tunnel
 *            interface (unless some zone already does, or the interface names its zone)
 *            and the uplink; `mtu_fix 1`.
 *
 * Switching methods (the line's prefix moved between a MAP-E and a DS-Lite VNE): our
 * interface of the other method (named as in /etc/config/mape, which is also how a reused
 * hand-made one became ours) is removed, and every zone stops listing it. One of the other
 * method that is not ours is left as it is, with a FOREIGN_TUNNEL_KEPT warning: it was made
 * by hand for a reason we cannot know, and a backup restore brings back only what we did.
 *
 * On an existing section an option is written only when that changes what its reader does
 * (core/effective.ts: `mtu_fix yes` is already on, an absent `snat` already means on, an
 * absent `encaplimit` on a tunnel interface already means ignore). So a configured router
 * gets an empty plan, and a config file the plan has nothing real to change in is not in
 * the plan at all: committing it would rewrite it and drop its comments. A section the
 * plan creates gets every option written out.
 *
 * Error codes: those of detection (WAN6_MISSING, WAN6_DOWN, engine codes),
 * MULTIPLE_MAP_INTERFACES / MULTIPLE_DSLITE_INTERFACES (more than one of the line's
 * method), NAME_CONFLICT (our name is taken by a section that is not an interface of that
 * proto), NO_WAN_ZONE, DSLITE_UNAVAILABLE (netifd has no dslite protocol: package ds-lite
 * missing), and the settings codes (BAD_INTERFACE_NAME, BAD_MTU).
 * Warning codes: those of detection, DUID_MAC_UNKNOWN, NO_LAN, FOREIGN_TUNNEL_KEPT.
 */
import { type ConfigData, type ConfigSection, findNamed, findByOption, sectionsOfType, optionString, optionList, sectionRef, sectionLabel, sameValue, MANAGED_CONFIGS } from './ucidata';
import { sameEffect } from './effective';
import { SETTINGS_SECTION, SETTINGS_TYPE } from './settings';
import { type Detection, protoInterfaces } from './linestate';
import type { Message, Plan, PlanOp } from '../types/api';
import { targetMapOptions, MAP_FORBIDDEN_OPTIONS } from './maptarget';
import { targetDsliteOptions, DSLITE_FORBIDDEN_OPTIONS } from './dslitetarget';
import { type MapeCalculation } from './mape';
import { type DsliteCalculation } from './dslite';

export interface PlanFailure {
	error: Message;
}

export const PLAN_ERROR_CODES: string[] = ['WAN6_MISSING', 'WAN6_DOWN', 'MULTIPLE_MAP_INTERFACES', 'MULTIPLE_DSLITE_INTERFACES', 'NAME_CONFLICT', 'NO_WAN_ZONE', 'DSLITE_UNAVAILABLE'];

interface Builder {
	data: ConfigData;
	ops: PlanOp[];
	added: { [key: string]: string };
}

function sectionsOf(data: ConfigData, config: string): ConfigSection[] {
	if (config == 'network') return data.network;
	if (config == 'firewall') return data.firewall;
	if (config == 'dhcp') return data.dhcp;
	return data.mape;
}

function failure(code: string, message: string): PlanFailure {
	return { error: { code: code, message: message } };
}

/** One operation on `config.name` (`section`: the existing section, or null for one the plan adds). */
function operation(b: Builder, kind: string, config: string, name: string, sectionKind: string, section: ConfigSection | null,
	option: string | null, old: string | string[] | null, value: string | string[] | null): PlanOp {
	const sections = sectionsOf(b.data, config);
	return {
		op: kind, config: config, section: name, type: sectionKind, option: option, old: old, new: value,
		anonymous: section != null && section['.anonymous'] == true,
		ref: section != null ? sectionRef(sections, section) : name,
		label: section != null ? sectionLabel(sections, section) : name,
	};
}

/** Wants `config.name.option` = value (null: absent); adds the section first if needed. */
function want(b: Builder, config: string, name: string, sectionKind: string, option: string, value: string | string[] | null): void {
	const section = findNamed(sectionsOf(b.data, config), name);
	const key = config + '.' + name;
	if (section == null && b.added[key] == null) {
		if (value == null) return;
		push(b.ops, operation(b, 'add', config, name, sectionKind, null, null, null, sectionKind));
		b.added[key] = sectionKind;
	}
	const current = section != null ? section[option] : null;
	// An existing section: nothing to do when the option already has the wanted effect
	// (core/effective.ts). A section the plan creates gets every option written out.
	if (section != null ? sameEffect(config, section, option, value) : value == null) return;
	const kind = section != null ? section['.type'] : sectionKind;
	if (value == null) push(b.ops, operation(b, 'delete', config, name, kind, section, option, current as string | string[], null));
	else push(b.ops, operation(b, 'set', config, name, kind, section, option, current == null ? null : current as string | string[], value));
}

/** Removes `option` when its value is one of `values`. */
function removeIf(b: Builder, config: string, section: ConfigSection, option: string, unwanted: readonly string[]): void {
	const current = optionString(section, option);
	if (current != null && index(unwanted, current) >= 0) want(b, config, section['.name'], section['.type'], option, null);
}

/** True when some zone lists `name` in its networks. */
function zoned(data: ConfigData, name: string): boolean {
	for (const zone of sectionsOfType(data.firewall, 'zone')) {
		if (index(optionList(zone, 'network'), name) >= 0) return true;
	}
	return false;
}

function wanZone(data: ConfigData, uplink: string): ConfigSection | null {
	const byName = findByOption(data.firewall, 'zone', 'name', 'wan');
	if (byName != null) return byName;
	for (const zone of sectionsOfType(data.firewall, 'zone')) {
		if (index(optionList(zone, 'network'), uplink) >= 0) return zone;
	}
	return null;
}

/** The DUID-LL client id for a MAC ("aa:bb:…" → "00030001aabb…"), or null if it is no MAC. */
export function duidLL(mac: string | null): string | null {
	if (mac == null || match(mac, /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/) == null) return null;
	return '00030001' + lc(replace(mac, ':', ''));
}

/** The plan for this router (see the module comment). */
export function makePlan(data: ConfigData, detection: Detection): Plan | PlanFailure {
	if (detection.error != null) return { error: detection.error };
	const calc = detection.calc;
	if (calc == null || detection.input == null || detection.uplink.interface == null) return failure('WAN6_DOWN', 'No calculation for the uplink.');
	const settings = detection.settings;
	const uplink = detection.uplink.interface;
	const line = detection.uplink.line;
	const warnings: Message[] = slice(detection.warnings);
	const dslite = calc.method == 'dslite';
	const protocol = dslite ? 'dslite' : 'map';
	const ours = dslite ? settings.dslite : settings.interface;
	if (dslite && detection.protocols != null && index(detection.protocols, 'dslite') < 0) {
		return failure('DSLITE_UNAVAILABLE', 'netifd has no dslite protocol: install the ds-lite package (opkg install ds-lite; apk add ds-lite on 25.12), then try again.');
	}

	// The tunnel interface: reuse the only one of the line's proto, else create ours.
	const existing = protoInterfaces(data, protocol);
	if (length(existing) > 1) {
		return failure(dslite ? 'MULTIPLE_DSLITE_INTERFACES' : 'MULTIPLE_MAP_INTERFACES', sprintf('More than one proto %s interface is configured (%s); remove all but one, then try again.', protocol, join(', ', map(existing, (s) => s['.name']))));
	}
	const name = length(existing) == 1 ? existing[0]['.name'] : ours;
	if (length(existing) == 0 && findNamed(data.network, name) != null) {
		return failure('NAME_CONFLICT', sprintf('network.%s exists but is not a proto %s interface; choose another name in /etc/config/mape (option %s) or remove it.', name, protocol, dslite ? 'dslite_interface' : 'interface'));
	}
	if (name == uplink) return failure('NAME_CONFLICT', 'The tunnel interface and the uplink have the same name.');
	// Reusing a hand-made interface under the name /etc/config/mape gives the other method's
	// would make the two names equal, which the settings refuse.
	if (name == (dslite ? settings.interface : settings.dslite)) {
		return failure('NAME_CONFLICT', sprintf('network.%s is a proto %s interface, but /etc/config/mape names the other method\'s interface so; rename one of them.', name, protocol));
	}
	const zone = wanZone(data, uplink);
	if (zone == null) return failure('NO_WAN_ZONE', sprintf('No firewall zone named wan or holding %s: add one, then try again.', uplink));

	const b: Builder = { data: data, ops: [], added: {} };

	// network: the other method's interface goes when it is ours, else it is reported.
	const otherProto = dslite ? 'map' : 'dslite';
	const removed: string[] = [];
	for (const s of protoInterfaces(data, otherProto)) {
		const other = s['.name'];
		if (other == (dslite ? settings.interface : settings.dslite)) {
			push(b.ops, operation(b, 'remove', 'network', other, 'interface', s, null, null, null));
			push(removed, other);
		} else {
			push(warnings, { code: 'FOREIGN_TUNNEL_KEPT', message: sprintf('network.%s (proto %s) was not set up by this package and is left as it is, but it does not belong on a %s line: remove it if it is not needed.', other, otherProto, dslite ? 'DS-Lite' : 'MAP-E') });
		}
	}

	// network: the tunnel interface and the uplink.
	const target = dslite ? targetDsliteOptions(calc as DsliteCalculation, uplink, settings.mtu, settings.aftr) : targetMapOptions(calc as MapeCalculation, uplink, settings.mtu);
	for (const pair of target) want(b, 'network', name, 'interface', pair[0], pair[1]);
	for (const option of dslite ? DSLITE_FORBIDDEN_OPTIONS : MAP_FORBIDDEN_OPTIONS) want(b, 'network', name, 'interface', option, null);
	const lanSection = findNamed(data.network, 'lan');
	if (dslite) want(b, 'network', uplink, 'interface', 'iface_dslite', '0');
	else {
		if (line == 'ra64') want(b, 'network', uplink, 'interface', 'extendprefix', '1');
		want(b, 'network', uplink, 'interface', 'ip6prefix', null);
		if (line == 'pd' && lanSection != null) want(b, 'network', 'lan', 'interface', 'ip6assign', '64');
	}
	let duidGlobal = false;
	for (const g of sectionsOfType(data.network, 'globals')) {
		if (optionString(g, 'dhcp_default_duid') != null) duidGlobal = true;
	}
	if (duidGlobal && optionString(findNamed(data.network, uplink), 'clientid') == null) {
		const clientid = duidLL(detection.macaddr);
		if (clientid != null) want(b, 'network', uplink, 'interface', 'clientid', clientid);
		else push(warnings, { code: 'DUID_MAC_UNKNOWN', message: sprintf('This release generates a DUID that is not DUID-LL; set network.%s.clientid to 00030001 followed by the WAN MAC (12 hex digits): the MAC could not be read.', uplink) });
	}

	// dhcp: relay on ra64 lines, server on pd lines.
	const upDhcp = findByOption(data.dhcp, 'dhcp', 'interface', uplink);
	const upDhcpName = upDhcp != null ? upDhcp['.name'] : uplink;
	const lanDhcp = findByOption(data.dhcp, 'dhcp', 'interface', 'lan');
	if (line == 'ra64') {
		if (upDhcp == null) want(b, 'dhcp', upDhcpName, 'dhcp', 'interface', uplink);
		want(b, 'dhcp', upDhcpName, 'dhcp', 'master', '1');
		want(b, 'dhcp', upDhcpName, 'dhcp', 'ra', 'relay');
		want(b, 'dhcp', upDhcpName, 'dhcp', 'dhcpv6', 'relay');
		want(b, 'dhcp', upDhcpName, 'dhcp', 'ndp', 'relay');
		if (lanDhcp != null) {
			want(b, 'dhcp', lanDhcp['.name'], 'dhcp', 'ra', 'relay');
			want(b, 'dhcp', lanDhcp['.name'], 'dhcp', 'dhcpv6', 'relay');
			want(b, 'dhcp', lanDhcp['.name'], 'dhcp', 'ndp', 'relay');
		}
	} else {
		if (upDhcp != null) {
			removeIf(b, 'dhcp', upDhcp, 'master', ['1']);
			removeIf(b, 'dhcp', upDhcp, 'ra', ['relay']);
			removeIf(b, 'dhcp', upDhcp, 'dhcpv6', ['relay']);
			removeIf(b, 'dhcp', upDhcp, 'ndp', ['relay']);
		}
		if (lanDhcp != null) {
			want(b, 'dhcp', lanDhcp['.name'], 'dhcp', 'ra', 'server');
			want(b, 'dhcp', lanDhcp['.name'], 'dhcp', 'dhcpv6', 'server');
			removeIf(b, 'dhcp', lanDhcp, 'ndp', ['relay']);
		}
	}
	if (lanSection == null || lanDhcp == null) push(warnings, { code: 'NO_LAN', message: 'No lan interface or dhcp section: the LAN side was left as it is.' });

	// firewall: zone membership (a removed interface leaves every zone; the uplink and the
	// tunnel join the wan zone) and MSS clamping.
	const ownZone = optionString(findNamed(data.network, name), 'zone');
	for (const z of sectionsOfType(data.firewall, 'zone')) {
		const networks = optionList(z, 'network');
		const wanted = filter(networks, (n) => index(removed, n) < 0);
		if (z['.name'] == zone['.name']) {
			if (!zoned(data, uplink)) push(wanted, uplink);
			if (!zoned(data, name) && (ownZone == null || ownZone == '')) push(wanted, name);
		}
		if (!sameValue(wanted, networks)) want(b, 'firewall', z['.name'], 'zone', 'network', wanted);
	}
	want(b, 'firewall', zone['.name'], 'zone', 'mtu_fix', '1');

	// mape: our settings. The uplink needs no mape.tunlink: without one, settings and the
	// hotplug filter take the same interface the detection took (uplinkName()).
	const settingsName = settings.section != null ? settings.section : SETTINGS_SECTION;
	if (name != ours) want(b, 'mape', settingsName, SETTINGS_TYPE, dslite ? 'dslite_interface' : 'interface', name);
	// snat defaults to on (core/settings.ts): only an explicit "off" is changed (MAP-E only).
	if (!dslite && !settings.snat) want(b, 'mape', settingsName, SETTINGS_TYPE, 'snat', '1');

	const configs: string[] = [];
	for (const config of MANAGED_CONFIGS) {
		for (const op of b.ops) {
			if (op.config == config) {
				push(configs, config);
				break;
			}
		}
	}
	return {
		ops: b.ops,
		configs: configs,
		method: calc.method,
		interface: name,
		uplink: uplink,
		line: line,
		input: detection.input,
		service: calc.service,
		warnings: warnings,
	};
}

/**
 * One operation as a line of text, with the section as `uci show` names it:
 * `  network.wanmap.peeraddr: (none) -> '2404:…'`, `  firewall.@zone[1].network: …`.
 */
export function describeOp(op: PlanOp): string {
	const show = function (value: string | string[] | null): string {
		if (value == null) return '(none)';
		if (type(value) == 'array') return '[' + join(', ', map(value as string[], (v) => "'" + v + "'")) + ']';
		return "'" + value + "'";
	};
	if (op.op == 'add') return sprintf('+ %s.%s=%s', op.config, op.ref, op.type);
	if (op.op == 'remove') return sprintf('- %s.%s=%s', op.config, op.ref, op.type);
	if (op.op == 'delete') return sprintf('- %s.%s.%s (was %s)', op.config, op.ref, op.option, show(op.old));
	return sprintf('  %s.%s.%s: %s -> %s', op.config, op.ref, op.option, show(op.old), show(op.new));
}

