/*
 * The OpenWrt userland tools/openwrt/build.sh builds, where it lies: one prefix per set
 * (23.05.4, 24.10.4, ucode-master, apk-tools) in $OPENWRT_CACHE. Used by the tests
 * (test/openwrt-env.ts) and the benchmarks.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where tools/openwrt/build.sh builds (same default as the script). */
export const OPENWRT_CACHE = process.env.OPENWRT_CACHE
	?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'luci-app-mape', 'openwrt');

export const UCODE_SETS = ['23.05.4', '24.10.4', 'ucode-master'];
export const RELEASES = ['23.05.4', '24.10.4'];

/** A set counts as built only when the build wrote its BUILT stamp (written last). */
export function builtSet(set: string): string | null {
	const prefix = join(OPENWRT_CACHE, set);
	return existsSync(join(prefix, 'BUILT')) ? prefix : null;
}

export function ucodeBinaries(): string[] {
	if (process.env.UCODE) return process.env.UCODE.split(':').filter((s) => s != '');
	return UCODE_SETS.map(builtSet).filter((p): p is string => p != null)
		.map((p) => join(p, 'bin/ucode')).filter((p) => existsSync(p));
}

/** A short name for an interpreter in test titles: its set, or the path given in $UCODE. */
export function ucodeLabel(binary: string): string {
	for (const set of UCODE_SETS) if (binary == join(OPENWRT_CACHE, set, 'bin/ucode')) return `ucode ${set}`;
	return binary;
}

export interface Stack {
	release: string;
	prefix: string;
	ucode: string;
	ubusd: string;
	ubus: string;
	uci: string;
	rpcd: string;
}

export function openwrtStacks(): Stack[] {
	return RELEASES.map((release) => ({ release, prefix: builtSet(release) }))
		.filter((s): s is { release: string; prefix: string } => s.prefix != null)
		.map(({ release, prefix }) => ({
			release, prefix,
			ucode: join(prefix, 'bin/ucode'), ubusd: join(prefix, 'sbin/ubusd'), ubus: join(prefix, 'bin/ubus'),
			uci: join(prefix, 'bin/uci'), rpcd: join(prefix, 'sbin/rpcd'),
		}));
}

export function apkTools(): string | null {
	if (process.env.APK_TOOLS) return process.env.APK_TOOLS;
	const p = builtSet('apk-tools');
	return p && existsSync(join(p, 'bin/apk')) ? join(p, 'bin/apk') : null;
}
