/*
 * The real OpenWrt userland the tests compare against, as tools/openwrt/build.sh leaves it in
 * its cache (one prefix per set: 23.05.4, 24.10.4, ucode-master, apk-tools):
 *
 * - ucodeBinaries(): the ucode of every built set, oldest first ($UCODE, several separated
 *   by ':', overrides);
 * - openwrtStacks(): the sets with ubusd, ubus, uci and rpcd (one per release);
 * - apkTools(): the real apk of apk-tools 3 ($APK_TOOLS overrides).
 *
 * A check that needs one of these is declared with realTest(): without its prerequisite it is
 * skipped with the reason, except when CI is set, where it fails with that reason, so CI
 * cannot pass while a real check silently did not run.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { OPENWRT_CACHE, RELEASES, UCODE_SETS, apkTools, builtSet, ucodeBinaries } from '../tools/openwrt/userland.ts';

export { OPENWRT_CACHE, apkTools, openwrtStacks, ucodeBinaries, ucodeLabel, type Stack } from '../tools/openwrt/userland.ts';

const HOW_TO_BUILD = 'build it with `make openwrt` (tools/openwrt/build.sh) or set UCODE=/path/to/ucode';

/** Why the ucode comparisons cannot run, or false. Every release set plus master is expected. */
export function ucodeMissing(what: string): string | false {
	if (process.env.UCODE) return ucodeBinaries().length ? false : `UCODE is empty: ${what}`;
	const missing = UCODE_SETS.filter((s) => !builtSet(s));
	if (missing.length == 0) return false;
	return `no real ucode for ${missing.join(', ')} in ${OPENWRT_CACHE}: ${what} (${HOW_TO_BUILD})`;
}

/** Why the rpcd/libuci checks cannot run, or false. */
export function stacksMissing(): string | false {
	const missing = RELEASES.filter((r) => !builtSet(r));
	if (missing.length) return `no OpenWrt ${missing.join(', ')} userland (ubusd, rpcd, libuci) in ${OPENWRT_CACHE}: build it with \`make openwrt\``;
	if (process.getuid?.() !== 0) return 'not root: rpcd runs in a private mount namespace (unshare -m), which needs root';
	return false;
}

export function apkMissing(): string | false {
	return apkTools() ? false : `no apk-tools 3 in ${OPENWRT_CACHE}: build it with \`make openwrt\` or set APK_TOOLS=/path/to/apk`;
}

type TestFn = (t: TestContext) => void | Promise<void>;

/**
 * A test that needs something real (an interpreter, the rpcd stack, apk-tools, root).
 * `missing` is why it cannot run, or false. Outside CI it is skipped with that reason; with
 * CI set it fails with it.
 */
export function realTest(name: string, missing: string | false, fn: TestFn): void {
	if (missing && process.env.CI) {
		test(name, () => assert.fail(`${missing} (CI requires every real check to run)`));
		return;
	}
	test(name, { skip: missing }, fn);
}
