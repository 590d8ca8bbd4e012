/*
 * What kind of line a customer prefix belongs to (shared/docs/japan-ipoe.md §2).
 *
 * States (stable codes; the English message is for humans, translations key on the code):
 *   MAP_E              a rule of the table covers the prefix (v6plus, BIGLOBE East/West, OCN,
 *                      NURO); `service` and `rule` are set
 *   NTT_EAST_PENDING   NTT East's own range (2001:c90::/32, 2404:1a8::/32, 2408::/22): the fibre
 *                      works but no VNE is contracted yet, so there is no IPv4 service
 *   NTT_WEST_PENDING   NTT West's own range (2001:d70::/30, 2001:a000::/21): likewise
 *   DSLITE             a DS-Lite VNE's block (mape.dslite: transix, Xpass, v6 コネクト);
 *                      `service` is its key
 *   OCN_UNKNOWN_BLOCK  inside OCN Virtual Connect's 2400:4050::/30 or 2400:4150::/30, in a
 *                      block that no known rule covers
 *   SOFTBANK_HYBRID    a range reported for SoftBank 光 (2400:2410::/32, 2400:2650::/32:
 *                      japan-ipoe.md §1 says "reported", from user reports): its IPv4 service
 *                      is a proprietary tunnel, not MAP-E
 *   NOT_GLOBAL         not a global unicast address (link-local, unique local, multicast,
 *                      unspecified, loopback, IPv4-mapped…): not the line's prefix
 *   UNKNOWN            none of the above: a VNE or block the tables do not know. Its method
 *                      can still be learnt from the VNE itself (HB46PP provisioning).
 *
 * Order (shared/docs/ipv4-over-ipv6-provisioning.md §2.5): MAP-E rules, NTT's own ranges,
 * DS-Lite blocks, then the rest. The ranges do not overlap, so the order only says which
 * question is asked first.
 */
import { findRule, type MapRule } from './lookup';
import { parseIpv6, type Ipv6Prefix } from './ipv6';
import { samePrefix } from './bits';
import { DSLITE_SERVICES, findDsliteService } from './dslite';

export interface Identification {
	code: string;
	message: string;
	/** Service key when code is MAP_E (a rule table key) or DSLITE (a mape.dslite key), else null. */
	service: string | null;
	rule: MapRule | null;
}

export const IDENTIFY_CODES: string[] = [
	'MAP_E', 'DSLITE', 'NTT_EAST_PENDING', 'NTT_WEST_PENDING', 'OCN_UNKNOWN_BLOCK', 'SOFTBANK_HYBRID',
	'NOT_GLOBAL', 'UNKNOWN',
];

/** Prefix texts → parsed prefixes (the texts are constants of this module; a typo is a bug). */
function ranges(texts: readonly string[]): Ipv6Prefix[] {
	const parsed: Ipv6Prefix[] = [];
	for (const text of texts) {
		const range = parseIpv6(text);
		if (range.error != null) die('identify: bad range ' + text);
		push(parsed, range);
	}
	return parsed;
}

const NTT_EAST = ranges(['2001:c90::/32', '2404:1a8::/32', '2408::/22']);
const NTT_WEST = ranges(['2001:d70::/30', '2001:a000::/21']);
const OCN = ranges(['2400:4050::/30', '2400:4150::/30']);
const SOFTBANK = ranges(['2400:2410::/32', '2400:2650::/32']);
/** Everything outside 2000::/3 is not global unicast; inside it, only these are excluded. */
const GLOBAL_UNICAST = ranges(['2000::/3']);

function inAny(hextets: readonly number[], list: readonly Ipv6Prefix[]): boolean {
	for (const range of list) {
		if (samePrefix(hextets, range.hextets, range.prefixlen)) return true;
	}
	return false;
}

const PENDING = 'This address is from NTT %s\'s own range: IPv6 works, but no VNE (IPv6 IPoE provider) is contracted on this line yet, so there is no IPv4 service.';

function state(code: string, message: string): Identification {
	return { code: code, message: message, service: null, rule: null };
}

/** Identify the line from a parsed prefix (only its first 56 bits matter for MAP-E). */
export function identify(prefix: Ipv6Prefix): Identification {
	const hextets = prefix.hextets;
	const rule = findRule(hextets);
	if (rule != null) {
		return {
			code: 'MAP_E',
			message: 'A MAP-E rule of the table covers this prefix.',
			service: rule.service,
			rule: rule,
		};
	}
	if (inAny(hextets, NTT_EAST)) return state('NTT_EAST_PENDING', sprintf(PENDING, 'East'));
	if (inAny(hextets, NTT_WEST)) return state('NTT_WEST_PENDING', sprintf(PENDING, 'West'));
	const dslite = findDsliteService(hextets);
	if (dslite != null) {
		const info = DSLITE_SERVICES[dslite];
		return {
			code: 'DSLITE',
			message: sprintf('This prefix belongs to %s, a DS-Lite service: IPv4 runs through a DS-Lite tunnel to the AFTR %s, not MAP-E.', info.name, info.aftr),
			service: dslite,
			rule: null,
		};
	}
	if (inAny(hextets, OCN)) {
		return state('OCN_UNKNOWN_BLOCK', 'This prefix is in an OCN Virtual Connect block for which no MAP-E rule is known. The service is supported, but this block\'s rule is missing from the table.');
	}
	if (inAny(hextets, SOFTBANK)) {
		return state('SOFTBANK_HYBRID', 'This prefix is in a range reported for SoftBank Hikari. Its IPv4 service ("IPv6 high-speed hybrid") is a proprietary tunnel that needs the SoftBank home gateway, not MAP-E.');
	}
	if (!inAny(hextets, GLOBAL_UNICAST)) {
		return state('NOT_GLOBAL', 'This is not a global IPv6 address (it is link-local, unique local, multicast or special): use the prefix or global address the line received on the WAN.');
	}
	return state('UNKNOWN', 'No known MAP-E rule, DS-Lite block or NTT range matches this prefix: the provider is not in the tables (its HB46PP provisioning server may still say what to use).');
}
