/*
 * Network › MAP-E Auto › Status: IPv4 and IPv6 upstream, the tunnel (MAP-E, or DS-Lite with
 * its AFTR and netifd's errors), and on MAP-E lines a live chart of the port groups (one bar
 * per group: ports in use of the group's ports), with the total, a warning near
 * exhaustion, and the LAN hosts using the most ports. DS-Lite has no port sets (the AFTR
 * translates for the whole line). Polled.
 */
import view from 'luci:view';
import rpc from 'luci:rpc';
import dom from 'luci:dom';
import poll from 'luci:poll';
import { type PortUsage, type Status, type TunnelState, type Failure, isFailure, isDslite, lineTunnel } from './lib/types.ts';
import { serviceLabel, lineShort, count, prefixText } from './lib/format.ts';
import { explainError, explainState, explainNetifdError } from './lib/messages.ts';
import { usageModel, topHosts, type Bar, type UsageModel } from './lib/usage.ts';
import { keyValueTable, section, alertBox, badge, code, pageStyle, type Row } from './lib/markup.ts';

const callStatus = rpc.declare<Status | Failure, []>({ object: 'luci.mape', method: 'status', expect: { '': {} } });
const callPortUsage = rpc.declare<PortUsage | Failure, []>({ object: 'luci.mape', method: 'portusage', expect: { '': {} } });

const NO_ANSWER: Failure = { error: { code: 'RPC', message: 'The MAP-E backend (luci.mape) did not answer.' } };
const TOP_HOSTS = 10;

type Loaded = [Status | Failure, PortUsage | Failure];

function loadAll(): Promise<Loaded> {
	return Promise.all([L.resolveDefault(callStatus(), NO_ANSWER), L.resolveDefault(callPortUsage(), NO_ANSWER)]) as Promise<Loaded>;
}

function tunnelCell(t: TunnelState | null): Node | string {
	return t ? E('span', {}, [code(t.name), ' ', t.up ? badge(_('up'), 'ok') : t.errors.length > 0 ? badge(_('error'), 'err') : badge(_('down'), 'off')]) : _('not configured');
}

function upstream(st: Status | Failure): Node {
	if (isFailure(st)) return alertBox(explainError(st.error));
	const map = st.map;
	const c = st.calc;
	const up = st.uplink;
	const state = explainState(st);
	const ds = isDslite(st);
	const service: Row = [_('Service'), c && c.service ? (c.service == 'hb46pp' && c.provisioning && c.provisioning.service_name) || serviceLabel(c.service) : '-'];
	const v4: Row[] = ds ? [
		[_('Tunnel'), tunnelCell(st.dslite)],
		[_('State'), state.title],
		[_('Device'), st.dslite && st.dslite.device ? code(st.dslite.device) : '-'],
		[_('AFTR'), st.dslite && st.dslite.aftr ? code(st.dslite.aftr) : c && c.aftr ? code(c.aftr) : '-'],
		service,
	] : [
		[_('Tunnel'), tunnelCell(map)],
		[_('State'), state.title],
		[_('IPv4 address'), map && map.ipv4 ? code(map.ipv4) : c && c.ipv4 ? E('span', {}, [code(c.ipv4), ' ', _('(calculated)')]) : '-'],
		[_('Border relay (BR)'), c && c.br ? code(c.br) : '-'],
		service,
		[_('Usable ports'), c && c.ports ? count(c.ports) : '-'],
	];
	const v6: Row[] = [
		[_('Interface'), up.interface ? E('span', {}, [code(up.interface), ' ', up.up ? badge(_('up'), 'ok') : badge(_('down'), 'off')]) : '-'],
		[_('IPv6 address'), up.address ? code(up.address) : '-'],
		[_('Delegated prefix'), up.prefix ? code(up.prefix) : _('none')],
		[_('Line type'), lineShort(up.line, up.pdlen)],
	];
	if (!ds) v6.push([_('CE address'), c && c.ce ? code(c.ce) : '-']);
	const tunnel = lineTunnel(st);
	return E('div', {}, [
		section(ds ? _('IPv4 upstream (DS-Lite)') : _('IPv4 upstream (MAP-E)'), [keyValueTable(v4), ...(tunnel ? tunnel.errors.map((e) => alertBox(explainNetifdError(e))) : [])]),
		section(_('IPv6 upstream'), keyValueTable(v6)),
	]);
}

function bar(b: Bar): HTMLElement {
	return E('div', { class: `mape-bar mape-level-${b.level}`, 'data-first': String(b.first), title: _('Ports %s: %d of %d in use, %d connections').format(b.label, b.used, b.size, b.connections) }, [
		E('div', { class: 'mape-bar-label' }, [E('span', {}, [b.label]), E('span', {}, [`${b.used}/${b.size}`])]),
		E('div', { class: 'mape-bar-track' }, [E('div', { class: 'mape-bar-fill', style: `width:${b.percent}%` })]),
	]);
}

function usageWarning(m: UsageModel): Node | string {
	if (m.level == 'ok' && m.fullGroups == 0) return '';
	const text = m.level != 'ok'
		? _('%d%% of the IPv4 ports are in use. When all are taken, new connections fail (pages load partly, games and video calls drop). Look for a LAN host with very many connections below.').format(m.percent)
		: N_(m.fullGroups, '%d port group is fully used; new connections use the other groups.', '%d port groups are fully used; new connections use the other groups.').format(m.fullGroups);
	return alertBox({ severity: m.level == 'full' ? 'error' : 'warning', title: m.level == 'full' ? _('All ports in use') : m.level == 'high' ? _('Ports running out') : _('Port group full'), text }, { id: 'mape-usage-warning' });
}

function usageBody(u: PortUsage | Failure, st: Status | Failure): Node[] {
	// No port sets on a DS-Lite line: say so (the backend's DSLITE_LINE), not as an error.
	if (!isFailure(st) && isDslite(st) || isFailure(u) && u.error.code == 'DSLITE_LINE')
		return [alertBox(explainError({ code: 'DSLITE_LINE', message: '' }), { id: 'mape-usage-none' })];
	if (!isFailure(st) && st.map == null && !isFailure(u))
		u = { error: { code: 'NOT_CONFIGURED', message: '' } };
	if (isFailure(u)) {
		const text = u.error.code == 'NOT_CONFIGURED'
			? _('Port usage is shown once MAP-E is configured and the tunnel has an IPv4 address.')
			: u.error.code == 'CONNTRACK_UNAVAILABLE'
				? _('The connection tracking table cannot be read, so port usage is unknown.')
				: explainError(u.error).text;
		return [E('p', { class: 'cbi-value-description', id: 'mape-usage-none' }, [text])];
	}
	const m = usageModel(u);
	const hosts = topHosts(u, TOP_HOSTS);
	const total = E('div', { class: `mape-total mape-level-${m.level}` }, [
		E('div', { class: 'mape-bar-label' }, [
			E('strong', { id: 'mape-usage-summary' }, [_('%d of %d ports in use (%d%%), %d available').format(m.used, m.total, m.percent, m.available)]),
			E('span', {}, [N_(m.connections, '%d connection', '%d connections').format(m.connections)]),
		]),
		E('div', { class: 'mape-bar-track' }, [E('div', { class: 'mape-bar-fill', style: `width:${m.percent}%` })]),
	]);
	const out: Node[] = [
		total,
		usageWarning(m) as Node,
		E('p', { class: 'cbi-value-description' }, [N_(m.bars.length, 'One bar per port group (%d group of 16 ports): ports in use / ports in the group.', 'One bar per port group (%d groups of 16 ports): ports in use / ports in the group.').format(m.bars.length)]),
		E('div', { class: 'mape-bars', id: 'mape-bars' }, m.bars.map(bar)),
	];
	if (m.outside > 0) out.push(E('p', { class: 'cbi-value-description' }, [N_(m.outside, '%d connection uses a port outside the port sets (check the SNAT setting).', '%d connections use a port outside the port sets (check the SNAT setting).').format(m.outside)]));
	out.push(E('h4', {}, [_('LAN hosts using the most ports')]));
	out.push(hosts.length == 0
		? E('p', { class: 'cbi-value-description' }, [_('No IPv4 connections through MAP-E right now.')])
		: E('table', { class: 'table', id: 'mape-hosts' }, [
			E('tr', { class: 'tr table-titles' }, [
				E('th', { class: 'th' }, [_('Host')]),
				E('th', { class: 'th' }, [_('Ports in use')]),
				E('th', { class: 'th' }, [_('Connections')]),
			]),
			...hosts.map((h) => E('tr', { class: 'tr' }, [
				E('td', { class: 'td', 'data-title': _('Host') }, [code(h.address)]),
				E('td', { class: 'td', 'data-title': _('Ports in use') }, [count(h.ports)]),
				E('td', { class: 'td', 'data-title': _('Connections') }, [count(h.connections)]),
			])),
		]));
	return out.filter((n) => n !== ('' as unknown));
}

export default view.extend({
	load(): Promise<Loaded> {
		return loadAll();
	},

	async update(): Promise<void> {
		const [status, usage] = await loadAll();
		const a = document.getElementById('mape-upstream');
		const b = document.getElementById('mape-usage');
		if (a) dom.content(a, upstream(status));
		if (b) dom.content(b, usageBody(usage, status));
	},

	render([status, usage]: Loaded): Node {
		poll.add(() => this.update(), 5);
		return E('div', {}, [
			pageStyle(),
			E('h2', {}, [_('MAP-E Auto')]),
			E('div', { class: 'cbi-map-descr' }, [_('Live state of the IPv4 over IPv6 connection (MAP-E or DS-Lite). Updated every few seconds.')]),
			E('div', { id: 'mape-upstream' }, [upstream(status)]),
			section(_('Port usage'), E('div', { id: 'mape-usage' }, usageBody(usage, status))),
		]);
	},

	handleSaveApply: null,
	handleSave: null,
	handleReset: null,
});
