/*
 * MAP-E source NAT that uses every port a customer owns (shared/docs/japan-ipoe.md §11,
 * openwrt-platform.md §6): one nftables script that atomically replaces a per-interface
 * table `inet mape_<iface>`, and the script that removes it.
 *
 *   snatScript(params)          the table (create-if-missing, delete, re-create: one `nft -f`
 *                               transaction, so a reload or a new IPv4 leaves no stale rule)
 *   snatRemoveScript(iface)     delete the table, without failing when it is absent
 *   portSetsFor(psid, psidlen, offset)   RFC 7597 port sets (the same formula as mape.ts)
 *   usableRanges(sets, reserved)          port sets split around reserved ports
 * (Reserved ports are parsed and gathered, also from fw4 port forwards, in core/reserved.ts.)
 *
 * Strategy "spill" (the default, chosen by measurement: README "All port sets usable"):
 * a counter (`numgen inc`) picks a start range in turn and a verdict map jumps to that
 * range's chain. There, TCP/UDP take the first of up to SPILL_WINDOW ranges (start, next, …)
 * that holds fewer live connections to the packet's destination (address, protocol, port:
 * `ct count` in a dynamic set per range) than it has ports, with range SNAT
 * (`snat ip to A:lo-hi`) so the kernel picks any free port of the range. ICMP (echo ids),
 * and a connection every range of the window refuses, take the start range. No packet mark
 * is touched. Ranges of different sizes (split by reserved ports) get counter slots in
 * proportion to their size, interleaved so consecutive connections start in different ranges.
 * Needs nft_connlimit (OpenWrt: kmod-nft-connlimit, a package dependency); "group" is the same
 * without the spill, and what the hotplug handler falls back to when nft rejects "spill".
 * Protocols without ports get the IPv4 only.
 * The chain hooks postrouting at priority srcnat - 10: before fw4's srcnat chain, whose
 * stock MAP-E rules (one range) and masquerade then never see these flows.
 *
 * Strategy "group": the round robin over ranges alone (chains r<k>), no kmod-nft-connlimit.
 * Baselines for the benchmark (tools/bench-snat.ts), not for production:
 *   "port"   the community fix: numgen over single ports (`snat to A : numgen inc mod N map`);
 *   "stock"  what fw4 renders from map.sh: one range rule per port set, in order.
 *
 * Error codes: BAD_IFACE, BAD_DEVICE, BAD_IPV4, BAD_PORTSETS, BAD_RESERVED, NO_PORTS
 * (every port reserved), BAD_STRATEGY, BAD_PSIDLEN, BAD_OFFSET, BAD_PSID, NO_PORT_SETS.
 */
import { fail, type Failure } from './failure';
import { parseIpv4, formatIpv4 } from './ipv4';
import { mergeRanges } from './reserved';

export const SNAT_ERROR_CODES: string[] = [
	'BAD_IFACE', 'BAD_DEVICE', 'BAD_IPV4', 'BAD_PORTSETS', 'BAD_RESERVED', 'NO_PORTS', 'BAD_STRATEGY',
	'BAD_PSIDLEN', 'BAD_OFFSET', 'BAD_PSID', 'NO_PORT_SETS',
];

export const SNAT_STRATEGIES: string[] = ['spill', 'group', 'port', 'stock'];

/** fw4's srcnat is 100; a lower number runs first, and the first NAT mapping wins. */
export const SNAT_PRIORITY = 'srcnat - 10';

/** Protocols whose source port (ICMP: echo id) is mapped into the port set. */
const MAPPED_PROTOCOLS = '{ tcp, udp, icmp }';

/** How many ranges a "spill" connection may try (8: 99 % first-SYN success in the churn benchmark, OCN loads in ~0.5 s; 4: 96 %). */
const SPILL_WINDOW = 8;

export interface SnatParams {
	/** The MAP interface (UCI section name): the table is `inet mape_<iface>`. */
	iface: string;
	/** The egress device; `map-<iface>` when not given (what netifd names the tunnel). */
	device?: string | null;
	ipv4: string;
	/** [first, last] port ranges, as in MapeCalculation.portsets. */
	portsets: number[][];
	/** [first, last] ranges never used as source ports (inbound forwards). */
	reserved?: number[][] | null;
	/** "spill" (default), "group" (without kmod-nft-connlimit), or a benchmark baseline: "port", "stock". */
	strategy?: string | null;
}

/** 2^exponent for 0 ≤ exponent ≤ 16. */
function powerOfTwo(exponent: number): number {
	let value = 1;
	for (let i = 0; i < exponent; i++) value = value * 2;
	return value;
}

/** RFC 7597 port sets for a PSID (A = 1 … 2^offset − 1; A = 0 only when offset is 0; port 0 never). */
export function portSetsFor(psid: number, psidlen: number, offset: number): number[][] | Failure {
	if (type(psidlen) != 'int' || psidlen < 0 || psidlen > 16) return fail('BAD_PSIDLEN', 'The PSID length must be an integer from 0 to 16.');
	if (type(offset) != 'int' || offset < 0 || offset + psidlen > 16) return fail('BAD_OFFSET', 'The offset must be an integer from 0 to 16 - PSID length.');
	if (type(psid) != 'int' || psid < 0 || psid >= powerOfTwo(psidlen)) return fail('BAD_PSID', sprintf('The PSID must be an integer from 0 to %d.', powerOfTwo(psidlen) - 1));
	const setSize = powerOfTwo(16 - offset - psidlen);
	const sets: number[][] = [];
	for (let a = offset > 0 ? 1 : 0; a < powerOfTwo(offset); a++) {
		let first = a * powerOfTwo(16 - offset) + psid * setSize;
		const last = first + setSize - 1;
		if (first == 0) first = 1;
		if (first <= last) push(sets, [first, last]);
	}
	if (length(sets) == 0) return fail('NO_PORT_SETS', 'These parameters leave no usable port (port 0 is never used).');
	return sets;
}

/** The port sets minus the reserved ports: each set split into the ranges left around them. */
export function usableRanges(portsets: readonly number[][], reserved?: readonly number[][] | null): number[][] {
	const holes = reserved == null ? [] : mergeRanges(reserved);
	const out: number[][] = [];
	for (const set of portsets) {
		let first = set[0];
		for (const hole of holes) {
			if (hole[1] < first || hole[0] > set[1]) continue;
			if (hole[0] > first) push(out, [first, hole[0] - 1]);
			first = hole[1] + 1;
		}
		if (first <= set[1]) push(out, [first, set[1]]);
	}
	return out;
}

/** Table names are nft identifiers; UCI section names are [A-Za-z0-9_]. */
function validIface(iface: unknown): boolean {
	return type(iface) == 'string' && length(iface as string) >= 1 && length(iface as string) <= 48 &&
		match(iface as string, /^[A-Za-z0-9_]+$/) != null;
}

/** A Linux interface name: 1-15 bytes, no quote, slash, space or colon. */
function validDevice(device: unknown): boolean {
	return type(device) == 'string' && length(device as string) >= 1 && length(device as string) <= 15 &&
		match(device as string, /^[A-Za-z0-9_.@-]+$/) != null;
}

export function snatTableName(iface: string): string {
	return 'mape_' + iface;
}

function validRanges(ranges: unknown): boolean {
	if (type(ranges) != 'array') return false;
	for (const r of ranges as unknown[]) {
		if (type(r) != 'array' || length(r as unknown[]) != 2) return false;
		const pair = r as number[];
		if (type(pair[0]) != 'int' || type(pair[1]) != 'int' || pair[0] < 1 || pair[1] > 65535 || pair[0] > pair[1]) return false;
	}
	return true;
}

/**
 * Counter slot → range index, for ranges of unequal size: each range gets as many slots as
 * it has ports, interleaved (round r lists every range with more than r ports).
 */
function weightedSlots(ranges: readonly number[][]): number[] {
	const slots: number[] = [];
	let biggest = 0;
	for (const r of ranges) biggest = max(biggest, r[1] - r[0] + 1);
	for (let round = 0; round < biggest; round++) {
		for (let i = 0; i < length(ranges); i++) {
			if (ranges[i][1] - ranges[i][0] + 1 > round) push(slots, i);
		}
	}
	return slots;
}

function sameSizes(ranges: readonly number[][]): boolean {
	for (const r of ranges) {
		if (r[1] - r[0] != ranges[0][1] - ranges[0][0]) return false;
	}
	return true;
}

/** `{ 0 : goto r0, 1 : goto r1, … }` over the counter slots. */
function slotVmap(slots: readonly number[], chain: string): string {
	const items: string[] = [];
	for (let i = 0; i < length(slots); i++) push(items, sprintf('%d : goto %s%d', i, chain, slots[i]));
	return '{ ' + join(', ', items) + ' }';
}

function groupRules(ranges: readonly number[][], head: string, chain: string): string[] {
	const slots: number[] = [];
	if (sameSizes(ranges)) {
		for (let i = 0; i < length(ranges); i++) push(slots, i);
	} else {
		for (const s of weightedSlots(ranges)) push(slots, s);
	}
	return [sprintf('%s meta l4proto %s numgen inc mod %d vmap %s', head, MAPPED_PROTOCOLS, length(slots), slotVmap(slots, chain))];
}

function portRules(ipv4: string, ranges: readonly number[][], head: string): string[] {
	const items: string[] = [];
	let n = 0;
	for (const r of ranges) {
		for (let p = r[0]; p <= r[1]; p++) {
			push(items, sprintf('%d : %d', n, p));
			n++;
		}
	}
	const rules: string[] = [];
	for (const l4 of ['tcp', 'udp', 'icmp']) {
		push(rules, sprintf('%s meta l4proto %s snat ip to %s : numgen inc mod %d map { %s }', head, l4, ipv4, n, join(', ', items)));
	}
	return rules;
}

function stockRules(ipv4: string, ranges: readonly number[][], head: string): string[] {
	const rules: string[] = [];
	for (const l4 of ['tcp', 'udp']) {
		for (const r of ranges) push(rules, sprintf('%s meta l4proto %s snat ip to %s:%d-%d', head, l4, ipv4, r[0], r[1]));
	}
	return rules;
}

/**
 * "spill": the group round robin, but a range that already holds as many live TCP/UDP
 * connections to the packet's destination as it has ports passes the connection on to the
 * next range (`ct count`, kmod-nft-connlimit), for at most SPILL_WINDOW ranges. Chain s<k>
 * starts at range k; ICMP (and a connection no range of the window takes) gets range k.
 */
function spillChains(ipv4: string, ranges: readonly number[][]): string {
	const count = length(ranges);
	const window = min(count, SPILL_WINDOW);
	let text = '';
	for (let i = 0; i < count; i++) {
		text += sprintf('\tset live%d {\n\t\ttype ipv4_addr . inet_proto . inet_service; flags dynamic; size 65535;\n\t}\n', i);
	}
	for (let k = 0; k < count; k++) {
		text += sprintf('\tchain s%d {\n', k);
		for (let j = 0; j < window; j++) {
			const g = (k + j) % count;
			const r = ranges[g];
			text += sprintf('\t\tmeta l4proto { tcp, udp } add @live%d { ip daddr . meta l4proto . th dport ct count %d } snat ip to %s:%d-%d\n', g, r[1] - r[0] + 1, ipv4, r[0], r[1]);
		}
		text += sprintf('\t\tmeta l4proto %s snat ip to %s:%d-%d\n\t}\n', MAPPED_PROTOCOLS, ipv4, ranges[k][0], ranges[k][1]);
	}
	return text;
}

/** The nft script that replaces `table inet mape_<iface>` (see the module comment). */
export function snatScript(params: SnatParams): string | Failure {
	if (!validIface(params.iface)) return fail('BAD_IFACE', 'The interface name must be 1-48 letters, digits or underscores.');
	const device = params.device != null ? params.device : 'map-' + params.iface;
	if (!validDevice(device)) return fail('BAD_DEVICE', sprintf('"%s" is not a network device name (1-15 letters, digits, . _ - @).', device));
	const octets = type(params.ipv4) == 'string' ? parseIpv4(params.ipv4) : null;
	if (octets == null) return fail('BAD_IPV4', 'The IPv4 address must be a dotted quad like 192.0.2.1.');
	const ipv4 = formatIpv4(octets);
	if (!validRanges(params.portsets) || length(params.portsets) == 0) return fail('BAD_PORTSETS', 'The port sets must be a non-empty list of [first, last] ports from 1 to 65535.');
	if (params.reserved != null && !validRanges(params.reserved)) return fail('BAD_RESERVED', 'Reserved ports must be a list of [first, last] ports from 1 to 65535.');
	const strategy = params.strategy != null ? params.strategy : 'spill';
	if (index(SNAT_STRATEGIES, strategy) < 0) return fail('BAD_STRATEGY', 'The strategy must be one of ' + join(', ', SNAT_STRATEGIES) + '.');
	const ranges = usableRanges(params.portsets, params.reserved);
	if (length(ranges) == 0) return fail('NO_PORTS', 'Every port of the port sets is reserved: nothing is left for outgoing connections.');

	const table = 'inet ' + snatTableName(params.iface);
	const head = sprintf('oifname "%s" meta nfproto ipv4', device);
	let ports = 0;
	for (const r of ranges) ports += r[1] - r[0] + 1;

	let rules: string[];
	if (strategy == 'port') rules = portRules(ipv4, ranges, head);
	else if (strategy == 'spill') rules = groupRules(ranges, head, 's');
	else if (strategy == 'stock') rules = stockRules(ipv4, ranges, head);
	else rules = groupRules(ranges, head, 'r');
	// Everything else (protocols without ports): the shared IPv4 only.
	push(rules, sprintf('%s meta l4proto != %s snat ip to %s', head, MAPPED_PROTOCOLS, ipv4));

	let text = sprintf('# MAP-E source NAT for %s (device %s): %s, %d ports in %d ranges, strategy %s.\n', params.iface, device, ipv4, ports, length(ranges), strategy);
	text += '# Atomic replacement: create if missing, delete, re-create (one nft -f transaction).\n';
	text += sprintf('table %s {}\ndelete table %s\ntable %s {\n', table, table, table);
	if (strategy == 'spill') text += spillChains(ipv4, ranges);
	if (strategy == 'group') {
		for (let i = 0; i < length(ranges); i++) {
			text += sprintf('\tchain r%d {\n\t\tmeta l4proto %s snat ip to %s:%d-%d\n\t}\n', i, MAPPED_PROTOCOLS, ipv4, ranges[i][0], ranges[i][1]);
		}
	}
	text += sprintf('\tchain srcnat {\n\t\ttype nat hook postrouting priority %s; policy accept;\n', SNAT_PRIORITY);
	for (const rule of rules) text += '\t\t' + rule + '\n';
	text += '\t}\n}\n';
	return text;
}

/** Deletes `table inet mape_<iface>`; creating it first keeps `nft -f` from failing when it is absent. */
export function snatRemoveScript(iface: string): string | Failure {
	if (!validIface(iface)) return fail('BAD_IFACE', 'The interface name must be 1-48 letters, digits or underscores.');
	const table = 'inet ' + snatTableName(iface);
	return sprintf('table %s {}\ndelete table %s\n', table, table);
}
