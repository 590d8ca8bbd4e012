/*
 * /tmp/map-<iface>.rules, the values netifd's map.sh actually used (openwrt-platform.md
 * §5.5): `rule=…` then mapcalc's shell assignments (RULE_<n>_<FIELD>=value, values of
 * PORTSETS single-quoted, a trailing space inside). Unknown keys are ignored (vendor forks
 * add some). The BMR (RULE_BMR=<n>) is the rule that matched our prefix.
 *
 * Error codes: NO_RULES (empty or no RULE_ lines), NO_BMR (mapcalc matched no prefix),
 * BAD_RULES (the BMR has no IPv4 address or no port sets).
 */
import { fail, type Failure } from './failure';
import { parseIpv4 } from './ipv4';

export interface MapRules {
	ipv4: string;
	/** The CE address (RULE_n_IPV6ADDR), or null. */
	ce: string | null;
	br: string | null;
	psidlen: number;
	offset: number;
	/** The PSID when the file states it (RULE_n_PSID), else -1. */
	psid: number;
	/** [first, last] ranges in file order. */
	portsets: number[][];
	pd: string | null;
	pdlen: number;
	error?: null;
}

/** KEY=value lines → an object (quotes removed). */
export function parseAssignments(text: string): { [key: string]: string } {
	const vars: { [key: string]: string } = {};
	for (const raw of split(text, '\n')) {
		const line = rtrim(raw, '\r');
		const eq = index(line, '=');
		if (eq <= 0) continue;
		const key = substr(line, 0, eq);
		if (match(key, /^[A-Za-z_][A-Za-z0-9_]*$/) == null) continue;
		let value = substr(line, eq + 1);
		if (length(value) >= 2 && substr(value, 0, 1) == "'" && substr(value, -1) == "'") value = substr(value, 1, length(value) - 2);
		vars[key] = value;
	}
	return vars;
}

/** "a-b c-d " → [[a, b], [c, d]], or null when a word is not a valid range. */
export function parsePortSets(text: string): number[][] | null {
	const sets: number[][] = [];
	for (const word of split(text, ' ')) {
		if (word == '') continue;
		const m = match(word, /^([0-9]{1,5})-([0-9]{1,5})$/);
		if (m == null) return null;
		const first = int(m[1]);
		const last = int(m[2]);
		if (first < 1 || last > 65535 || first > last) return null;
		push(sets, [first, last]);
	}
	return sets;
}

function number(vars: { [key: string]: string }, key: string): number {
	const v = vars[key];
	return v != null && match(v, /^[0-9]{1,6}$/) != null ? int(v) : -1;
}

export function parseMapRules(text: string | null): MapRules | Failure {
	if (text == null) return fail('NO_RULES', 'The rules file is missing (is the MAP interface up?).');
	const vars = parseAssignments(text);
	if (vars.RULE_COUNT == null && vars.RULE_1_FMR == null) return fail('NO_RULES', 'The rules file holds no mapcalc output.');
	const bmr = vars.RULE_BMR;
	if (bmr == null || match(bmr, /^[0-9]{1,3}$/) == null) return fail('NO_BMR', 'mapcalc found no delegated prefix for the rule (no RULE_BMR).');
	const p = 'RULE_' + bmr + '_';
	const ipv4 = vars[p + 'IPV4ADDR'];
	const sets = vars[p + 'PORTSETS'] != null ? parsePortSets(vars[p + 'PORTSETS']) : null;
	if (ipv4 == null || parseIpv4(ipv4) == null || sets == null || length(sets) == 0) {
		return fail('BAD_RULES', 'The rules file has no usable IPv4 address or port sets for the matching rule.');
	}
	return {
		ipv4: ipv4,
		ce: vars[p + 'IPV6ADDR'] != null ? vars[p + 'IPV6ADDR'] : null,
		br: vars[p + 'BR'] != null ? vars[p + 'BR'] : null,
		psidlen: number(vars, p + 'PSIDLEN'),
		offset: number(vars, p + 'OFFSET'),
		psid: number(vars, p + 'PSID'),
		portsets: sets,
		pd: vars[p + 'IPV6PD'] != null ? vars[p + 'IPV6PD'] : null,
		pdlen: number(vars, p + 'PD6LEN'),
	};
}
