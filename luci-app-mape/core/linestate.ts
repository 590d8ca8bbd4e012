/*
 * What the line is and how the router stands (`mape status`), decided from data only:
 * the network.interface dump (netifd's view), the UCI configs, our settings.
 *
 * Line types (japan-ipoe.md §7):
 *   ra64   the uplink has a global address but no delegated prefix, or only a /64 one
 *          (an RA /64, possibly made a prefix by `extendprefix 1`): relay mode
 *   pd     a delegated prefix shorter than /64 (/56 from the VNE, /60 behind an HGW)
 *   none   no global IPv6 on the uplink (down, missing, or nothing received yet)
 *
 * The engine input: the /56 of the delegated prefix (a longer PD is widened, since the
 * rules' EA bits end at bit 56 at most; a shorter one is used as is), or the /64 of the
 * global address on ra64 lines (so the engine can warn about a non-zero subnet id).
 * Deprecated entries (preferred lifetime 0: what a renumbered line keeps of its old prefix)
 * count only when the uplink has nothing else.
 *
 * The method is the computation's: "map-e" (a MAP-E rule) or "dslite" (a DS-Lite VNE's
 * block, core/dslite.ts), and the tunnel interface is the proto map or the proto dslite
 * one accordingly (ours by the names in /etc/config/mape, or the only one of that proto).
 * States, for the tunnel interface of the line's method:
 *   NOT_CONFIGURED   none
 *   CONFIGURED       its options match the computation (not up yet)
 *   STALE            ours, with options for another rule or AFTR (prefix changed); also
 *                    when there is none but ours of the other method is there (the line
 *                    moved between MAP-E and DS-Lite)
 *   FOREIGN          a hand-made one (another name) that differs from ours
 *   MAP_UP, DSLITE_UP        configured, matching, and netifd has it up
 *   MAP_ERROR, DSLITE_ERROR  configured, and netifd reports an error (map: INVALID_MAP_RULE,
 *                    NO_MATCHING_PD, …; dslite: AFTR_DNS_FAIL, NO_WAN_LINK, …)
 * A mismatch (STALE/FOREIGN) wins over errors and up: re-applying is what fixes it.
 * `map` and `dslite` describe the proto map and proto dslite interface, whatever the line:
 * name, ours, up, device (netifd's l3_device: map-wanmap, ds-dslite), since (uptime in
 * seconds while up, else null), netifd's error codes, whether/where its options differ
 * from the computation (null: no computation of its method), and `ipv4` (map) or `aftr`
 * (dslite, its peeraddr). Without a computation (no prefix, unknown prefix) the state is
 * the MAP interface's, else the DS-Lite interface's, as if matching.
 *
 * With `manual 1` in /etc/config/mape the engine computes with the manual rule there
 * (calculateManual()) instead of the table, so a prefix the table does not know gets a
 * computation; the service is then "manual".
 *
 * Error codes (`error`, when no computation is possible): WAN6_MISSING (no uplink
 * interface in the config), WAN6_DOWN (no global IPv6 on it), MULTIPLE_MAP_INTERFACES
 * (MULTIPLE_DSLITE_INTERFACES on a DS-Lite line), or
 * the engine's codes (UNKNOWN, NTT_EAST_PENDING, …). With a manual rule: its validation
 * codes (BAD_BR, BAD_IP6PREFIX, BAD_IP6PREFIXLEN, BAD_IP4PREFIX, BAD_IP4PREFIXLEN,
 * BAD_EALEN, BAD_PSIDLEN, BAD_OFFSET, EALEN_MISMATCH, PSID_OFFSET_TOO_LONG, EA_BEYOND_64),
 * reported before the uplink's (they are settings errors, whatever the line does), and
 * PREFIX_OUTSIDE_RULE / PREFIX_TOO_SHORT for a line prefix the rule does not cover.
 * Warning codes: PD_WITHOUT_SUBNET_ZERO (a PD longer than /56 that does not contain subnet
 * 00, where the border relay sends), the engine's SUBNET_NOT_ZERO, DUID_MAC_UNKNOWN,
 * MAP_ADDRESS_DIFFERS (the MAP interface matches and is up, but runs with another IPv4 than
 * the line's prefix gives: the prefix changed within the same rule, which netifd does not
 * set the MAP interface up again for, or map.sh took a deprecated old prefix; see
 * mapcalcPrefix() and `mape hotplug`).
 */
import { type ConfigData, type ConfigSection, findNamed, sectionsOfType, optionString } from './ucidata';
import { type Settings, uplinkName } from './settings';
import { calculateManual, validateManualRule, type MapeCalculation } from './mape';
import { calculateLine, toJson } from './result';
import { type DsliteCalculation } from './dslite';
import type { LineStatus, MapInterfaceState, DsliteInterfaceState, TunnelState, Message, Uplink } from '../types/api';
import { parseIpv6, formatIpv6, type Ipv6Prefix } from './ipv6';
import { maskBits, bitsAreZero, samePrefix } from './bits';
import { targetMapOptions, optionDifferences, MAP_FORBIDDEN_OPTIONS } from './maptarget';
import { targetDsliteOptions, DSLITE_FORBIDDEN_OPTIONS } from './dslitetarget';

export interface AddressEntry {
	address: string;
	mask: number;
	/** Seconds left (netifd reports them for dynamic entries); preferred 0 = deprecated. */
	preferred?: number;
	valid?: number;
}

/** One interface of `ubus call network.interface dump` (the fields we read). */
export interface InterfaceStatus {
	interface?: string;
	up?: boolean;
	pending?: boolean;
	proto?: string;
	device?: string;
	l3_device?: string;
	/** Seconds the interface has been up (netifd reports it while up). */
	uptime?: number;
	'ipv4-address'?: AddressEntry[];
	'ipv6-address'?: AddressEntry[];
	'ipv6-prefix'?: AddressEntry[];
	errors?: { subsystem?: string; code?: string }[];
}

/** What the router gathers live (ubus). */
export interface LiveData {
	interfaces: InterfaceStatus[];
	/** MAC address of the uplink's device (network.device status), or null. */
	macaddr?: string | null;
	/** netifd's protocol handlers (`network get_proto_handlers`), or null when unknown. */
	protocols?: string[] | null;
}

export interface Detection {
	settings: Settings;
	uplink: Uplink;
	/** The engine input derived from the uplink, or null. */
	input: string | null;
	calc: MapeCalculation | DsliteCalculation | null;
	error: Message | null;
	warnings: Message[];
	macaddr: string | null;
	protocols: string[] | null;
}

/** In 2000::/3 (global unicast)? */
function isGlobal(address: string): boolean {
	const bytes = iptoarr(address);
	if (bytes == null || length(bytes) != 16) return false;
	return (bytes[0] & 0xe0) == 0x20;
}

function entries(status: InterfaceStatus | null, key: string): AddressEntry[] {
	if (status == null) return [];
	const list = (status as { [key: string]: unknown })[key];
	return type(list) == 'array' ? list as AddressEntry[] : [];
}

/**
 * The first global entry that is not deprecated, else the first global one. After the ISP
 * renumbers, odhcp6c keeps the old prefix and address with preferred lifetime 0 (for at
 * least two hours, RFC 4862's rule) next to the new ones, and netifd may list the old one
 * first: the line's prefix is the one still preferred.
 */
function firstGlobal(list: readonly AddressEntry[]): AddressEntry | null {
	let deprecated: AddressEntry | null = null;
	for (const e of list) {
		if (type(e) != 'object' || type(e.address) != 'string' || !isGlobal(e.address)) continue;
		if (e.preferred != 0) return e;
		if (deprecated == null) deprecated = e;
	}
	return deprecated;
}

/** The interface called `name` in the dump, or null. */
export function findInterface(live: LiveData, name: string | null): InterfaceStatus | null {
	if (name == null || live == null || type(live.interfaces) != 'array') return null;
	for (const s of live.interfaces) {
		if (type(s) == 'object' && s.interface == name) return s;
	}
	return null;
}

/** "addr/len" with every bit from len on cleared. */
function networkOf(address: string, prefixlen: number): string | null {
	const parsed = parseIpv6(address);
	if (parsed.error != null) return null;
	return formatIpv6(maskBits(parsed.hextets, prefixlen)) + '/' + prefixlen;
}

export function describeUplink(name: string | null, configured: boolean, status: InterfaceStatus | null): Uplink {
	const address = firstGlobal(entries(status, 'ipv6-address'));
	const prefix = firstGlobal(entries(status, 'ipv6-prefix'));
	let line = 'none';
	if (prefix != null && prefix.mask < 64) line = 'pd';
	else if (prefix != null || address != null) line = 'ra64';
	let device: string | null = null;
	if (status != null) device = status.l3_device != null ? status.l3_device : (status.device != null ? status.device : null);
	return {
		interface: name,
		configured: configured,
		present: status != null,
		up: status != null && status.up == true,
		device: device,
		address: address != null ? address.address + '/' + address.mask : null,
		prefix: prefix != null ? prefix.address + '/' + prefix.mask : null,
		pdlen: prefix != null ? prefix.mask : 0,
		line: line,
	};
}

/** The uplink and the engine's answer for its prefix. */
export function detect(settings: Settings, data: ConfigData, live: LiveData): Detection {
	const name = uplinkName(settings, data);
	const section = name != null ? findNamed(data.network, name) : null;
	const configured = section != null && section['.type'] == 'interface';
	const status = findInterface(live, name);
	const uplink = describeUplink(name, configured, status);
	const warnings: Message[] = [];
	const macaddr = live != null && type(live.macaddr) == 'string' ? live.macaddr as string : null;
	const protocols = live != null && type(live.protocols) == 'array' ? live.protocols as string[] : null;
	const result: Detection = { settings: settings, uplink: uplink, input: null, calc: null, error: null, warnings: warnings, macaddr: macaddr, protocols: protocols };

	if (settings.manual != null) {
		const rule = validateManualRule(settings.manual);
		if (rule.error != null) {
			result.error = { code: rule.error.code, message: 'Manual MAP-E rule in /etc/config/mape: ' + rule.error.message };
			return result;
		}
	}
	if (!configured) {
		result.error = { code: 'WAN6_MISSING', message: name == null
			? 'No IPv6 uplink interface (wan6, or a DHCPv6 client interface) is configured.'
			: sprintf('The IPv6 uplink interface "%s" is not configured.', name) };
		return result;
	}
	if (uplink.line == 'none') {
		result.error = { code: 'WAN6_DOWN', message: sprintf('Interface "%s" has no global IPv6 address or prefix (is the line connected and the interface up?).', name) };
		return result;
	}
	if (uplink.line == 'pd') {
		const prefix = firstGlobal(entries(status, 'ipv6-prefix')) as AddressEntry;
		const len = prefix.mask > 56 ? 56 : prefix.mask;
		result.input = networkOf(prefix.address, len);
		if (prefix.mask > 56) {
			const parsed = parseIpv6(prefix.address);
			if (parsed.error == null && !bitsAreZero(parsed.hextets, 56, prefix.mask)) {
				push(warnings, { code: 'PD_WITHOUT_SUBNET_ZERO', message: sprintf('The delegated /%d does not contain subnet 00 of its /56, where the border relay sends: IPv4 return traffic may not reach this router.', prefix.mask) });
			}
		}
	} else {
		const prefix = firstGlobal(entries(status, 'ipv6-prefix'));
		const address = prefix != null ? prefix : firstGlobal(entries(status, 'ipv6-address')) as AddressEntry;
		result.input = networkOf(address.address, 64);
	}
	if (result.input == null) {
		result.error = { code: 'WAN6_DOWN', message: 'The uplink address could not be read.' };
		return result;
	}
	const outcome = settings.manual != null ? calculateManual(result.input, settings.manual) : calculateLine(result.input);
	if (outcome.error != null) {
		const prefix = settings.manual != null ? 'Manual MAP-E rule in /etc/config/mape: ' : '';
		result.error = { code: outcome.error.code, message: prefix + outcome.error.message };
		return result;
	}
	result.calc = outcome;
	for (const w of outcome.warnings) push(warnings, w);
	return result;
}

/**
 * The uplink prefix map.sh's mapcalc takes for a rule (mapcalc.c, match_prefix): of the
 * uplink's ipv6-prefix entries in netifd's order, the first of the greatest length (at least
 * the rule's) whose first `ip6prefixlen` bits are the rule prefix. mapcalc ignores
 * lifetimes: after a renumbering within one rule it takes the deprecated old prefix when
 * netifd lists that first (netifd orders prefixes by address). null when none matches.
 */
export function mapcalcPrefix(live: LiveData, uplink: string | null, ip6prefix: string, ip6prefixlen: number): AddressEntry | null {
	const rule = parseIpv6(ip6prefix);
	if (rule.error != null) return null;
	const ruleBits = (rule as Ipv6Prefix).hextets;
	let chosen: AddressEntry | null = null;
	for (const e of entries(findInterface(live, uplink), 'ipv6-prefix')) {
		if (type(e) != 'object' || type(e.address) != 'string' || type(e.mask) != 'int') continue;
		if (e.mask < ip6prefixlen || (chosen != null && chosen.mask >= e.mask)) continue;
		const parsed = parseIpv6(e.address);
		if (parsed.error == null && samePrefix((parsed as Ipv6Prefix).hextets, ruleBits, ip6prefixlen)) chosen = e;
	}
	return chosen;
}

/**
 * Why a matching MAP interface that is up runs with another IPv4 than the computation, as a
 * warning (MAP_ADDRESS_DIFFERS), or null when it runs with the computed one.
 */
function addressWarning(detection: Detection, live: LiveData, mapIf: MapInterfaceState): Message | null {
	if (detection.calc == null || detection.calc.method != 'map-e') return null;
	const calc = detection.calc as MapeCalculation;
	if (!mapIf.up || mapIf.ipv4 == null || mapIf.matching != true || mapIf.ipv4 == calc.ipv4) return null;
	const uplink = '' + detection.uplink.interface;
	const used = mapcalcPrefix(live, detection.uplink.interface, calc.ip6prefix, calc.ip6prefixlen);
	if (used != null && used.preferred == 0) {
		return { code: 'MAP_ADDRESS_DIFFERS', message: sprintf('%s runs with %s, but the line\'s prefix %s gives %s: map.sh takes the deprecated prefix %s/%d, which %s still lists. Reconnecting %s (ifup %s) drops it; with auto_follow on, the router does this by itself.',
			mapIf.name, mapIf.ipv4, '' + detection.input, calc.ipv4, used.address, used.mask, uplink, uplink, uplink) };
	}
	return { code: 'MAP_ADDRESS_DIFFERS', message: sprintf('%s still runs with %s from before the prefix changed to %s, which gives %s: setting it up again (ifup %s) applies the new address; with auto_follow on, the router does this by itself.',
		mapIf.name, mapIf.ipv4, '' + detection.input, calc.ipv4, mapIf.name) };
}

/** The interfaces of the network config with this proto, in file order. */
export function protoInterfaces(data: ConfigData, protocol: string): ConfigSection[] {
	return filter(sectionsOfType(data.network, 'interface'), (s) => optionString(s, 'proto') == protocol);
}

/** The tunnel interface of a proto we look at: the only one, else the one named `name`, else the first; null if none. */
export function chooseInterface(data: ConfigData, protocol: string, name: string): ConfigSection | null {
	const found = protoInterfaces(data, protocol);
	if (length(found) == 1) return found[0];
	for (const s of found) {
		if (s['.name'] == name) return s;
	}
	return length(found) > 0 ? found[0] : null;
}

/** The MAP interface we look at (see chooseInterface()). */
export function chooseMapInterface(settings: Settings, data: ConfigData): ConfigSection | null {
	return chooseInterface(data, 'map', settings.interface);
}

function firstIpv4(status: InterfaceStatus | null): string | null {
	for (const e of entries(status, 'ipv4-address')) {
		if (type(e) == 'object' && type(e.address) == 'string') return e.address;
	}
	return null;
}

function errorCodes(status: InterfaceStatus | null): string[] {
	const codes: string[] = [];
	if (status == null || type(status.errors) != 'array') return codes;
	for (const e of status.errors as { code?: string }[]) {
		if (type(e) == 'object' && type(e.code) == 'string') push(codes, e.code as string);
	}
	return codes;
}

/** A tunnel interface's state; `target` null: no computation of its method (matching null). */
function tunnelState(section: ConfigSection, ours: string, live: LiveData, target: string[][] | null, forbidden: readonly string[]): TunnelState {
	const name = section['.name'];
	const status = findInterface(live, name);
	const differences = target != null ? optionDifferences(section, target, forbidden) : [];
	const up = status != null && status.up == true;
	let device: string | null = null;
	if (status != null) device = type(status.l3_device) == 'string' ? status.l3_device as string : (type(status.device) == 'string' ? status.device as string : null);
	return {
		name: name,
		ours: name == ours,
		up: up,
		device: device,
		since: up && type(status!.uptime) == 'int' ? status!.uptime as number : null,
		errors: errorCodes(status),
		matching: target != null ? length(differences) == 0 : null,
		differences: differences,
	};
}

/** The full status: detection + the tunnel interfaces' configuration and netifd state. */
export function lineState(detection: Detection, data: ConfigData, live: LiveData): LineStatus {
	const settings = detection.settings;
	const calc = detection.calc;
	const uplink = detection.uplink.interface;
	const method = calc != null ? calc.method : null;
	const dslite = method == 'dslite';
	const warnings = slice(detection.warnings);
	let error = detection.error;
	if (length(protoInterfaces(data, dslite ? 'dslite' : 'map')) > 1) {
		error = dslite
			? { code: 'MULTIPLE_DSLITE_INTERFACES', message: 'More than one proto dslite interface is configured; remove all but one.' }
			: { code: 'MULTIPLE_MAP_INTERFACES', message: 'More than one proto map interface is configured; remove all but one.' };
	}
	const mapSection = chooseMapInterface(settings, data);
	const dsSection = chooseInterface(data, 'dslite', settings.dslite);
	let mapState: MapInterfaceState | null = null;
	let dsState: DsliteInterfaceState | null = null;
	if (mapSection != null) {
		const target = method == 'map-e' && uplink != null ? targetMapOptions(calc as MapeCalculation, uplink, settings.mtu) : null;
		mapState = tunnelState(mapSection, settings.interface, live, target, MAP_FORBIDDEN_OPTIONS) as MapInterfaceState;
		mapState.ipv4 = firstIpv4(findInterface(live, mapState.name));
	}
	if (dsSection != null) {
		const target = dslite && uplink != null ? targetDsliteOptions(calc as DsliteCalculation, uplink, settings.mtu, settings.aftr) : null;
		dsState = tunnelState(dsSection, settings.dslite, live, target, DSLITE_FORBIDDEN_OPTIONS) as DsliteInterfaceState;
		dsState.aftr = optionString(dsSection, 'peeraddr');
	}
	// The tunnel of the line's method; without a computation, whichever is there.
	const useDs = dslite || (method == null && mapState == null);
	const tunnel: TunnelState | null = useDs ? dsState : mapState;
	const other: TunnelState | null = useDs ? mapState : dsState;
	let state = 'NOT_CONFIGURED';
	if (mapState != null && !useDs) {
		const differs = addressWarning(detection, live, mapState);
		if (differs != null) push(warnings, differs);
	}
	if (tunnel != null) {
		if (tunnel.matching == false) state = tunnel.ours ? 'STALE' : 'FOREIGN';
		else if (length(tunnel.errors) > 0) state = useDs ? 'DSLITE_ERROR' : 'MAP_ERROR';
		else if (tunnel.up) state = useDs ? 'DSLITE_UP' : 'MAP_UP';
		else state = 'CONFIGURED';
	} else if (method != null && other != null && other.ours) {
		state = 'STALE';
	}
	return {
		state: state,
		method: method,
		line: detection.uplink.line,
		uplink: detection.uplink,
		input: detection.input,
		calc: calc != null ? toJson(detection.input as string, calc) : null,
		map: mapState,
		dslite: dsState,
		settings: { interface: settings.interface, dslite_interface: settings.dslite, auto_follow: settings.auto_follow, snat: settings.snat, manual: settings.manual != null, mtu: settings.mtu, aftr: settings.aftr },
		error: error,
		warnings: warnings,
	};
}
