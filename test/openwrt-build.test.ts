/*
 * tools/openwrt/build.sh and fetch-sources.sh, the scripts behind the real-userland tests:
 * a missing or corrupt archive is an error naming it and builds nothing; a second run over
 * the built cache rebuilds nothing (--check first says it is current); fetch-sources recreates archives from a fetch list
 * (here from a local git repository standing in for the upstream one) and refuses one whose
 * tar stream does not have the recorded hash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { REPO } from './backend-build.ts';
import { OPENWRT_CACHE, realTest } from './openwrt-env.ts';
import { RELEASES, UCODE_SETS, builtSet } from '../tools/openwrt/userland.ts';
import { scratchDir } from './scratch.ts';

const BUILD = join(REPO, 'tools/openwrt/build.sh');
const FETCH = join(REPO, 'tools/openwrt/fetch-sources.sh');
const SOURCES = process.env.OPENWRT_SRC ?? join(REPO, '../shared/openwrt-src');

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = REPO) {
	const r = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, cwd });
	return { code: r.status ?? -1, out: r.stdout + r.stderr };
}
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('build.sh: a missing archive is an error naming it, and nothing is built', () => {
	const src = scratchDir('mape-src-missing');
	const cache = scratchDir('mape-cache');
	writeFileSync(join(src, 'SHA256SUMS'), `${'0'.repeat(64)}  ucode-1a8a0bcf7255.tar.gz\n`);
	const r = sh(BUILD, ['23.05.4'], { OPENWRT_SRC: src, OPENWRT_CACHE: cache });
	assert.equal(r.code, 1, r.out);
	assert.match(r.out, /archive libubox-75a3b870cace\.tar\.gz is missing from /);
	assert.deepEqual(readdirSync(cache), []);
});

realTest('build.sh: a corrupt archive is an error naming it, with both checksums', existsSync(join(SOURCES, 'SHA256SUMS')) ? false : `no pinned sources in ${SOURCES}`, () => {
	const src = scratchDir('mape-src-corrupt');
	const cache = scratchDir('mape-cache');
	copyFileSync(join(SOURCES, 'SHA256SUMS'), join(src, 'SHA256SUMS'));
	const data = readFileSync(join(SOURCES, 'libubox-75a3b870cace.tar.gz'));
	data[data.length - 10] ^= 0xff;
	writeFileSync(join(src, 'libubox-75a3b870cace.tar.gz'), data);
	const r = sh(BUILD, ['23.05.4'], { OPENWRT_SRC: src, OPENWRT_CACHE: cache });
	assert.equal(r.code, 1, r.out);
	assert.match(r.out, new RegExp(`archive libubox-75a3b870cace\\.tar\\.gz is corrupt: sha256 ${sha256(data)}, SHA256SUMS says [0-9a-f]{64}`));
	assert.deepEqual(readdirSync(cache), []);
});

test('build.sh: no sources is an error, or a notice with --if-available (what `make` uses)', () => {
	const env = { OPENWRT_SRC: join(scratchDir('mape-nosrc'), 'absent'), OPENWRT_CACHE: scratchDir('mape-cache') };
	const strict = sh(BUILD, [], env);
	assert.equal(strict.code, 1);
	assert.match(strict.out, /no OpenWrt sources: set OPENWRT_SRC/);
	const lenient = sh(BUILD, ['--if-available'], env);
	assert.equal(lenient.code, 0, lenient.out);
	assert.match(lenient.out, /the real-platform tests will not run/);
	assert.equal(sh(BUILD, ['22.03'], env).code, 1);
});

const allBuilt = [...new Set([...RELEASES, ...UCODE_SETS, 'apk-tools'])].every((s) => builtSet(s))
	? false : `the userland is not built in ${OPENWRT_CACHE} (make openwrt)`;
realTest('build.sh: a second run over the built cache rebuilds nothing', allBuilt, () => {
	const stamps = () => ['23.05.4', '24.10.4', 'ucode-master', 'apk-tools'].map((s) => readFileSync(join(OPENWRT_CACHE, s, 'BUILT'), 'utf8'));
	// Only when --check says all is current: a real rebuild would pull the cache away from
	// the tests running beside this one.
	const check = sh(BUILD, ['--check'], { OPENWRT_CACHE });
	assert.equal(check.code, 0, `${check.out}\nthe cache is stale: run make openwrt`);
	const before = stamps();
	const r = sh(BUILD, [], { OPENWRT_CACHE });
	assert.equal(r.code, 0, r.out);
	for (const set of ['23.05.4', '24.10.4', 'ucode-master', 'apk-tools']) assert.match(r.out, new RegExp(`${set.replace(/\./g, '\\.')}: up to date`));
	assert.doesNotMatch(r.out, /building/);
	assert.deepEqual(stamps(), before);
});

const haveGit = sh('git', ['--version']).code == 0 ? false : 'git is not installed';
realTest('fetch-sources.sh: makes each archive at its commit, checks the tar hash, writes SHA256SUMS', haveGit, () => {
	// A local repository stands in for the upstream one (no network here).
	const up = scratchDir('mape-upstream');
	const git = (...args: string[]) => {
		const r = sh('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], {}, up);
		assert.equal(r.code, 0, r.out);
		return r.out.trim();
	};
	git('init', '-q');
	mkdirSync(join(up, 'src'));
	writeFileSync(join(up, 'src/a.c'), 'int a;\n');
	writeFileSync(join(up, 'README'), 'x\n');
	git('add', '.');
	git('commit', '-qm', 'one');
	const commit = git('rev-parse', 'HEAD');
	const whole = sha256(Buffer.from(spawnSync('git', ['archive', '--format=tar', '--prefix=comp/', commit], { cwd: up }).stdout));
	const part = sha256(Buffer.from(spawnSync('git', ['archive', '--format=tar', '--prefix=comp/', commit, '--', 'src'], { cwd: up }).stdout));
	const dir = scratchDir('mape-fetched');
	const list = (hash: string) => `# comment\ncomp-${commit.slice(0, 12)}.tar.gz\tfile://${up}\t${commit}\tcomp/\t.\t${whole}\n` +
		`part-${commit.slice(0, 12)}.tar.gz\tfile://${up}\t${commit}\tcomp/\tsrc\t${hash}\n`;
	writeFileSync(join(dir, 'fetch-list.txt'), list(part));
	const r = sh(FETCH, [dir], { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'uploadpack.allowAnySHA1InWant', GIT_CONFIG_VALUE_0: 'true' });
	assert.equal(r.code, 0, r.out);
	const made = join(dir, `part-${commit.slice(0, 12)}.tar.gz`);
	assert.equal(sha256(gunzipSync(readFileSync(made))), part);
	const sums = readFileSync(join(dir, 'SHA256SUMS'), 'utf8');
	assert.match(sums, new RegExp(`^${sha256(readFileSync(made))}  part-`, 'm'));
	// A second run keeps what matches; a wrong recorded hash is refused, naming the archive.
	assert.match(sh(FETCH, [dir]).out, /comp-[0-9a-f]{12}\.tar\.gz: present/);
	const bad = scratchDir('mape-fetched-bad');
	writeFileSync(join(bad, 'fetch-list.txt'), list('f'.repeat(64)));
	const refused = sh(FETCH, [bad], { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'uploadpack.allowAnySHA1InWant', GIT_CONFIG_VALUE_0: 'true' });
	assert.equal(refused.code, 1);
	assert.match(refused.out, /part-[0-9a-f]{12}\.tar\.gz: tar sha256 [0-9a-f]{64}, fetch-list\.txt says f{64}/);
	assert.ok(!existsSync(join(bad, `part-${commit.slice(0, 12)}.tar.gz`)));
});
