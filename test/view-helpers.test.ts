/*
 * The typed helpers under luci-app-mape/view/lib/ in Node: formatting, plan → diff rows,
 * plan → uci staging calls (against a model of uci.js's staging rules), backend codes →
 * explanations, port usage → chart model. Inputs are the recorded backend replies of
 * test/fixtures/view/states/ (test/browser/make-states.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// What cbi.js provides on a LuCI page: _(), N_() and String.prototype.format (declared
// here for the root tsconfig, which type-checks this test and the helpers it imports
// without the DOM and LuCI declarations of luci-app-mape/view/tsconfig.json).
declare global {
	function _(msgid: string, ctx?: string): string;
	function N_(n: number, singular: string, plural: string, ctx?: string): string;
	interface String { format(...args: unknown[]): string }
}
const g = globalThis as any;
g._ = (s: string) => s;
g.N_ = (n: number, one: string, many: string) => (n == 1 ? one : many);
// eslint-disable-next-line no-extend-native
(String.prototype as any).format = function (this: string, ...args: unknown[]) {
	let i = 0;
	return this.replace(/%(%|[sdf])/g, (_m, c: string) => (c == '%' ? '%' : c == 'd' ? String(Math.trunc(Number(args[i++]))) : String(args[i++])));
};

const { serviceLabel, serviceArea, lineLabel, portRange, portRanges, portSummary, percent, optionText, methodLabel, sourceLabel, duration } = await import('../luci-app-mape/view/lib/format.ts');
const { planGroups, coveredOps, planContext } = await import('../luci-app-mape/view/lib/plandiff.ts');
const { isDslite, lineTunnel } = await import('../luci-app-mape/view/lib/types.ts');
const { stagingCalls, configsToLoad, stage, verifyStaged } = await import('../luci-app-mape/view/lib/staging.ts');
const { explainError, explainActionError, explainWarning, explainState, explainNetifdError } = await import('../luci-app-mape/view/lib/messages.ts');
const { usageModel, topHosts, level } = await import('../luci-app-mape/view/lib/usage.ts');

const REPO = join(import.meta.dirname, '..');
const STATES = join(REPO, 'test/fixtures/view/states');
const states: { [name: string]: any } = Object.fromEntries(readdirSync(STATES).filter((f) => f.endsWith('.json')).map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(STATES, f), 'utf8'))]));

test('the recorded backend states cover the scenarios the pages must handle', () => {
	assert.deepEqual(Object.keys(states).sort(), ['configured', 'configured-ocn', 'dslite-error', 'dslite-hb46pp', 'dslite-stale', 'dslite-unconfigured-64', 'dslite-up', 'error', 'stale', 'unconfigured-56', 'unconfigured-64', 'unknown']);
	assert.equal(states['unconfigured-64'].status.line, 'ra64');
	assert.equal(states['unconfigured-56'].status.line, 'pd');
	assert.equal(states.configured.status.state, 'MAP_UP');
	assert.equal(states.stale.status.state, 'STALE');
	assert.equal(states.error.status.state, 'MAP_ERROR');
	assert.equal(states.unknown.status.error.code, 'UNKNOWN');
	// DS-Lite lines (transix): not set up, up, AFTR_DNS_FAIL, a MAP-E router on a line that moved to DS-Lite, parameters from HB46PP.
	assert.deepEqual(['dslite-unconfigured-64', 'dslite-up', 'dslite-error', 'dslite-stale', 'dslite-hb46pp'].map((n) => [states[n].status.method, states[n].status.state, states[n].portusage.error.code]), [
		['dslite', 'NOT_CONFIGURED', 'DSLITE_LINE'], ['dslite', 'DSLITE_UP', 'DSLITE_LINE'], ['dslite', 'DSLITE_ERROR', 'DSLITE_LINE'], ['dslite', 'STALE', 'DSLITE_LINE'], ['dslite', 'NOT_CONFIGURED', 'DSLITE_LINE'],
	]);
	assert.equal(states['dslite-unconfigured-64'].status.line, 'ra64');
	assert.deepEqual(states['dslite-error'].status.dslite.errors, ['AFTR_DNS_FAIL']);
	assert.equal(states['dslite-stale'].plan.ops[0].op, 'remove');
	assert.deepEqual(states['dslite-hb46pp'].plan.warnings.map((w: any) => w.code), ['FOREIGN_TUNNEL_KEPT']);
	assert.equal(states['dslite-hb46pp'].status.calc.source, 'hb46pp');
});

test('format: services, areas, line types, ports', () => {
	assert.equal(serviceLabel('v6plus'), 'v6plus (JPNE)');
	assert.equal(serviceLabel('ocn'), 'OCN Virtual Connect');
	assert.equal(serviceLabel('somethingnew'), 'somethingnew');
	assert.equal(serviceArea('biglobe-west'), 'NTT West');
	assert.equal(serviceArea('v6plus'), '');
	assert.equal(lineLabel('ra64'), '/64 by router advertisement (no prefix delegation)');
	assert.equal(lineLabel('pd', 60), '/60 prefix delegation (DHCPv6-PD)');
	assert.equal(portRange([7920, 7935]), '7920-7935');
	assert.equal(portRange([1024, 1024]), '1024');
	assert.equal(portRanges([[1, 2], [5, 6]]), '1-2, 5-6');
	const sets = states.configured.status.calc.portsets;
	assert.equal(portSummary(sets, 240), '15 port sets × 16 ports = 240 ports');
	assert.equal(portSummary(states['configured-ocn'].status.calc.portsets), '63 port sets × 16 ports = 1008 ports');
	assert.equal(percent(13, 16), 81);
	assert.equal(percent(1, 0), 0);
	assert.equal(optionText(['wan', 'wan6']), 'wan wan6');
	assert.deepEqual(['transix', 'xpass', 'v6connect'].map(serviceLabel), ['transix (Internet Multifeed)', 'Xpass (ARTERIA)', 'v6 Connect (ASAHI Net)']);
	assert.deepEqual(['map-e', 'dslite', null].map(methodLabel), ['MAP-E', 'DS-Lite', '-']);
	assert.deepEqual(['table', 'manual', 'hb46pp', 'future', undefined].map(sourceLabel), ['Built-in table', 'Manual rule', 'Provider (HB46PP)', 'future', '-']);
	assert.deepEqual([86400, 3600, 5400, 600, 59, 0].map(duration), ['24 hours', '1 hour', '2 hours', '10 minutes', '1 minute', '0 minutes']);
});

for (const name of ['unconfigured-64', 'unconfigured-56', 'stale', 'dslite-unconfigured-64', 'dslite-stale', 'dslite-hb46pp']) {
	test(`plan → diff (${name}): every operation shown exactly once, grouped by section in plan order`, () => {
		const plan = states[name].plan;
		const groups = planGroups(plan);
		assert.deepEqual(coveredOps(groups), plan.ops.map((_: unknown, i: number) => i));
		const order = groups.map((gr) => `${gr.config}.${gr.section}`);
		const firstSeen = [...new Set(plan.ops.map((o: any) => `${o.config}.${o.section}`))];
		assert.deepEqual(order, firstSeen);
		for (const gr of groups) {
			assert.ok(gr.title.length > 0);
			assert.equal(gr.created, plan.ops.some((o: any) => o.op == 'add' && o.config == gr.config && o.section == gr.section));
		}
	});
}

test('plan → diff: headings say what each section is; kinds follow old/new', () => {
	const plan = states['unconfigured-64'].plan;
	const groups = planGroups(plan);
	const byKey = Object.fromEntries(groups.map((gr) => [`${gr.config}.${gr.section}`, gr]));
	assert.equal(byKey['network.wanmap'].title, 'MAP-E tunnel interface "wanmap"');
	assert.ok(byKey['network.wanmap'].created);
	assert.equal(byKey['network.wan6'].title, 'IPv6 uplink "wan6"');
	assert.equal(byKey['dhcp.wan6'].title, 'IPv6 relay on the uplink "wan6"');
	assert.equal(byKey['dhcp.lan'].title, 'LAN: relay IPv6 (RA, DHCPv6, NDP) from the line');
	assert.equal(byKey['mape.config'], undefined, 'SNAT is on by default: nothing to change in mape');
	// The stock wan zone is an anonymous section: titled by its name, shown as uci show names it.
	const zone = groups.find((gr) => gr.config == 'firewall')!;
	assert.equal(zone.title, 'Firewall zone "wan"');
	assert.equal(zone.ref, '@zone[1]');
	assert.equal(zone.rows[0].kind, 'change');
	assert.equal(zone.rows[0].old, 'wan wan6');
	assert.equal(zone.rows[0].new, 'wan wan6 wanmap');
	assert.equal(byKey['dhcp.lan'].rows.find((r) => r.option == 'ra')!.kind, 'change');
	assert.equal(byKey['network.wanmap'].rows.every((r) => r.kind == 'add'), true);
	const removal = planGroups({ ...plan, ops: [{ op: 'delete', config: 'network', section: 'wan6', type: 'interface', option: 'ip6prefix', old: '240b::/64', new: null, anonymous: false, ref: 'wan6', label: 'wan6' }] });
	assert.deepEqual(removal[0].rows[0], { kind: 'remove', option: 'ip6prefix', old: '240b::/64', new: '', op: 0 });
});

test('plan → diff on DS-Lite lines: the DS-Lite interface is titled as such; a switch from MAP-E shows the removal of wanmap once, as a section heading', () => {
	const plan = states['dslite-unconfigured-64'].plan;
	const byKey = Object.fromEntries(planGroups(plan).map((gr) => [`${gr.config}.${gr.section}`, gr]));
	assert.equal(byKey['network.wandslite'].title, 'DS-Lite tunnel interface "wandslite"');
	assert.ok(byKey['network.wandslite'].created);
	assert.deepEqual(byKey['network.wan6'].rows.map((r) => [r.option, r.new]), [['iface_dslite', '0']]);
	assert.deepEqual(planContext(plan), { map: '', dslite: 'wandslite', uplink: 'wan6', line: 'ra64' });
	const stale = states['dslite-stale'];
	const settings = stale.status.settings;
	const groups = planGroups(stale.plan, { map: settings.interface, dslite: stale.plan.interface, uplink: 'wan6', line: 'ra64' });
	assert.deepEqual(groups.slice(0, 2).map((gr) => [gr.title, gr.removed, gr.created, gr.removeOp, gr.rows.length]), [
		['MAP-E tunnel interface "wanmap"', true, false, 0, 0],
		['DS-Lite tunnel interface "wandslite"', false, true, -1, 5],
	]);
	const zone = groups.find((gr) => gr.config == 'firewall')!;
	assert.deepEqual([zone.rows[0].old, zone.rows[0].new], ['wan wan6 wanmap', 'wan wan6 wandslite']);
	// Without the status, the plan alone still names its own interface.
	assert.equal(planGroups(stale.plan)[0].title, 'Interface "wanmap"');
});

test('restore plan → diff on a DS-Lite router: the roles from the status name the DS-Lite interface the restore removes', () => {
	const { status, restore_plan: rp } = states['dslite-up'];
	const roles = { map: status.map?.name ?? status.settings.interface, dslite: status.dslite?.name ?? status.settings.dslite_interface, uplink: 'wan6', line: status.line };
	assert.deepEqual(planGroups(rp, roles).map((gr) => [gr.title, gr.removed]), [
		['DS-Lite tunnel interface "wandslite"', true], ['IPv6 uplink "wan6"', false], ['Firewall zone "wan"', false],
	]);
});

test('plan → staging on a switch to DS-Lite: the removal of wanmap is staged as uci.remove and verified', () => {
	const plan = states['dslite-stale'].plan;
	const calls = stagingCalls(plan);
	assert.deepEqual(calls[0], { fn: 'remove', args: ['network', 'wanmap'] });
	const loaded = { network: { wanmap: { proto: 'map' }, wan6: {} }, firewall: { [plan.ops.at(-1).section]: { network: ['wan', 'wan6', 'wanmap'] } } };
	const uci = fakeUci(loaded);
	stage(uci, calls);
	assert.deepEqual(verifyStaged(uci, plan), []);
	assert.equal(uci.get('network', 'wanmap'), null);
	// A removal uci did not take is reported.
	const kept = fakeUci(loaded);
	stage({ ...kept, remove() {} }, calls);
	assert.deepEqual(verifyStaged(kept, plan).map((o) => `${o.op} ${o.ref}`), ['remove wanmap']);
});

test('plan → diff: anonymous sections are titled by their name option or what they serve, never by their generated id', () => {
	let n = 0;
	const anon = (config: string, type: string, ref: string, label: string, option: string) =>
		({ op: 'set', config, section: `cfg0${n++}1b2c`, type, option, old: null, new: '1', anonymous: true, ref, label });
	const ctx = { interface: 'wanmap', uplink: 'wan6', line: 'ra64', method: 'map-e' };
	const groups = planGroups({ ...states['unconfigured-64'].plan, ...ctx, ops: [
		anon('network', 'device', '@device[0]', 'br-lan', 'ipv6'),
		anon('firewall', 'zone', '@zone[0]', 'lan', 'mtu_fix'),
		anon('dhcp', 'dhcp', '@dhcp[0]', 'lan', 'ra'),
		anon('dhcp', 'dhcp', '@dhcp[1]', 'wan6', 'ra'),
		anon('firewall', 'rule', '@rule[2]', 'Allow-Ping', 'enabled'),
		anon('firewall', 'forwarding', '@forwarding[0]', '@forwarding[0]', 'enabled'),
	] });
	assert.deepEqual(groups.map((gr) => [gr.title, gr.ref]), [
		['Device "br-lan"', '@device[0]'],
		['Firewall zone "lan"', '@zone[0]'],
		['LAN: relay IPv6 (RA, DHCPv6, NDP) from the line', '@dhcp[0]'],
		['IPv6 relay on the uplink "wan6"', '@dhcp[1]'],
		['Firewall section "Allow-Ping"', '@rule[2]'],
		['Firewall section "@forwarding[0]"', '@forwarding[0]'],
	]);
	// And in every recorded plan.
	for (const [name, st] of Object.entries(states)) {
		for (const gr of st.plan?.ops ? planGroups(st.plan) : []) assert.doesNotMatch(`${gr.title} ${gr.ref}`, /cfg[0-9a-f]{6}/, name);
	}
});

/**
 * A model of uci.js staging: sets only land in loaded or newly added sections, an
 * anonymous add gets a new id, a removed section reads as null (until added again).
 */
function fakeUci(loaded: { [config: string]: { [sid: string]: { [opt: string]: string | string[] } } }) {
	const calls: unknown[] = [];
	const data = structuredClone(loaded);
	const removed = new Set<string>();
	let created = 0;
	const section = (config: string, sid: string) => removed.has(`${config}.${sid}`) ? null : data[config]?.[sid] ?? null;
	return {
		calls,
		add(config: string, type: string, name?: string) {
			calls.push(['add', config, type, name]);
			const sid = name ?? `new${created++}`;
			(data[config] ??= {})[sid] = { '.type': type };
			removed.delete(`${config}.${sid}`);
			return sid;
		},
		set(config: string, sid: string, option: string, value: string | string[] | null) {
			calls.push(['set', config, sid, option, value]);
			const s = section(config, sid);
			if (s && value != null) s[option] = value;
		},
		unset(config: string, sid: string, option: string) { calls.push(['unset', config, sid, option]); const s = section(config, sid); if (s) delete s[option]; },
		remove(config: string, sid: string) { calls.push(['remove', config, sid]); if (data[config]?.[sid]) removed.add(`${config}.${sid}`); },
		get(config: string, sid: string, option?: string): any {
			const s = section(config, sid);
			return option === undefined ? s : s?.[option] ?? null;
		},
	};
}

test('plan → staging: one uci call per operation, in order; verifyStaged finds sections uci ignored', () => {
	const plan = states['unconfigured-64'].plan;
	const calls = stagingCalls(plan);
	assert.equal(calls.length, plan.ops.length);
	plan.ops.forEach((op: any, i: number) => {
		const c = calls[i];
		if (op.op == 'add') assert.deepEqual(c, { fn: 'add', args: [op.config, op.type, op.section] });
		else if (op.op == 'set') assert.deepEqual(c, { fn: 'set', args: [op.config, op.section, op.option, op.new] });
		else assert.deepEqual(c, { fn: 'unset', args: [op.config, op.section, op.option] });
	});
	assert.deepEqual(configsToLoad(plan), ['network', 'dhcp', 'firewall']);

	const sections = (config: string) => Object.fromEntries(plan.ops.filter((o: any) => o.config == config && o.op != 'add').map((o: any) => [o.section, {}]));
	const full = fakeUci({ network: sections('network'), dhcp: { lan: {} }, firewall: sections('firewall'), mape: sections('mape') });
	stage(full, calls);
	assert.equal(full.calls.length, plan.ops.length);
	assert.deepEqual(verifyStaged(full, plan), []);

	const missing = fakeUci({ network: sections('network'), dhcp: { lan: {} }, mape: sections('mape') });
	stage(missing, calls);
	assert.deepEqual(verifyStaged(missing, plan).map((o) => `${o.config}.${o.option}`), ['firewall.network']);
});

test('restore plan → staging: removals, anonymous sections added under the id uci gives them, every change verified', () => {
	const op = (o: any) => ({ type: 'rule', option: null, old: null, new: null, anonymous: false, ...o, ref: o.ref ?? o.section, label: o.label ?? o.section });
	const plan = { ops: [
		op({ op: 'remove', config: 'firewall', section: 'cfg0b4dcb', anonymous: true, ref: '@rule[3]', label: 'Allow-SSH' }),
		op({ op: 'remove', config: 'network', section: 'wanmap', type: 'interface' }),
		op({ op: 'remove', config: 'firewall', section: 'web', type: 'redirect' }),
		op({ op: 'add', config: 'firewall', section: 'web', type: 'redirect', new: 'redirect' }),
		op({ op: 'set', config: 'firewall', section: 'web', type: 'redirect', option: 'src_dport', new: '8080' }),
		op({ op: 'add', config: 'firewall', section: 'new-1', anonymous: true, ref: '@rule[2]', label: 'Allow-MLD', new: 'rule' }),
		op({ op: 'set', config: 'firewall', section: 'new-1', anonymous: true, ref: '@rule[2]', label: 'Allow-MLD', option: 'icmp_type', new: ['130/0', '131/0'] }),
		op({ op: 'delete', config: 'firewall', section: 'cfg03dc81', type: 'zone', anonymous: true, ref: '@zone[1]', label: 'wan', option: 'mtu_fix', old: '1' }),
	] };
	const calls = stagingCalls(plan);
	assert.deepEqual(calls.map((c) => [c.fn, ...c.args]), [
		['remove', 'firewall', 'cfg0b4dcb'], ['remove', 'network', 'wanmap'], ['remove', 'firewall', 'web'],
		['add', 'firewall', 'redirect', 'web'], ['set', 'firewall', 'web', 'src_dport', '8080'],
		['add', 'firewall', 'rule'], ['set', 'firewall', 'new-1', 'icmp_type', ['130/0', '131/0']],
		['unset', 'firewall', 'cfg03dc81', 'mtu_fix'],
	]);
	assert.deepEqual(configsToLoad(plan), ['firewall', 'network']);
	const loaded = { firewall: { cfg0b4dcb: { name: 'Allow-SSH' }, web: { src_dport: '80' }, cfg03dc81: { name: 'wan', mtu_fix: '1' } }, network: { wanmap: { proto: 'map' } } };
	const uci = fakeUci(loaded);
	const ids = stage(uci, calls);
	assert.deepEqual([...ids], [['new-1', 'new0']], 'the placeholder stands for the id uci.add() returned');
	assert.deepEqual(uci.calls.find((c: any) => c[3] == 'icmp_type'), ['set', 'firewall', 'new0', 'icmp_type', ['130/0', '131/0']]);
	assert.deepEqual(verifyStaged(uci, plan, ids), []);
	assert.equal(uci.get('firewall', 'web', 'src_dport'), '8080', 'the redirect was replaced, not left removed');
	// A change uci did not take (here: an unset that was dropped) is reported.
	const lost = fakeUci({ firewall: { cfg0b4dcb: {}, web: {}, cfg03dc81: { mtu_fix: '1' } }, network: { wanmap: {} } });
	const lostIds = stage({ ...lost, unset() {} }, calls);
	assert.deepEqual(verifyStaged(lost, plan, lostIds).map((o) => `${o.op} ${o.ref}.${o.option}`), ['delete @zone[1].mtu_fix']);
});

test('explanations: every error code of the line state, the identifier, the planner and the backups has its own words', () => {
	const src = (f: string) => readFileSync(join(REPO, 'luci-app-mape/core', f), 'utf8');
	const list = (text: string, name: string) => JSON.parse(text.match(new RegExp(`${name}: string\\[\\] = (\\[[^\\]]*\\])`))![1].replace(/'/g, '"').replace(/,\s*\]/, ']'));
	// What status answers with (both pages show it) …
	const statusCodes = [
		...list(src('identify.ts'), 'IDENTIFY_CODES').filter((c: string) => c != 'MAP_E'),
		'WAN6_MISSING', 'WAN6_DOWN', 'MULTIPLE_MAP_INTERFACES', 'MULTIPLE_DSLITE_INTERFACES', 'BAD_INTERFACE_NAME', 'BAD_MTU', 'BAD_AFTR', 'RPC',
		'DSLITE_LINE', // portusage on a DS-Lite line (the Status page)
	];
	// … and what the Setup page's actions can meet: plan, backup, restore_plan, restore_finish (router/configure.ts).
	const actionCodes = [
		...list(src('plan.ts'), 'PLAN_ERROR_CODES'),
		'PENDING_CHANGES', 'NO_BACKUP', 'BAD_BACKUP_ID', 'RESTORE_FAILED', 'CONFIG_MISSING', 'RESTORE_NOT_APPLIED', 'APPLY_PENDING',
	];
	const check = (x: { title: string; text: string }, code: string) => {
		assert.notEqual(x.text, 'backend text', `${code} is explained`);
		assert.ok(!x.title.includes(code) || /\(/.test(x.title), `${code} has a headline`);
	};
	for (const code of statusCodes) check(explainError({ code, message: 'backend text' }), code);
	for (const code of [...statusCodes, ...actionCodes]) check(explainActionError({ code, message: 'backend text' }), code);
	const fallback = explainError({ code: 'NEW_CODE', message: 'backend text' });
	assert.equal(fallback.text, 'backend text');
	assert.equal(explainActionError({ code: 'NEW_CODE', message: 'backend text' }).text, 'backend text');
	for (const code of ['PD_WITHOUT_SUBNET_ZERO', 'SUBNET_NOT_ZERO', 'DUID_MAC_UNKNOWN', 'NO_LAN', 'FOREIGN_TUNNEL_KEPT'])
		assert.notEqual(explainWarning({ code, message: 'x' }).text, 'x', code);
	for (const code of ['INVALID_MAP_RULE', 'NO_MATCHING_PD', 'UNSUPPORTED_TYPE', 'AFTR_DNS_FAIL', 'NO_WAN_LINK'])
		assert.ok(explainNetifdError(code).title.includes(code));
});

test('explanations: the provider\'s differing parameters are listed from the warning\'s fields, whatever its English message says', () => {
	const x = explainWarning({ code: 'PROVIDER_DIFFERS_FROM_TABLE', message: 'worded otherwise', fields: ['ip6prefixlen', 'ealen'] });
	assert.equal(x.severity, 'info');
	assert.ok(x.text.endsWith('Differences: ip6prefixlen, ealen'), x.text);
});

test('explanations: each configuration state', () => {
	const sev = (name: string) => explainState(states[name].status).severity;
	assert.equal(sev('unconfigured-64'), 'info');
	assert.equal(sev('configured'), 'ok');
	assert.equal(sev('stale'), 'warning');
	assert.equal(sev('error'), 'error');
	assert.match(explainState(states.error.status).text, /extendprefix/);
	assert.equal(explainState(states.error.status).title, 'MAP rule rejected (INVALID_MAP_RULE)');
	assert.match(explainState(states.configured.status).text, new RegExp(states.configured.status.map.ipv4.replace(/\./g, '\\.')));
});

test('explanations: DS-Lite states name the DS-Lite interface and its AFTR, and a router left on the other method is out of date', () => {
	const ds = { name: 'dslite', ours: true, up: true, device: 'ds-dslite', since: 5, errors: [] as string[], matching: true, differences: [], aftr: 'gw.transix.jp' };
	const base = { ...states['unconfigured-64'].status, method: 'dslite', map: null, dslite: null };
	const x = (over: object) => explainState({ ...base, ...over });
	assert.match(x({ state: 'NOT_CONFIGURED' }).text, /DS-Lite is not set up/);
	assert.match(x({ state: 'CONFIGURED', dslite: { ...ds, up: false } }).text, /^The DS-Lite interface dslite matches the line/);
	assert.deepEqual([x({ state: 'DSLITE_UP', dslite: ds }).severity, x({ state: 'DSLITE_UP', dslite: ds }).text], ['ok', 'The DS-Lite tunnel dslite to gw.transix.jp is up.']);
	assert.equal(x({ state: 'DSLITE_ERROR', dslite: { ...ds, up: false, errors: ['AFTR_DNS_FAIL'] } }).title, 'AFTR name not resolved (AFTR_DNS_FAIL)');
	for (const over of [{ map: { ...ds, name: 'wanmap', ipv4: null, matching: null } }, { method: 'map-e', dslite: ds }]) {
		assert.match(x({ state: 'STALE', ...over }).text, /^The line now uses (DS-Lite|MAP-E), but the router is set up for (MAP-E|DS-Lite)\./);
	}
	// Ours with other options (another VNE's AFTR), and a hand-made one: the DS-Lite words.
	assert.match(x({ state: 'STALE', dslite: { ...ds, matching: false, differences: ['peeraddr'] } }).text, /^The DS-Lite interface dslite differs from what the line needs now/);
	assert.equal(x({ state: 'FOREIGN', dslite: { ...ds, ours: false, matching: false } }).title, 'Hand-made DS-Lite interface differs');
	assert.match(x({ state: 'DSLITE_ERROR', dslite: { ...ds, up: false } }).text, /tunnel interface/);
	// A MAP-E line keeps the MAP-E words, also with a hand-made dslite interface around.
	assert.match(x({ state: 'NOT_CONFIGURED', method: 'map-e', dslite: { ...ds, ours: false } }).text, /^MAP-E is not set up/);
});

test('the recorded DS-Lite states: explained by their state, the tunnel of the line\'s method', () => {
	const st = (n: string) => states[n].status;
	assert.deepEqual(['dslite-unconfigured-64', 'dslite-up', 'dslite-error', 'dslite-stale', 'dslite-hb46pp'].map((n) => [isDslite(st(n)), lineTunnel(st(n))?.name ?? null, explainState(st(n)).severity]), [
		[true, null, 'info'], [true, 'wandslite', 'ok'], [true, 'wandslite', 'error'], [true, null, 'warning'], [true, null, 'info'],
	]);
	assert.equal(explainState(st('dslite-up')).text, 'The DS-Lite tunnel wandslite to gw.transix.jp is up.');
	assert.equal(explainState(st('dslite-error')).title, 'AFTR name not resolved (AFTR_DNS_FAIL)');
	assert.equal(explainState(st('dslite-stale')).text, 'The line now uses DS-Lite, but the router is set up for MAP-E. Press "Auto configure" to switch.');
	// MAP-E states stay MAP-E.
	assert.deepEqual([isDslite(states.configured.status), lineTunnel(states.configured.status)?.name], [false, 'wanmap']);
	assert.equal(explainWarning(states['dslite-hb46pp'].plan.warnings[0]).title, 'Other tunnel interface kept');
});

test('port usage → chart model: one bar per group, levels, totals, top hosts', () => {
	const u = states.configured.portusage;
	const m = usageModel(u);
	assert.equal(m.bars.length, 15);
	assert.equal(m.total, 240);
	assert.equal(m.used, u.ports_used);
	assert.equal(m.fullGroups, u.groups.filter((gr: any) => gr.ports_used == 16).length);
	assert.ok(m.fullGroups >= 2);
	assert.deepEqual(m.bars[0], { label: '7920-7935', first: 7920, last: 7935, size: 16, used: 16, connections: u.groups[0].connections, percent: 100, level: 'full' });
	assert.equal(usageModel(states['configured-ocn'].portusage).bars.length, 63);
	assert.equal(level(74), 'ok');
	assert.equal(level(75), 'high');
	assert.equal(level(100), 'full');
	const hosts = topHosts(u, 3);
	assert.equal(hosts.length, 3);
	assert.ok(hosts[0].ports >= hosts[1].ports && hosts[1].ports >= hosts[2].ports);
});
