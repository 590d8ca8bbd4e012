/*
 * The four worked examples of shared/docs/japan-ipoe.md §5, with their documented values
 * (test/fixtures/engine/worked-examples.json, copied from the doc), through the compiled
 * JavaScript build of the engine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngine, REPO } from './engine-build.ts';

const fixture = JSON.parse(readFileSync(join(REPO, 'test/fixtures/engine/worked-examples.json'), 'utf8'));
const engine = await loadEngine();

for (const ex of fixture.examples) {
	test(`§${ex.section} ${ex.input} (${ex.service})`, () => {
		const r = engine.mape.calculate(ex.input);
		assert.equal(r.error, undefined, JSON.stringify(r.error));
		for (const field of ['service', 'ip6prefix', 'ip6prefixlen', 'ip4prefix', 'ip4prefixlen', 'ealen', 'psidlen', 'offset',
			'ipv4', 'psid', 'psid_mapcalc', 'br', 'ce_legacy', 'ce_rfc7597', 'mtu', 'ports']) {
			assert.deepEqual(r[field], ex[field], field);
		}
		assert.equal(r.ce, ex.ce_legacy, 'the default CE is the legacy one');
		assert.deepEqual(r.warnings, []);
		if (ex.portsets) {
			assert.deepEqual(r.portsets, ex.portsets);
		} else {
			assert.equal(r.portsets.length, ex.portset_count);
			assert.deepEqual(r.portsets.slice(0, ex.portsets_first.length), ex.portsets_first);
			assert.deepEqual(r.portsets.slice(-ex.portsets_last.length), ex.portsets_last);
			const { step, base, size } = ex.portset_rule;
			r.portsets.forEach((set: number[], i: number) => assert.deepEqual(set, [step * (i + 1) + base, step * (i + 1) + base + size - 1]));
		}
		const rfc = engine.mape.calculate(ex.input, { ceformat: 'rfc7597' });
		assert.equal(rfc.ce, ex.ce_rfc7597);
	});
}

test('§5 JSON shape (mape calc --json contract): fields in order', () => {
	const ex = fixture.examples[0];
	const j = engine.result.calcJson(ex.input);
	assert.deepEqual(Object.keys(j), ['input', 'method', 'source', 'service', 'br', 'ipv4', 'psid', 'psidlen', 'offset', 'ealen', 'ip4prefix',
		'ip4prefixlen', 'ip6prefix', 'ip6prefixlen', 'ce', 'portsets', 'ports', 'mtu', 'warnings']);
	assert.equal(j.input, ex.input);
	assert.equal(j.method, 'map-e');
	assert.equal(j.source, 'table');
	assert.equal(j.ce, ex.ce_legacy);
	assert.deepEqual(j.portsets, ex.portsets);
	const e = engine.result.calcJson('2408:1::/56');
	assert.deepEqual(Object.keys(e), ['input', 'error']);
	assert.deepEqual(Object.keys(e.error), ['code', 'message']);
	assert.equal(e.error.code, 'NTT_EAST_PENDING');
});

test('fakemanhk #40 cross-check: 2400:4051:87xx:… is 114.172.x (rule 2400:4051:8400::/38 → 114.172.208.0/20)', () => {
	const r = engine.mape.calculate('2400:4051:8765:4300::/56');
	assert.equal(r.ip6prefix, '2400:4051:8400::');
	assert.equal(r.ip4prefix, '114.172.208.0');
	assert.match(r.ipv4, /^114\.172\./);
});

test('the same prefix in the forms users paste gives the same result', () => {
	const base = engine.result.calcJson('240b:10:abcd:ef00::/56');
	for (const form of ['240B:10:ABCD:EF00::/56', '  240b:10:abcd:ef00::/56\n', '240b:0010:abcd:ef00:0000:0000:0000:0000/56',
		'[240b:10:abcd:ef00::]/56', '240b:10:abcd:ef00::/ 56', '240b:10:abcd:ef00:0:0:0:0/56', '240b:10:abcd:ef00::1',
		'240b:10:abcd:ef00:1234:5678:9abc:def0/64', '240b:10:abcd:ef00::1%eth1', '[240b:10:abcd:ef00::1%wan]', '240b:10:abcd:ef00::/60',
		'240b:10:abcd:ef00::/64', '240b:10:abcd:ef00::1.2.3.4']) {
		const r = engine.result.calcJson(form);
		assert.deepEqual({ ...r, input: '' }, { ...base, input: '' }, form);
	}
});

test('SUBNET_NOT_ZERO: warned when the input\'s /64 is not the CE /64, not for /56 or subnet 00', () => {
	for (const [input, warned] of [['240b:10:abcd:ef12::/64', true], ['240b:10:abcd:ef01::1', true], ['240b:10:abcd:ef10::/60', true],
		['240b:10:abcd:ef12::/56', false], ['240b:10:abcd:ef00::/64', false], ['240b:10:abcd:ef00::/60', false],
		['240b:10:abcd:ef08::/61', true], ['240b:10:abcd:ef08::/60', false]] as [string, boolean][]) {
		const r = engine.mape.calculate(input);
		assert.equal(r.error, undefined, input);
		assert.equal(r.ce, '240b:10:abcd:ef00:6a:48ab:cd00:ef00', input);
		assert.deepEqual(r.warnings.map((w: any) => w.code), warned ? ['SUBNET_NOT_ZERO'] : [], input);
	}
});

test('BAD_CE_FORMAT for an unknown CE format', () => {
	assert.equal(engine.mape.calculate('240b:10:abcd:ef00::/56', { ceformat: 'rfc' }).error.code, 'BAD_CE_FORMAT');
	assert.equal(engine.mape.calculate('240b:10:abcd:ef00::/56', { ceformat: 'legacy' }).ce, '240b:10:abcd:ef00:6a:48ab:cd00:ef00');
	assert.equal(engine.mape.calculate('240b:10:abcd:ef00::/56', {}).ce, '240b:10:abcd:ef00:6a:48ab:cd00:ef00');
});
