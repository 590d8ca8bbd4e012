/*
 * .ipk for opkg (OpenWrt 22.03–24.10), laid out as OpenWrt's scripts/ipkg-build does:
 * a gzip-compressed tar (not ar) holding ./debian-binary, ./data.tar.gz, ./control.tar.gz
 * in that order; every tar in GNU format with ./-prefixed names, owner 0:0, one mtime.
 */
import { DEPENDS, DESCRIPTION_LINES, LICENSE, MAINTAINER, POSTINST_PKG, POSTRM, PRERM_PKG, SECTION, directoriesOf, type Payload } from './payload.ts';
import { gzip, sortEntries, tar, type TarEntry } from './tar.ts';

export function ipkFileName(p: Payload): string {
	return `${p.name}_${p.version}_all.ipk`;
}

/** OpenWrt's standard wrappers (include/package-pack.mk): our logic is in postinst-pkg/prerm-pkg. */
export const IPK_POSTINST = `#!/bin/sh
[ "\${IPKG_NO_SCRIPT}" = "1" ] && exit 0
[ -s \${IPKG_INSTROOT}/lib/functions.sh ] || exit 0
. \${IPKG_INSTROOT}/lib/functions.sh
default_postinst $0 $@
`;

export const IPK_PRERM = `#!/bin/sh
[ -s \${IPKG_INSTROOT}/lib/functions.sh ] || exit 0
. \${IPKG_INSTROOT}/lib/functions.sh
default_prerm $0 $@
`;

/** opkg Depends: OpenWrt adds libc to every package. */
export function ipkDepends(): string[] {
	return ['libc', ...DEPENDS];
}

export function controlFile(p: Payload, installedSize: number): string {
	const fields: Array<[string, string]> = [
		['Package', p.name],
		['Version', p.version],
		['Depends', ipkDepends().join(', ')],
		['Source', p.name],
		['SourceName', p.name],
		['License', LICENSE],
		['Section', SECTION],
		['SourceDateEpoch', String(p.mtime)],
		['Maintainer', MAINTAINER],
		['Architecture', 'all'],
		['Installed-Size', String(installedSize)],
	];
	const [first, ...rest] = DESCRIPTION_LINES;
	return fields.map(([k, v]) => `${k}: ${v}\n`).join('') + `Description: ${first}\n` + rest.map((l) => ` ${l}\n`).join('');
}

/** The uncompressed data tar: ./, every directory, every file. */
export function dataTar(p: Payload): Buffer {
	const entries: TarEntry[] = [{ name: './', type: 'dir', mode: 0o755 }];
	for (const d of directoriesOf(p.files.map((f) => f.path))) entries.push({ name: `.${d}/`, type: 'dir', mode: 0o755 });
	for (const f of p.files) entries.push({ name: `.${f.path}`, type: 'file', mode: f.mode, data: f.data });
	return tar(sortEntries(entries), { format: 'gnu', mtime: p.mtime });
}

export function controlTar(p: Payload, installedSize: number): Buffer {
	const text = (s: string) => Buffer.from(s, 'utf8');
	const entries: TarEntry[] = [
		{ name: './', type: 'dir', mode: 0o755 },
		{ name: './control', type: 'file', mode: 0o644, data: text(controlFile(p, installedSize)) },
		{ name: './conffiles', type: 'file', mode: 0o644, data: text(p.conffiles.map((c) => c + '\n').join('')) },
		{ name: './postinst', type: 'file', mode: 0o755, data: text(IPK_POSTINST) },
		{ name: './postinst-pkg', type: 'file', mode: 0o755, data: text(POSTINST_PKG) },
		{ name: './prerm', type: 'file', mode: 0o755, data: text(IPK_PRERM) },
		{ name: './prerm-pkg', type: 'file', mode: 0o755, data: text(PRERM_PKG) },
		{ name: './postrm', type: 'file', mode: 0o755, data: text(POSTRM) },
	];
	return tar(sortEntries(entries), { format: 'gnu', mtime: p.mtime });
}

export function buildIpk(p: Payload): Buffer {
	const data = dataTar(p);
	const dataGz = gzip(data);
	const controlGz = gzip(controlTar(p, data.length));
	const outer = tar(
		[
			{ name: './debian-binary', type: 'file', mode: 0o644, data: Buffer.from('2.0\n') },
			{ name: './data.tar.gz', type: 'file', mode: 0o644, data: dataGz },
			{ name: './control.tar.gz', type: 'file', mode: 0o644, data: controlGz },
		],
		{ format: 'gnu', mtime: p.mtime },
	);
	return gzip(outer);
}
