/*
 * `mape status [--json]`: the line, the engine's answer for the live prefix and how the
 * router stands (core/linestate.ts). Exit codes: 0, 1 when the status carries an error.
 */
import { paths } from './system';
import { getStatus } from './configure';
import type { ErrorResult, LineStatus, TunnelState } from '../types/api';

export const STATUS_USAGE = 'Usage: mape status [--json]\n';

function row(label: string, value: string): string {
	return sprintf('  %-14s%s\n', label, value);
}

/** A tunnel interface's lines: name, up/down, device, errors, differences. */
function tunnelRows(label: string, t: TunnelState): string {
	let text = row(label, sprintf('%s%s, %s%s%s', t.name, t.ours ? '' : ' (hand-made)', t.up ? 'up' : 'down',
		t.since != null ? sprintf(' for %ds', t.since) : '', t.device != null ? ' (' + t.device + ')' : ''));
	if (length(t.errors) > 0) text += row('netifd errors', join(' ', t.errors));
	if (length(t.differences) > 0) text += row('Differs in', join(' ', t.differences));
	return text;
}

export function formatStatus(s: LineStatus): string {
	let text = sprintf('State: %s\n', s.state);
	const up = s.uplink;
	text += row('Uplink', sprintf('%s (%s%s)', up.interface != null ? up.interface : '-', up.up ? 'up' : 'down', up.device != null ? ', ' + up.device : ''));
	text += row('Line', s.line == 'pd' ? sprintf('prefix delegation /%d', up.pdlen) : (s.line == 'ra64' ? '/64 by RA (no prefix delegation)' : 'no global IPv6'));
	if (up.address != null) text += row('Address', up.address);
	if (up.prefix != null) text += row('Prefix', up.prefix);
	if (s.calc != null) {
		text += row('Service', '' + s.calc.service);
		if (s.method == 'dslite') text += row('AFTR', sprintf('%s (DS-Lite)', s.calc.aftr));
		else {
			text += row('IPv4', sprintf('%s (PSID %d, %d ports)', s.calc.ipv4, s.calc.psid, s.calc.ports));
			text += row('BR', '' + s.calc.br);
		}
	}
	if (s.map != null) {
		text += tunnelRows('MAP interface', s.map);
		if (s.map.ipv4 != null) text += row('MAP IPv4', s.map.ipv4);
	}
	if (s.dslite != null) {
		text += tunnelRows('DS-Lite', s.dslite);
		if (s.dslite.aftr != null) text += row('DS-Lite AFTR', s.dslite.aftr);
	}
	if (s.error != null) text += sprintf('  Error (%s): %s\n', s.error.code, s.error.message);
	for (const w of s.warnings) text += sprintf('  Warning (%s): %s\n', w.code, w.message);
	return text;
}

export function runStatus(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const result = getStatus(paths());
	if (result.error != null && (result as LineStatus).state == null) {
		const e = (result as ErrorResult).error;
		if (asJson) printf('%J\n', result);
		else warn(sprintf('mape status: %s: %s\n', e.code, e.message));
		return 1;
	}
	const s = result as LineStatus;
	if (asJson) printf('%J\n', s);
	else print(formatStatus(s));
	return s.error != null ? 1 : 0;
}
