/*
 * The stable JSON shape of a calculation, as the `mape calc --json` CLI prints it (one object
 * per input). Field order is fixed here; keys are never numeric, so ucode and JavaScript
 * keep it.
 *
 * Success:
 *   { input, service, br, ipv4, psid, psidlen, offset, ealen, ip4prefix, ip4prefixlen,
 *     ip6prefix, ip6prefixlen, ce, portsets: [[first, last], …], ports, mtu, warnings }
 *   `warnings` is always present (an empty array when there is nothing to say) and holds
 *   { code, message } objects (codes: mape.mape MAPE_WARNING_CODES).
 * Failure:
 *   { input, error: { code, message } }
 *   codes: RESULT_ERROR_CODES (parse errors, non-MAP-E line states, computation errors).
 */
import { type Failure } from './failure';
import type { CalcJson } from '../types/api';
import { IPV6_ERROR_CODES } from './ipv6';
import { IDENTIFY_CODES } from './identify';
import { MAPE_ERROR_CODES, calculate, type CalcOptions, type MapeCalculation } from './mape';

/** Every error code a calculation can report (MAP_E itself is a success, never an error). */
export const RESULT_ERROR_CODES: string[] = [
	...IPV6_ERROR_CODES,
	...filter(IDENTIFY_CODES, (code) => code !== 'MAP_E'),
	...MAPE_ERROR_CODES,
];

/** A computation (or its failure) → the JSON object for `input`. */
export function toJson(input: string, outcome: MapeCalculation | Failure): CalcJson {
	if (outcome.error != null) {
		return { input: input, error: { code: outcome.error.code, message: outcome.error.message } };
	}
	return {
		input: input,
		service: outcome.service,
		br: outcome.br,
		ipv4: outcome.ipv4,
		psid: outcome.psid,
		psidlen: outcome.psidlen,
		offset: outcome.offset,
		ealen: outcome.ealen,
		ip4prefix: outcome.ip4prefix,
		ip4prefixlen: outcome.ip4prefixlen,
		ip6prefix: outcome.ip6prefix,
		ip6prefixlen: outcome.ip6prefixlen,
		ce: outcome.ce,
		portsets: outcome.portsets,
		ports: outcome.ports,
		mtu: outcome.mtu,
		warnings: outcome.warnings,
	};
}

/** One input line as `mape calc --json` reports it. */
export function calcJson(input: string, options?: CalcOptions | null): CalcJson {
	return toJson(input, calculate(input, options));
}
