/*
 * The `mape` command (/usr/sbin/mape on the router; `npx mape` on a PC).
 * Each subcommand lives in its own module; this file only dispatches.
 */
import { runCalc, CALC_USAGE } from './calc_command';
import { runSnat, SNAT_USAGE } from './snat_command';

const USAGE = 'Usage: mape <command> [arguments]\n\n' +
	'Commands:\n' +
	'  calc    compute MAP-E parameters for a prefix or address (see `mape calc --help`)\n' +
	'  snat    print the nftables script that uses every port set (see `mape snat --help`)\n';

function main(args: readonly string[]): number {
	const command = length(args) > 0 ? args[0] : '';
	const rest = slice(args, 1);
	if (command == 'calc') {
		if (index(rest, '--help') >= 0 || index(rest, '-h') >= 0) {
			print(CALC_USAGE);
			return 0;
		}
		return runCalc(rest);
	}
	if (command == 'snat') {
		if (index(rest, '--help') >= 0 || index(rest, '-h') >= 0) { print(SNAT_USAGE); return 0; }
		return runSnat(rest);
	}
	if (command == '' || command == '--help' || command == '-h' || command == 'help') {
		print(USAGE);
		return command == '' ? 2 : 0;
	}
	warn('mape: unknown command "', command, '"\n', USAGE);
	return 2;
}

exit(main(ARGV));
