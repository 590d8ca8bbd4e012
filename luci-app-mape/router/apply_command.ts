/*
 * `mape apply [--json]`, `mape restore [<backup-id>] [--json]`, `mape backups [--json]`:
 * the CLI path of design.md step 4 (back up, commit, reload; LuCI stages the plan through
 * its own uci API instead). Exit codes: 0, 1 refused/failed (nothing changed), 2 usage.
 */
import { paths } from './system';
import { applyNow, restoreBackup, listBackups, type ApplyResult } from './configure';
import type { ErrorResult, RestoreResult } from '../types/api';
import { describeOp } from '../core/plan';

export const APPLY_USAGE = 'Usage: mape apply [--json]\n       mape restore [<backup-id>] [--json]\n       mape backups [--json]\n';

function reportError(command: string, asJson: boolean, result: ErrorResult): number {
	if (asJson) printf('%J\n', result);
	else warn(sprintf('mape %s: %s: %s\n', command, result.error.code, result.error.message));
	return 1;
}

export function runApply(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const result = applyNow(paths(), 'apply');
	if (result.error != null) return reportError('apply', asJson, result as ErrorResult);
	const r = result as ApplyResult;
	if (asJson) {
		printf('%J\n', { changed: r.changed, applied: r.applied, backup: r.backup, reloaded: r.reloaded, ops: r.plan.ops });
		return 0;
	}
	if (!r.changed) {
		print('Nothing to change: the configuration already matches.\n');
		return 0;
	}
	for (const op of r.plan.ops) print(describeOp(op) + '\n');
	printf('Applied %d change(s); backup %s (undo: mape restore %s). Reloaded: %s.\n', r.applied, r.backup, r.backup, join(' ', r.reloaded));
	return 0;
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
	if (asJson) printf('%J\n', r);
	else printf('Restored backup %s (%s). Reloaded: %s.\n', r.restored, join(' ', r.configs), join(' ', r.reloaded));
	return 0;
}

export function runBackups(args: readonly string[]): number {
	const ids = listBackups(paths());
	if (index(args, '--json') >= 0) printf('%J\n', { backups: ids });
	else if (length(ids) == 0) print('No backups.\n');
	else for (const id of ids) print(id + '\n');
	return 0;
}
