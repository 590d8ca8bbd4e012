/*
 * Rule lookup: which basic mapping rule of the table (mape.rules) covers a customer prefix.
 *
 * Order as documented: the /38 rules first, then /36, then /31 (so a prefix inside
 * 2404:7a82::/31 or 2404:7a86::/31 finds its BIGLOBE /38 rule, never a /31 one).
 */
import { RULE_GROUPS, SERVICES, type RuleGroup } from './rules';
import { maskBits } from './bits';
import { parseIpv6 } from './ipv6';
import { parseIpv4 } from './ipv4';

/** One basic mapping rule, resolved: what the MAP-E computation needs. */
export interface MapRule {
	/** Service key ("v6plus", "ocn"…), or "manual" for user-supplied parameters. */
	service: string;
	br: string;
	mtu: number;
	/** The rule's IPv6 prefix: 8 hextets, bits after ip6prefixlen zero. */
	ip6prefix: number[];
	ip6prefixlen: number;
	/** The rule's IPv4 prefix: 4 octets, bits after ip4prefixlen zero. */
	ip4prefix: number[];
	ip4prefixlen: number;
	ealen: number;
	psidlen: number;
	offset: number;
	error?: null;
}

/** The key a group stores rules under: the leading hextets of the masked prefix, in hex. */
export function ruleKey(hextets: readonly number[], prefixlen: number): string {
	const masked = maskBits(hextets, prefixlen);
	const words = int((prefixlen + 15) / 16);
	const groups: string[] = [];
	for (let i = 0; i < words; i++) push(groups, sprintf('%x', masked[i]));
	return join(':', groups);
}

function resolveRule(group: RuleGroup, key: string): MapRule | null {
	const service = SERVICES[group.service];
	const ip6 = parseIpv6(key + '::');
	const ip4 = parseIpv4(group.rules[key]);
	if (ip6.error != null || ip4 == null || service == null) return null;
	return {
		service: group.service,
		br: service.br,
		mtu: service.mtu,
		ip6prefix: ip6.hextets,
		ip6prefixlen: group.ip6prefixlen,
		ip4prefix: ip4,
		ip4prefixlen: group.ip4prefixlen,
		ealen: group.ealen,
		psidlen: group.psidlen,
		offset: group.offset,
	};
}

/** The table's rule for a customer prefix (8 hextets), or null when none covers it. */
export function findRule(hextets: readonly number[]): MapRule | null {
	for (const group of RULE_GROUPS) {
		const key = ruleKey(hextets, group.ip6prefixlen);
		if (exists(group.rules, key)) return resolveRule(group, key);
	}
	return null;
}
