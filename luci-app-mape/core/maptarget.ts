/*
 * The MAP interface section we want for a calculation, and how an existing section
 * differs from it. Shared by the line state (does the router match?) and the planner.
 *
 * Besides the options of mapInterfaceOptions() (all explicit, japan-ipoe.md §3.3), a
 * section must not carry `rule` (a raw mapcalc rule overrides every option) or `psid`
 * (mapcalc reads the PSID from the prefix; an explicit one goes stale with the prefix):
 * both are removed. Everything else on a hand-made section (ttl, zone, metric…) is kept.
 */
import { type MapeCalculation } from './mape';
import { mapInterfaceOptions } from './mapsection';
import { type ConfigSection } from './ucidata';
import { sameEffect } from './effective';

/** Options that must be absent on a section we manage. */
export const MAP_FORBIDDEN_OPTIONS: string[] = ['rule', 'psid'];

/** [option, value] pairs of our MAP interface; `mtu` overrides the rule's MTU when > 0. */
export function targetMapOptions(calc: MapeCalculation, tunlink: string, mtu: number): string[][] {
	const options = mapInterfaceOptions(calc, tunlink);
	if (mtu > 0) {
		for (const pair of options) {
			if (pair[0] == 'mtu') pair[1] = '' + mtu;
		}
	}
	return options;
}

/**
 * Names of the options of a tunnel interface `section` that differ from `options`, and of
 * the `forbidden` ones it has, by their effect (core/effective.ts: an absent encaplimit is
 * already "ignore"). Also for the DS-Lite interface (core/dslitetarget.ts).
 */
export function optionDifferences(section: ConfigSection, options: readonly string[][], forbidden: readonly string[]): string[] {
	const differing: string[] = [];
	for (const pair of options) {
		if (!sameEffect('network', section, pair[0], pair[1])) push(differing, pair[0]);
	}
	for (const name of forbidden) {
		if (section[name] != null) push(differing, name);
	}
	return differing;
}
