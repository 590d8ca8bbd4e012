/*
 * The `mape` command (/usr/sbin/mape on the router; `npx mape` on a PC).
 * Each subcommand lives in its own module; this file only dispatches.
 */
import { runCalc, CALC_USAGE } from './calc_command';
import { runSnat, SNAT_USAGE } from './snat_command';
import { runStatus } from './status_command';
import { runPlan } from './plan_command';
import { runApply, runRestore, runBackups } from './apply_command';
import { runHotplug } from './hotplug_command';
import { runPortUsage } from './portusage_command';
import { runProvision, PROVISION_USAGE } from './provision_command';

const USAGE = 'Usage: mape <command> [arguments]\n\n' +
	'Commands:\n' +
	'  calc    compute MAP-E parameters for a prefix or address (see `mape calc --help`)\n' +
	'  snat    print the nftables script that uses every port set (see `mape snat --help`)\n' +
	'  status  the line, its MAP-E parameters and the configuration state [--json]\n' +
	'  plan    the UCI changes `apply` would make [--json]\n' +
	'  apply   back up, apply the plan, reload [--json]\n' +
	'  restore [<backup-id>]  bring back a backup (default: the newest) [--json]\n' +
	'  backups list the backups [--json]\n' +
	'  portusage  connections per port group and the busiest LAN hosts [--json]\n' +
	'  provision  ask the provider over HB46PP (see `mape provision --help`) [--json]\n' +
	'  hotplug <action> <interface>  (called by /etc/hotplug.d/iface/95-mape)\n' +
	'  hotplug resume  (called after the package is installed)\n';

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
	if (command == 'status') return runStatus(rest);
	if (command == 'plan') return runPlan(rest);
	if (command == 'apply') return runApply(rest);
	if (command == 'restore') return runRestore(rest);
	if (command == 'backups') return runBackups(rest);
	if (command == 'hotplug') return runHotplug(rest);
	if (command == 'portusage') return runPortUsage(rest);
	if (command == 'provision') {
		if (index(rest, '--help') >= 0 || index(rest, '-h') >= 0) { print(PROVISION_USAGE); return 0; }
		return runProvision(rest);
	}
	if (command == '' || command == '--help' || command == '-h' || command == 'help') {
		print(USAGE);
		return command == '' ? 2 : 0;
	}
	warn('mape: unknown command "', command, '"\n', USAGE);
	return 2;
}

exit(main(ARGV));
