import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nfs from 'node:fs';
import * as path from 'node:path';
import * as fs from '../luci-app-mape/runtime/fs.ts';
import * as ubus from '../luci-app-mape/runtime/ubus.ts';
import { scratchDir } from './scratch.ts';

const dir = scratchDir('ucfs');
const p = (n: string) => path.join(dir, n);

test('fs readfile/writefile and errors', () => {
	assert.equal(fs.writefile(p('a.txt'), 'héllo\nworld\n'), 13);
	assert.equal(fs.readfile(p('a.txt')), 'héllo\nworld\n');
	assert.equal(fs.readfile(p('a.txt'), 3), 'hé');
	assert.equal(fs.readfile(p('missing')), null);
	assert.equal(fs.error(), 'No such file or directory');
	assert.equal(fs.error(), null);
});

test('fs open/read line/all/n, write, close', () => {
	const f = fs.open(p('a.txt'))!;
	assert.equal(f.read('line'), 'héllo\n');
	assert.equal(f.read(3), 'wor');
	assert.equal(f.read('all'), 'ld\n');
	assert.equal(f.read('line'), null);
	assert.equal(f.read('all'), '');
	assert.equal(f.close(), true);
	const w = fs.open(p('b.txt'), 'w')!;
	assert.equal(w.write('x'), 1);
	assert.equal(w.write('yz\n'), 3);
	w.close();
	assert.equal(fs.readfile(p('b.txt')), 'xyz\n');
	const a = fs.open(p('b.txt'), 'a')!;
	a.write('more\n');
	a.close();
	assert.equal(fs.readfile(p('b.txt')), 'xyz\nmore\n');
	assert.equal(fs.open(p('nope/x'), 'w'), null);
	assert.equal(fs.error(), 'No such file or directory');
});

test('fs stat/lstat/lsdir/mkdir/rmdir/unlink/rename/access/chmod/realpath', () => {
	assert.equal(fs.mkdir(p('d')), true);
	assert.equal(fs.mkdir(p('d')), null);
	assert.equal(fs.error(), 'File exists');
	assert.equal(fs.stat(p('d'))!.type, 'directory');
	const st = fs.stat(p('a.txt'))!;
	assert.equal(st.type, 'file');
	assert.equal(st.size, 13);
	nfs.symlinkSync('a.txt', p('l'));
	assert.equal(fs.lstat(p('l'))!.type, 'link');
	assert.equal(fs.stat(p('l'))!.type, 'file');
	assert.deepEqual(fs.lsdir(dir)!.sort(), ['a.txt', 'b.txt', 'd', 'l']);
	assert.deepEqual(fs.lsdir(dir, '*.txt')!.sort(), ['a.txt', 'b.txt']);
	assert.equal(fs.rename(p('b.txt'), p('d/c.txt')), true);
	assert.equal(fs.rmdir(p('d')), null);
	assert.equal(fs.error(), 'Directory not empty');
	assert.equal(fs.unlink(p('d/c.txt')), true);
	assert.equal(fs.rmdir(p('d')), true);
	assert.equal(fs.access(p('a.txt')), true);
	assert.equal(fs.access(p('a.txt'), 'r'), true);
	assert.equal(fs.chmod(p('a.txt'), 0o600), true);
	assert.equal(fs.stat(p('a.txt'))!.mode, 0o600);
	assert.equal(fs.access(p('zz')), null);
	assert.equal(fs.realpath(p('l')), nfs.realpathSync(p('a.txt')));
	assert.equal(fs.basename('/a/b/'), 'b');
	assert.equal(fs.dirname('/a/b/'), '/a');
	assert.equal(fs.dirname('file'), '.');
	assert.equal(fs.dirname('/file'), '/');
});

test('fs popen read/write and exit code', () => {
	const r = fs.popen('printf "one\\ntwo\\n"; exit 3')!;
	assert.equal(r.read('line'), 'one\n');
	assert.equal(r.read('all'), 'two\n');
	assert.equal(r.close(), 3);
	const w = fs.popen(`cat > ${p('piped')}`, 'w')!;
	w.write('data');
	assert.equal(w.close(), 0);
	assert.equal(fs.readfile(p('piped')), 'data');
});

test('ubus: no backend → connect() null; backend calls and errors', () => {
	ubus.setUbusBackend(null);
	assert.equal(ubus.connect(), null);
	assert.equal(ubus.error(), 'Connection failed');
	ubus.setUbusBackend({
		call(obj, method, args) {
			if (obj === 'system' && method === 'board') return { model: 'X', args };
			throw new ubus.UbusStatus(4);
		},
		list: () => ['system', 'network.interface.wan'],
	});
	const c = ubus.connect()!;
	assert.deepEqual(c.call('system', 'board', { a: 1 }), { model: 'X', args: { a: 1 } });
	assert.equal(c.call('nope', 'x'), null);
	assert.equal(c.error(), 'Not found');
	assert.deepEqual(c.list(), ['system', 'network.interface.wan']);
	ubus.setUbusBackend(null);
});
