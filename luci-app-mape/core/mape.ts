/*
 * The MAP-E computation (shared/docs/japan-ipoe.md §3): from a customer prefix and a basic
 * mapping rule to everything a MAP interface needs and users look at.
 *
 *   calculate(text, options)                  parse → identify → compute with the table's rule
 *   calculateManual(text, params, options)    the same with user-supplied rule parameters
 *   calculateWithRule(prefix, rule, options)  the computation itself
 *
 * Math (RFC 7597, with the Japanese tables' "legacy" CE interface id as the default):
 *   EA bits = prefix bits [ip6prefixlen, ip6prefixlen + ealen);
 *   IPv4    = rule IPv4 prefix + the first (ealen − psidlen) EA bits;
 *   PSID    = the last psidlen EA bits;
 *   port sets, A = 1 … 2^offset − 1 (A = 0 only when offset is 0, as mapcalc does):
 *             first = A·2^(16−offset) + PSID·2^(16−offset−psidlen), 2^(16−offset−psidlen) ports,
 *             a first port of 0 becomes 1 (mapcalc does the same);
 *   CE /64  = the prefix up to the end of the EA bits, the rest (subnet id) zero;
 *   CE interface id, legacy (draft-ietf-softwire-map-03, `legacymap 1`):
 *             00 | IPv4 (4 bytes) | PSID (16 bits, right-aligned) | 00
 *   CE interface id, RFC 7597: 0000 | IPv4 (4 bytes) | PSID (16 bits, right-aligned).
 *   mapcalc's `psid=` option is the PSID left-aligned in 16 bits: PSID << (16 − psidlen).
 *
 * calculate() is MAP-E only: the other states of mape.identify, DSLITE included, become errors
 * with the same code (mape.result's calculateLine() answers a DS-Lite prefix with its AFTR).
 *
 * Error codes (besides those of mape.ipv6 and the states of mape.identify):
 *   BAD_CE_FORMAT          options.ceformat is neither "legacy" nor "rfc7597"
 *   PREFIX_TOO_SHORT       the prefix ends before the rule's EA bits do (e.g. a /48 for a rule
 *                          whose EA bits end at bit 56): IPv4 and PSID are not determined
 *   PREFIX_OUTSIDE_RULE    (manual rules) the prefix is not inside the rule's IPv6 prefix
 *   NO_PORT_SETS           the parameters leave no usable port (offset 0 and only port 0)
 *   BAD_PARAMETERS         (manual) the parameters are not an object
 *   BAD_IP6PREFIX, BAD_IP6PREFIXLEN, BAD_IP4PREFIX, BAD_IP4PREFIXLEN, BAD_EALEN,
 *   BAD_PSIDLEN, BAD_OFFSET, BAD_BR, BAD_MTU
 *                          (manual) that parameter is missing, malformed or out of range
 *                          (ip6prefixlen 0..64, ip4prefixlen 0..32, ealen 0..48, psidlen
 *                          0..16, offset 0..16, mtu 1280..9000, prefixes without host bits)
 *   EALEN_MISMATCH         (manual) ealen − psidlen ≠ 32 − ip4prefixlen
 *   PSID_OFFSET_TOO_LONG   (manual) psidlen + offset > 16: port sets would leave 1..65535
 *   EA_BEYOND_64           (manual) ip6prefixlen + ealen > 64: EA bits must be inside the /64
 *
 * Warning codes (the result is still valid):
 *   SUBNET_NOT_ZERO        the input's /64 is not the CE's /64 (the subnet id after the EA
 *                          bits is not zero): the BR sends to the CE in subnet 00, while mapcalc
 *                          given this /64 as its prefix would put the subnet id into the CE
 */
import { fail, type Failure } from './failure';
import { parseIpv6, formatIpv6, trimSpaces, type Ipv6Prefix } from './ipv6';
import { parseIpv4, formatIpv4, ipv4ToNumber, ipv4FromNumber } from './ipv4';
import { readBits, maskBits, samePrefix, bitsAreZero } from './bits';
import { identify } from './identify';
import { type MapRule } from './lookup';
import { SERVICES } from './rules';
import type { CalcProvisioning, CalcRule } from '../types/api';

export const MAPE_ERROR_CODES: string[] = [
	'BAD_CE_FORMAT', 'PREFIX_TOO_SHORT', 'PREFIX_OUTSIDE_RULE', 'NO_PORT_SETS', 'BAD_PARAMETERS',
	'BAD_IP6PREFIX', 'BAD_IP6PREFIXLEN', 'BAD_IP4PREFIX', 'BAD_IP4PREFIXLEN', 'BAD_EALEN',
	'BAD_PSIDLEN', 'BAD_OFFSET', 'BAD_BR', 'BAD_MTU', 'EALEN_MISMATCH', 'PSID_OFFSET_TOO_LONG',
	'EA_BEYOND_64',
];

export const MAPE_WARNING_CODES: string[] = ['SUBNET_NOT_ZERO'];

/** MTU for manual rules: 1500 − 40 (IPv6 header), as the FLET'S services use. */
export const DEFAULT_MTU = 1460;

export interface CalcOptions {
	/** "legacy" (default: what the Japanese VNEs use) or "rfc7597": which CE goes into `ce`. */
	ceformat?: string | null;
}

export interface Warning {
	code: string;
	message: string;
}

export interface MapeCalculation {
	/** Always "map-e" (mape.dslite's DsliteCalculation has "dslite"). */
	method: string;
	/** Where the rule came from: "table", "manual" (user parameters) or "hb46pp" (mape.hb46pp). */
	source: string;
	/** Service key ("v6plus", "biglobe-east", "biglobe-west", "ocn", "nuro"), "manual" or "hb46pp". */
	service: string;
	service_name: string;
	br: string;
	ipv4: string;
	psid: number;
	psidlen: number;
	offset: number;
	ealen: number;
	ip4prefix: string;
	ip4prefixlen: number;
	ip6prefix: string;
	ip6prefixlen: number;
	/** The CE address in the requested format (legacy by default). */
	ce: string;
	/** The format of `ce`: "legacy" or "rfc7597". */
	ceformat: string;
	ce_legacy: string;
	ce_rfc7597: string;
	/** [first, last] port ranges, ascending. */
	portsets: number[][];
	ports: number;
	mtu: number;
	/** The value for mapcalc's / the map proto's explicit `psid` option. */
	psid_mapcalc: number;
	warnings: Warning[];
	/** From an HB46PP answer (mape.hb46pp) only: hub-and-spoke or mesh, and every rule. */
	mesh?: boolean | null;
	rules?: CalcRule[] | null;
	provisioning?: CalcProvisioning | null;
	error?: null;
}

/** Rule parameters a user types in (UCI gives strings, so numbers may be decimal strings). */
export interface ManualParameters {
	ip6prefix: string;
	ip6prefixlen: number | string;
	ip4prefix: string;
	ip4prefixlen: number | string;
	ealen: number | string;
	psidlen: number | string;
	offset: number | string;
	br: string;
	mtu?: number | string | null;
}

/** 2^exponent for 0 ≤ exponent ≤ 32, by multiplication (exact everywhere). */
function powerOfTwo(exponent: number): number {
	let value = 1;
	for (let i = 0; i < exponent; i++) value = value * 2;
	return value;
}

/** The port sets for a PSID (see the module comment). */
function portSets(psid: number, psidlen: number, offset: number): number[][] {
	const setSize = powerOfTwo(16 - offset - psidlen);
	const sets: number[][] = [];
	const setCount = powerOfTwo(offset);
	for (let a = offset > 0 ? 1 : 0; a < setCount; a++) {
		let first = a * powerOfTwo(16 - offset) + psid * setSize;
		const last = first + setSize - 1;
		if (first === 0) first = 1;
		if (first <= last) push(sets, [first, last]);
	}
	return sets;
}

function serviceName(service: string): string {
	const info = SERVICES[service];
	return info != null ? info.name : 'Manual MAP-E rule';
}

/** The computation for a parsed prefix and a rule (from the table or validated manual parameters). */
export function calculateWithRule(prefix: Ipv6Prefix, rule: MapRule, options?: CalcOptions | null): MapeCalculation | Failure {
	let ceformat = 'legacy';
	if (options != null && options.ceformat != null) ceformat = options.ceformat;
	if (ceformat !== 'legacy' && ceformat !== 'rfc7597') {
		return fail('BAD_CE_FORMAT', 'The CE format must be "legacy" or "rfc7597".');
	}
	const start = rule.ip6prefixlen;
	const eaEnd = start + rule.ealen;
	if (!samePrefix(prefix.hextets, rule.ip6prefix, start)) {
		return fail('PREFIX_OUTSIDE_RULE', sprintf('The prefix is not inside the rule\'s IPv6 prefix %s/%d.', formatIpv6(rule.ip6prefix), start));
	}
	if (prefix.prefixlen < eaEnd) {
		return fail('PREFIX_TOO_SHORT', sprintf('A /%d does not contain all EA bits of this rule (bits %d to %d), so IPv4 address and PSID are not determined: give the /%d (or a longer prefix, or an address).', prefix.prefixlen, start, eaEnd, eaEnd));
	}
	const hextets = prefix.hextets;
	const suffixLength = rule.ealen - rule.psidlen;
	const suffix = readBits(hextets, start, suffixLength);
	const psid = readBits(hextets, start + suffixLength, rule.psidlen);
	const ipv4 = ipv4FromNumber(ipv4ToNumber(rule.ip4prefix) + suffix);

	const sets = portSets(psid, rule.psidlen, rule.offset);
	if (length(sets) === 0) {
		return fail('NO_PORT_SETS', 'These parameters leave no usable port for this PSID (port 0 is never used).');
	}
	let ports = 0;
	for (const set of sets) ports += set[1] - set[0] + 1;

	const base = maskBits(hextets, eaEnd);
	const legacy = [base[0], base[1], base[2], base[3],
		ipv4[0], ipv4[1] * 256 + ipv4[2], ipv4[3] * 256 + (psid >> 8), (psid & 255) * 256];
	const rfc7597 = [base[0], base[1], base[2], base[3],
		0, ipv4[0] * 256 + ipv4[1], ipv4[2] * 256 + ipv4[3], psid];
	const ceLegacy = formatIpv6(legacy);
	const ceRfc7597 = formatIpv6(rfc7597);

	const warnings: Warning[] = [];
	const knownEnd = min(prefix.prefixlen, 64);
	if (knownEnd > eaEnd && !bitsAreZero(hextets, eaEnd, knownEnd)) {
		const given = maskBits(hextets, 64);
		push(warnings, {
			code: 'SUBNET_NOT_ZERO',
			message: sprintf('The given /64 (%s/64) is not the CE\'s /64 (%s/64). The border relay sends to the CE in subnet 00 of the /%d; mapcalc given this /64 as its prefix would build a CE address the border relay does not use.', formatIpv6(given), formatIpv6(base), eaEnd),
		});
	}

	return {
		method: 'map-e',
		source: rule.service === 'manual' ? 'manual' : 'table',
		service: rule.service,
		service_name: serviceName(rule.service),
		br: rule.br,
		ipv4: formatIpv4(ipv4),
		psid: psid,
		psidlen: rule.psidlen,
		offset: rule.offset,
		ealen: rule.ealen,
		ip4prefix: formatIpv4(rule.ip4prefix),
		ip4prefixlen: rule.ip4prefixlen,
		ip6prefix: formatIpv6(rule.ip6prefix),
		ip6prefixlen: rule.ip6prefixlen,
		ce: ceformat === 'rfc7597' ? ceRfc7597 : ceLegacy,
		ceformat: ceformat,
		ce_legacy: ceLegacy,
		ce_rfc7597: ceRfc7597,
		portsets: sets,
		ports: ports,
		mtu: rule.mtu,
		psid_mapcalc: psid * powerOfTwo(16 - rule.psidlen),
		warnings: warnings,
	};
}

/** What a user pasted → the full computation with the table's rule, or why not. */
export function calculate(text: string, options?: CalcOptions | null): MapeCalculation | Failure {
	const prefix = parseIpv6(text);
	if (prefix.error != null) return prefix;
	const found = identify(prefix);
	if (found.rule == null) return fail(found.code, found.message);
	return calculateWithRule(prefix, found.rule, options);
}

/** A small non-negative integer from a number or a decimal string, or -1. */
function smallInteger(value: unknown, largest: number): number {
	let parsed = -1;
	if (type(value) === 'int') {
		parsed = value as number;
	} else if (type(value) === 'string') {
		const text = value as string;
		const digits = length(text);
		if (digits < 1 || digits > 5) return -1;
		parsed = 0;
		for (let i = 0; i < digits; i++) {
			const c = ord(text, i) as number;
			if (c < 48 || c > 57) return -1;
			parsed = parsed * 10 + (c - 48);
		}
	}
	if (parsed < 0 || parsed > largest) return -1;
	return parsed;
}

/** "text" or "text/len": the text, and whether a given /len (if any) equals `expected`. */
function withoutLength(text: string, expected: number): string | null {
	const pieces = split(text, '/');
	if (length(pieces) === 1) return text;
	if (length(pieces) === 2 && smallInteger(trimSpaces(pieces[1]), 128) === expected) return pieces[0];
	return null;
}

/** Validate user-supplied rule parameters (see the module comment for the codes). */
export function validateManualRule(params: ManualParameters): MapRule | Failure {
	if (type(params) !== 'object') return fail('BAD_PARAMETERS', 'The rule parameters must be an object.');
	const ip6prefixlen = smallInteger(params.ip6prefixlen, 64);
	if (ip6prefixlen < 0) return fail('BAD_IP6PREFIXLEN', 'ip6prefixlen must be a whole number from 0 to 64.');
	const ip4prefixlen = smallInteger(params.ip4prefixlen, 32);
	if (ip4prefixlen < 0) return fail('BAD_IP4PREFIXLEN', 'ip4prefixlen must be a whole number from 0 to 32.');
	const ealen = smallInteger(params.ealen, 48);
	if (ealen < 0) return fail('BAD_EALEN', 'ealen must be a whole number from 0 to 48.');
	const psidlen = smallInteger(params.psidlen, 16);
	if (psidlen < 0) return fail('BAD_PSIDLEN', 'psidlen must be a whole number from 0 to 16.');
	const offset = smallInteger(params.offset, 16);
	if (offset < 0) return fail('BAD_OFFSET', 'offset must be a whole number from 0 to 16.');
	let mtu = DEFAULT_MTU;
	if (params.mtu != null && params.mtu !== '') {
		mtu = smallInteger(params.mtu, 9000);
		if (mtu < 1280) return fail('BAD_MTU', 'mtu must be a whole number from 1280 to 9000.');
	}

	const ip6text = type(params.ip6prefix) === 'string' ? withoutLength(params.ip6prefix, ip6prefixlen) : null;
	if (ip6text == null) return fail('BAD_IP6PREFIX', 'ip6prefix must be an IPv6 prefix (a "/len" in it must equal ip6prefixlen).');
	const ip6 = parseIpv6(ip6text);
	if (ip6.error != null) return fail('BAD_IP6PREFIX', 'ip6prefix: ' + ip6.error.message);
	if (!bitsAreZero(ip6.hextets, ip6prefixlen, ip6.prefixlen)) {
		return fail('BAD_IP6PREFIX', sprintf('ip6prefix has bits set after /%d.', ip6prefixlen));
	}

	const ip4text = type(params.ip4prefix) === 'string' ? withoutLength(params.ip4prefix, ip4prefixlen) : null;
	const ip4 = ip4text == null ? null : parseIpv4(trimSpaces(ip4text));
	if (ip4 == null) return fail('BAD_IP4PREFIX', 'ip4prefix must be a dotted IPv4 prefix such as 106.72.0.0 (a "/len" in it must equal ip4prefixlen).');
	if (ipv4ToNumber(ip4) % powerOfTwo(32 - ip4prefixlen) !== 0) {
		return fail('BAD_IP4PREFIX', sprintf('ip4prefix has bits set after /%d.', ip4prefixlen));
	}

	const br = type(params.br) === 'string' ? parseIpv6(params.br) : null;
	if (br == null || br.error != null || br.prefixlen !== 128) {
		return fail('BAD_BR', 'br must be the IPv6 address of the border relay.');
	}

	if (ealen - psidlen !== 32 - ip4prefixlen) {
		return fail('EALEN_MISMATCH', sprintf('ealen - psidlen (%d - %d = %d) must equal 32 - ip4prefixlen (32 - %d = %d).', ealen, psidlen, ealen - psidlen, ip4prefixlen, 32 - ip4prefixlen));
	}
	if (psidlen + offset > 16) {
		return fail('PSID_OFFSET_TOO_LONG', sprintf('psidlen + offset (%d + %d) must not exceed 16, the bits of a port.', psidlen, offset));
	}
	if (ip6prefixlen + ealen > 64) {
		return fail('EA_BEYOND_64', sprintf('ip6prefixlen + ealen (%d + %d) must not exceed 64: the EA bits lie inside the /64.', ip6prefixlen, ealen));
	}
	return {
		service: 'manual',
		br: formatIpv6(br.hextets),
		mtu: mtu,
		ip6prefix: ip6.hextets,
		ip6prefixlen: ip6prefixlen,
		ip4prefix: ip4,
		ip4prefixlen: ip4prefixlen,
		ealen: ealen,
		psidlen: psidlen,
		offset: offset,
	};
}

/** What a user pasted + user-supplied rule parameters → the full computation, or why not. */
export function calculateManual(text: string, params: ManualParameters, options?: CalcOptions | null): MapeCalculation | Failure {
	const rule = validateManualRule(params);
	if (rule.error != null) return rule;
	const prefix = parseIpv6(text);
	if (prefix.error != null) return prefix;
	return calculateWithRule(prefix, rule, options);
}
