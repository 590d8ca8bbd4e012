/*
 * What a line's prefix means, and the stable JSON shape of it, as the `mape calc --json` CLI
 * prints it (one object per input). Field order is fixed here; keys are never numeric, so
 * ucode and JavaScript keep it.
 *
 *   calculateLine(text, options)  MAP-E by the rule table, DS-Lite by the VNE blocks
 *                                 (mape.dslite), or why neither
 *   toJson(input, outcome)        a calculation (also one from an HB46PP answer,
 *                                 mape.hb46pp provisionedCalculation) → its JSON
 *   calcJson(input, options)      both in one
 *
 * MAP-E:
 *   { input, method: "map-e", source, service, br, ipv4, psid, psidlen, offset, ealen,
 *     ip4prefix, ip4prefixlen, ip6prefix, ip6prefixlen, ce, portsets: [[first, last], …],
 *     ports, mtu, warnings }
 *   source "table" or "manual"; from an HB46PP answer ("hb46pp") it is followed by
 *   ceformat ("legacy" or "rfc7597", from map_e.version), mesh, rules (every rule of the
 *   answer: ip6prefix, ip6prefixlen, ip4prefix, ip4prefixlen, ealen, psidlen, offset) and
 *   provisioning ({ enabler_name, service_name, isp_name, ttl }, null when not sent).
 * DS-Lite:
 *   { input, method: "dslite", source, service, aftr, [aftr_address], mtu, warnings }
 *   aftr is the AFTR's DNS name (or address); aftr_address only when the address is known
 *   without resolving (an HB46PP answer that gives one). From HB46PP, provisioning follows.
 * `warnings` is always present (an empty array when there is nothing to say) and holds
 * { code, message } objects (codes: mape.mape MAPE_WARNING_CODES, mape.hb46pp
 * HB46PP_WARNING_CODES).
 * Failure:
 *   { input, error: { code, message } }
 *   codes: RESULT_ERROR_CODES (parse errors, line states without a calculation, computation
 *   errors).
 */
import { type Failure } from './failure';
import type { CalcJson } from '../types/api';
import { IPV6_ERROR_CODES, parseIpv6 } from './ipv6';
import { IDENTIFY_CODES, identify } from './identify';
import { MAPE_ERROR_CODES, calculateWithRule, type CalcOptions, type MapeCalculation } from './mape';
import { dsliteResult, type DsliteCalculation } from './dslite';

/** Every error code calculateLine() can report (MAP_E and DSLITE are answers, never errors). */
export const RESULT_ERROR_CODES: string[] = [
	...IPV6_ERROR_CODES,
	...filter(IDENTIFY_CODES, (code) => code !== 'MAP_E' && code !== 'DSLITE'),
	...MAPE_ERROR_CODES,
];

/** What a user pasted → the MAP-E computation with the table's rule, the DS-Lite service, or why neither. */
export function calculateLine(text: string, options?: CalcOptions | null): MapeCalculation | DsliteCalculation | Failure {
	const prefix = parseIpv6(text);
	if (prefix.error != null) return prefix;
	const found = identify(prefix);
	if (found.code == 'DSLITE') return dsliteResult('table', found.service, null, null, null);
	if (found.rule == null) return { error: { code: found.code, message: found.message } };
	return calculateWithRule(prefix, found.rule, options);
}

/** A calculation (or its failure) → the JSON object for `input`. */
export function toJson(input: string, outcome: MapeCalculation | DsliteCalculation | Failure): CalcJson {
	if (outcome.error != null) {
		return { input: input, error: { code: outcome.error.code, message: outcome.error.message } };
	}
	let j: CalcJson;
	if (outcome.method == 'dslite') {
		const d = outcome as DsliteCalculation;
		j = { input: input, method: d.method, source: d.source, service: d.service, aftr: d.aftr };
		if (d.aftr_address != null) j.aftr_address = d.aftr_address;
		j.mtu = d.mtu;
		j.warnings = d.warnings;
	} else {
		const m = outcome as MapeCalculation;
		j = {
			input: input,
			method: m.method,
			source: m.source,
			service: m.service,
			br: m.br,
			ipv4: m.ipv4,
			psid: m.psid,
			psidlen: m.psidlen,
			offset: m.offset,
			ealen: m.ealen,
			ip4prefix: m.ip4prefix,
			ip4prefixlen: m.ip4prefixlen,
			ip6prefix: m.ip6prefix,
			ip6prefixlen: m.ip6prefixlen,
			ce: m.ce,
			portsets: m.portsets,
			ports: m.ports,
			mtu: m.mtu,
			warnings: m.warnings,
		};
		if (m.rules != null) {
			j.ceformat = m.ceformat;
			j.mesh = m.mesh;
			j.rules = m.rules;
		}
	}
	if (outcome.provisioning != null) j.provisioning = outcome.provisioning;
	return j;
}

/** One input line as `mape calc --json` reports it. */
export function calcJson(input: string, options?: CalcOptions | null): CalcJson {
	return toJson(input, calculateLine(input, options));
}
