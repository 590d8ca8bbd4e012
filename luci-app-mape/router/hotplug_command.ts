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
 *                                 old prefix. When map.sh gave up on it
 *                                 for want of the prefix, set it up again (router/follow.ts).
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
import { type Paths, paths, readConfigs, readLive, run, logLine } from './system';
import { readSettings, uplinkName, type Settings } from '../core/settings';
import { chooseMapInterface, findInterface } from '../core/linestate';
import { followPrefix } from './follow';
import { parseMapRules, type MapRules } from '../core/maprules';
import { snatScript, snatRemoveScript } from '../core/snat';
import { parseReserved, redirectReserved } from '../core/reserved';
import { type ConfigData } from '../core/ucidata';
import { type Failure } from '../core/failure';
import { startProvision } from './provision_command';

export const HOTPLUG_USAGE = 'Usage: mape hotplug <ifup|ifupdate|ifdown> <interface>\n       mape hotplug resume\n';

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
