import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cursor, _roundtrip } from '../luci-app-mape/runtime/uci.ts';
import { realTest } from './openwrt-env.ts';
import { scratchDir } from './scratch.ts';

const DEFAULTS = '/work/shared/data/openwrt-defaults';

function setup(files: Record<string, string>) {
	const root = scratchDir('uci-test');
	const conf = path.join(root, 'config'), save = path.join(root, 'save');
	fs.mkdirSync(conf);
	for (const [n, t] of Object.entries(files)) fs.writeFileSync(path.join(conf, n), t);
	const c = cursor(conf, save)!;
	return { c, conf, save, read: (n: string) => fs.readFileSync(path.join(conf, n), 'utf8') };
}

/** Line-by-line diff of two texts with the same number of lines. */
function diffLines(a: string, b: string): { removed: string[]; added: string[] } {
	const la = a.split('\n'), lb = b.split('\n');
	assert.equal(la.length, lb.length);
	const removed: string[] = [], added: string[] = [];
	la.forEach((l, i) => { if (l !== lb[i]) { removed.push(l); added.push(lb[i]); } });
	return { removed, added };
}

for (const v of ['23.05', '24.10']) for (const f of ['network', 'firewall', 'dhcp']) {
	const file = `${DEFAULTS}/${v}/${f}`;
	realTest(`uci round-trip is byte-identical: ${v}/${f}`, fs.existsSync(file) ? false : `${file} is missing (the shared stock configs)`, () => {
		const text = fs.readFileSync(file, 'utf8');
		assert.equal(_roundtrip(text), text);
		// a commit without changes leaves the file untouched
		const { c, read } = setup({ [f]: text });
		assert.equal(c.load(f), true);
		assert.equal(c.commit(f), true);
		assert.equal(read(f), text);
	});
}

test('uci set + commit only touches the changed lines (24.10 network)', () => {
	const text = fs.readFileSync(`${DEFAULTS}/24.10/network`, 'utf8');
	const { c, read } = setup({ network: text });
	assert.equal(c.get('network', 'lan', 'ipaddr'), '192.168.1.1');
	assert.equal(c.set('network', 'lan', 'ipaddr', '192.168.2.1'), true);
	assert.equal(c.get('network', 'lan', 'ipaddr'), '192.168.2.1');
	assert.deepEqual(c.changes('network'), { network: [['set', 'lan', 'ipaddr', '192.168.2.1']] });
	assert.equal(c.commit('network'), true);
	const after = read('network');
	assert.deepEqual(diffLines(text, after), { removed: ["\toption ipaddr '192.168.1.1'"], added: ["\toption ipaddr '192.168.2.1'"] });
	assert.equal(after.split('\n').length, text.split('\n').length);
	assert.deepEqual(c.changes('network'), {});
});

test('uci firewall (hand-written format): set keeps every other line', () => {
	const text = fs.readFileSync(`${DEFAULTS}/23.05/firewall`, 'utf8');
	const { c, read } = setup({ firewall: text });
	assert.equal(c.get('firewall', '@defaults[0]', 'input'), 'REJECT');
	assert.equal(c.get('firewall', '@zone[1]', 'name'), 'wan');
	assert.deepEqual(c.get('firewall', '@zone[-1]', 'network'), ['wan', 'wan6']);
	c.set('firewall', '@zone[1]', 'input', 'DROP');
	c.commit('firewall');
	const after = read('firewall');
	const d = diffLines(text, after);
	assert.deepEqual(d.added, ["\toption input 'DROP'"]);
	assert.equal(d.removed.length, 1);
	assert.match(d.removed[0], /^\toption input\t+REJECT$/);
	assert.equal(c.get('firewall', '@zone[1]', 'input'), 'DROP');
});

test('uci add/anonymous names/get_all/foreach meta keys', () => {
	const { c, read } = setup({ test: "\nconfig foo 'one'\n\toption a '1'\n" });
	const n1 = c.add('test', 'bar')!;
	const n2 = c.add('test', 'bar')!;
	assert.match(n1, /^cfg[0-9a-f]{6}$/);
	assert.notEqual(n1, n2);
	// deterministic: same sequence on a fresh cursor gives the same names
	const again = setup({ test: "\nconfig foo 'one'\n\toption a '1'\n" }).c;
	assert.equal(again.add('test', 'bar'), n1);
	c.set('test', n1, 'x', 'y');
	c.set('test', n2, 'l', ['p', 'q']);
	assert.deepEqual(c.get_all('test', n1), { '.anonymous': true, '.type': 'bar', '.name': n1, x: 'y' });
	assert.deepEqual(c.get('test', n2, 'l'), ['p', 'q']);
	assert.equal(c.get('test', n1), 'bar');
	assert.equal(c.get_first('test', 'bar'), n1);
	const seen: unknown[] = [];
	c.foreach('test', 'bar', (s) => { seen.push([s['.name'], s['.index'], s['.type']]); });
	assert.deepEqual(seen, [[n1, 1, 'bar'], [n2, 2, 'bar']]);
	assert.deepEqual(c.changes('test'), { test: [
		['add', n1, 'bar'], ['add', n2, 'bar'], ['set', n1, 'x', 'y'], ['set', n2, 'l', 'p'], ['list-add', n2, 'l', 'q'],
	] });
	c.commit('test');
	assert.equal(read('test'), "\nconfig foo 'one'\n\toption a '1'\n\nconfig bar\n\toption x 'y'\n\nconfig bar\n\tlist l 'p'\n\tlist l 'q'\n");
});

test('uci named section create, quoting, delete, rename, reorder', () => {
	const { c, read } = setup({ t: "config a 'x'\n\toption v \"it's\"\n\nconfig a 'y'\n\toption w 'b'\n" });
	assert.equal(c.get('t', 'x', 'v'), "it's");
	c.set('t', 'z', 'a');
	c.set('t', 'z', 'q', "o'k");
	assert.equal(c.commit('t'), true);
	assert.equal(read('t'), "config a 'x'\n\toption v \"it's\"\n\nconfig a 'y'\n\toption w 'b'\n\nconfig a 'z'\n\toption q 'o'\\''k'\n");
	assert.equal(c.get('t', 'z', 'q'), "o'k");
	c.delete('t', 'y');
	c.rename('t', 'x', 'v', 'vv');
	c.rename('t', 'z', 'zz');
	c.reorder('t', 'zz', 0);
	assert.deepEqual(c.changes('t'), { t: [['remove', 'y'], ['rename', 'x', 'v', 'vv'], ['rename', 'z', 'zz'], ['order', 'zz', 0]] });
	c.commit('t');
	assert.equal(read('t'), "\nconfig a 'zz'\n\toption q 'o'\\''k'\n\nconfig a 'x'\n\toption vv 'it'\\''s'\n");
	assert.equal(c.get('t', 'x', 'vv'), "it's");
	assert.equal(c.get('t', 'y'), null);
	assert.equal(c.error(), 'Entry not found');
	c.delete('t', 'x', 'vv');
	assert.equal(c.get('t', 'x', 'vv'), null);
});

test('uci revert drops staged changes; save writes the delta file and changes() still lists it', () => {
	const { c, save, read } = setup({ n: "\nconfig s 'a'\n\toption k 'v'\n" });
	c.set('n', 'a', 'k', 'w');
	assert.equal(c.revert('n'), true);
	assert.equal(c.get('n', 'a', 'k'), 'v');
	c.set('n', 'a', 'k', 'w');
	c.set('n', 'a', 'l', ['1', '2']);
	c.delete('n', 'a', 'k');
	assert.equal(c.save('n'), true);
	assert.equal(fs.readFileSync(path.join(save, 'n'), 'utf8'), "n.a.k='w'\nn.a.l='1'\n|n.a.l='2'\n-n.a.k\n");
	const other = cursor(path.dirname(save) + '/config', save)!;
	assert.deepEqual(other.changes('n'), { n: [['set', 'a', 'k', 'w'], ['set', 'a', 'l', '1'], ['list-add', 'a', 'l', '2'], ['remove', 'a', 'k']] });
	assert.deepEqual(other.get('n', 'a', 'l'), ['1', '2']);
	assert.equal(other.commit('n'), true);
	assert.equal(read('n'), "\nconfig s 'a'\n\tlist l '1'\n\tlist l '2'\n");
	assert.equal(fs.existsSync(path.join(save, 'n')), false);
});

test('uci set on a missing section fails, list with one element, configs()', () => {
	const { c } = setup({ a: "config x 'y'\n", b: '' });
	assert.equal(c.set('a', 'nope', 'o', 'v'), null);
	assert.equal(c.error(), 'Entry not found');
	c.set('a', 'y', 'o', 'v');
	c.set('a', 'y', 'o', ['only']);
	assert.deepEqual(c.get('a', 'y', 'o'), ['only']);
	assert.deepEqual(c.changes('a'), { a: [['set', 'y', 'o', 'v'], ['remove', 'y', 'o'], ['list-add', 'y', 'o', 'only']] });
	assert.deepEqual(c.configs(), ['a', 'b']);
	assert.equal(c.load('missing'), null);
	assert.equal(c.error(), 'Entry not found');
});

test('uci parser: comments, double quotes, escapes, package line', () => {
	const text = "package t\n# comment\nconfig s 'n' # trailing\n\toption a \"x\\\"y\" # c\n\toption b x\\ y\n\tlist c 'p'\n\tlist c \"q\"\n";
	assert.equal(_roundtrip(text), text);
	const { c } = setup({ t: text });
	assert.equal(c.get('t', 'n', 'a'), 'x"y');
	assert.equal(c.get('t', 'n', 'b'), 'x y');
	assert.deepEqual(c.get('t', 'n', 'c'), ['p', 'q']);
});
