/*
 * Independent check of the built packages (`make check-package`):
 *
 *   tsx tools/package/check.ts [DIR]     (default dist/)
 *
 * Deliberately shares no code with the writers (tar.ts, ipk.ts, apk.ts, payload.ts,
 * strip-ucode.ts): the .ipk is opened with the system's gzip and tar, the .apk with the small
 * gzip-member and tar parser below, and what must be inside is worked out again from
 * htdocs/, root/ and po/. The packaged ucode has its comments stripped; it is compared with
 * root/ by its token stream (a parser-driven scanner below, not the stripper's tree walk).
 * The .lmo catalogs exist only in the packages; they must be what tools/i18n/lmo.ts (the
 * catalog compiler, tested against luci-base's po2lmo) makes of po/<lang>/*.po.
 * Prints every problem found and exits 1 if there is any.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import ts from 'typescript';
import { po2lmo } from '../i18n/lmo.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PKG = 'luci-app-mape';
export const IPK_LIMIT = 88 * 1024;
/** What the package must depend on (apk); the ipk adds libc first, as OpenWrt does. */
export const EXPECTED_DEPENDS = ['luci-base', 'map', 'ds-lite', 'kmod-nft-connlimit', 'rpcd-mod-ucode', 'ucode-mod-fs', 'ucode-mod-uci', 'ucode-mod-ubus'];
/** Paths whose files must be executable whatever the tree says. */
const MUST_EXEC = [/^\/usr\/s?bin\//, /^\/etc\/init\.d\//, /^\/etc\/uci-defaults\//];

const sha1 = (b: Uint8Array) => createHash('sha1').update(b).digest('hex');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

// --- expectations from the tree -------------------------------------------------------

/**
 * How a packaged file relates to its source: 'tree' files are installed byte for byte,
 * 'ucode' files are root/'s ucode without comments (data is root/'s text; see
 * ucodeProblems), 'generated' files exist only in the packages (data is what they must be).
 */
export type ExpectedKind = 'tree' | 'ucode' | 'generated';
export interface ExpectedFile { path: string; mode: number; data: Buffer; kind: ExpectedKind }

/** The ucode files: modules, the rpcd plugin and scripts run by ucode. */
export function isUcode(path: string, data: Buffer): boolean {
	return path.endsWith('.uc') || path.startsWith('/usr/share/rpcd/ucode/') || data.subarray(0, 17).toString('latin1') == '#!/usr/bin/ucode\n';
}

/** luci.mk's po/<dir> → .lmo language suffix aliases. */
const LMO_LANG: Record<string, string> = { bn_BD: 'bn', nb_NO: 'no', pt_BR: 'pt-br', zh_Hans: 'zh-cn', zh_Hant: 'zh-tw' };

/**
 * Every file the packages install, with its mode: htdocs/ (→ /www) and root/ (→ /), and the
 * translation catalogs compiled from po/<lang>/<domain>.po (→ /usr/lib/lua/luci/i18n/
 * <domain>.<lang>.lmo, 644).
 */
export function expectedFiles(repo = REPO): ExpectedFile[] {
	const out: ExpectedFile[] = [];
	const walk = (base: string, dir: string, prefix: string) => {
		for (const name of readdirSync(dir)) {
			const p = join(dir, name);
			const st = lstatSync(p);
			if (st.isDirectory()) walk(base, p, prefix);
			else if (name != '.gitkeep') {
				const path = prefix + relative(base, p);
				const data = readFileSync(p);
				out.push({ path, mode: st.mode & 0o100 ? 0o755 : 0o644, data, kind: isUcode(path, data) ? 'ucode' : 'tree' });
			}
		}
	};
	for (const [tree, prefix] of [['htdocs', '/www/'], ['root', '/']]) {
		const base = join(repo, tree);
		if (existsSync(base)) walk(base, base, prefix);
	}
	const po = join(repo, 'po');
	for (const dir of existsSync(po) ? readdirSync(po) : []) {
		if (dir == 'templates' || !statSync(join(po, dir)).isDirectory()) continue;
		for (const f of readdirSync(join(po, dir)).filter((n) => n.endsWith('.po'))) {
			const lmo = po2lmo(readFileSync(join(po, dir, f), 'utf8'));
			if (lmo && lmo.length > 0) out.push({ path: `/usr/lib/lua/luci/i18n/${f.slice(0, -3)}.${LMO_LANG[dir] ?? dir}.lmo`, mode: 0o644, data: Buffer.from(lmo), kind: 'generated' });
		}
	}
	return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const LMO = /^\/usr\/lib\/lua\/luci\/i18n\/[A-Za-z0-9_.-]+\.lmo$/;

// --- ucode tokens -------------------------------------------------------------------------

export interface JsToken {
	text: string;
	/** A line break between this token and the one before (comments count as blanks). */
	newline: boolean;
	/** The blanks before the token when it is the first thing on its line, else null. */
	indent: string | null;
}
export interface JsComment { text: string; line: number }

/**
 * The tokens and comments of a JavaScript-syntax text (the emitted ucode is), scanned by
 * TypeScript's scanner driven by the parse tree: a '/' where the tree has a regex literal is
 * rescanned as one, a '}' where it has a template middle or tail as that, '>' greedily as
 * '>>', '>=', … So regex literals, template literals and strings are single tokens and
 * comment-like text inside them is not a comment. The shebang is a token of its own.
 */
export function jsTokens(text: string, name = 'ucode'): { tokens: JsToken[]; comments: JsComment[] } {
	const sf = ts.createSourceFile(name + '.js', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
	const diags = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics;
	if (diags.length > 0) throw new Error(`${name}: does not parse as JavaScript: ${ts.flattenDiagnosticMessageText(diags[0].messageText, ' ')}`);
	const regex = new Set<number>();
	const templateTail = new Set<number>();
	const visit = (n: ts.Node) => {
		if (n.kind == ts.SyntaxKind.RegularExpressionLiteral) regex.add(n.getStart(sf));
		if (n.kind == ts.SyntaxKind.TemplateMiddle || n.kind == ts.SyntaxKind.TemplateTail) templateTail.add(n.getStart(sf));
		ts.forEachChild(n, visit);
	};
	visit(sf);
	const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
	const tokens: JsToken[] = [];
	const comments: JsComment[] = [];
	let newline = false;
	let lineStart = 0;
	for (;;) {
		let kind = scanner.scan();
		if (kind == ts.SyntaxKind.EndOfFileToken) break;
		const start = scanner.getTokenStart();
		if ((kind == ts.SyntaxKind.SlashToken || kind == ts.SyntaxKind.SlashEqualsToken) && regex.has(start)) kind = scanner.reScanSlashToken();
		else if (kind == ts.SyntaxKind.CloseBraceToken && templateTail.has(start)) kind = scanner.reScanTemplateToken(false);
		else if (kind == ts.SyntaxKind.GreaterThanToken) kind = scanner.reScanGreaterToken();
		const tokenText = scanner.getTokenText();
		switch (kind) {
			case ts.SyntaxKind.NewLineTrivia:
				newline = true;
				lineStart = scanner.getTokenEnd();
				continue;
			case ts.SyntaxKind.WhitespaceTrivia:
				continue;
			case ts.SyntaxKind.SingleLineCommentTrivia:
			case ts.SyntaxKind.MultiLineCommentTrivia:
				comments.push({ text: tokenText, line: sf.getLineAndCharacterOfPosition(start).line });
				if (tokenText.includes('\n')) newline = true;
				continue;
			case ts.SyntaxKind.ConflictMarkerTrivia:
			case ts.SyntaxKind.Unknown:
				throw new Error(`${name}: unexpected ${ts.SyntaxKind[kind]} at ${start}`);
		}
		const lead = text.slice(lineStart, start);
		tokens.push({ text: tokenText, newline, indent: /^[ \t]*$/.test(lead) ? lead : null });
		newline = false;
	}
	return { tokens, comments };
}

/** The comment tools/build.ts puts first in a generated file (second after a shebang). */
const HEADER_LINE = /^\/\/ Generated by tools\/build\.ts from \S+; do not edit\.$/;

/**
 * What is wrong with a packaged ucode file, given root/'s: its tokens must be the source's,
 * each on the same line as its neighbour exactly when it was, a token that began its line
 * with the same indentation; no comment but the header line, which must be kept where it
 * was (first, or second after the shebang, which stays first).
 */
export function ucodeProblems(path: string, source: Buffer, packaged: Buffer): string[] {
	const problems: string[] = [];
	const src = source.toString('utf8');
	const pkg = packaged.toString('utf8');
	let a: ReturnType<typeof jsTokens>;
	let b: ReturnType<typeof jsTokens>;
	try {
		a = jsTokens(src, path);
		b = jsTokens(pkg, path);
	} catch (e) {
		return [`${path}: ${(e as Error).message}`];
	}
	const n = Math.min(a.tokens.length, b.tokens.length);
	for (let i = 0; i < n; i++) {
		const x = a.tokens[i];
		const y = b.tokens[i];
		if (x.text != y.text) { problems.push(`${path}: token ${i} is ${JSON.stringify(y.text)}, the source has ${JSON.stringify(x.text)}`); break; }
		if (i > 0 && x.newline != y.newline) { problems.push(`${path}: token ${i} (${JSON.stringify(x.text)}) ${x.newline ? 'lost' : 'gained'} its line break`); break; }
		if (x.indent != null && y.indent != x.indent) { problems.push(`${path}: token ${i} (${JSON.stringify(x.text)}) lost its indentation`); break; }
	}
	if (a.tokens.length != b.tokens.length) problems.push(`${path}: ${b.tokens.length} tokens, the source has ${a.tokens.length}`);
	const shebang = src.startsWith('#!') ? src.slice(0, src.indexOf('\n') + 1) : '';
	if (shebang && !pkg.startsWith(shebang)) problems.push(`${path}: the shebang is not the first line`);
	const headerAt = shebang ? 1 : 0;
	const header = a.comments.find((c) => c.line == headerAt && HEADER_LINE.test(c.text));
	const kept = b.comments.filter((c) => !(header && c.line == headerAt && c.text == header.text));
	if (header && kept.length == b.comments.length) problems.push(`${path}: the header line ${JSON.stringify(header.text)} is gone`);
	if (header && pkg.split('\n')[headerAt] != header.text) problems.push(`${path}: line ${headerAt + 1} is not the header line`);
	for (const c of kept) problems.push(`${path}: comment left on line ${c.line + 1}: ${JSON.stringify(c.text.slice(0, 40))}`);
	return problems;
}

/** What is wrong with a packaged file's contents (nothing: []). */
export function contentProblems(e: ExpectedFile, got: Buffer): string[] {
	if (e.kind == 'ucode') return ucodeProblems(e.path, e.data, got);
	if (!got.equals(e.data)) return [`${e.path} differs from ${e.kind == 'generated' ? 'what po/ compiles to' : 'the tree'}`];
	return [];
}

function expectedVersion(repo: string): string {
	return JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version + '-r1';
}

// --- gzip members and tar, parsed here -------------------------------------------------

export interface GzipMember { start: number; end: number; flags: number; mtime: number; xfl: number; os: number; data: Buffer }

function crc32(buf: Uint8Array): number {
	let c = ~0;
	for (const b of buf) {
		c ^= b;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
	}
	return ~c >>> 0;
}

/** Split concatenated gzip streams (RFC 1952), checking each trailer's CRC and size. */
export function gzipMembers(buf: Buffer): GzipMember[] {
	const members: GzipMember[] = [];
	let pos = 0;
	while (pos < buf.length) {
		if (buf[pos] != 0x1f || buf[pos + 1] != 0x8b || buf[pos + 2] != 8) throw new Error(`no gzip member at offset ${pos}`);
		const flags = buf[pos + 3];
		const mtime = buf.readUInt32LE(pos + 4);
		let p = pos + 10;
		if (flags & 4) p += 2 + buf.readUInt16LE(p);
		if (flags & 8) p = buf.indexOf(0, p) + 1;
		if (flags & 16) p = buf.indexOf(0, p) + 1;
		if (flags & 2) p += 2;
		const r = inflateRawSync(buf.subarray(p), { info: true }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
		const end = p + r.engine.bytesWritten + 8;
		if (end > buf.length) throw new Error(`gzip member at ${pos} is truncated`);
		if (buf.readUInt32LE(end - 8) != crc32(r.buffer)) throw new Error(`gzip member at ${pos}: CRC mismatch`);
		if (buf.readUInt32LE(end - 4) != (r.buffer.length >>> 0)) throw new Error(`gzip member at ${pos}: size mismatch`);
		members.push({ start: pos, end, flags, mtime, xfl: buf[pos + 8], os: buf[pos + 9], data: r.buffer });
		pos = end;
	}
	return members;
}

export interface TarItem {
	name: string;
	type: string;
	mode: number;
	uid: number;
	gid: number;
	uname: string;
	gname: string;
	mtime: number;
	data: Buffer;
	pax: Record<string, string>;
}

export interface TarRead { items: TarItem[]; endBlocks: number; problems: string[] }

const cstr = (b: Buffer) => {
	const z = b.indexOf(0);
	return b.subarray(0, z < 0 ? b.length : z).toString('utf8');
};
const oct = (b: Buffer) => parseInt(cstr(b).trim() || '0', 8);

/** A tar stream: ustar or GNU headers, PAX 'x' records attached to the next entry. */
export function readTar(buf: Buffer): TarRead {
	const items: TarItem[] = [];
	const problems: string[] = [];
	let pos = 0;
	let pax: Record<string, string> = {};
	let endBlocks = 0;
	while (pos + 512 <= buf.length) {
		const h = buf.subarray(pos, pos + 512);
		if (h.every((b) => b == 0)) {
			endBlocks++;
			pos += 512;
			continue;
		}
		if (endBlocks > 0) problems.push(`data after an all-zero block at offset ${pos}`);
		const magic = h.subarray(257, 263).toString('latin1');
		if (magic != 'ustar\0' && magic != 'ustar ') problems.push(`bad tar magic at ${pos}`);
		let sum = 0;
		for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
		if (sum != oct(h.subarray(148, 156))) problems.push(`bad header checksum at ${pos}`);
		const size = oct(h.subarray(124, 136));
		const type = String.fromCharCode(h[156] || 0x30);
		const prefix = magic == 'ustar\0' ? cstr(h.subarray(345, 500)) : '';
		const name = (prefix ? prefix + '/' : '') + cstr(h.subarray(0, 100));
		const data = Buffer.from(buf.subarray(pos + 512, pos + 512 + size));
		pos += 512 + Math.ceil(size / 512) * 512;
		if (type == 'x') {
			let rest = data.toString('utf8');
			while (rest.length > 0) {
				const sp = rest.indexOf(' ');
				const len = Number(rest.slice(0, sp));
				const rec = Buffer.from(rest, 'utf8').subarray(0, len).toString('utf8');
				const kv = rec.slice(sp + 1, -1);
				const eq = kv.indexOf('=');
				pax[kv.slice(0, eq)] = kv.slice(eq + 1);
				if (!rec.endsWith('\n')) problems.push(`malformed PAX record before ${name}`);
				rest = Buffer.from(rest, 'utf8').subarray(len).toString('utf8');
			}
			continue;
		}
		items.push({
			name: pax.path ?? name, type, mode: oct(h.subarray(100, 108)), uid: oct(h.subarray(108, 116)), gid: oct(h.subarray(116, 124)),
			uname: cstr(h.subarray(265, 297)), gname: cstr(h.subarray(297, 329)), mtime: oct(h.subarray(136, 148)), data, pax,
		});
		pax = {};
	}
	if (pos != buf.length) problems.push(`tar stream has ${buf.length - pos} trailing bytes`);
	return { items, endBlocks, problems };
}

// --- apk --------------------------------------------------------------------------------

export interface ApkRead {
	members: GzipMember[];
	control: TarRead;
	data: TarRead;
	pkginfo: Array<[string, string]>;
	/** sha256 of the data member's compressed bytes, as apk computes it. */
	datahash: string;
}

export function readApk(buf: Buffer): ApkRead {
	const members = gzipMembers(buf);
	if (members.length != 2) throw new Error(`apk: ${members.length} gzip streams, expected 2 (control, data; unsigned)`);
	const control = readTar(members[0].data);
	const data = readTar(members[1].data);
	const info = control.items.find((i) => i.name == '.PKGINFO');
	const pkginfo: Array<[string, string]> = [];
	for (const line of (info?.data.toString('utf8') ?? '').split('\n')) {
		if (line == '' || line.startsWith('#')) continue;
		const at = line.indexOf(' = ');
		if (at > 0) pkginfo.push([line.slice(0, at), line.slice(at + 3)]);
	}
	return { members, control, data, pkginfo, datahash: sha256(buf.subarray(members[1].start, members[1].end)) };
}

function checkGzipHeader(what: string, m: Pick<GzipMember, 'flags' | 'mtime'>, problems: string[]): void {
	if (m.mtime != 0) problems.push(`${what}: gzip header has a timestamp (${m.mtime})`);
	if (m.flags != 0) problems.push(`${what}: gzip header has flags ${m.flags} (file name or comment stored)`);
}

function checkScripts(what: string, scripts: Record<string, string>, problems: string[]): void {
	for (const [name, body] of Object.entries(scripts)) {
		if (!body.startsWith('#!/bin/sh\n')) problems.push(`${what} ${name}: does not start with #!/bin/sh`);
		const r = spawnSync('sh', ['-n'], { input: body });
		if (r.status != 0) problems.push(`${what} ${name}: sh -n fails: ${r.stderr}`);
	}
}

/** Our postinst-pkg / prerm-pkg / postrm logic, wherever it ended up. */
function checkOwnLogic(what: string, postinst: string, prerm: string, postrm: string, problems: string[]): void {
	const guard = '[ -n "${IPKG_INSTROOT}" ] ||';
	const need = (name: string, body: string, parts: string[]) => {
		for (const p of parts) if (!body.includes(p)) problems.push(`${what} ${name}: missing ${JSON.stringify(p)}`);
	};
	need('post-install logic', postinst, [guard, 'rm -f /tmp/luci-indexcache', 'rm -rf /tmp/luci-modulecache/', '/etc/init.d/rpcd reload']);
	need('pre-removal logic', prerm, [guard, 'PKG_UPGRADE', 'nft list tables', 'mape_', 'nft delete table']);
	need('post-removal logic', postrm, [guard, '/etc/init.d/rpcd reload', 'rm -rf /tmp/luci-modulecache/']);
	// The live-system commands must all sit after the guard.
	for (const [name, body] of [['post-install', postinst], ['pre-removal', prerm], ['post-removal', postrm]]) {
		const g = body.lastIndexOf(guard);
		for (const cmd of ['rm -f /tmp/luci', 'rpcd reload', 'nft delete']) {
			const at = body.indexOf(cmd);
			if (at >= 0 && at < g) problems.push(`${what} ${name}: "${cmd}" runs before the IPKG_INSTROOT guard`);
		}
	}
}

/**
 * Compare what a package installs with the expectations: paths, modes, contents. `extra` are
 * the package manager's own files the package must carry besides (apk's metadata), each
 * with the mode and contents it must have.
 */
function checkInstalled(what: string, files: Map<string, { mode: number; data: Buffer }>, repo: string, extra: ExpectedFile[], problems: string[]): void {
	const expected = [...expectedFiles(repo), ...extra];
	for (const e of expected) {
		const got = files.get(e.path);
		if (!got) { problems.push(`${what}: ${e.path} missing`); continue; }
		if (got.mode != e.mode) problems.push(`${what}: ${e.path} has mode ${got.mode.toString(8)}, expected ${e.mode.toString(8)}`);
		for (const p of contentProblems(e, got.data)) problems.push(`${what}: ${p}`);
	}
	const known = new Set(expected.map((e) => e.path));
	for (const [p, f] of files) {
		if (MUST_EXEC.some((re) => re.test(p)) && f.mode != 0o755) problems.push(`${what}: ${p} must be executable (755), is ${f.mode.toString(8)}`);
		if (!known.has(p)) problems.push(`${what}: unexpected file ${p}`);
		if (LMO.test(p) && f.mode != 0o644) problems.push(`${what}: ${p} must be 644`);
	}
	if (!files.has('/etc/config/mape')) problems.push(`${what}: /etc/config/mape (the conffile) is missing`);
}

export function checkApk(file: string, repo = REPO): string[] {
	const problems: string[] = [];
	const version = expectedVersion(repo);
	if (!file.endsWith(`/${PKG}-${version}.apk`)) problems.push(`apk file name ${file} is not ${PKG}-${version}.apk`);
	let apk: ApkRead;
	try {
		apk = readApk(readFileSync(file));
	} catch (e) {
		return [`apk: ${(e as Error).message}`];
	}
	apk.members.forEach((m, i) => checkGzipHeader(`apk gzip stream ${i}`, m, problems));
	problems.push(...apk.control.problems.map((p) => `apk control: ${p}`), ...apk.data.problems.map((p) => `apk data: ${p}`));
	if (apk.control.endBlocks != 0) problems.push('apk control tar must not end the archive (it continues in the data stream)');
	if (apk.data.endBlocks < 2) problems.push('apk data tar does not end with two zero blocks');

	// control part
	const ctl = apk.control.items;
	if (ctl[0]?.name != '.PKGINFO') problems.push('apk: .PKGINFO is not the first control entry');
	const scripts: Record<string, string> = {};
	for (const i of ctl) {
		if (!i.name.startsWith('.') || i.name.includes('/')) problems.push(`apk control: unexpected entry ${i.name}`);
		if (i.uid != 0 || i.gid != 0) problems.push(`apk control: ${i.name} not owned by 0:0`);
		if (i.name != '.PKGINFO') {
			scripts[i.name.slice(1)] = i.data.toString('utf8');
			if (i.mode != 0o755) problems.push(`apk control: ${i.name} mode ${i.mode.toString(8)}, expected 755`);
		}
	}
	const names = Object.keys(scripts).sort();
	const wantScripts = ['post-deinstall', 'post-install', 'post-upgrade', 'pre-deinstall'];
	if (names.join() != wantScripts.join()) problems.push(`apk scripts are [${names}], expected [${wantScripts}]`);
	checkScripts('apk', scripts, problems);
	const pi = scripts['post-install'] ?? '';
	for (const s of ['[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0', `export pkgname="${PKG}"`, 'default_postinst']) if (!pi.includes(s)) problems.push(`apk post-install: missing ${s}`);
	if (!(scripts['post-upgrade'] ?? '').includes('export PKG_UPGRADE=1')) problems.push('apk post-upgrade: does not export PKG_UPGRADE=1');
	if (!(scripts['pre-deinstall'] ?? '').includes('default_prerm')) problems.push('apk pre-deinstall: does not call default_prerm');
	checkOwnLogic('apk', pi, scripts['pre-deinstall'] ?? '', scripts['post-deinstall'] ?? '', problems);

	// .PKGINFO
	const one = (k: string) => apk.pkginfo.filter(([key]) => key == k).map(([, v]) => v);
	const want: Record<string, string> = { pkgname: PKG, pkgver: version, arch: 'noarch', license: 'Apache-2.0', origin: PKG };
	for (const [k, v] of Object.entries(want)) if (one(k).join('|') != v) problems.push(`.PKGINFO ${k} = ${one(k).join('|')}, expected ${v}`);
	if (!/^\d+(\.\d+)*-r\d+$/.test(one('pkgver')[0] ?? '')) problems.push('.PKGINFO pkgver is not x.y.z-rN');
	if (one('depend').join(' ') != EXPECTED_DEPENDS.join(' ')) problems.push(`.PKGINFO depends [${one('depend')}], expected [${EXPECTED_DEPENDS}]`);
	if (one('datahash')[0] != apk.datahash) problems.push(`.PKGINFO datahash ${one('datahash')[0]} != sha256 of the data stream ${apk.datahash}`);
	for (const k of ['pkgdesc', 'size', 'builddate', 'maintainer']) if (one(k).length != 1) problems.push(`.PKGINFO needs exactly one ${k}`);

	// data part
	const dirs = new Set<string>();
	const files = new Map<string, { mode: number; data: Buffer }>();
	const mtimes = new Set([...ctl, ...apk.data.items].map((i) => i.mtime));
	if (mtimes.size != 1) problems.push(`apk: entries carry ${mtimes.size} different mtimes`);
	for (const i of apk.data.items) {
		if (i.name.startsWith('.') || i.name.startsWith('/') || i.name.includes('/./') || i.name.includes('..')) problems.push(`apk data: bad name ${i.name}`);
		if (i.uid != 0 || i.gid != 0 || i.uname != 'root' || i.gname != 'root') problems.push(`apk data: ${i.name} not owned by root`);
		const parent = i.name.replace(/\/$/, '').split('/').slice(0, -1).join('/');
		if (parent && !dirs.has(parent)) problems.push(`apk data: ${i.name} comes before (or without) its directory ${parent}/`);
		if (i.type == '5') {
			if (!i.name.endsWith('/')) problems.push(`apk data: directory ${i.name} lacks a trailing /`);
			if (i.mode != 0o755) problems.push(`apk data: directory ${i.name} mode ${i.mode.toString(8)}`);
			dirs.add(i.name.replace(/\/$/, ''));
		} else if (i.type == '0') {
			const sum = i.pax['APK-TOOLS.checksum.SHA1'];
			if (sum != sha1(i.data)) problems.push(`apk data: ${i.name} has APK-TOOLS.checksum.SHA1 ${sum}, content sha1 is ${sha1(i.data)}`);
			files.set('/' + i.name, { mode: i.mode, data: i.data });
		} else problems.push(`apk data: ${i.name} has unexpected type ${i.type}`);
	}
	const meta = `/lib/apk/packages/${PKG}`;
	const list = files.get(`${meta}.list`)?.data.toString('utf8');
	const payloadPaths = [...files.keys()].filter((p) => !p.startsWith(`${meta}.`)).sort();
	if (list != payloadPaths.map((p) => p + '\n').join('')) problems.push(`apk: ${meta}.list does not list exactly the installed files`);
	checkInstalled('apk', files, repo, apkMetaFiles(repo), problems);
	return problems;
}

/**
 * OpenWrt's package metadata that the apk carries besides the payload (package-pack.mk
 * writes them; default_postinst and sysupgrade read them), 644 each: <pkg>.list (every
 * installed file), <pkg>.conffiles and <pkg>.conffiles_static ("<path> <sha256>").
 */
export function apkMetaFiles(repo = REPO): ExpectedFile[] {
	const meta = `/lib/apk/packages/${PKG}`;
	const installed = expectedFiles(repo);
	const conf = installed.find((f) => f.path == '/etc/config/mape');
	const text = (s: string) => Buffer.from(s, 'utf8');
	return [
		{ path: `${meta}.conffiles`, mode: 0o644, data: text('/etc/config/mape\n'), kind: 'generated' },
		{ path: `${meta}.conffiles_static`, mode: 0o644, data: text(conf ? `/etc/config/mape ${sha256(conf.data)}\n` : ''), kind: 'generated' },
		{ path: `${meta}.list`, mode: 0o644, data: text(installed.map((f) => f.path + '\n').join('')), kind: 'generated' },
	];
}

// --- ipk (system gzip and tar) ------------------------------------------------------------------

interface Listed { name: string; type: string; mode: number; owner: string; size: number }

function run(cmd: string, args: string[], cwd?: string): string {
	const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (r.status != 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.status}`);
	return r.stdout;
}

function parseListing(text: string): Listed[] {
	return text.split('\n').filter(Boolean).map((line) => {
		const m = /^([-dlhcbps])([rwx-]{9}) (\S+)\s+(\d+) \S+ \S+ (.*)$/.exec(line);
		if (!m) throw new Error(`cannot read tar listing line: ${line}`);
		let mode = 0;
		for (let i = 0; i < 9; i++) mode = mode * 2 + (m[2][i] == '-' ? 0 : 1);
		return { type: m[1], mode, owner: m[3], size: Number(m[4]), name: m[5] };
	});
}

const listTar = (file: string) => parseListing(run('tar', ['--numeric-owner', '-tvzf', file]));

function gzipHeaderOf(file: string): { flags: number; mtime: number } {
	const b = readFileSync(file);
	if (b[0] != 0x1f || b[1] != 0x8b) throw new Error(`${file}: not gzip`);
	return { flags: b[3], mtime: b.readUInt32LE(4) };
}

export function checkIpk(file: string, repo = REPO): string[] {
	const problems: string[] = [];
	const version = expectedVersion(repo);
	if (!file.endsWith(`/${PKG}_${version}_all.ipk`)) problems.push(`ipk file name ${file} is not ${PKG}_${version}_all.ipk`);
	const size = statSync(file).size;
	if (size >= IPK_LIMIT) problems.push(`ipk is ${size} bytes, the limit is ${IPK_LIMIT}`);
	const tmp = mkdtempSync(join(tmpdir(), 'mape-ipk-check-'));
	try {
		run('gzip', ['-t', file]);
		checkGzipHeader('ipk', gzipHeaderOf(file), problems);
		const outer = listTar(file);
		const names = outer.map((e) => e.name);
		if (names.join(' ') != './debian-binary ./data.tar.gz ./control.tar.gz') problems.push(`ipk members are [${names}], expected ./debian-binary ./data.tar.gz ./control.tar.gz in that order`);
		for (const e of outer) if (e.owner != '0/0' || e.type != '-' || e.mode != 0o644) problems.push(`ipk member ${e.name}: ${e.type} ${e.mode.toString(8)} ${e.owner}`);
		run('tar', ['-xzf', file, '-C', tmp]);
		if (readFileSync(join(tmp, 'debian-binary'), 'utf8') != '2.0\n') problems.push('ipk debian-binary is not "2.0\\n"');
		for (const inner of ['data.tar.gz', 'control.tar.gz']) {
			run('gzip', ['-t', join(tmp, inner)]);
			checkGzipHeader(`ipk ${inner}`, gzipHeaderOf(join(tmp, inner)), problems);
		}

		// control.tar.gz
		const control = listTar(join(tmp, 'control.tar.gz'));
		const wantControl: Record<string, number> = { './': 0o755, './conffiles': 0o644, './control': 0o644, './postinst': 0o755, './postinst-pkg': 0o755, './postrm': 0o755, './prerm': 0o755, './prerm-pkg': 0o755 };
		const gotControl = Object.fromEntries(control.map((e) => [e.name, e.mode]));
		if (JSON.stringify(Object.keys(gotControl).sort()) != JSON.stringify(Object.keys(wantControl).sort())) problems.push(`ipk control.tar.gz holds [${Object.keys(gotControl)}]`);
		for (const [n, m] of Object.entries(wantControl)) if (gotControl[n] != undefined && gotControl[n] != m) problems.push(`ipk control ${n}: mode ${gotControl[n].toString(8)}, expected ${m.toString(8)}`);
		for (const e of control) if (e.owner != '0/0') problems.push(`ipk control ${e.name}: owner ${e.owner}`);
		const cdir = join(tmp, 'control');
		run('mkdir', ['-p', cdir]);
		run('tar', ['-xzf', join(tmp, 'control.tar.gz'), '-C', cdir]);
		const read = (n: string) => (existsSync(join(cdir, n)) ? readFileSync(join(cdir, n), 'utf8') : '');

		const dataTarSize = Number(run('sh', ['-c', 'gzip -dc "$1" | wc -c', 'sh', join(tmp, 'data.tar.gz')]).trim());
		const controlText = read('control');
		const fieldLines = controlText.replace(/\n$/, '').split('\n').filter((l) => !l.startsWith(' '));
		const fields = fieldLines.map((l) => l.slice(0, l.indexOf(':')));
		const values = new Map(fieldLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]));
		const value = (k: string) => values.get(k);
		if (!controlText.endsWith('\n')) problems.push('ipk control: does not end with a newline');
		for (const k of ['Package', 'Version', 'Depends', 'Source', 'Section', 'Maintainer', 'License', 'Architecture', 'Installed-Size', 'Description']) if (!fields.includes(k)) problems.push(`ipk control: no ${k} field`);
		if (fields[0] != 'Package' || fields[1] != 'Version') problems.push('ipk control: Package and Version must come first');
		if (fields[fields.length - 1] != 'Description') problems.push('ipk control: Description must be the last field');
		const want: Record<string, string> = {
			Package: PKG, Version: version, Depends: ['libc', ...EXPECTED_DEPENDS].join(', '), Section: 'luci', Architecture: 'all', License: 'Apache-2.0', 'Installed-Size': String(dataTarSize),
		};
		for (const [k, v] of Object.entries(want)) if (value(k) != v) problems.push(`ipk control ${k}: ${value(k)}, expected ${v}`);
		if (!/^[a-zA-Z0-9_.+-]+$/.test(value('Package') ?? '')) problems.push('ipk control: Package has characters opkg rejects');
		if (read('conffiles') != '/etc/config/mape\n') problems.push('ipk conffiles must list /etc/config/mape');
		const wrapper = (fn: string, noScript: boolean) =>
			'#!/bin/sh\n' + (noScript ? '[ "${IPKG_NO_SCRIPT}" = "1" ] && exit 0\n' : '') + '[ -s ${IPKG_INSTROOT}/lib/functions.sh ] || exit 0\n. ${IPKG_INSTROOT}/lib/functions.sh\n' + `${fn} $0 $@\n`;
		if (read('postinst') != wrapper('default_postinst', true)) problems.push('ipk postinst is not OpenWrt\'s standard wrapper');
		if (read('prerm') != wrapper('default_prerm', false)) problems.push('ipk prerm is not OpenWrt\'s standard wrapper');
		checkScripts('ipk', { postinst: read('postinst'), prerm: read('prerm'), 'postinst-pkg': read('postinst-pkg'), 'prerm-pkg': read('prerm-pkg'), postrm: read('postrm') }, problems);
		checkOwnLogic('ipk', read('postinst-pkg'), read('prerm-pkg'), read('postrm'), problems);

		// data.tar.gz
		const data = listTar(join(tmp, 'data.tar.gz'));
		const ddir = join(tmp, 'data');
		run('mkdir', ['-p', ddir]);
		run('tar', ['-xzf', join(tmp, 'data.tar.gz'), '-C', ddir]);
		if (data[0]?.name != './') problems.push('ipk data.tar.gz does not start with ./');
		const files = new Map<string, { mode: number; data: Buffer }>();
		const seenDirs = new Set<string>();
		for (const e of data) {
			if (!e.name.startsWith('./')) problems.push(`ipk data: ${e.name} is not ./-prefixed`);
			if (e.owner != '0/0') problems.push(`ipk data: ${e.name} owner ${e.owner}`);
			const parent = e.name.replace(/\/$/, '').split('/').slice(0, -1).join('/') + '/';
			if (e.name != './' && !seenDirs.has(parent)) problems.push(`ipk data: ${e.name} comes before (or without) its directory ${parent}`);
			if (e.type == 'd') {
				if (e.mode != 0o755) problems.push(`ipk data: directory ${e.name} mode ${e.mode.toString(8)}`);
				seenDirs.add(e.name);
			} else if (e.type == '-') files.set(e.name.slice(1), { mode: e.mode, data: readFileSync(join(ddir, e.name)) });
			else problems.push(`ipk data: ${e.name} has unexpected type ${e.type}`);
		}
		checkInstalled('ipk', files, repo, [], problems);
		if (files.has('/lib/apk/packages/' + PKG + '.list')) problems.push('ipk carries apk metadata');
	} catch (e) {
		problems.push(`ipk: ${(e as Error).message}`);
	} finally {
		rmSync(tmp, { recursive: true, force: true });
	}
	return problems;
}

export function packagePaths(dir: string, repo = REPO): { ipk: string; apk: string } {
	const v = expectedVersion(repo);
	return { ipk: join(dir, `${PKG}_${v}_all.ipk`), apk: join(dir, `${PKG}-${v}.apk`) };
}

if (process.argv[1] && resolve(process.argv[1]) == resolve(REPO, 'tools/package/check.ts')) {
	const dir = resolve(process.argv[2] ?? join(REPO, 'dist'));
	const { ipk, apk } = packagePaths(dir);
	const problems: string[] = [];
	for (const f of [ipk, apk]) if (!existsSync(f)) problems.push(`missing ${f} (run make package)`);
	if (problems.length == 0) problems.push(...checkIpk(ipk), ...checkApk(apk));
	if (problems.length > 0) {
		console.error(`check-package: ${problems.length} problem(s)\n  ` + problems.join('\n  '));
		process.exit(1);
	}
	console.log(`check-package: ${relative(process.cwd(), ipk)} and ${relative(process.cwd(), apk)} are well-formed and carry all ${expectedFiles().length} files of htdocs/, root/ (ucode without comments) and po/ (.lmo)`);
}
