import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runScript } from '../luci-app-mape/runtime/index.ts';

const script = fileURLToPath(new URL('./fixtures/runtime/script-exit.mjs', import.meta.url));

test('runScript: ARGV, exit code', async () => {
	assert.deepEqual(await runScript(script, { argv: ['a', 'b'] }), { code: 3, stdout: 'args: [ "a", "b" ]\n', stderr: '' });
});

test('runScript: uncaught die → message on stderr, code 254 (oracle die_uncaught, null_prop_access first line)', async () => {
	assert.deepEqual(await runScript(script, { argv: ['die'] }), { code: 254, stdout: 'args: [ "die" ]\n', stderr: 'fatal\n' });
	const r = await runScript(script, { argv: ['null'] });
	assert.equal(r.code, 254);
	assert.equal(r.stderr, 'Reference error: left-hand side expression is null\n');
});
