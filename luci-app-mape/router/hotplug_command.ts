/*
 * `mape hotplug <action> <interface>`, run by /etc/hotplug.d/iface/95-mape:
 *
 *   uplink (wan6) ifup/ifupdate   recompute; when auto_follow is on and the configuration
 *                                 no longer matches the line (state STALE: the prefix moved
 *                                 to another MAP-E rule or DS-Lite VNE, or between a MAP-E
 *                                 and a DS-Lite VNE; or FOREIGN on a MAP-E line), apply
 *                                 the plan (with a backup) and log one line to syslog. When
 *                                 a MAP interface still matches but is up with another IPv4
 *                                 (a new prefix within the same rule), set it up again, or
 *                                 reconnect the uplink when map.sh would take a deprecated
 *                                 old prefix (followAddress). When map.sh gave up on it
 *                                 for want of the prefix, set it up again (retryGivenUp).
 *                                 A router we never configured is left alone, and so is a
 *                                 hand-made DS-Lite interface
 *                                 (it may well work).
 *   MAP interface ifup            (a proto map interface: never a DS-Lite one, whose AFTR
 *                                 translates) install the SNAT table from /tmp/map-<iface>.rules (the
 *                                 values netifd used) with `nft -f` (core/snat.ts), keeping
 *                                 mape.reserved_ports and the external ports of fw4 port
 *                                 forwards from the interface's zone out of it
 *                                 (core/reserved.ts); when nft rejects the spill strategy
 *                                 (no nft_connlimit in the kernel), retry once with
 *                                 strategy group and log it
 *   MAP interface ifdown          remove that table (also when the plan just removed the
 *                                 interface, e.g. for DS-Lite: ifdown follows the removal)
 *   uplink ifup/ifupdate, and HB46PP on (mape.hb46pp)
 *                                 also start `mape provision --if-due` in the background
 *                                 (router/provision_command.ts): a DNS and HTTPS round
 *                                 trip must not hold netifd's hotplug chain
 *
 * `mape hotplug resume`, run by the package's post-install script: when netifd has the MAP
 * interface up, install its SNAT table as its ifup did. A reinstall (opkg --force-reinstall,
 * or remove and install) runs the removal's pre-remove script, which deletes our tables,
 * while MAP-E keeps running; without this only fw4's first-port-set rules were left until
 * the next ifup (seen in the router lab). After an upgrade it replaces the table with the
 * new version's.
 *
 * Exit codes: 0 (also when there is nothing to do), 1 something failed (logged).
 */
import * as fs from 'fs';
import { type MapeCalculation } from '../core/mape';
import { type Paths, paths, readConfigs, readLive, run, logLine } from './system';
import { snapshot, applyPlan, type Snapshot, type ApplyResult } from './configure';
import { readSettings, uplinkName, type Settings } from '../core/settings';
import { chooseMapInterface, findInterface, lineState, mapcalcPrefix } from '../core/linestate';
import { makePlan } from '../core/plan';
import type { LineStatus, MapInterfaceState, Plan } from '../types/api';
import { parseMapRules, type MapRules } from '../core/maprules';
import { snatScript, snatRemoveScript } from '../core/snat';
import { parseReserved, redirectReserved } from '../core/reserved';
import { type ConfigData } from '../core/ucidata';
import { type Failure } from '../core/failure';
import { startProvision } from './provision_command';

export const HOTPLUG_USAGE = 'Usage: mape hotplug <ifup|ifupdate|ifdown> <interface>\n       mape hotplug resume\n';

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

/** wan6 came up or changed: re-apply when the configuration went stale. */
function followPrefix(p: Paths): number {
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

function nftScriptFile(p: Paths, iface: string): string {
	return p.rundir + '/mape-snat-' + iface + '.nft';
}

function runNft(p: Paths, iface: string, script: string): number {
	const file = nftScriptFile(p, iface);
	if (fs.writefile(file, script) == null) return 1;
	const code = run(p, ['nft', '-f', file]);
	if (p.dryrun == null) fs.unlink(file);
	return code;
}

function installSnat(p: Paths, settings: Settings, data: ConfigData, iface: string): number {
	if (!settings.snat) return 0;
	const rules = parseMapRules(fs.readfile(p.rundir + '/map-' + iface + '.rules'));
	if (rules.error != null) {
		logLine(p, sprintf('%s up, SNAT not installed: %s', iface, rules.error.message));
		return 1;
	}
	const r = rules as MapRules;
	const reserved = parseReserved(join(',', settings.reserved_ports));
	if (type(reserved) != 'array') {
		logLine(p, sprintf('%s up, SNAT not installed: reserved_ports: %s', iface, (reserved as Failure).error.message));
		return 1;
	}
	// Port forwards from the MAP interface's zone keep their external ports out of the pool.
	const forwards = redirectReserved(data.firewall, iface);
	for (const note of forwards.skipped) logLine(p, sprintf('%s up: %s', iface, note));
	for (const range of forwards.ranges) push(reserved as number[][], range);
	let strategy = 'spill';
	let script = snatScript({ iface: iface, ipv4: r.ipv4, portsets: r.portsets, reserved: reserved as number[][], strategy: strategy });
	if (type(script) != 'string') {
		logLine(p, sprintf('%s up, SNAT not installed: %s', iface, (script as Failure).error.message));
		return 1;
	}
	if (runNft(p, iface, script as string) != 0) {
		// The spill strategy's `ct count` needs nft_connlimit; a kernel without it (no
		// kmod-nft-connlimit) rejects the whole script. Group round robin needs no module.
		logLine(p, sprintf('%s up: nft rejected the spill SNAT table, most likely missing connlimit support (kmod-nft-connlimit); retrying with strategy group', iface));
		strategy = 'group';
		script = snatScript({ iface: iface, ipv4: r.ipv4, portsets: r.portsets, reserved: reserved as number[][], strategy: strategy });
		if (type(script) != 'string' || runNft(p, iface, script as string) != 0) {
			logLine(p, sprintf('%s up, nft rejected the SNAT table', iface));
			return 1;
		}
	}
	logLine(p, sprintf('%s up: SNAT over %d port sets for %s installed%s', iface, length(r.portsets), r.ipv4, strategy == 'spill' ? '' : ' (strategy ' + strategy + ')'));
	return 0;
}

function removeSnat(p: Paths, iface: string): number {
	const script = snatRemoveScript(iface);
	if (type(script) != 'string') return 1;
	return runNft(p, iface, script as string) == 0 ? 0 : 1;
}

export function runHotplug(args: readonly string[]): number {
	const resume = length(args) == 1 && args[0] == 'resume';
	if (length(args) != 2 && !resume) {
		warn(HOTPLUG_USAGE);
		return 2;
	}
	const action = args[0];
	const iface = args[1];
	const p = paths();
	const data = readConfigs(p);
	const settings = readSettings(data.mape);
	if (settings.error != null) return 1;
	const s = settings as Settings;
	const mapSection = chooseMapInterface(s, data);
	const mapName = mapSection != null ? mapSection['.name'] : s.interface;
	if (resume) {
		if (mapSection == null) return 0;
		const running = findInterface(readLive(p, null), mapName);
		return running != null && running.up == true ? installSnat(p, s, data, mapName) : 0;
	}
	if (iface == uplinkName(s, data) && (action == 'ifup' || action == 'ifupdate')) {
		if (s.hb46pp) startProvision(p, true);
		return followPrefix(p);
	}
	if (iface == mapName && action == 'ifup' && mapSection != null) return installSnat(p, s, data, iface);
	if (iface == mapName && action == 'ifdown') return removeSnat(p, iface);
	return 0;
}
