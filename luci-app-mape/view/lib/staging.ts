/*
 * A plan (rpc `plan`) or a restore plan (rpc `restore_plan`) staged through LuCI's uci API
 * (uci.js): exactly one call per operation,
 *
 *   add    → uci.add(config, type, section)      (a named section)
 *            uci.add(config, type)               (an anonymous one: `section` is a
 *                                                 placeholder, later operations on it use
 *                                                 the id uci.add() returns)
 *   set    → uci.set(config, section, option, value)
 *   delete → uci.unset(config, section, option)
 *   remove → uci.remove(config, section)         (a whole section)
 *
 * then uci.save() and ui.changes.apply(true) (apply with rollback) in the view. uci.set
 * silently ignores sections it has not loaded, so the view loads the plan's configs first
 * and checks with verifyStaged() that every change took, before anything is saved.
 */
import { type PlanOp } from './types.ts';

export type UciCall =
	| { fn: 'add'; args: [config: string, type: string, name: string] }
	| { fn: 'add'; args: [config: string, type: string]; placeholder: string }
	| { fn: 'set'; args: [config: string, section: string, option: string, value: string | string[]] }
	| { fn: 'unset'; args: [config: string, section: string, option: string] }
	| { fn: 'remove'; args: [config: string, section: string] };

/** The subset of LuCI's uci instance staging needs. */
export interface UciLike {
	add(config: string, type: string, name?: string): string;
	set(config: string, sid: string, option: string, value: string | string[] | null): void;
	unset(config: string, sid: string, option: string): void;
	remove(config: string, sid: string): void;
	get(config: string, sid: string): unknown;
	get(config: string, sid: string, option: string): string | string[] | null | undefined;
}

/** Operations, as plans and restore plans carry them. */
export interface Staged {
	ops: readonly PlanOp[];
}

/** Placeholders of anonymous sections → the ids uci.add() gave them. */
export type StagedIds = Map<string, string>;

function copy(value: string | string[]): string | string[] {
	return Array.isArray(value) ? value.slice() : value;
}

export function callForOp(op: PlanOp): UciCall {
	if (op.op == 'add') return op.anonymous ? { fn: 'add', args: [op.config, op.type], placeholder: op.section } : { fn: 'add', args: [op.config, op.type, op.section] };
	if (op.op == 'remove') return { fn: 'remove', args: [op.config, op.section] };
	if (op.option == null) throw new Error(`plan: ${op.op} ${op.config}.${op.ref} without an option`);
	if (op.op == 'delete') return { fn: 'unset', args: [op.config, op.section, op.option] };
	if (op.op == 'set' && op.new != null) return { fn: 'set', args: [op.config, op.section, op.option, copy(op.new)] };
	throw new Error(`plan: unknown operation ${op.op} on ${op.config}.${op.ref}`);
}

/** The uci calls for a plan, in plan order. */
export function stagingCalls(plan: Staged): UciCall[] {
	return plan.ops.map(callForOp);
}

/** The configs uci.load() must have before staging. */
export function configsToLoad(plan: Staged): string[] {
	const out: string[] = [];
	for (const op of plan.ops) if (!out.includes(op.config)) out.push(op.config);
	return out;
}

/** Performs the calls on a uci instance; returns the ids of the anonymous sections it added. */
export function stage(uci: UciLike, calls: readonly UciCall[]): StagedIds {
	const ids: StagedIds = new Map();
	const sid = (section: string) => ids.get(section) ?? section;
	for (const c of calls) {
		if (c.fn == 'add') {
			if ('placeholder' in c) ids.set(c.placeholder, uci.add(c.args[0], c.args[1]));
			else uci.add(c.args[0], c.args[1], c.args[2]);
		}
		else if (c.fn == 'set') uci.set(c.args[0], sid(c.args[1]), c.args[2], c.args[3]);
		else if (c.fn == 'unset') uci.unset(c.args[0], sid(c.args[1]), c.args[2]);
		else uci.remove(c.args[0], c.args[1]);
	}
	return ids;
}

function same(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length == b.length && a.every((x, i) => x === b[i]);
	return a === b;
}

/** The operations whose result uci does not show (empty when staging took fully). */
export function verifyStaged(uci: UciLike, plan: Staged, ids: StagedIds = new Map()): PlanOp[] {
	const sid = (section: string) => ids.get(section) ?? section;
	return plan.ops.filter((op) => {
		if (op.op == 'add') return uci.get(op.config, sid(op.section)) == null;
		// A section removed and added again under its name is there, as it should be.
		if (op.op == 'remove') return !plan.ops.some((o) => o.op == 'add' && o.config == op.config && o.section == op.section) && uci.get(op.config, op.section) != null;
		if (op.option == null) return false;
		const now = uci.get(op.config, sid(op.section), op.option);
		if (op.op == 'delete') return now != null;
		return !same(now, op.new);
	});
}
