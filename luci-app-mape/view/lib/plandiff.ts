/*
 * A plan (rpc `plan`) or a restore plan (rpc `restore_plan`) as a readable diff:
 * operations grouped by section, in plan order, each section with a sentence saying what
 * it is, whether it is added or removed, each option with its old and new value.
 */
import { type Plan, type PlanOp } from './types.ts';
import { optionText } from './format.ts';

export type RowKind = 'add' | 'change' | 'remove';

export interface DiffRow {
	kind: RowKind;
	option: string;
	old: string;
	new: string;
	/** Index of the operation in plan.ops (so the view can tell exactly which ops it lists). */
	op: number;
}

export interface DiffGroup {
	config: string;
	/** The section id the operations stage into (an anonymous section's is libuci's cfg… id: never shown). */
	section: string;
	/** The section as `uci show` names it (`wanmap`, `@zone[1]`): what the heading shows as code. */
	ref: string;
	type: string;
	/** The section is created by the plan. */
	created: boolean;
	/** The section is removed (with `created`: removed and added again, e.g. to reorder). */
	removed: boolean;
	/** What the section is, in words. */
	title: string;
	rows: DiffRow[];
	/** Index of the `add` operation, or -1. */
	addOp: number;
	/** Index of the `remove` operation, or -1. */
	removeOp: number;
}

/** The roles sections play: the tunnel interfaces (MAP-E's, DS-Lite's), the uplink, the line type. */
export interface PlanContext {
	map: string;
	dslite: string;
	uplink: string;
	line: string;
}

/** The roles a plan names itself: its tunnel interface by its method (the other method's is unknown). */
export function planContext(plan: Partial<Pick<Plan, 'interface' | 'uplink' | 'line' | 'method'>>): PlanContext {
	const ds = plan.method == 'dslite';
	return { map: ds ? '' : plan.interface ?? '', dslite: ds ? plan.interface ?? '' : '', uplink: plan.uplink ?? '', line: plan.line ?? '' };
}

/**
 * What a section is, for the diff headings, from what people call it (`label`: an
 * interface's name, a zone's or device's `name` option, the interface a dhcp section
 * serves), never from an anonymous section's generated id.
 */
export function sectionTitle(roles: PlanContext, config: string, type: string, label: string): string {
	if (config == 'network' && type == 'interface') {
		if (label == roles.map) return _('MAP-E tunnel interface "%s"').format(label);
		if (label == roles.dslite) return _('DS-Lite tunnel interface "%s"').format(label);
		if (label == roles.uplink) return _('IPv6 uplink "%s"').format(label);
		if (label == 'lan') return _('LAN interface');
		return _('Interface "%s"').format(label);
	}
	if (config == 'network' && type == 'device') return _('Device "%s"').format(label);
	if (config == 'dhcp' && type == 'dhcp') {
		const relay = roles.line == 'ra64';
		if (label == roles.uplink) return relay ? _('IPv6 relay on the uplink "%s"').format(label) : _('DHCPv6 on the uplink "%s"').format(label);
		if (label == 'lan') return relay ? _('LAN: relay IPv6 (RA, DHCPv6, NDP) from the line') : _('LAN: serve IPv6 from the delegated prefix');
		return _('DHCP section "%s"').format(label);
	}
	if (config == 'firewall' && type == 'zone') return _('Firewall zone "%s"').format(label);
	if (config == 'firewall') return _('Firewall section "%s"').format(label);
	if (config == 'mape') return _('MAP-E Auto settings');
	return `${config} "${label}"`;
}

function rowFor(op: PlanOp, index: number): DiffRow | null {
	if (op.op == 'add' || op.op == 'remove' || op.option == null) return null;
	if (op.op == 'delete') return { kind: 'remove', option: op.option, old: optionText(op.old), new: '', op: index };
	return { kind: op.old == null ? 'add' : 'change', option: op.option, old: optionText(op.old), new: optionText(op.new), op: index };
}

/**
 * Groups the operations by section, keeping the order of first appearance. `context` names
 * the roles sections play (the tunnel interfaces, the uplink, the line type); without it,
 * what the plan itself names (planContext()); the view adds the other method's interface
 * from the status, and a restore plan takes all of them from there.
 */
export function planGroups(plan: { ops: readonly PlanOp[] } & Partial<Pick<Plan, 'interface' | 'uplink' | 'line' | 'method'>>, context?: PlanContext): DiffGroup[] {
	const roles: PlanContext = context ?? planContext(plan);
	const groups: DiffGroup[] = [];
	const byKey = new Map<string, DiffGroup>();
	plan.ops.forEach((op, i) => {
		const key = `${op.config}.${op.section}`;
		let g = byKey.get(key);
		if (!g) {
			g = { config: op.config, section: op.section, ref: op.ref, type: op.type, created: false, removed: false, title: sectionTitle(roles, op.config, op.type, op.label), rows: [], addOp: -1, removeOp: -1 };
			byKey.set(key, g);
			groups.push(g);
		}
		if (op.op == 'add') {
			g.created = true;
			g.addOp = i;
		}
		if (op.op == 'remove') {
			g.removed = true;
			g.removeOp = i;
		}
		const row = rowFor(op, i);
		if (row) g.rows.push(row);
	});
	return groups;
}

/** Every op index the groups show, sorted (must be 0..ops.length-1 exactly). */
export function coveredOps(groups: readonly DiffGroup[]): number[] {
	const seen: number[] = [];
	for (const g of groups) {
		if (g.addOp >= 0) seen.push(g.addOp);
		if (g.removeOp >= 0) seen.push(g.removeOp);
		for (const r of g.rows) seen.push(r.op);
	}
	return seen.sort((a, b) => a - b);
}
