/*
 * The real ucode interpreters a test run compares against: $UCODE names one, or several
 * separated by ':' (e.g. the builds of OpenWrt 23.05, 24.10 and master in one run).
 * Without it, ucode comparisons are skipped with a visible notice.
 */
export function ucodeBinaries(): string[] {
	return (process.env.UCODE ?? '').split(':').filter((s) => s != '');
}

/** The skip reason for a test that needs a real ucode, or false when one is configured. */
export function ucodeSkip(what: string): string | false {
	return ucodeBinaries().length > 0 ? false : `UCODE is not set: ${what} (set UCODE=/path/to/ucode, several separated by ':')`;
}
