/*
 * Backup naming and retention (pure). A backup is a directory
 * <statedir>/backup/<id>/ holding a byte copy of each config file an apply touches, plus
 * `manifest` (JSON: { id, reason, configs: { <config>: true | false } }, false = the file
 * did not exist, so a restore removes it). Ids sort by time: YYYYmmdd-HHMMSS, with -2, -3…
 * when several are taken within one second.
 */

/** How many backups are kept (the oldest beyond this are removed after a new one). */
export const BACKUPS_KEPT = 5;

export function backupId(t: UcodeTime): string {
	return sprintf('%04d%02d%02d-%02d%02d%02d', t.year, t.mon, t.mday, t.hour, t.min, t.sec);
}

/** An id we created (also keeps any path syntax out of a restore request). */
export function validBackupId(id: unknown): boolean {
	return type(id) == 'string' && match(id as string, /^[0-9]{8}-[0-9]{6}(-[0-9]{1,3})?$/) != null;
}

/** Numeric order of the -N suffix, so -10 sorts after -9. */
function compareIds(a: string, b: string): number {
	const pa = split(a, '-');
	const pb = split(b, '-');
	for (let i = 0; i < 3; i++) {
		const x = i < length(pa) ? int(pa[i]) : 1;
		const y = i < length(pb) ? int(pb[i]) : 1;
		if (x != y) return x < y ? -1 : 1;
	}
	return 0;
}

/** Valid ids, oldest first. */
export function sortBackupIds(ids: readonly string[]): string[] {
	return sort(filter(ids, (id) => validBackupId(id)), compareIds);
}

/** The ids to remove so that only the newest `keep` remain. */
export function backupsToPrune(ids: readonly string[], keep: number): string[] {
	const sorted = sortBackupIds(ids);
	if (length(sorted) <= keep) return [];
	return slice(sorted, 0, length(sorted) - keep);
}
