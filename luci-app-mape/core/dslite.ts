/*
 * DS-Lite services on NTT FLET'S, as data: which customer prefix blocks belong to which VNE,
 * and the name of that VNE's AFTR (the DS-Lite tunnel end).
 *
 * Provenance: these are facts, restated from shared/docs/ipv4-over-ipv6-provisioning.md
 * §2.1 (AFTR names and customer blocks per VNE) and §3.2 (blocks with their confidence),
 * which name the public sources; the AFTR names also appear in shared/docs/japan-ipoe.md §1.
 *   transix (Internet Multifeed)  AFTR gw.transix.jp          2409:10::/30, 2409:250::/30
 *                                 (medium: two vendor-side sources)
 *   Xpass / クロスパス (ARTERIA)   AFTR dgw.xpass.jp           2001:f70::/29 (low: one source)
 *   v6 コネクト (Asahi Net)       AFTR dslite.v6connect.net   2405:6580::/29 (low to medium)
 * MTU 1460 for all three (§2.2: the 1500-byte NGN link minus the 40-byte IPv6 header).
 *
 * Deliberately no AFTR addresses. The sources disagree on them, the VNEs rotate or anycast
 * them, and the name resolves per NTT area (East and West get different addresses from the
 * line's own NGN resolvers): §2.1 says never to hard-code them. The name is resolved through
 * the line's DNS servers, or an HB46PP answer gives the address itself.
 */
import { parseIpv6, type Ipv6Prefix } from './ipv6';
import { samePrefix } from './bits';
import { type Warning } from './mape';
import type { CalcProvisioning } from '../types/api';

export interface DsliteService {
	name: string;
	aftr: string;
	blocks: Ipv6Prefix[];
}

/** IPv4 MTU of a DS-Lite tunnel on FLET'S. */
export const DSLITE_MTU = 1460;

function service(name: string, aftr: string, blocks: readonly string[]): DsliteService {
	const parsed: Ipv6Prefix[] = [];
	for (const text of blocks) {
		const block = parseIpv6(text);
		if (block.error != null) die('dslite: bad block ' + text);
		push(parsed, block);
	}
	return { name: name, aftr: aftr, blocks: parsed };
}

export const DSLITE_SERVICES: { [key: string]: DsliteService } = {
	transix: service('transix (Internet Multifeed)', 'gw.transix.jp', ['2409:10::/30', '2409:250::/30']),
	xpass: service('クロスパス / Xpass (ARTERIA)', 'dgw.xpass.jp', ['2001:f70::/29']),
	v6connect: service('v6 コネクト (ASAHI Net)', 'dslite.v6connect.net', ['2405:6580::/29']),
};

/** The key of the DS-Lite service whose block holds the prefix (8 hextets), or null. */
export function findDsliteService(hextets: readonly number[]): string | null {
	for (const key in DSLITE_SERVICES) {
		for (const block of DSLITE_SERVICES[key].blocks) {
			if (samePrefix(hextets, block.hextets, block.prefixlen)) return key;
		}
	}
	return null;
}

/** A DS-Lite line: what a `proto dslite` interface needs. */
export interface DsliteCalculation {
	method: string;
	/** "table" (from the prefix) or "hb46pp" (from a provisioning answer). */
	source: string;
	/** A key of DSLITE_SERVICES, or "hb46pp" for a VNE the table does not know. */
	service: string;
	service_name: string;
	/** The AFTR: a DNS name, or an IPv6 address when the provisioning answer gave one. */
	aftr: string;
	/** The AFTR's address when it is known without resolving a name, else null. */
	aftr_address: string | null;
	mtu: number;
	warnings: Warning[];
	/** From an HB46PP answer (mape.hb46pp) only. */
	provisioning?: CalcProvisioning | null;
	error?: null;
}

/** A DS-Lite answer: `key` is a service of the table, or null (then the name and AFTR are given). */
export function dsliteResult(source: string, key: string | null, name: string | null, aftr: string | null, address: string | null): DsliteCalculation {
	const info = key != null ? DSLITE_SERVICES[key] : null;
	return {
		method: 'dslite', source: source, service: key ?? 'hb46pp', service_name: name ?? info!.name,
		aftr: aftr ?? info!.aftr, aftr_address: address, mtu: DSLITE_MTU, warnings: [],
	};
}
