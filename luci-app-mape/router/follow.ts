/*
 * Following the line: what the wan6 hotplug (router/hotplug_command.ts) does when the
 * uplink comes up or changes, and what a background HB46PP run (router/provision_command.ts)
 * does when the provider's answer changed: recompute, and when auto_follow is on and the
 * configuration no longer matches the line, apply the plan (with a backup), logging one
 * line to syslog. A MAP interface that still matches but runs with the IPv4 of an old
 * prefix, or that map.sh gave up on, is set up again.
 */
import { type MapeCalculation } from '../core/mape';
import { type Paths, run, logLine } from './system';
import { snapshot, applyPlan, type Snapshot, type ApplyResult } from './configure';
import { findInterface, lineState, mapcalcPrefix } from '../core/linestate';
import { makePlan } from '../core/plan';
import type { LineStatus, MapInterfaceState, Plan } from '../types/api';

/**
 * map.sh gives up for good when mapcalc finds no prefix of the rule on the uplink: mapcalc
 * skips the rule and exits 1, map.sh reports INVALID_MAP_RULE (NO_MATCHING_PD when only
 * forwarding rules were left) and blocks restarts, which clears netifd's autostart, so the
 * uplink coming up with the prefix later does not bring the MAP interface back. Its set-up
 * can run while the uplink has no prefix: during an apply that changes wan6 and adds the
 * MAP interface in one reload, where it depends on timing (seen once in CI), after the
 * line lost its prefix for a while (seen in the router lab), or at boot on a line whose
 * uplink comes up before its prefix does. Now the uplink lists a prefix of the rule, where
 * mapcalc looks, and the interface's options are what the engine computes: set
 * it up again (ifup also restores autostart), whatever auto_follow says, as this changes
 * no configuration. Not while netifd is setting it up, and not for another error.
 */
function retryGivenUp(p: Paths, s: Snapshot, status: LineStatus): number {
	const mapIf = status.map as MapInterfaceState;
	const running = findInterface(s.live, mapIf.name);
	if (mapIf.up || (running != null && running.pending == true)) return 0;
	const code = index(mapIf.errors, 'INVALID_MAP_RULE') >= 0 ? 'INVALID_MAP_RULE' : (index(mapIf.errors, 'NO_MATCHING_PD') >= 0 ? 'NO_MATCHING_PD' : null);
	if (code == null) return 0;
	// mapcalc reads the uplink's prefix list: without a prefix of the rule there (a /64
	// line without extendprefix), it would fail again on every uplink update.
	const calc = s.detection.calc as MapeCalculation;
	if (mapcalcPrefix(s.live, '' + s.detection.uplink.interface, calc.ip6prefix, calc.ip6prefixlen) == null) return 0;
	logLine(p, sprintf('prefix %s: %s gave up while the uplink had no prefix of its rule (%s): setting it up again for %s', '' + status.input, mapIf.name, code, calc.ipv4));
	return run(p, ['ifup', mapIf.name]) == 0 ? 0 : 1;
}

/**
 * wan6 changed and the MAP interface's options still match (a new prefix within the same
 * rule), but it is up with the IPv4 of the old prefix: netifd sets a MAP interface up again
 * only when its tunlink goes down, not on an ifupdate, and map.sh computed its values when
 * it came up. Set it up again (ifup), so that map.sh computes from the new prefix. Unless
 * mapcalc would take the deprecated old prefix again (it ignores lifetimes, and netifd may
 * list the old prefix first; core/linestate.ts mapcalcPrefix): then reconnect the uplink,
 * whose new DHCPv6 client does not take a prefix the ISP advertises with lifetime 0, and
 * the MAP interface, which depends on it, follows. Both seen in the router lab.
 */
function followAddress(p: Paths, s: Snapshot, status: LineStatus): number {
	const mapIf = status.map as MapInterfaceState;
	if (s.detection.calc == null || s.detection.calc.method != 'map-e') return 0;
	const calc = s.detection.calc as MapeCalculation;
	if (!mapIf.up || mapIf.ipv4 == null || mapIf.ipv4 == calc.ipv4) return 0;
	const uplink = '' + s.detection.uplink.interface;
	const used = mapcalcPrefix(s.live, uplink, calc.ip6prefix, calc.ip6prefixlen);
	if (used != null && used.preferred == 0) {
		logLine(p, sprintf('prefix %s: %s runs with %s, and map.sh would take the deprecated prefix %s/%d again: reconnecting %s for %s', '' + status.input, mapIf.name, mapIf.ipv4, used.address, used.mask, uplink, calc.ipv4));
		return run(p, ['ifup', uplink]) == 0 ? 0 : 1;
	}
	logLine(p, sprintf('prefix %s: %s runs with %s from the previous prefix: setting it up again for %s', '' + status.input, mapIf.name, mapIf.ipv4, calc.ipv4));
	return run(p, ['ifup', mapIf.name]) == 0 ? 0 : 1;
}

/** wan6 came up or changed, or the provider's answer did: re-apply when the configuration went stale. */
export function followPrefix(p: Paths): number {
	const snap = snapshot(p);
	if (snap.error != null) return 1;
	const s = snap as Snapshot;
	const status = lineState(s.detection, s.data, s.live);
	const mapMatches = status.map != null && status.map.matching == true && status.method == 'map-e' && status.state != 'STALE';
	// Not a configuration change, so also without auto_follow: the interface as configured.
	if (mapMatches && !(status.map as MapInterfaceState).up) return retryGivenUp(p, s, status);
	if (!s.detection.settings.auto_follow) return 0;
	if (mapMatches) return followAddress(p, s, status);
	// A hand-made MAP interface that differs cannot work, so it is reused and fixed; a
	// hand-made DS-Lite one may (e.g. with a literal AFTR address) and is left alone.
	if (status.state != 'STALE' && (status.state != 'FOREIGN' || status.method != 'map-e')) return 0;
	const plan = makePlan(s.data, s.detection);
	const what = status.method == 'dslite' ? 'DS-Lite' : 'MAP-E';
	if (plan.error != null) {
		logLine(p, sprintf('prefix %s: %s parameters changed but cannot be re-applied: %s', '' + status.input, what, plan.error.message));
		return 1;
	}
	const result = applyPlan(p, plan as Plan, 'auto-follow');
	if (result.error != null) {
		logLine(p, sprintf('prefix %s: re-applying %s failed: %s', '' + status.input, what, result.error.message));
		return 1;
	}
	const pl = plan as Plan;
	const r = result as ApplyResult;
	let reloads = '';
	if (length(r.failed) > 0) reloads += '; reload failed: ' + join(', ', map(r.failed, (f) => sprintf('%s (exit %d)', f.service, f.status)));
	if (length(r.missing) > 0) reloads += '; not installed: ' + join(', ', r.missing);
	logLine(p, sprintf('prefix %s (%s): %s reconfigured for the new %s (%d changes, backup %s)%s', pl.input, pl.service, pl.interface, pl.method == 'dslite' ? 'DS-Lite service' : 'MAP-E rule', length(pl.ops), '' + r.backup, reloads));
	return length(r.failed) > 0 ? 1 : 0;
}
