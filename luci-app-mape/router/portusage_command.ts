/*
 * `mape portusage [--json]`: active connections per port group, ports used/available and
 * the LAN hosts using the most ports (core/conntrack.ts). IPv4 and port sets come from
 * /tmp/map-<iface>.rules (what netifd uses), else from the live calculation.
 * One read of the conntrack table and a linear parse: cheap enough to poll.
 *
 * MAP-E only: a DS-Lite line has no port sets (the AFTR translates for the whole line).
 *
 * Error codes: NOT_CONFIGURED (no IPv4/port sets known), DSLITE_LINE (a DS-Lite line and
 * no MAP interface up), CONNTRACK_UNAVAILABLE.
 */
import * as fs from 'fs';
import { type Paths, paths, readConfigs } from './system';
import { snapshot, type Snapshot } from './configure';
import { readSettings, type Settings } from '../core/settings';
import { chooseMapInterface } from '../core/linestate';
import { parseMapRules, type MapRules } from '../core/maprules';
import { portUsage } from '../core/conntrack';
import { type MapeCalculation } from '../core/mape';
import type { ErrorResult, PortUsageResult } from '../types/api';

export const PORTUSAGE_USAGE = 'Usage: mape portusage [--json]\n';

const TOP_HOSTS = 10;

export function getPortUsage(p: Paths): PortUsageResult | ErrorResult {
	const data = readConfigs(p);
	const settings = readSettings(data.mape);
	if (settings.error != null) return { error: settings.error };
	const s = settings as Settings;
	const section = chooseMapInterface(s, data);
	const iface = section != null ? section['.name'] : s.interface;
	let ipv4: string | null = null;
	let sets: number[][] | null = null;
	let source = 'rules';
	const rules = parseMapRules(fs.readfile(p.rundir + '/map-' + iface + '.rules'));
	if (rules.error == null) {
		ipv4 = (rules as MapRules).ipv4;
		sets = (rules as MapRules).portsets;
	} else {
		const snap = snapshot(p);
		const calc = snap.error == null ? (snap as Snapshot).detection.calc : null;
		if (calc != null && calc.method == 'dslite') {
			return { error: { code: 'DSLITE_LINE', message: 'This is a DS-Lite line: the AFTR translates IPv4 for the whole line, so there are no port sets to count.' } };
		}
		if (calc != null) {
			ipv4 = (calc as MapeCalculation).ipv4;
			sets = (calc as MapeCalculation).portsets;
			source = 'calculation';
		}
	}
	if (ipv4 == null || sets == null) return { error: { code: 'NOT_CONFIGURED', message: 'No MAP-E IPv4 address and port sets are known (MAP interface down and no prefix).' } };
	const table = fs.readfile(p.conntrack);
	if (table == null) return { error: { code: 'CONNTRACK_UNAVAILABLE', message: 'Cannot read ' + p.conntrack + ' (is conntrack loaded?).' } };
	const usage = portUsage(table, ipv4, sets, TOP_HOSTS) as PortUsageResult;
	usage.interface = iface;
	usage.source = source;
	return usage;
}

export function runPortUsage(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const result = getPortUsage(paths());
	if (result.error != null) {
		if (asJson) printf('%J\n', result);
		else warn(sprintf('mape portusage: %s: %s\n', result.error.code, result.error.message));
		return 1;
	}
	const u = result as PortUsageResult;
	if (asJson) {
		printf('%J\n', u);
		return 0;
	}
	printf('%s on %s: %d connections, %d of %d ports used, %d available\n', u.ipv4, u.interface, u.connections, u.ports_used, u.ports_total, u.ports_available);
	for (const g of u.groups) printf('  %5d-%-5d  %4d connections  %4d ports\n', g.first, g.last, g.connections, g.ports_used);
	if (u.outside > 0) printf('  outside the port sets: %d connections\n', u.outside);
	if (length(u.hosts) > 0) print('Busiest hosts:\n');
	for (const h of u.hosts) printf('  %-40s %4d ports  %4d connections\n', h.address, h.ports, h.connections);
	return 0;
}
