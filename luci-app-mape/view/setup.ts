/*
 * Network › MAP-E Auto › Setup: what the line is, which method (MAP-E or DS-Lite) and
 * parameters follow from it and where they come from (the built-in table, a manual rule,
 * the provider's HB46PP answer), how the router stands, and the one-click "Auto configure": the backend's plan shown as a
 * diff, staged through LuCI's uci API and applied with LuCI's apply-with-rollback.
 * "Restore previous configuration" goes the same way: the backend's restore plan (the uci
 * changes back to the newest backup) as a diff, staged and applied with rollback; once
 * LuCI has confirmed the apply ('uci-applied'), restore_finish writes the backup's files
 * back byte for byte (same content, so nothing reloads). The page reloads after an apply,
 * so a restore in progress is kept in sessionStorage and settled after the reload.
 * Below, the advanced settings of /etc/config/mape (form.Map).
 */
import view from 'luci:view';
import form from 'luci:form';
import rpc from 'luci:rpc';
import uci from 'luci:uci';
import ui from 'luci:ui';
import dom from 'luci:dom';
import poll from 'luci:poll';
import { type Plan, type Status, type RestorePlan, type RestoreFinish, type TunnelState, isFailure, isDslite, lineTunnel, type Failure } from './lib/types.ts';
import { serviceLabel, serviceArea, lineLabel, portRanges, portSummary, prefixText, methodLabel, sourceLabel, duration } from './lib/format.ts';
import { explainError, explainActionError, explainNetifdError, explainState, explainWarning } from './lib/messages.ts';
import { planGroups, type DiffGroup, type PlanContext } from './lib/plandiff.ts';
import { stagingCalls, configsToLoad, stage, verifyStaged, type Staged } from './lib/staging.ts';
import { keyValueTable, section, alertBox, badge, code, pageStyle, type Row } from './lib/markup.ts';

const callStatus = rpc.declare<Status | Failure, []>({ object: 'luci.mape', method: 'status', expect: { '': {} } });
const callPlan = rpc.declare<Plan | Failure, []>({ object: 'luci.mape', method: 'plan', expect: { '': {} } });
const callBackups = rpc.declare<string[], []>({ object: 'luci.mape', method: 'backups', expect: { backups: [] } });
/** Backs up the configs the plan touches, so "Restore previous configuration" can undo it (newer backends). */
const callBackup = rpc.declare<unknown, []>({ object: 'luci.mape', method: 'backup', expect: { '': {} } });
const callRestorePlan = rpc.declare<RestorePlan | Failure, [string]>({ object: 'luci.mape', method: 'restore_plan', params: ['backup'], expect: { '': {} } });
const callRestoreFinish = rpc.declare<RestoreFinish | Failure, [string]>({ object: 'luci.mape', method: 'restore_finish', params: ['backup'], expect: { '': {} } });

/** A restore this page staged and applied: the backup, whether LuCI confirmed it, how restore_finish answered. */
interface RestoreMark {
	backup: string;
	applied: boolean;
	result?: RestoreFinish | Failure;
}

const RESTORE_MARK = 'luci-app-mape.restore';

function readMark(): RestoreMark | null {
	try {
		const text = window.sessionStorage.getItem(RESTORE_MARK);
		return text ? JSON.parse(text) as RestoreMark : null;
	} catch (e) {
		return null;
	}
}

function writeMark(mark: RestoreMark | null): void {
	try {
		if (mark) window.sessionStorage.setItem(RESTORE_MARK, JSON.stringify(mark));
		else window.sessionStorage.removeItem(RESTORE_MARK);
	} catch (e) {
		/* no session storage: the outcome is only shown before LuCI reloads the page */
	}
}

type Loaded = [Status | Failure, string[]];

const NO_ANSWER: Failure = { error: { code: 'RPC', message: 'The MAP-E backend (luci.mape) did not answer.' } };

function loadAll(): Promise<Loaded> {
	return Promise.all([L.resolveDefault(callStatus(), NO_ANSWER), L.resolveDefault(callBackups(), [])]) as Promise<Loaded>;
}

function detectedSection(st: Status): HTMLElement {
	const up = st.uplink;
	const calc = st.calc;
	const rows: Row[] = [
		[_('IPv6 uplink'), E('span', {}, [up.interface ? code(up.interface) : '-', ' ', up.present ? (up.up ? badge(_('up'), 'ok') : badge(_('down'), 'off')) : badge(_('missing'), 'err')])],
		[_('IPv6 address'), up.address ? code(up.address) : '-'],
		[_('Delegated prefix'), up.prefix ? code(up.prefix) : _('none')],
		[_('Line type'), lineLabel(up.line, up.pdlen)],
		[_('Prefix used to identify the line'), st.input ? code(st.input) : '-'],
	];
	if (calc) {
		const p = calc.provisioning;
		rows.push([_('Method'), methodLabel(calc.method || st.method)]);
		if (calc.service) rows.push([_('Service'), calc.service == 'hb46pp' ? (p && (p.service_name || p.enabler_name)) || 'HB46PP' : serviceLabel(calc.service)]);
		const area = serviceArea(calc.service);
		if (area) rows.push([_('Area'), area]);
		rows.push([_('Parameters from'), sourceLabel(calc.source)]);
		if (p) {
			const names = [p.enabler_name, p.service_name, p.isp_name].filter((n, i, all): n is string => !!n && all.indexOf(n) == i);
			if (names.length > 0) rows.push([_('Provider'), names.join(' / ')]);
			if (p.ttl != null) rows.push([_('Provider data valid for'), duration(p.ttl)]);
		}
	}
	const notes = [];
	if (st.error) notes.push(alertBox(explainError(st.error), { 'data-code': st.error.code }));
	for (const w of st.warnings || []) notes.push(alertBox(explainWarning(w), { 'data-code': w.code }));
	return section(_('Detected line'), [keyValueTable(rows), ...notes]);
}

/** The MTU the plan writes: the override under Advanced settings, else the calculation's. */
function tunnelMtu(st: Status): string {
	return String(st.settings.mtu > 0 ? st.settings.mtu : st.calc && st.calc.mtu || '-');
}

/** A DS-Lite line: the AFTR, MTU and interface the plan writes (or the interface has). */
function dsliteSection(st: Status): HTMLElement {
	const c = st.calc!;
	const aftr = st.settings.aftr || c.aftr || '-';
	const name = st.dslite ? st.dslite.name : st.settings.dslite_interface;
	const rows: Row[] = [[_('AFTR'), E('span', {}, [code(aftr), st.settings.aftr ? E('em', {}, [' ', _('(from Advanced settings)')]) : ''])]];
	// A name: its address when known (a provider's answer may give it), else when it is resolved.
	if (!aftr.includes(':')) rows.push([_('AFTR address'), c.aftr_address && !st.settings.aftr ? code(c.aftr_address) : _('resolved through the line\'s DNS servers each time the tunnel starts')]);
	rows.push([_('Tunnel MTU'), tunnelMtu(st)]);
	rows.push([_('DS-Lite interface'), E('span', {}, [code(name || '-'), st.dslite ? '' : E('em', {}, [' ', _('(planned)')]), ' ', _('via %s').format(st.uplink.interface || '-')])]);
	return section(_('DS-Lite parameters'), keyValueTable(rows));
}

function parametersSection(st: Status): HTMLElement | string {
	const c = st.calc;
	if (c && isDslite(st)) return dsliteSection(st);
	if (!c || !c.ipv4) return '';
	const rows: Row[] = [
		[_('IPv4 address'), code(c.ipv4)],
		[_('Border relay (BR)'), code(c.br || '-')],
		[_('CE address'), code(c.ce || '-')],
		[_('PSID'), `${c.psid} (${_('PSID length %d, offset %d').format(c.psidlen, c.offset)})`],
		[_('Rule IPv4 prefix'), code(prefixText(c.ip4prefix, c.ip4prefixlen))],
		[_('Rule IPv6 prefix'), code(prefixText(c.ip6prefix, c.ip6prefixlen))],
		[_('EA bits'), String(c.ealen)],
		[_('Tunnel MTU'), tunnelMtu(st)],
		[_('Usable ports'), portSummary(c.portsets, c.ports)],
		[_('Port sets'), E('div', { class: 'mape-chips' }, (c.portsets || []).map((r) => code(portRanges([r]))))],
	];
	return section(_('Calculated parameters'), keyValueTable(rows));
}

/** A tunnel interface's rows: name, up or down; the options that differ from the plan. */
function tunnelRows(label: string, t: TunnelState, extra: Row[]): Row[] {
	return [
		[label, E('span', {}, [code(t.name), ' ', t.up ? badge(_('up'), 'ok') : badge(_('down'), 'off')])],
		...extra,
		...(t.differences.length > 0 ? [[_('Options that differ'), E('span', { class: 'mape-chips' }, t.differences.map(code))] as Row] : []),
	];
}

function stateSection(st: Status): HTMLElement {
	const x = explainState(st);
	const rows: Row[] = [];
	// The line's tunnel first; the other method's too while it is there (it goes with the next Auto configure, if ours).
	const ds = isDslite(st);
	const map = st.map ? tunnelRows(_('MAP interface'), st.map, st.map.ipv4 ? [[_('IPv4 address'), code(st.map.ipv4)]] : []) : [];
	const dslite = st.dslite ? tunnelRows(_('DS-Lite interface'), st.dslite, []) : [];
	rows.push(...(ds ? [...dslite, ...map] : [...map, ...dslite]));
	rows.push([_('Follow prefix changes automatically'), st.settings.auto_follow ? _('Yes') : _('No')]);
	if (!ds) rows.push([_('SNAT over all port sets'), st.settings.snat ? _('Yes') : _('No')]);
	const tunnel = lineTunnel(st);
	const errors = tunnel ? tunnel.errors.slice(1).map((c) => alertBox(explainNetifdError(c))) : [];
	return section(_('Current state'), [alertBox(x, { id: 'mape-state', 'data-state': st.state }), ...errors, keyValueTable(rows)]);
}

/** "(new section)", "(section removed)" or "(section replaced)" after a heading, or ''. */
function sectionNote(g: DiffGroup): Node | string {
	const note = g.created && g.removed ? _('(section replaced)') : g.created ? _('(new section)') : g.removed ? _('(section removed)') : '';
	return note ? E('em', {}, [' ', note]) : '';
}

/** The planned changes as a table: one heading per section, one row per option. */
function diffTable(groups: DiffGroup[]): HTMLElement {
	const rows: Node[] = [];
	for (const g of groups) {
		const ops = [g.removeOp, g.addOp].filter((i) => i >= 0).join(' ');
		rows.push(E('tr', { class: 'mape-section', 'data-section-ops': ops || null }, [
			E('th', { colspan: '3' }, [g.title, ' ', code(`${g.config}.${g.ref}`), sectionNote(g)]),
		]));
		for (const r of g.rows) {
			const kind = r.kind == 'add' ? 'mape-add' : r.kind == 'remove' ? 'mape-remove' : 'mape-change';
			rows.push(E('tr', { class: kind, 'data-op': String(r.op) }, [
				E('td', {}, [code(r.option)]),
				E('td', { class: 'mape-old' }, [r.old]),
				E('td', { class: 'mape-new' }, [r.kind == 'remove' ? _('(removed)') : r.new]),
			]));
		}
	}
	return E('table', { class: 'mape-diff' }, [
		E('tr', {}, [E('th', {}, [_('Option')]), E('th', {}, [_('Current')]), E('th', {}, [_('New')])]),
		...rows,
	]);
}

function progress(text: string): HTMLElement {
	return E('p', { class: 'spinning', id: 'mape-progress' }, [text]);
}

export default view.extend({
	load(): Promise<Loaded> {
		return loadAll();
	},

	renderInfo(status: Status | Failure, backups: string[]): (Node | string)[] {
		if (isFailure(status)) return [alertBox(explainError(status.error))];
		const st = status;
		const canConfigure = st.calc != null && st.error == null;
		const newest = backups.length > 0 ? backups[backups.length - 1] : null;
		return [
			stateSection(st),
			detectedSection(st),
			parametersSection(st),
			E('div', { class: 'mape-actions' }, [
				E('button', {
					class: 'cbi-button cbi-button-apply important', id: 'mape-auto',
					disabled: canConfigure ? null : '',
					click: ui.createHandlerFn(this, 'handleAutoConfigure', st),
				}, [_('Auto configure')]),
				E('button', {
					class: 'cbi-button cbi-button-reset', id: 'mape-restore',
					disabled: newest ? null : '',
					click: ui.createHandlerFn(this, 'handleRestore', newest, st),
				}, [_('Restore previous configuration')]),
				E('div', { class: 'cbi-value-description' }, [canConfigure
					? _('Auto configure shows every change before anything is touched. If the router becomes unreachable after applying, LuCI rolls the changes back automatically.')
					: _('Auto configure becomes available once the line\'s prefix is recognised (MAP-E or DS-Lite).')]),
			]),
		];
	},

	async refresh(): Promise<void> {
		const [status, backups] = await loadAll();
		const box = document.getElementById('mape-info');
		if (box) dom.content(box, this.renderInfo(status, backups));
	},

	async handleAutoConfigure(st: Status): Promise<void> {
		const plan = await L.resolveDefault(callPlan(), null);
		if (plan == null || isFailure(plan)) {
			const err = plan ? plan.error : NO_ANSWER.error;
			ui.addNotification(null, alertBox(explainActionError(err)), 'danger');
			return;
		}
		if (plan.ops.length == 0) {
			ui.addNotification(null, E('p', {}, [_('The configuration already matches the line: nothing to change.')]), 'info');
			return;
		}
		// The plan names its own tunnel interface; the other method's (which a switch removes) comes from the settings.
		const ds = plan.method == 'dslite';
		const groups = planGroups(plan, {
			map: ds ? st.settings.interface : plan.interface, dslite: ds ? plan.interface : st.settings.dslite_interface, uplink: plan.uplink, line: plan.line,
		});
		ui.showModal(_('Auto configure: planned changes'), [
			E('p', {}, [N_(plan.ops.length, 'Auto configure will make %d change in %s:', 'Auto configure will make %d changes in %s:').format(plan.ops.length, plan.configs.join(', '))]),
			...plan.warnings.map((w) => alertBox(explainWarning(w))),
			E('div', { id: 'mape-plan' }, [diffTable(groups)]),
			E('p', { class: 'cbi-value-description' }, [_('The changes are applied with rollback: if this page cannot reach the router within 90 seconds afterwards, the previous configuration comes back by itself.')]),
			E('div', { class: 'right' }, [
				E('button', { class: 'cbi-button', id: 'mape-cancel', click: ui.hideModal }, [_('Cancel')]), ' ',
				E('button', { class: 'cbi-button cbi-button-positive important', id: 'mape-confirm', click: ui.createHandlerFn(this, 'stageAndApply', plan) }, [_('Apply changes')]),
			]),
		], 'cbi-modal');
	},

	/**
	 * Loads the configs the operations touch, stages them, and checks that uci shows every
	 * change; false (and nothing left staged) when it does not.
	 */
	async stageOps(plan: Staged): Promise<boolean> {
		const box = document.getElementById('mape-plan');
		const say = (text: string) => { if (box) dom.content(box, progress(text)); };
		const configs = configsToLoad(plan);
		say(_('Loading the current configuration…'));
		uci.unload(configs);
		await Promise.all(configs.map((c) => L.resolveDefault(uci.load(c), null)));
		say(N_(plan.ops.length, 'Staging %d change…', 'Staging %d changes…').format(plan.ops.length));
		const ids = stage(uci, stagingCalls(plan));
		const failed = verifyStaged(uci, plan, ids);
		if (failed.length > 0) {
			uci.unload(configs);
			ui.hideModal();
			ui.addNotification(null, E('p', {}, [_('Could not stage %s; nothing was changed. Reload the page and try again.').format(failed.map((op) => `${op.config}.${op.ref}${op.option ? '.' + op.option : ''}`).join(', '))]), 'danger');
			return false;
		}
		return true;
	},

	async stageAndApply(plan: Plan): Promise<void> {
		if (!(await this.stageOps(plan))) return;
		const box = document.getElementById('mape-plan');
		if (box) dom.content(box, progress(_('Saving a backup of the current configuration…')));
		await L.resolveDefault(callBackup(), null);
		if (box) dom.content(box, progress(_('Saving the staged changes…')));
		await uci.save();
		ui.hideModal();
		ui.changes.apply(true);
	},

	/** The restore plan as a diff to confirm, like Auto configure's (nothing to confirm when the content already matches). */
	async handleRestore(backup: string | null, status: Status): Promise<void> {
		const rp = await L.resolveDefault(callRestorePlan(backup || ''), null);
		if (rp == null || isFailure(rp)) {
			ui.addNotification(null, alertBox(explainActionError(rp ? rp.error : NO_ANSWER.error)), 'danger');
			return;
		}
		if (rp.ops.length == 0) {
			// Same content already: at most comments or layout differ, which no service reads.
			this.reportRestore(await L.resolveDefault(callRestoreFinish(rp.backup), null) ?? NO_ANSWER);
			return;
		}
		// LuCI applies everything staged in this session: other pending changes to the same
		// configs would go along with the restore.
		const pending: { [config: string]: unknown[] } = await L.resolveDefault(uci.changes(), {});
		if (rp.configs.some((c) => (pending[c] || []).length > 0)) {
			ui.addNotification(null, alertBox(explainActionError({ code: 'PENDING_CHANGES', message: '' })), 'warning');
			return;
		}
		const roles: PlanContext = {
			map: status.map ? status.map.name : status.settings.interface, dslite: status.dslite ? status.dslite.name : status.settings.dslite_interface,
			uplink: status.uplink.interface || '', line: status.line,
		};
		ui.showModal(_('Restore previous configuration: planned changes'), [
			E('p', {}, [N_(rp.ops.length, 'Restoring backup %s makes %d change in %s:', 'Restoring backup %s makes %d changes in %s:').format(rp.backup, rp.ops.length, rp.configs.join(', '))]),
			E('div', { id: 'mape-plan' }, [diffTable(planGroups(rp, roles))]),
			E('p', { class: 'cbi-value-description' }, [_('The changes are applied with rollback: if this page cannot reach the router within 90 seconds afterwards, the previous configuration comes back by itself.')]),
			E('div', { class: 'right' }, [
				E('button', { class: 'cbi-button', id: 'mape-cancel', click: ui.hideModal }, [_('Cancel')]), ' ',
				E('button', { class: 'cbi-button cbi-button-negative important', id: 'mape-restore-confirm', click: ui.createHandlerFn(this, 'stageRestore', rp) }, [_('Restore')]),
			]),
		], 'cbi-modal');
	},

	async stageRestore(rp: RestorePlan): Promise<void> {
		if (!(await this.stageOps(rp))) return;
		const box = document.getElementById('mape-plan');
		if (box) dom.content(box, progress(_('Saving the staged changes…')));
		writeMark({ backup: rp.backup, applied: false });
		document.addEventListener('uci-applied', () => { void this.restoreApplied(rp.backup); }, { once: true });
		await uci.save();
		ui.hideModal();
		ui.changes.apply(true);
	},

	/** LuCI confirmed the apply: the backup's content is live, bring back its files. */
	async restoreApplied(backup: string): Promise<void> {
		const mark = readMark();
		if (!mark || mark.backup != backup) return;
		mark.applied = true;
		writeMark(mark);
		const result = await L.resolveDefault(callRestoreFinish(backup), null) ?? NO_ANSWER;
		writeMark({ backup, applied: true, result });
		this.reportRestore(result);
	},

	/**
	 * After a page load: how the restore started here ended. When the page was reloaded
	 * before LuCI confirmed the apply, LuCI's footer confirms it on this very page (and fires
	 * 'uci-applied' here), or rpcd rolls it back: restore_finish answers APPLY_PENDING while
	 * rpcd waits, RESTORE_NOT_APPLIED once rolled back, and runs again once LuCI confirms.
	 */
	async settleRestore(): Promise<void> {
		const mark = readMark();
		if (!mark) return;
		writeMark(null);
		if (mark.result) return this.reportRestore(mark.result);
		const result = await L.resolveDefault(callRestoreFinish(mark.backup), null) ?? NO_ANSWER;
		const code = isFailure(result) ? result.error.code : null;
		if (!mark.applied && (code == 'APPLY_PENDING' || code == 'RESTORE_NOT_APPLIED')) {
			document.addEventListener('uci-applied', () => {
				writeMark({ backup: mark.backup, applied: false });
				void this.restoreApplied(mark.backup);
			}, { once: true });
		}
		// Still pending: LuCI's own bar counts down the confirmation; a later load asks again.
		if (code == 'APPLY_PENDING') writeMark({ backup: mark.backup, applied: false });
		else this.reportRestore(result);
	},

	reportRestore(result: RestoreFinish | Failure): void {
		if (isFailure(result)) {
			const x = explainActionError(result.error);
			ui.addNotification(null, alertBox(x, { 'data-code': result.error.code }), x.severity == 'warning' ? 'warning' : 'danger');
			return;
		}
		const text = result.rewritten.length > 0
			? _('Backup %s restored; files written back as saved, comments included: %s.').format(result.restored, result.rewritten.join(', '))
			: _('Backup %s restored.').format(result.restored);
		ui.addNotification(null, E('p', { id: 'mape-restored' }, [text]), 'info');
	},

	async render([status, backups]: Loaded): Promise<Node> {
		const m = new form.Map('mape', '', '');
		const s = m.section(form.TypedSection, 'mape', _('Advanced settings'), _('Most lines need none of these. Changes here take effect with "Save & Apply"; press "Auto configure" afterwards to recompute.'));
		s.anonymous = true;
		s.addremove = false;

		const follow = s.option(form.Flag, 'auto_follow', _('Follow prefix changes'), _('Recompute and re-apply (MAP-E or DS-Lite) when wan6 comes up with a different prefix.'));
		follow.default = '1';
		const snat = s.option(form.Flag, 'snat', _('SNAT over all port sets'), _('Spread IPv4 connections over every assigned port set instead of only the first one (recommended).'));
		snat.default = '1';
		const iface = s.option(form.Value, 'interface', _('MAP interface name'), _('Name of the MAP-E interface this page creates and manages.'));
		iface.placeholder = 'wanmap';
		iface.datatype = 'and(uciname,maxlength(11))';
		const dsIface = s.option(form.Value, 'dslite_interface', _('DS-Lite interface name'), _('Name of the DS-Lite interface this page creates and manages on DS-Lite lines.'));
		dsIface.placeholder = 'wandslite';
		dsIface.datatype = 'and(uciname,maxlength(12))';
		// The backend's rules (core/settings.ts): odhcp6c's own names are taken, and the two must differ.
		const tunnelName = (mine: string, other: string): true | string =>
			mine == 'wan6_map' || mine == 'wan6_4' ? _('wan6_map and wan6_4 are the names of odhcp6c\'s own tunnels.')
				: mine == other ? _('The MAP and the DS-Lite interface need different names.') : true;
		iface.validate = (sid, v) => tunnelName(v || 'wanmap', dsIface.formvalue(sid) || 'wandslite');
		dsIface.validate = (sid, v) => tunnelName(v || 'wandslite', iface.formvalue(sid) || 'wanmap');
		const tunlink = s.option(form.Value, 'tunlink', _('IPv6 uplink'), _('Logical interface that receives the IPv6 prefix (default: wan6).'));
		tunlink.placeholder = 'wan6';
		const mtu = s.option(form.Value, 'mtu', _('MTU override'), _('Leave empty to use the provider\'s value (1460; NURO 1452).'));
		mtu.datatype = 'range(1280,9000)';
		mtu.placeholder = !isFailure(status) && status.calc && status.calc.mtu ? String(status.calc.mtu) : '1460';
		const aftr = s.option(form.Value, 'aftr', _('AFTR'), _('DS-Lite only: the AFTR\'s IPv6 address (or name) to use instead of the provider\'s AFTR name, e.g. when the router\'s DNS cannot resolve that name (custom or DoH upstreams).'));
		aftr.datatype = 'or(ip6addr,hostname)';
		aftr.placeholder = !isFailure(status) && status.calc && status.calc.aftr || null;
		const reserved = s.option(form.DynamicList, 'reserved_ports', _('Reserved ports'), _('Ports inside your port sets that SNAT must not use, e.g. for port forwarding.'));
		reserved.datatype = 'port';

		s.option(form.Flag, 'manual', _('Manual rule'), _('Use the parameters below instead of the built-in rule table, for prefixes the table does not know.'));
		const manual: [string, string, string][] = [
			['br', _('Border relay (BR)'), 'ip6addr'],
			['ip6prefix', _('Rule IPv6 prefix'), 'ip6addr'],
			['ip6prefixlen', _('Rule IPv6 prefix length'), 'range(0,64)'],
			['ip4prefix', _('Rule IPv4 prefix'), 'ip4addr'],
			['ip4prefixlen', _('Rule IPv4 prefix length'), 'range(0,32)'],
			['ealen', _('EA bits length'), 'range(0,48)'],
			['psidlen', _('PSID length'), 'range(0,16)'],
			['offset', _('PSID offset'), 'range(0,16)'],
		];
		for (const [name, title, datatype] of manual) {
			const o = s.option(form.Value, name, title);
			o.datatype = datatype;
			o.depends('manual', '1');
		}

		poll.add(() => this.refresh(), 10);
		void this.settleRestore();

		return E('div', {}, [
			pageStyle(),
			E('h2', {}, [_('MAP-E Auto')]),
			E('div', { class: 'cbi-map-descr' }, [_('IPv4 over IPv6 for FLET\'S IPoE lines: MAP-E (v6plus, OCN Virtual Connect, BIGLOBE, NURO) or DS-Lite (transix, Xpass, v6 Connect). The method and its parameters follow from the IPv6 prefix of the line.')]),
			E('div', { id: 'mape-info' }, this.renderInfo(status, backups)),
			await m.render(),
		]);
	},
});
