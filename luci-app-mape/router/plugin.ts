/*
 * rpcd plugin `luci.mape` (installed as /usr/share/rpcd/ucode/luci.mape).
 * Handlers stay thin: check arguments, call the library (router/configure.ts), return an
 * object. Failures are replies too: { error: { code, message } }.
 *
 *   status                     line, calculation, configuration state (core/linestate.ts)
 *   plan                       the UCI operations Auto configure would stage (core/plan.ts)
 *   apply                      back up, apply, reload (the CLI path; LuCI stages the plan
 *                              through its own uci API with rollback instead)
 *   backup                     back up network, dhcp, firewall and mape (reason "luci"):
 *                              { backup: id }; the Setup view calls it before it applies
 *                              its staged plan, so a restore brings back what was before
 *   restore_plan { backup: "" }
 *                              the uci operations that bring back a backup ("" or absent:
 *                              the newest), for LuCI to stage and apply with rollback;
 *                              changes nothing
 *   restore_finish { backup: "" }
 *                              after LuCI applied them: if the backup's content is live,
 *                              write its files back byte for byte (no reload needed)
 *   backups                    the backup ids, oldest first
 *   portusage                  connections per port group, busiest hosts
 *   calc { input: "" }         the calculator for any prefix or address
 *   provision                  start an HB46PP run in the background and return at once
 *                              ({ started }); a DNS and HTTPS round trip with timeouts
 *                              would hold rpcd's single loop, and with it LuCI, for
 *                              seconds. HB46PP_DISABLED when mape.hb46pp is 0
 *   provision_status           HB46PP on or off, a run in progress, and the last answer
 *                              and error from the cache (router/provision_command.ts)
 *
 * rpcd already rejects undeclared keys and wrong blob types (UBUS_STATUS_INVALID_ARGUMENT);
 * the handlers check again, so a direct call (tests, other embedders) gets the same answer
 * as { error: { code: "INVALID_ARGUMENT" } }.
 */
import { paths, VERSION } from './system';
import { provisionRpc } from './provision_command';
import { getStatus, getPlan, applyNow, backupNow, restorePlan, finishRestore, listBackups } from './configure';
import { getPortUsage } from './portusage_command';
import { calcJson } from '../core/result';
import { MAX_INPUT_LENGTH } from '../core/ipv6';

function invalid(message: string): object {
	return { error: { code: 'INVALID_ARGUMENT', message: message } };
}

/** null when every key of args is declared in spec with the right type, else why not. */
function checkArgs(args: unknown, spec: { [key: string]: string }): string | null {
	if (args == null) return null;
	if (type(args) != 'object') return 'arguments must be an object';
	const given = args as { [key: string]: unknown };
	for (const key in given) {
		if (key == 'ubus_rpc_session') continue;
		if (spec[key] == null) return sprintf('unknown argument "%s"', key);
		if (type(given[key]) != spec[key]) return sprintf('argument "%s" must be a %s', key, spec[key]);
	}
	return null;
}

const NO_ARGS: { [key: string]: string } = {};

/** A method without arguments: anything but rpcd's session id is refused. */
function withoutArgs(run: () => object): RpcdMethod<{}> {
	return {
		call: function (req) {
			const bad = checkArgs(req.args, NO_ARGS);
			if (bad != null) return invalid(bad);
			return run();
		},
	};
}

const status = withoutArgs(function () {
	const result = getStatus(paths()) as unknown as { [key: string]: unknown };
	result.version = VERSION;
	return result;
});

const plan = withoutArgs(function () { return getPlan(paths()); });

const apply = withoutArgs(function () { return applyNow(paths(), 'rpc'); });

const backup = withoutArgs(function () { return backupNow(paths(), 'luci'); });

const restore_plan: RpcdMethod<{ backup?: string }> = {
	args: { backup: '' },
	call: function (req) {
		const bad = checkArgs(req.args, { backup: 'string' });
		if (bad != null) return invalid(bad);
		const id = req.args.backup;
		return restorePlan(paths(), id != null && id != '' ? id : null);
	},
};

const restore_finish: RpcdMethod<{ backup?: string }> = {
	args: { backup: '' },
	call: function (req) {
		const bad = checkArgs(req.args, { backup: 'string' });
		if (bad != null) return invalid(bad);
		const id = req.args.backup;
		if (id == null || id == '') return invalid('argument "backup" (the id restore_plan answered with) is required');
		return finishRestore(paths(), id);
	},
};

const backups = withoutArgs(function () { return { backups: listBackups(paths()) }; });

const portusage = withoutArgs(function () { return getPortUsage(paths()); });

const calc: RpcdMethod<{ input?: string }> = {
	args: { input: '' },
	call: function (req) {
		const bad = checkArgs(req.args, { input: 'string' });
		if (bad != null) return invalid(bad);
		const input = req.args.input;
		if (input == null || input == '') return invalid('argument "input" (a prefix or address) is required');
		if (length(input) > MAX_INPUT_LENGTH) return invalid('argument "input" is too long');
		return calcJson(input);
	},
};

const provision = withoutArgs(function () { return provisionRpc(true); });

const provision_status = withoutArgs(function () { return provisionRpc(false); });

export default {
	'luci.mape': {
		status: status,
		plan: plan,
		apply: apply,
		backup: backup,
		restore_plan: restore_plan,
		restore_finish: restore_finish,
		backups: backups,
		portusage: portusage,
		calc: calc,
		provision: provision,
		provision_status: provision_status,
	},
};
