/*
 * The replies of the rpcd object `luci.mape`, under the names the views use. They are
 * declared once, in luci-app-mape/types/api.d.ts, which the backend builds them from too
 * (core/linestate.ts, core/plan.ts, core/conntrack.ts, router/…), so the two cannot drift.
 * Every reply may instead be `{ error: { code, message } }`.
 */
import type { ErrorResult, Status, TunnelState } from '../../types/api.d.ts';

export type {
	Message,
	Uplink,
	CalcJson as Calc,
	MapInterfaceState as MapState,
	DsliteInterfaceState as DsliteState,
	TunnelState,
	Status,
	PlanOp,
	Plan,
	GroupUsage,
	HostUsage,
	PortUsageResult as PortUsage,
	RestorePlan,
	RestoreFinish,
	ErrorResult as Failure,
} from '../../types/api.d.ts';

/**
 * True when a reply is a failure object. A status reply carries `error` too (why there is
 * no calculation) but is a full answer: it always has `state`.
 */
export function isFailure(reply: unknown): reply is ErrorResult {
	return typeof reply == 'object' && reply !== null && typeof (reply as ErrorResult).error == 'object' && (reply as ErrorResult).error !== null && !('state' in reply);
}

/** DS-Lite: the line's method, or without a calculation the tunnel the router has (as the backend decides the state). */
export function isDslite(st: Status): boolean {
	return st.method == 'dslite' || (st.method == null && !st.map && !!st.dslite);
}

/** The tunnel interface of the line's method (the one the state is about), or null. */
export function lineTunnel(st: Status): TunnelState | null {
	return isDslite(st) ? st.dslite : st.map;
}
