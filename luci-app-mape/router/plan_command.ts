/*
 * `mape plan [--json]`: the UCI changes `mape apply` would make (core/plan.ts), as
 * lines (`+` a new section, `-` a removed section or option, otherwise old -> new) or as
 * JSON.
 * Exit codes: 0 (an empty plan prints "Nothing to change."), 1 the plan is refused.
 */
import { paths } from './system';
import { getPlan } from './configure';
import { describeOp, type PlanFailure } from '../core/plan';
import type { Plan } from '../types/api';

export const PLAN_USAGE = 'Usage: mape plan [--json]\n';

export function formatPlan(plan: Plan): string {
	let text = sprintf('%s for %s (%s, %s line) on interface %s via %s\n', plan.method == 'dslite' ? 'DS-Lite' : 'MAP-E', plan.input, plan.service, plan.line == 'pd' ? 'PD' : '/64 RA', plan.interface, plan.uplink);
	if (length(plan.ops) == 0) text += 'Nothing to change.\n';
	for (const op of plan.ops) text += describeOp(op) + '\n';
	for (const w of plan.warnings) text += sprintf('Warning (%s): %s\n', w.code, w.message);
	return text;
}

export function runPlan(args: readonly string[]): number {
	const asJson = index(args, '--json') >= 0;
	const plan = getPlan(paths());
	if (plan.error != null) {
		const e = (plan as PlanFailure).error;
		if (asJson) printf('%J\n', plan);
		else warn(sprintf('mape plan: %s: %s\n', e.code, e.message));
		return 1;
	}
	if (asJson) printf('%J\n', plan);
	else print(formatPlan(plan as Plan));
	return 0;
}
