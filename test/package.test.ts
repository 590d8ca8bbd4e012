/*
 * The .ipk and .apk packages (tools/package/): built here into a scratch directory (not
 * dist/), then opened with readers that share no code with the writers — the system's
 * tar and gzip for the ipk, tools/package/check.ts's own gzip-member/tar parser for the apk.
 *
 * Covers: structure of both, every file of htdocs/ and root/ inside with its mode and
 * contents (the ucode without comments: same tokens, header line kept), the .lmo catalogs
 * compiled from po/, apk's metadata files, control/.PKGINFO fields, datahash, the
 * maintainer scripts (and how they behave with IPKG_INSTROOT set or not), reproducibility,
 * the 88 KB budget, the feed Makefile.
 *
 * With UCODE=/path/to/ucode (several separated by ':') the stripped ucode is also loaded and
 * run by the real interpreters; with APK_TOOLS=/path/to/apk (apk-tools 3.x) the apk is
 * verified, extracted and installed into a scratch root by the real apk; skipped with a
 * notice otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { REPO } from './backend-build.ts';
import { buildPackages, type BuiltPackages } from '../tools/package/build.ts';
import { IPK_LIMIT, EXPECTED_DEPENDS, apkMetaFiles, checkApk, checkIpk, contentProblems, expectedFiles, gzipMembers, jsTokens, readApk, readTar, ucodeProblems } from '../tools/package/check.ts';
import { collectPayload, POSTINST_PKG, POSTRM, PRERM_PKG, RELEASE, scriptBody, treeFiles } from '../tools/package/payload.ts';
import { buildIpk, dataTar } from '../tools/package/ipk.ts';
import { apkScripts } from '../tools/package/apk.ts';
import { isUcodeFile, stripUcodeComments } from '../tools/package/strip-ucode.ts';
import { compressedParts } from '../tools/package/report.ts';
import { apkMissing, apkTools, realTest, ucodeBinaries, ucodeMissing } from './openwrt-env.ts';
import { scratchDir } from './scratch.ts';

const FIX = join(REPO, 'test/fixtures/package');
const VERSION = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version + '-r1';
const EPOCH = '1700000000';

function sh(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): string {
	const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts, env: opts.env ?? process.env });
	assert.equal(r.status, 0, `${cmd} ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

/** Build with a pinned SOURCE_DATE_EPOCH so both builds agree even if a commit lands in between. */
async function build(dir: string, repo = REPO, epoch = EPOCH): Promise<BuiltPackages> {
	const saved = process.env.SOURCE_DATE_EPOCH;
	process.env.SOURCE_DATE_EPOCH = epoch;
	try {
		return await buildPackages(dir, repo);
	} finally {
		if (saved == undefined) delete process.env.SOURCE_DATE_EPOCH;
		else process.env.SOURCE_DATE_EPOCH = saved;
	}
}

const scratch = scratchDir('mape-package-test');
const built = await build(join(scratch, 'a'));

function extractIpk(): { dir: string; control: string; data: string } {
	const dir = mkdtempSync(join(scratch, 'ipk-'));
	sh('tar', ['-xzf', built.ipk, '-C', dir]);
	const control = join(dir, 'control');
	const data = join(dir, 'data');
	mkdirSync(control);
	mkdirSync(data);
	sh('tar', ['-xzf', join(dir, 'control.tar.gz'), '-C', control]);
	sh('tar', ['-xzf', join(dir, 'data.tar.gz'), '-C', data]);
	return { dir, control, data };
}

test('file names: luci-app-mape_<ver>-r1_all.ipk and luci-app-mape-<ver>-r1.apk', () => {
	assert.equal(built.ipk, join(scratch, 'a', `luci-app-mape_${VERSION}_all.ipk`));
	assert.equal(built.apk, join(scratch, 'a', `luci-app-mape-${VERSION}.apk`));
	assert.match(VERSION, /^\d+(\.\d+)*-r\d+$/);
});

test('the independent checker finds nothing wrong with either package', () => {
	assert.deepEqual(checkIpk(built.ipk), []);
	assert.deepEqual(checkApk(built.apk), []);
});

test('ipk: gzip tar of ./debian-binary, ./data.tar.gz, ./control.tar.gz in that order, gzip without timestamp or name', () => {
	const listing = sh('tar', ['--numeric-owner', '-tvzf', built.ipk]).trim().split('\n');
	assert.deepEqual(listing.map((l) => l.split(/\s+/).pop()), ['./debian-binary', './data.tar.gz', './control.tar.gz']);
	for (const l of listing) assert.match(l, /^-rw-r--r-- 0\/0 /);
	const { dir } = extractIpk();
	assert.equal(readFileSync(join(dir, 'debian-binary'), 'utf8'), '2.0\n');
	for (const f of [built.ipk, join(dir, 'data.tar.gz'), join(dir, 'control.tar.gz')]) {
		const b = readFileSync(f);
		// magic, deflate, no flags (no FNAME), MTIME 0, XFL 2 (best), OS 3 (Unix)
		assert.deepEqual([...b.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3], f);
	}
});

test('ipk control: fields in OpenWrt order, Installed-Size = uncompressed data tar, Description last', () => {
	const { dir, control } = extractIpk();
	const text = readFileSync(join(control, 'control'), 'utf8');
	const keys = text.split('\n').filter((l) => l && !l.startsWith(' ')).map((l) => l.split(':')[0]);
	assert.deepEqual(keys, ['Package', 'Version', 'Depends', 'Source', 'SourceName', 'License', 'Section', 'SourceDateEpoch', 'Maintainer', 'Architecture', 'Installed-Size', 'Description']);
	const field = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(text)?.[1];
	assert.equal(field('Package'), 'luci-app-mape');
	assert.equal(field('Version'), VERSION);
	assert.equal(field('Depends'), 'libc, luci-base, map, ds-lite, kmod-nft-connlimit, rpcd-mod-ucode, ucode-mod-fs, ucode-mod-uci, ucode-mod-ubus');
	assert.equal(field('Section'), 'luci');
	assert.equal(field('Architecture'), 'all');
	assert.equal(field('License'), 'Apache-2.0');
	assert.equal(field('SourceDateEpoch'), EPOCH);
	assert.ok(field('Maintainer'));
	assert.ok(field('Source'));
	assert.equal(Number(field('Installed-Size')), gunzipSync(readFileSync(join(dir, 'data.tar.gz'))).length);
	assert.match(text, /\nDescription: .+\n( .+\n)+$/);
	assert.doesNotMatch(field('Depends')!, /lua/i);
	assert.equal(readFileSync(join(control, 'conffiles'), 'utf8'), '/etc/config/mape\n');
	const modes = Object.fromEntries(readdirSync(control).map((f) => [f, statSync(join(control, f)).mode & 0o777]));
	assert.deepEqual(modes, { conffiles: 0o644, control: 0o644, postinst: 0o755, 'postinst-pkg': 0o755, postrm: 0o755, prerm: 0o755, 'prerm-pkg': 0o755 });
});

test('ipk data: every file of htdocs/ (under /www), root/ and the .lmo catalogs with its mode and contents, ./-prefixed, root-owned', () => {
	const { dir, data } = extractIpk();
	const listing = sh('tar', ['--numeric-owner', '-tvzf', join(dir, 'data.tar.gz')]).trim().split('\n');
	const entries = new Map(listing.map((l) => {
		const parts = l.split(/\s+/);
		return [parts[5], { perms: parts[0], owner: parts[1] }] as const;
	}));
	assert.equal(listing[0].split(/\s+/)[5], './');
	for (const [name, e] of entries) {
		assert.ok(name.startsWith('./'), name);
		assert.equal(e.owner, '0/0', name);
		if (name.endsWith('/')) assert.equal(e.perms, 'drwxr-xr-x', name);
	}
	const expected = expectedFiles();
	assert.ok(expected.length > 10);
	for (const f of expected) {
		const e = entries.get('.' + f.path);
		assert.ok(e, `${f.path} is in the ipk`);
		assert.equal(e.perms, f.mode == 0o755 ? '-rwxr-xr-x' : '-rw-r--r--', f.path);
		assert.deepEqual(contentProblems(f, readFileSync(join(data, f.path))), [], `${f.path} contents`);
	}
	// Generated only into the package: the catalogs, 644, exactly what po/ compiles to.
	assert.deepEqual(expected.filter((f) => f.kind == 'generated').map((f) => f.path), ['/usr/lib/lua/luci/i18n/mape.ja.lmo']);
	assert.equal(entries.get('./usr/lib/lua/luci/i18n/mape.ja.lmo')?.perms, '-rw-r--r--');
	// Every tree file of root/ and htdocs/ is expected (ucode by tokens, the rest byte for byte).
	assert.deepEqual(expected.filter((f) => f.kind != 'generated').map((f) => f.path), treeFiles().map((f) => f.path).sort());
	assert.ok(expected.filter((f) => f.kind == 'ucode').length >= 20);
	assert.equal([...entries.keys()].filter((n) => !n.endsWith('/')).length, expected.length, 'no other files');
	// The executables that must be executable.
	assert.equal(entries.get('./usr/sbin/mape')?.perms, '-rwxr-xr-x');
	for (const n of entries.keys()) if (n.startsWith('./etc/uci-defaults/') && !n.endsWith('/')) assert.equal(entries.get(n)?.perms, '-rwxr-xr-x', n);
	assert.equal(entries.get('./etc/config/mape')?.perms, '-rw-r--r--');
});

test('ipk data tar is byte-identical to GNU tar --format=gnu --sort=name of the same tree', (t) => {
	if (!/GNU tar/.test(spawnSync('tar', ['--version'], { encoding: 'utf8' }).stdout ?? '')) return t.skip('tar is not GNU tar');
	const stage = mkdtempSync(join(scratch, 'stage-'));
	for (const f of built.payload.files) {
		const p = join(stage, f.path);
		mkdirSync(join(p, '..'), { recursive: true, mode: 0o755 });
		writeFileSync(p, f.data);
		chmodSync(p, f.mode);
	}
	const fixDirs = (d: string) => {
		chmodSync(d, 0o755);
		for (const n of readdirSync(d)) if (statSync(join(d, n)).isDirectory()) fixDirs(join(d, n));
	};
	fixDirs(stage);
	const gnu = spawnSync('tar', ['--format=gnu', '--sort=name', '--owner=root:0', '--group=root:0', `--mtime=@${EPOCH}`, '-b', '1', '-cf', '-', '.'], { cwd: stage });
	assert.equal(gnu.status, 0, String(gnu.stderr));
	const { dir } = extractIpk();
	assert.ok(gunzipSync(readFileSync(join(dir, 'data.tar.gz'))).equals(gnu.stdout));
});

test('ipk scripts: OpenWrt wrappers; our logic runs only on a live system, never with IPKG_INSTROOT set', () => {
	const { control } = extractIpk();
	const read = (n: string) => readFileSync(join(control, n), 'utf8');
	assert.equal(read('postinst'), '#!/bin/sh\n[ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0\n[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\ndefault_postinst $0 $@\n');
	assert.equal(read('prerm'), '#!/bin/sh\n[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\ndefault_prerm $0 $@\n');
	for (const n of ['postinst-pkg', 'prerm-pkg', 'postrm']) {
		const body = read(n);
		const code = body.split('\n').filter((l) => l && !l.startsWith('#'));
		assert.match(code[0], /^\[ -n "\$\{IPKG_INSTROOT\}" \] \|\|/, `${n}: the first command is the IPKG_INSTROOT guard`);
		assert.equal(spawnSync('sh', ['-n'], { input: body }).status, 0, `${n} parses`);
	}
	assert.match(read('postinst-pkg'), /rm -f \/tmp\/luci-indexcache\*\n\trm -rf \/tmp\/luci-modulecache\/\n\t\/etc\/init\.d\/rpcd reload.*\n\t\/usr\/sbin\/mape hotplug resume /);
	assert.match(read('prerm-pkg'), /nft list tables .*mape_/);
	assert.match(read('postrm'), /\/etc\/init\.d\/rpcd reload/);
});

/** Run a maintainer script with the stand-in functions.sh and nft; returns the logged calls. */
function runScript(body: string, env: Record<string, string>): string[] {
	const dir = mkdtempSync(join(scratch, 'script-'));
	const log = join(dir, 'calls.log');
	writeFileSync(log, '');
	const file = join(dir, 'script');
	writeFileSync(file, body);
	chmodSync(file, 0o755);
	const r = spawnSync('sh', [file], { encoding: 'utf8', env: { PATH: `${join(FIX, 'bin')}:/usr/bin:/bin`, CALL_LOG: log, ...env } });
	assert.equal(r.status, 0, r.stderr);
	return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

test('prerm-pkg on a live system deletes every mape_* nft table, and nothing else', () => {
	assert.deepEqual(runScript(PRERM_PKG, { IPKG_INSTROOT: '' }), ['nft delete table inet mape_wanmap', 'nft delete table ip mape_legacy']);
});

test('prerm-pkg touches nothing inside an image root (IPKG_INSTROOT) or on upgrade', () => {
	assert.deepEqual(runScript(PRERM_PKG, { IPKG_INSTROOT: join(FIX, 'instroot') }), []);
	assert.deepEqual(runScript(PRERM_PKG, { IPKG_INSTROOT: '', PKG_UPGRADE: '1' }), []);
});

test('apk scripts with IPKG_INSTROOT set: only default_postinst / default_prerm, no live commands', () => {
	const scripts = apkScripts({ name: 'luci-app-mape' } as never);
	const root = join(FIX, 'instroot');
	assert.deepEqual(runScript(scripts['post-install'], { IPKG_INSTROOT: root }), ['add_group_and_user ', 'default_postinst ']);
	assert.deepEqual(runScript(scripts['post-upgrade'], { IPKG_INSTROOT: root }), ['add_group_and_user ', 'default_postinst ']);
	assert.deepEqual(runScript(scripts['pre-deinstall'], { IPKG_INSTROOT: root }), ['default_prerm ']);
	assert.deepEqual(runScript(scripts['post-deinstall'], { IPKG_INSTROOT: root }), []);
	// IPKG_NO_SCRIPT=1 skips even that.
	assert.deepEqual(runScript(scripts['post-install'], { IPKG_INSTROOT: root, IPKG_NO_SCRIPT: '1' }), []);
});

test('apk: two gzip streams (control without end-of-archive, data), .PKGINFO first, scripts 755', () => {
	const apk = readApk(readFileSync(built.apk));
	assert.equal(apk.members.length, 2);
	for (const m of apk.members) {
		assert.equal(m.flags, 0);
		assert.equal(m.mtime, 0);
	}
	assert.equal(apk.control.endBlocks, 0);
	assert.ok(apk.data.endBlocks >= 2);
	assert.deepEqual(apk.control.items.map((i) => [i.name, i.mode]), [
		['.PKGINFO', 0o644], ['.post-install', 0o755], ['.post-upgrade', 0o755], ['.pre-deinstall', 0o755], ['.post-deinstall', 0o755],
	]);
	// Concatenated, the streams are one tar that GNU tar lists (apk reads them the same way).
	const all = readTar(gunzipSync(readFileSync(built.apk)));
	assert.deepEqual(all.problems, []);
	assert.equal(all.items.length, apk.control.items.length + apk.data.items.length);
});

test('apk .PKGINFO: name, x.y.z-rN version, noarch, depends, and datahash = sha256 of the data stream', () => {
	const buf = readFileSync(built.apk);
	const apk = readApk(buf);
	const get = (k: string) => apk.pkginfo.filter(([key]) => key == k).map(([, v]) => v);
	assert.deepEqual(get('pkgname'), ['luci-app-mape']);
	assert.deepEqual(get('pkgver'), [VERSION]);
	assert.deepEqual(get('arch'), ['noarch']);
	assert.deepEqual(get('license'), ['Apache-2.0']);
	assert.deepEqual(get('builddate'), [EPOCH]);
	assert.deepEqual(get('depend'), EXPECTED_DEPENDS);
	assert.ok(!get('depend').includes('libc'));
	// Independently of the parser: the data stream is everything after the first gzip member.
	const first = gzipMembers(buf)[0];
	assert.deepEqual(get('datahash'), [createHash('sha256').update(buf.subarray(first.end)).digest('hex')]);
	assert.equal(Number(get('size')[0]) % 4096, 0);
});

test('apk data: every file of htdocs/, root/ and the .lmo catalogs with mode, SHA1 PAX checksum, no ./ prefix, plus OpenWrt\'s .list/.conffiles', () => {
	const apk = readApk(readFileSync(built.apk));
	const files = new Map(apk.data.items.filter((i) => i.type == '0').map((i) => ['/' + i.name, i]));
	for (const f of [...expectedFiles(), ...apkMetaFiles()]) {
		const got = files.get(f.path);
		assert.ok(got, `${f.path} is in the apk`);
		assert.equal(got.mode, f.mode, f.path);
		assert.deepEqual(contentProblems(f, got.data), [], f.path);
		assert.equal(got.pax['APK-TOOLS.checksum.SHA1'], createHash('sha1').update(got.data).digest('hex'), f.path);
		assert.equal(got.uid, 0);
		assert.equal(got.gname, 'root');
	}
	for (const i of apk.data.items) assert.ok(!i.name.startsWith('.') && !i.name.startsWith('/'), i.name);
	const meta = '/lib/apk/packages/luci-app-mape';
	const installed = expectedFiles().map((f) => f.path).sort();
	assert.equal(files.get(`${meta}.list`)?.data.toString(), installed.map((p) => p + '\n').join(''));
	assert.equal(files.get(`${meta}.conffiles`)?.data.toString(), '/etc/config/mape\n');
	const conf = readFileSync(join(REPO, 'root/etc/config/mape'));
	assert.equal(files.get(`${meta}.conffiles_static`)?.data.toString(), `/etc/config/mape ${createHash('sha256').update(conf).digest('hex')}\n`);
	assert.ok(installed.includes('/usr/lib/lua/luci/i18n/mape.ja.lmo'));
	for (const m of ['list', 'conffiles', 'conffiles_static']) assert.equal(files.get(`${meta}.${m}`)?.mode, 0o644, m);
	assert.equal(files.size, installed.length + 3);
});

test('apk scripts follow OpenWrt\'s package-pack.mk and carry our logic', () => {
	const apk = readApk(readFileSync(built.apk));
	const s = Object.fromEntries(apk.control.items.filter((i) => i.name != '.PKGINFO').map((i) => [i.name.slice(1), i.data.toString()]));
	assert.ok(s['post-install'].startsWith('#!/bin/sh\n[ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0\n[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\nexport root="${IPKG_INSTROOT}"\nexport pkgname="luci-app-mape"\nadd_group_and_user\ndefault_postinst\n'));
	assert.ok(s['post-upgrade'].startsWith('#!/bin/sh\nexport PKG_UPGRADE=1\n[ "${IPKG_NO_SCRIPT}" = "1" ]'));
	assert.ok(s['pre-deinstall'].includes('default_prerm\n'));
	assert.equal(s['post-deinstall'], POSTRM);
	for (const [name, body] of Object.entries(s)) {
		assert.equal(body.split('\n').filter((l) => l.startsWith('#!')).length, 1, `${name}: one shebang`);
		assert.equal(spawnSync('sh', ['-n'], { input: body }).status, 0, name);
	}
});

test('reproducible: a second build is byte-identical, whatever the files\' mtimes', async () => {
	// A copy of the package inputs with every file touched now: mtimes must not leak in.
	const copy = mkdtempSync(join(scratch, 'repo-'));
	for (const d of ['htdocs', 'root', 'po', 'package.json']) if (existsSync(join(REPO, d))) cpSync(join(REPO, d), join(copy, d), { recursive: true });
	const now = new Date();
	const touch = (p: string) => {
		utimesSync(p, now, now);
		if (statSync(p).isDirectory()) for (const n of readdirSync(p)) touch(join(p, n));
	};
	touch(copy);
	const again = await build(join(scratch, 'b'), copy);
	// The same files, the generated ones (stripped ucode, .lmo) included.
	assert.deepEqual(again.payload.files.map((f) => f.path), built.payload.files.map((f) => f.path));
	assert.ok(again.payload.files.some((f) => f.path.endsWith('.lmo')));
	assert.ok(readFileSync(again.ipk).equals(readFileSync(built.ipk)), 'ipk identical');
	assert.ok(readFileSync(again.apk).equals(readFileSync(built.apk)), 'apk identical');
	// ... and the fixed mtime is SOURCE_DATE_EPOCH: another epoch gives other bytes.
	const other = await build(join(scratch, 'c'), copy, '1700000001');
	assert.ok(!readFileSync(other.ipk).equals(readFileSync(built.ipk)));
});

test('without SOURCE_DATE_EPOCH the mtime is the last commit time', async (t) => {
	const r = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: REPO, encoding: 'utf8' });
	if (r.status != 0 || !/^\d+/.test(r.stdout)) return t.skip('not a git checkout');
	const saved = process.env.SOURCE_DATE_EPOCH;
	delete process.env.SOURCE_DATE_EPOCH;
	try {
		assert.equal((await collectPayload()).mtime, Number(r.stdout.trim()));
	} finally {
		if (saved != undefined) process.env.SOURCE_DATE_EPOCH = saved;
	}
});

test(`the ipk stays under ${IPK_LIMIT / 1024} KB`, () => {
	const size = statSync(built.ipk).size;
	assert.ok(size < IPK_LIMIT, `ipk is ${size} bytes`);
	assert.ok(statSync(built.apk).size < 2 * IPK_LIMIT);
});

test('the checker catches a wrong mode, a wrong datahash and a stray file', async () => {
	// ipk whose CLI lost its executable bit.
	const payload = await collectPayload();
	const bad = { ...payload, files: payload.files.map((f) => (f.path == '/usr/sbin/mape' ? { ...f, mode: 0o644 } : f)) };
	const dir = mkdtempSync(join(scratch, 'bad-'));
	const ipk = join(dir, `luci-app-mape_${VERSION}_all.ipk`);
	writeFileSync(ipk, buildIpk(bad));
	assert.ok(checkIpk(ipk).some((p) => p.includes('/usr/sbin/mape') && p.includes('mode')));
	// ipk with a file the tree does not have.
	const stray = { ...payload, files: [...payload.files, { path: '/usr/share/stray', mode: 0o644, data: Buffer.from('x') }] };
	writeFileSync(ipk, buildIpk(stray));
	assert.ok(checkIpk(ipk).some((p) => p.includes('unexpected file /usr/share/stray')));
	assert.ok(dataTar(stray).length > dataTar(payload).length);
	// apk whose .PKGINFO datahash is off by one hex digit.
	const buf = readFileSync(built.apk);
	const [control] = gzipMembers(buf);
	const text = control.data.toString('latin1');
	const at = text.indexOf('datahash = ') + 'datahash = '.length;
	const flipped = text.slice(0, at) + (text[at] == '0' ? '1' : '0') + text.slice(at + 1);
	const apk = join(dir, `luci-app-mape-${VERSION}.apk`);
	writeFileSync(apk, Buffer.concat([gzipSync(Buffer.from(flipped, 'latin1'), { level: 9 }), buf.subarray(control.end)]));
	assert.ok(checkApk(apk).some((p) => p.includes('datahash')));
});

// --- ucode without comments --------------------------------------------------------------

const HEADER = '// Generated by tools/build.ts from luci-app-mape/x.ts; do not edit.';

test('stripping: comments go, regex/template/string text that looks like a comment stays, lines and indentation kept', () => {
	const src = [
		'#!/usr/bin/ucode',
		HEADER,
		"'use strict';",
		'',
		'/*',
		' * About the module.',
		' */',
		'',
		'/** Doc. */',
		'export function f(a, b) {',
		'\t// a comment line',
		'\tconst re = /[/*]+\\/\\/x/g; // after code',
		"\tconst s = 'http://x/* y */';",
		'\tconst t = `line // one',
		'',
		'',
		'  /* not a comment */ ${a /* in */ + b} //`;',
		'\treturn a/*x*/+b /* m',
		' */ - 1;',
		'}',
		'',
		'',
		'// trailing',
		'',
		'export const k = 1;',
		'',
	].join('\n');
	const out = stripUcodeComments(src, 't.uc');
	assert.equal(out, [
		'#!/usr/bin/ucode',
		HEADER,
		"'use strict';",
		'',
		'export function f(a, b) {',
		'\tconst re = /[/*]+\\/\\/x/g;',
		"\tconst s = 'http://x/* y */';",
		'\tconst t = `line // one',
		'',
		'',
		'  /* not a comment */ ${a + b} //`;',
		'\treturn a +b',
		'- 1;',
		'}',
		'',
		'export const k = 1;',
		'',
	].join('\n'));
	assert.deepEqual(ucodeProblems('/t.uc', Buffer.from(src), Buffer.from(out)), []);
	// Without a header every comment goes; a file that does not parse is refused.
	assert.equal(stripUcodeComments('// x\nlet a = 1; /* y */\n'), 'let a = 1;\n');
	assert.throws(() => stripUcodeComments('let = ;'), /does not parse/);
});

test('packaged ucode: for every file, the tokens of root/\'s file, no comment but the header line (after the shebang), fewer bytes', () => {
	const tree = treeFiles().filter((f) => isUcodeFile(f.path, f.data));
	const paths = tree.map((f) => f.path);
	assert.ok(paths.includes('/usr/sbin/mape'));
	assert.ok(paths.includes('/usr/share/rpcd/ucode/luci.mape'));
	assert.ok(paths.filter((p) => p.endsWith('.uc')).length >= 20);
	assert.deepEqual(expectedFiles().filter((f) => f.kind == 'ucode').map((f) => f.path), paths.sort());
	const packaged = new Map(built.payload.files.map((f) => [f.path, f.data.toString('utf8')]));
	for (const f of tree) {
		const src = f.data.toString('utf8');
		const out = packaged.get(f.path)!;
		const a = jsTokens(src, f.path);
		const b = jsTokens(out, f.path);
		assert.deepEqual(b.tokens.map((t) => t.text), a.tokens.map((t) => t.text), `${f.path}: token stream`);
		assert.ok(a.comments.length > b.comments.length, `${f.path}: had comments to strip`);
		const lines = out.split('\n');
		const h = src.startsWith('#!') ? 1 : 0;
		if (h) assert.equal(lines[0], src.split('\n')[0], `${f.path}: shebang first`);
		assert.match(lines[h], /^\/\/ Generated by tools\/build\.ts from luci-app-mape\/\S+\.ts; do not edit\.$/, f.path);
		assert.equal(lines[h], src.split('\n')[h], f.path);
		assert.deepEqual(b.comments.map((c) => c.line), [h], `${f.path}: the header is the only comment left`);
		assert.deepEqual(ucodeProblems(f.path, f.data, Buffer.from(out)), [], f.path);
		assert.doesNotMatch(out, /\n[ \t]*\n[ \t]*\n/, `${f.path}: no runs of blank lines`);
		assert.ok(out.length < src.length, f.path);
	}
	assert.ok(built.payload.notes.some((n) => n.startsWith(`ucode: comments stripped from ${tree.length} files`)));
});

test('the checker catches packaged ucode with a comment left, a changed token or a lost line break', () => {
	const src = Buffer.from(`${HEADER}\n'use strict';\n\n/* doc */\nexport function f(a) {\n\treturn a / 2;\n}\n`);
	const good = `${HEADER}\n'use strict';\n\nexport function f(a) {\n\treturn a / 2;\n}\n`;
	assert.deepEqual(ucodeProblems('/m.uc', src, Buffer.from(good)), []);
	assert.match(ucodeProblems('/m.uc', src, Buffer.from(good.replace('return', '/* x */ return'))).join(), /comment left/);
	assert.match(ucodeProblems('/m.uc', src, Buffer.from(good.replace('/ 2', '/ 3'))).join(), /token/);
	assert.match(ucodeProblems('/m.uc', src, Buffer.from(good.replace('{\n\treturn', '{ return'))).join(), /line break/);
	assert.match(ucodeProblems('/m.uc', src, Buffer.from(good.slice(HEADER.length + 1))).join(), /header/);
	// In a whole package: root/'s commented module is not what the package must carry.
	const raw = { ...built.payload, files: built.payload.files.map((f) => (f.path.endsWith('/bits.uc') ? treeFiles().find((t) => t.path == f.path)! : f)) };
	const dir = mkdtempSync(join(scratch, 'commented-'));
	const ipk = join(dir, `luci-app-mape_${VERSION}_all.ipk`);
	writeFileSync(ipk, buildIpk(raw));
	assert.ok(checkIpk(ipk).some((p) => p.includes('/usr/share/ucode/mape/bits.uc') && p.includes('comment left')));
});

/** Run a ucode interpreter; returns stdout (asserts exit 0). */
function runUcode(ucode: string, args: string[], cwd?: string): string {
	const r = spawnSync(ucode, args, { encoding: 'utf8', cwd, env: { ...process.env, POSIXLY_CORRECT: '1' }, maxBuffer: 1 << 24 });
	assert.equal(r.status, 0, `${ucode} ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

realTest('real ucode: the stripped modules, plugin and CLI load and behave as root/\'s', ucodeMissing('the stripped ucode is not run'), () => {
	const { data } = extractIpk();
	const mods = readdirSync(join(data, 'usr/share/ucode/mape')).filter((n) => n.endsWith('.uc')).sort();
	assert.ok(mods.length >= 20);
	const probe = join(scratch, 'probe');
	mkdirSync(probe, { recursive: true });
	// Every module imported: its exported names.
	writeFileSync(join(probe, 'modules.uc'), mods.map((m, i) => `import * as m${i} from 'mape.${m.slice(0, -3)}';\nprint('${m}: ', join(',', sort(keys(m${i}))), '\\n');\n`).join(''));
	// The rpcd plugin: the object and method names it hands rpcd.
	writeFileSync(join(probe, 'plugin.uc'), "let r = loadfile(ARGV[0])();\nfor (let k in r) print(k, ': ', join(',', sort(keys(r[k]))), '\\n');\n");
	for (const ucode of ucodeBinaries()) {
		const run = (root: string) => {
			const lib = join(root, 'usr/share/ucode');
			return [
				runUcode(ucode, ['-L', lib, join(probe, 'modules.uc')]),
				runUcode(ucode, ['-L', lib, join(probe, 'plugin.uc'), join(root, 'usr/share/rpcd/ucode/luci.mape')]),
				runUcode(ucode, ['-L', lib, join(root, 'usr/sbin/mape'), 'calc', '--json', '240b:10:abcd:ef00::/56']),
				runUcode(ucode, ['-L', lib, join(root, 'usr/sbin/mape'), 'calc', '--help']),
			];
		};
		const stripped = run(data);
		const original = run(join(REPO, 'root'));
		assert.equal(stripped[0].split('\n').filter(Boolean).length, mods.length, ucode);
		assert.match(stripped[1], /^luci\.mape: .*calc/, ucode);
		assert.match(stripped[2], /"ipv4": "106\.72\.171\.205"/, ucode);
		assert.deepEqual(stripped, original, ucode);
	}
});

test('size report: the parts (views, ucode, translations, other) add up to data.tar.gz', () => {
	const parts = compressedParts(built.payload);
	const { dir } = extractIpk();
	assert.equal(parts.views + parts.ucode + parts.translations + parts.other, statSync(join(dir, 'data.tar.gz')).size);
	for (const v of Object.values(parts)) assert.ok(v > 0);
	assert.ok(parts.ucode > parts.translations);
});

test('feed Makefile (TOPDIR set): valid for luci.mk, same name, version, depends and scripts as the PC build', () => {
	const topdir = join(FIX, 'topdir');
	const vars = Object.fromEntries(sh('make', ['-s', '--no-print-directory', `TOPDIR=${topdir}`, 'luci-vars'], { cwd: REPO }).trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
	assert.equal(vars.PKG_NAME, 'luci-app-mape');
	assert.equal(vars.LUCI_NAME, 'luci-app-mape');
	assert.equal(vars.LUCI_BASENAME, 'mape');
	assert.equal(vars.LUCI_PKGARCH, 'all');
	assert.equal(`${vars.PKG_VERSION}-r${vars.PKG_RELEASE}`, VERSION);
	assert.equal(Number(vars.PKG_RELEASE), RELEASE);
	assert.equal(vars.LUCI_DEPENDS, EXPECTED_DEPENDS.map((d) => '+' + d).join(' '));
	const out = mkdtempSync(join(scratch, 'feed-'));
	sh('make', ['-s', '--no-print-directory', `TOPDIR=${topdir}`, `OUT=${out}`, 'luci-scripts'], { cwd: REPO });
	const code = (s: string) => scriptBody(s).split('\n').filter((l) => l.trim() && !l.trim().startsWith('#')).join('\n');
	assert.equal(readFileSync(join(out, 'conffiles'), 'utf8').trim(), '/etc/config/mape');
	assert.equal(code(readFileSync(join(out, 'postinst'), 'utf8')), code(POSTINST_PKG));
	assert.equal(code(readFileSync(join(out, 'prerm'), 'utf8')), code(PRERM_PKG));
	assert.equal(code(readFileSync(join(out, 'postrm'), 'utf8')), code(POSTRM));
	const makefile = readFileSync(join(REPO, 'Makefile'), 'utf8');
	assert.match(makefile, /\n# call BuildPackage - OpenWrt buildroot signature\n/);
});

realTest('real apk-tools 3: verify, extract, install, upgrade keeps the edited conffile, remove', apkMissing(), async () => {
	const apk = apkTools()!;
	sh(apk, ['verify', '--allow-untrusted', built.apk]);
	const ex = mkdtempSync(join(scratch, 'apk-extract-'));
	sh(apk, ['extract', '--allow-untrusted', '--destination', ex, built.apk]);
	for (const f of expectedFiles()) {
		assert.deepEqual(contentProblems(f, readFileSync(join(ex, f.path))), [], f.path);
		assert.equal(statSync(join(ex, f.path)).mode & 0o777, f.mode, f.path);
	}
	// Stub dependencies, then install into a scratch root (scripts need a device: skipped).
	const stubs = mkdtempSync(join(scratch, 'apk-stubs-'));
	for (const d of EXPECTED_DEPENDS) sh(apk, ['mkpkg', '--info', `name:${d}`, '--info', 'version:1-r1', '--info', 'arch:noarch', '--info', 'description:stub', '--output', join(stubs, `${d}.apk`)]);
	const root = mkdtempSync(join(scratch, 'apk-root-'));
	const stubFiles = readdirSync(stubs).map((f) => join(stubs, f));
	sh(apk, ['--root', root, '--initdb', '--allow-untrusted', '--no-scripts', '--no-network', 'add', ...stubFiles, built.apk]);
	assert.ok(readFileSync(join(root, 'usr/sbin/mape')).equals(built.payload.files.find((f) => f.path == '/usr/sbin/mape')!.data));
	writeFileSync(join(root, 'etc/config/mape'), readFileSync(join(root, 'etc/config/mape'), 'utf8') + "\toption edited '1'\n");
	const copy = mkdtempSync(join(scratch, 'repo-next-'));
	cpSync(join(REPO, 'htdocs'), join(copy, 'htdocs'), { recursive: true });
	cpSync(join(REPO, 'root'), join(copy, 'root'), { recursive: true });
	cpSync(join(REPO, 'po'), join(copy, 'po'), { recursive: true });
	const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
	writeFileSync(join(copy, 'package.json'), JSON.stringify({ ...pkg, version: pkg.version + '.1' }));
	const next = await build(join(scratch, 'next'), copy);
	sh(apk, ['--root', root, '--allow-untrusted', '--no-scripts', '--no-network', 'add', next.apk]);
	assert.match(readFileSync(join(root, 'etc/config/mape'), 'utf8'), /option edited '1'/);
	assert.ok(existsSync(join(root, 'etc/config/mape.apk-new')));
	sh(apk, ['--root', root, '--no-scripts', '--no-network', 'del', 'luci-app-mape']);
	assert.ok(!existsSync(join(root, 'usr/sbin/mape')));
});

test('the router code\'s version (rpcd status, HB46PP requests) is package.json\'s (what the packages carry)', () => {
	const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };
	const system = readFileSync(join(REPO, 'luci-app-mape/router/system.ts'), 'utf8');
	assert.match(system, new RegExp(`export const VERSION = '${pkg.version.replace(/\./g, '\\.')}';`));
	assert.match(readFileSync(join(REPO, 'luci-app-mape/router/plugin.ts'), 'utf8'), /import \{[^}]*\bVERSION\b[^}]*\} from '\.\/system';/);
});
