/*
 * `mape snat`: prints the nftables script that makes every port set usable (core/snat.ts),
 * for inspection or for `mape snat … | nft -f -`.
 *
 *   mape snat --iface NAME --prefix PREFIX [--reserve LIST] [--device DEV]
 *   mape snat --iface NAME --ipv4 A --psid N --psidlen N --offset N [--reserve LIST] [--device DEV]
 *   mape snat --remove --iface NAME
 *
 * --reserve: ports never used as source ports ("8080,5000-5010", also "5000:5010", commas or
 * spaces between them, as in mape.reserved_ports); --device: the egress
 * device (default map-NAME); --strategy: spill (default), group (without kmod-nft-connlimit),
 * or a benchmark baseline (port, stock).
 *
 * Exit codes: 0 success, 1 the parameters cannot give a script (bad prefix, PSID out of
 * range, every port reserved…: "Error (CODE): message" on stderr), 2 bad usage.
 */
import { calculate } from '../core/mape';
import { type Failure } from '../core/failure';
import { snatScript, snatRemoveScript, portSetsFor } from '../core/snat';
import { parseReserved } from '../core/reserved';

export const SNAT_USAGE = 'Usage: mape snat --iface NAME (--prefix PREFIX | --ipv4 A --psid N --psidlen N --offset N)\n' +
	'                 [--reserve PORTS] [--device DEV] [--strategy spill|group|port|stock]\n' +
	'       mape snat --remove --iface NAME\n';

const VALUE_OPTIONS = ['iface', 'prefix', 'ipv4', 'psid', 'psidlen', 'offset', 'reserve', 'device', 'strategy'];
const MANUAL = ['ipv4', 'psid', 'psidlen', 'offset'];

function usageError(message: string): number {
	warn('mape snat: ', message, '\n', SNAT_USAGE);
	return 2;
}

function failure(outcome: Failure): number {
	warn(sprintf('mape snat: Error (%s): %s\n', outcome.error.code, outcome.error.message));
	return 1;
}

/** A decimal number as an int; anything else stays a string so the engine reports it. */
function number(text: string): number | string {
	return match(text, /^(0|[1-9][0-9]{0,5})$/) != null ? int(text) : text;
}

/** Runs `mape snat` with the arguments after `snat`; returns the exit code. */
export function runSnat(args: readonly string[]): number {
	const opts: { [name: string]: string } = {};
	let remove = false;
	for (let i = 0; i < length(args); i++) {
		const arg = args[i];
		if (arg == '--remove') { remove = true; continue; }
		if (substr(arg, 0, 2) != '--' || index(VALUE_OPTIONS, substr(arg, 2)) < 0) return usageError('unknown argument ' + arg);
		if (i + 1 >= length(args)) return usageError('option ' + arg + ' needs a value');
		opts[substr(arg, 2)] = args[i + 1];
		i++;
	}
	if (opts.iface == null) return usageError('--iface is required');
	if (remove) {
		for (const name in opts) {
			if (name != 'iface') return usageError('--remove takes only --iface');
		}
		const removal = snatRemoveScript(opts.iface);
		if (type(removal) != 'string') return failure(removal as Failure);
		print(removal);
		return 0;
	}

	let manualGiven = 0;
	for (const name of MANUAL) {
		if (opts[name] != null) manualGiven++;
	}
	if (opts.prefix != null && manualGiven > 0) return usageError('give either --prefix or --ipv4/--psid/--psidlen/--offset, not both');
	if (opts.prefix == null && manualGiven < length(MANUAL)) return usageError('give --prefix, or all of --ipv4 --psid --psidlen --offset');

	let ipv4: string;
	let portsets: number[][];
	if (opts.prefix != null) {
		const calc = calculate(opts.prefix);
		if (calc.error != null) return failure(calc as Failure);
		ipv4 = calc.ipv4;
		portsets = calc.portsets;
	} else {
		const sets = portSetsFor(number(opts.psid) as number, number(opts.psidlen) as number, number(opts.offset) as number);
		if (type(sets) != 'array') return failure(sets as Failure);
		ipv4 = opts.ipv4;
		portsets = sets as number[][];
	}
	let reserved: number[][] = [];
	if (opts.reserve != null) {
		const parsed = parseReserved(opts.reserve);
		if (type(parsed) != 'array') return failure(parsed as Failure);
		reserved = parsed as number[][];
	}
	const script = snatScript({ iface: opts.iface, device: opts.device, ipv4: ipv4, portsets: portsets, reserved: reserved, strategy: opts.strategy });
	if (type(script) != 'string') return failure(script as Failure);
	print(script);
	return 0;
}
