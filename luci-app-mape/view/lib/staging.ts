/*
 * The plan staged through LuCI's uci API (uci.js): exactly one call per operation,
 *
 *   add    → uci.add(config, type, section)      (a named section)
 *   set    → uci.set(config, section, option, value)
 *   delete → uci.unset(config, section, option)
 *
 * then uci.save() and ui.changes.apply(true) (apply with rollback) in the view. uci.set
 * silently ignores sections it has not loaded, so the view loads the plan's configs first
 * and checks with verifyStaged() that every value took, before anything is saved.
 */
import { type Plan, type PlanOp } from './types.ts';

export type UciCall =
	| { fn: 'add'; args: [config: string, type: string, name: string] }
	| { fn: 'set'; args: [config: string, section: string, option: string, value: string | string[]] }
	| { fn: 'unset'; args: [config: string, section: string, option: string] };

/** The subset of LuCI's uci instance staging needs. */
export interface UciLike {
	add(config: string, type: string, name?: string): string;
	set(config: string, sid: string, option: string, value: string | string[] | null): void;
	unset(config: string, sid: string, option: string): void;
	get(config: string, sid: string, option: string): string | string[] | null | undefined;
}

function copy(value: string | string[]): string | string[] {
	return Array.isArray(value) ? value.slice() : value;
}

export function callForOp(op: PlanOp): UciCall {
	if (op.op == 'add') return { fn: 'add', args: [op.config, op.type, op.section] };
	if (op.option == null) throw new Error(`plan: ${op.op} ${op.config}.${op.section} without an option`);
	if (op.op == 'delete') return { fn: 'unset', args: [op.config, op.section, op.option] };
	if (op.op == 'set' && op.new != null) return { fn: 'set', args: [op.config, op.section, op.option, copy(op.new)] };
	throw new Error(`plan: unknown operation ${op.op} on ${op.config}.${op.section}`);
}

/** The uci calls for a plan, in plan order. */
export function stagingCalls(plan: Plan): UciCall[] {
	return plan.ops.map(callForOp);
}

/** The configs uci.load() must have before staging. */
export function configsToLoad(plan: Plan): string[] {
	const out: string[] = [];
	for (const op of plan.ops) if (!out.includes(op.config)) out.push(op.config);
	return out;
}

/** Performs the calls on a uci instance. */
export function stage(uci: UciLike, calls: readonly UciCall[]): void {
	for (const c of calls) {
		if (c.fn == 'add') uci.add(c.args[0], c.args[1], c.args[2]);
		else if (c.fn == 'set') uci.set(c.args[0], c.args[1], c.args[2], c.args[3]);
		else uci.unset(c.args[0], c.args[1], c.args[2]);
	}
}

function same(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length == b.length && a.every((x, i) => x === b[i]);
	return a === b;
}

/** The operations whose result uci does not show (empty when staging took fully). */
export function verifyStaged(uci: UciLike, plan: Plan): PlanOp[] {
	return plan.ops.filter((op) => {
		if (op.op == 'add' || op.option == null) return false;
		const now = uci.get(op.config, op.section, op.option);
		if (op.op == 'delete') return now != null;
		return !same(now, op.new);
	});
}
