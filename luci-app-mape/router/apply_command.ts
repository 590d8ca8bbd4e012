/*
 * `mape apply [--json]`, `mape restore [<backup-id>] [--json]`, `mape backups [--json]`:
 * the CLI path of design.md step 4 (back up, commit, reload; LuCI stages the plan through
 * its own uci API instead). After a change, each service reload is reported as it went:
 * reloaded, failed (with the init script's exit status) or not installed.
 * Exit codes: 0; 1 refused/failed (nothing changed), or the change was made but a service
 * failed to reload (the output says which); 2 usage.
 */
import { paths } from './system';
import { applyNow, restoreBackup, listBackups, type ApplyResult, type RestoreResult } from './configure';
import type { ErrorResult, ReloadReport } from '../types/api';
import { describeOp } from '../core/plan';

export const APPLY_USAGE = 'Usage: mape apply [--json]\n       mape restore [<backup-id>] [--json]\n       mape backups [--json]\n';

function reportError(command: string, asJson: boolean, result: ErrorResult): number {
	if (asJson) printf('%J\n', result);
	else warn(sprintf('mape %s: %s: %s\n', command, result.error.code, result.error.message));
	return 1;
}

/** Prints what the reloads did; 1 when one failed. */
function reportReloads(r: ReloadReport): number {
	if (length(r.reloaded) > 0) printf('Reloaded: %s.\n', join(' ', r.reloaded));
	if (length(r.missing) > 0) printf('Not installed, so not reloaded: %s.\n', join(' ', r.missing));
	for (const f of r.failed) warn(sprintf('Reload of %s failed (/etc/init.d/%s reload exited with %d): check logread.\n', f.service, f.service, f.status));
	return length(r.failed) > 0 ? 1 : 0;
}

export function runApply(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const result = applyNow(paths(), 'apply');
	if (result.error != null) return reportError('apply', asJson, result as ErrorResult);
	const r = result as ApplyResult;
	if (asJson) {
		printf('%J\n', { changed: r.changed, applied: r.applied, backup: r.backup, reloaded: r.reloaded, failed: r.failed, missing: r.missing, ops: r.plan.ops });
		return length(r.failed) > 0 ? 1 : 0;
	}
	if (!r.changed) {
		print('Nothing to change: the configuration already matches.\n');
		return 0;
	}
	for (const op of r.plan.ops) print(describeOp(op) + '\n');
	printf('Applied %d change(s); backup %s (undo: mape restore %s).\n', r.applied, r.backup, r.backup);
	return reportReloads(r);
}

export function runRestore(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const ids = filter(args, (a) => substr(a, 0, 2) != '--');
	if (length(ids) > 1) {
		warn(APPLY_USAGE);
		return 2;
	}
	const result = restoreBackup(paths(), length(ids) == 1 ? ids[0] : null);
	if (result.error != null) return reportError('restore', asJson, result as ErrorResult);
	const r = result as RestoreResult;
	if (asJson) {
		printf('%J\n', r);
		return length(r.failed) > 0 ? 1 : 0;
	}
	printf('Restored backup %s (%s).\n', r.restored, join(' ', r.configs));
	return reportReloads(r);
}

export function runBackups(args: readonly string[]): number {
	const ids = listBackups(paths());
	if (index(args, '--json') >= 0) printf('%J\n', { backups: ids });
	else if (length(ids) == 0) print('No backups.\n');
	else for (const id of ids) print(id + '\n');
	return 0;
}
