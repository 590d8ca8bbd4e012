/*
 * What goes into both packages: metadata, the installed files (htdocs/ → /www, root/ → /
 * with the ucode's comments stripped, translation catalogs → /usr/lib/lua/luci/i18n), the
 * conffiles and the maintainer scripts. The ipk and apk writers only lay these out in their
 * own formats.
 */
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { po2lmo } from '../i18n/lmo.ts';
import { isUcodeFile, stripUcodeComments } from './strip-ucode.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const NAME = 'luci-app-mape';
/** Package release (the -rN). Keep equal to PKG_RELEASE in the feed part of the Makefile. */
export const RELEASE = 1;
export const LICENSE = 'Apache-2.0';
export const MAINTAINER = 'luci-app-mape developers';
export const SECTION = 'luci';
/** Same text as LUCI_TITLE in the Makefile. */
export const TITLE = 'One-click MAP-E for Japanese IPoE (v6plus, OCN, BIGLOBE, NURO)';
export const DESCRIPTION_LINES = [
	TITLE,
	'Detects the MAP-E line from the delegated IPv6 prefix, computes the parameters on',
	'the router, configures the map interface and the firewall, and follows prefix changes.',
];
/**
 * What stock images lack for our features: the map and dslite (DS-Lite lines) protocols,
 * nft_connlimit for the SNAT's `ct count` spill-over (kmod-nft-connlimit; without it the
 * hotplug handler falls back to the group strategy), and for 22.03 the ucode rpcd host and modules (luci-base pulls them
 * in from 23.05 on, so there they are no-ops).
 */
export const DEPENDS = ['luci-base', 'map', 'ds-lite', 'kmod-nft-connlimit', 'rpcd-mod-ucode', 'ucode-mod-fs', 'ucode-mod-uci', 'ucode-mod-ubus'];
/** Files the package manager must not overwrite when the user edited them. */
export const CONFFILES = ['/etc/config/mape'];

/** luci.mk's language code aliases (po/<dir> → lmo suffix); 'ja' stays 'ja'. */
const LANG_ALIAS: Record<string, string> = { bn_BD: 'bn', nb_NO: 'no', pt_BR: 'pt-br', zh_Hans: 'zh-cn', zh_Hant: 'zh-tw' };

export interface PayloadFile {
	/** Absolute install path, e.g. '/usr/sbin/mape'. */
	path: string;
	/** 0o755 or 0o644. */
	mode: number;
	data: Buffer;
}

export interface Payload {
	name: string;
	/** Upstream version from package.json. */
	upstream: string;
	/** Full version in OpenWrt/apk syntax, e.g. 0.1.0-r1 (valid for opkg too). */
	version: string;
	/** Seconds since the epoch used as every entry's mtime (and apk's builddate). */
	mtime: number;
	files: PayloadFile[];
	conffiles: string[];
	/** Things worth telling in the size report (e.g. translations skipped). */
	notes: string[];
}

/** SOURCE_DATE_EPOCH if set, else the time of the last commit. */
export function sourceDateEpoch(repo = REPO): number {
	const env = process.env.SOURCE_DATE_EPOCH;
	if (env && /^\d+$/.test(env)) return Number(env);
	try {
		const out = execFileSync('git', ['log', '-1', '--format=%ct'], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
		if (/^\d+$/.test(out)) return Number(out);
	} catch {
		// not a git checkout: fall through
	}
	throw new Error('package: no SOURCE_DATE_EPOCH and no git history to take a fixed mtime from');
}

/** Executable bit in the tree → 755, anything else → 644. */
export function installMode(fsMode: number): number {
	return fsMode & 0o111 ? 0o755 : 0o644;
}

/** Files under dir (recursively), as [relative path, absolute path], in byte order. */
function walk(dir: string): Array<[string, string]> {
	const found: Array<[string, string]> = [];
	const visit = (d: string) => {
		for (const name of readdirSync(d).sort()) {
			const p = join(d, name);
			const st = lstatSync(p);
			if (st.isSymbolicLink()) throw new Error(`package: symlinks are not supported: ${relative(REPO, p)}`);
			if (st.isDirectory()) visit(p);
			else if (st.isFile() && name != '.gitkeep') found.push([relative(dir, p), p]);
		}
	};
	if (existsSync(dir)) visit(dir);
	return found;
}

/** The files of htdocs/ (installed under /www) and root/ (installed under /). */
export function treeFiles(repo = REPO): PayloadFile[] {
	const files: PayloadFile[] = [];
	for (const [tree, prefix] of [['htdocs', '/www/'], ['root', '/']] as const) {
		for (const [rel, abs] of walk(join(repo, tree))) {
			files.push({ path: prefix + rel.split('\\').join('/'), mode: installMode(lstatSync(abs).mode), data: readFileSync(abs) });
		}
	}
	return files;
}

/**
 * Translation catalogs: po/<lang>/<domain>.po → /usr/lib/lua/luci/i18n/<domain>.<lang>.lmo,
 * compiled by tools/i18n/lmo.ts (byte-identical to luci-base's po2lmo). Generated only into
 * the packages: nothing in htdocs/ or root/.
 */
export function translations(repo: string, notes: string[]): PayloadFile[] {
	const poDir = join(repo, 'po');
	const files: PayloadFile[] = [];
	if (existsSync(poDir)) {
		for (const dir of readdirSync(poDir).sort()) {
			if (dir == 'templates' || !lstatSync(join(poDir, dir)).isDirectory()) continue;
			for (const f of readdirSync(join(poDir, dir)).sort()) {
				if (!f.endsWith('.po')) continue;
				const domain = f.slice(0, -3);
				const lmo = po2lmo(readFileSync(join(poDir, dir, f), 'utf8'));
				if (!lmo || lmo.length == 0) {
					notes.push(`translations: po/${dir}/${f} has no translated entries, no .lmo written`);
					continue;
				}
				files.push({ path: `/usr/lib/lua/luci/i18n/${domain}.${LANG_ALIAS[dir] ?? dir}.lmo`, mode: 0o644, data: Buffer.from(lmo) });
			}
		}
	}
	if (files.length == 0) notes.push('translations: no po/<lang>/*.po with translations, no catalogs packaged');
	return files;
}

/**
 * A tree file as packaged: ucode without its comments (header line kept, see
 * strip-ucode.ts), anything else as it is.
 */
export function packagedFile(f: PayloadFile): PayloadFile {
	if (!isUcodeFile(f.path, f.data)) return f;
	return { ...f, data: Buffer.from(stripUcodeComments(f.data.toString('utf8'), f.path), 'utf8') };
}

export function upstreamVersion(repo = REPO): string {
	const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
	if (!/^\d+(\.\d+)*$/.test(pkg.version)) throw new Error(`package: version ${pkg.version} is not plain x.y.z (apk syntax)`);
	return pkg.version;
}

export async function collectPayload(repo = REPO): Promise<Payload> {
	const notes: string[] = [];
	const tree = treeFiles(repo);
	const files = [...tree.map(packagedFile), ...translations(repo, notes)];
	const ucode = tree.filter((f) => isUcodeFile(f.path, f.data));
	if (ucode.length > 0) {
		const size = (fs: PayloadFile[]) => fs.reduce((n, f) => n + f.data.length, 0);
		const stripped = files.filter((f) => ucode.some((u) => u.path == f.path));
		notes.push(`ucode: comments stripped from ${ucode.length} files (${size(ucode)} → ${size(stripped)} bytes; root/ keeps them)`);
	}
	const seen = new Set<string>();
	for (const f of files) {
		if (seen.has(f.path)) throw new Error(`package: ${f.path} would be installed twice`);
		seen.add(f.path);
	}
	for (const c of CONFFILES) if (!seen.has(c)) throw new Error(`package: conffile ${c} is not in root/`);
	files.sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
	const upstream = upstreamVersion(repo);
	return { name: NAME, upstream, version: `${upstream}-r${RELEASE}`, mtime: sourceDateEpoch(repo), files, conffiles: [...CONFFILES], notes };
}

/** Every directory that must exist for the files, parents first ('/usr', '/usr/sbin', …). */
export function directoriesOf(paths: readonly string[]): string[] {
	const dirs = new Set<string>();
	for (const p of paths) {
		const parts = p.split('/').filter(Boolean);
		for (let i = 1; i < parts.length; i++) dirs.add('/' + parts.slice(0, i).join('/'));
	}
	return [...dirs].sort();
}

// --- maintainer scripts ---------------------------------------------------------------
// Our own logic, as OpenWrt packages carry it: postinst-pkg/prerm-pkg are sourced by
// default_postinst/default_prerm (ipk) or pasted after them (apk). Each does nothing when
// IPKG_INSTROOT is set, i.e. when installing into an image root rather than a live system.

/**
 * After install or upgrade: LuCI rebuilds menu and module caches, rpcd loads the new plugin
 * and ACL, and a MAP interface that is up gets its SNAT table back (`mape hotplug resume`):
 * a reinstall's removal step deleted it while MAP-E kept running.
 */
export const POSTINST_PKG = `#!/bin/sh
# ${NAME}: let LuCI and rpcd see the new menu, views, ACL and the luci.mape plugin, and
# put back the SNAT table of a running MAP interface (a reinstall's removal deleted it).
# Live system only: nothing runs inside an image root (IPKG_INSTROOT set).
[ -n "\${IPKG_INSTROOT}" ] || {
	rm -f /tmp/luci-indexcache*
	rm -rf /tmp/luci-modulecache/
	/etc/init.d/rpcd reload >/dev/null 2>&1
	/usr/sbin/mape hotplug resume >/dev/null 2>&1
	exit 0
}
`;

/** Before removal: drop the nftables tables this app created (all named mape_*). */
export const PRERM_PKG = `#!/bin/sh
# ${NAME} removal: delete our nftables tables (mape_*). Live system only (never inside an
# image root, IPKG_INSTROOT set), and not on upgrade: the new version keeps using them.
[ -n "\${IPKG_INSTROOT}" ] || [ "\${PKG_UPGRADE}" = "1" ] || {
	if command -v nft >/dev/null 2>&1; then
		nft list tables 2>/dev/null | grep ' mape_' | while read -r _ family table; do
			nft delete table "$family" "$table" 2>/dev/null
		done
	fi
	exit 0
}
`;

/** After removal: rpcd drops the luci.mape object and the ACL, LuCI forgets the menu entry. */
export const POSTRM = `#!/bin/sh
# ${NAME} removed: reload rpcd (the luci.mape plugin stays loaded until then) and clear
# LuCI's caches so the menu entry goes away. Live system only.
[ -n "\${IPKG_INSTROOT}" ] || {
	rm -f /tmp/luci-indexcache*
	rm -rf /tmp/luci-modulecache/
	/etc/init.d/rpcd reload >/dev/null 2>&1
	exit 0
}
`;

/** Strip shebang lines, as package-pack.mk does when pasting a script body into another. */
export function scriptBody(script: string): string {
	return script.split('\n').filter((l) => !/^\s*#!/.test(l)).join('\n');
}
