/*
 * Benchmark: how long 10 000 calculations take with the JavaScript build (and with the ucode
 * build when UCODE is set), and the size of the rule table as shipped (the compiled
 * /usr/share/ucode/mape/rules.uc). Prints the numbers as test diagnostics; asserts only
 * generous bounds so a pathological slowdown fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildEngine, loadEngine } from './engine-build.ts';

const N = 10000;
const INPUTS = ['240b:10:abcd:ef00::/56', '2400:4050:1234:5600::/56', '2404:7a82:1234:5600::/56', '240d:f:1234:5600::/56',
	'240b:252:1:2300::1', '2400:4153:7c00::/56', 'not an address', '2408:1::/64'];

test(`benchmark: ${N} calculations (JavaScript build${process.env.UCODE ? ' and ucode build' : ''}); rule table size`, async (t) => {
	const build = buildEngine();
	const engine = await loadEngine();
	const rulesUc = join(build.ucodeDir, 'mape', 'rules.uc');
	const bytes = statSync(rulesUc).size;
	const rules = engine.rules.RULE_COUNT;
	t.diagnostic(`rule table as shipped: rules.uc ${bytes} bytes for ${rules} rules (${(bytes / rules).toFixed(1)} bytes/rule)`);

	engine.result.calcJson(INPUTS[0]);
	const start = process.hrtime.bigint();
	for (let i = 0; i < N; i++) engine.result.calcJson(INPUTS[i % INPUTS.length]);
	const jsMs = Number(process.hrtime.bigint() - start) / 1e6;
	t.diagnostic(`JavaScript: ${N} calculations in ${jsMs.toFixed(0)} ms (${(jsMs * 1000 / N).toFixed(1)} µs each)`);
	assert.ok(jsMs < 60000);

	if (process.env.UCODE) {
		const script = join(build.dir, 'bench.uc');
		writeFileSync(script, `import { calcJson } from 'mape.result';
let inputs = ${JSON.stringify(INPUTS)};
let t0 = clock(true);
for (let i = 0; i < ${N}; i++) calcJson(inputs[i % ${INPUTS.length}]);
let t1 = clock(true);
print((t1[0] - t0[0]) * 1000 + int((t1[1] - t0[1]) / 1000000), '\\n');
`);
		const ucMs = Number(execFileSync(process.env.UCODE, ['-L', build.ucodeDir, script], { encoding: 'utf8' }).trim());
		t.diagnostic(`ucode (${process.env.UCODE}): ${N} calculations in ${ucMs} ms (${(ucMs * 1000 / N).toFixed(1)} µs each)`);
		assert.ok(ucMs < 120000);
	}
	assert.ok(readFileSync(rulesUc, 'utf8').includes('Provenance'), 'the shipped table keeps its provenance comment');
});
