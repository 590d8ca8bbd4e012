/*
 * The replies of the rpcd object `luci.mape` as the views read them (router/plugin.ts,
 * core/linestate.ts, core/plan.ts, core/conntrack.ts). Declared here rather than imported:
 * the backend is typed ucode with its own lib, the views are browser TypeScript. Every
 * reply may instead be `{ error: { code, message } }`.
 */

export interface Message {
	code: string;
	message: string;
}

export interface Failure {
	error: Message;
}

export interface Uplink {
	interface: string | null;
	configured: boolean;
	present: boolean;
	up: boolean;
	device: string | null;
	address: string | null;
	prefix: string | null;
	pdlen: number;
	/** 'ra64' | 'pd' | 'none' */
	line: string;
}

export interface Calc {
	input: string;
	service?: string;
	br?: string;
	ipv4?: string;
	psid?: number;
	psidlen?: number;
	offset?: number;
	ealen?: number;
	ip4prefix?: string;
	ip4prefixlen?: number;
	ip6prefix?: string;
	ip6prefixlen?: number;
	ce?: string;
	portsets?: number[][];
	ports?: number;
	mtu?: number;
	warnings?: Message[];
}

export interface MapState {
	name: string;
	ours: boolean;
	up: boolean;
	ipv4: string | null;
	errors: string[];
	matching: boolean | null;
	differences: string[];
}

export interface Status {
	/** NOT_CONFIGURED | CONFIGURED | STALE | FOREIGN | MAP_UP | MAP_ERROR */
	state: string;
	line: string;
	uplink: Uplink;
	input: string | null;
	calc: Calc | null;
	map: MapState | null;
	settings: { interface: string; auto_follow: boolean; snat: boolean };
	error: Message | null;
	warnings: Message[];
	version?: string;
}

export interface PlanOp {
	/** 'add' | 'set' | 'delete' */
	op: string;
	config: string;
	section: string;
	type: string;
	option: string | null;
	old: string | string[] | null;
	new: string | string[] | null;
}

export interface Plan {
	ops: PlanOp[];
	configs: string[];
	interface: string;
	uplink: string;
	line: string;
	input: string;
	service: string;
	warnings: Message[];
}

export interface GroupUsage {
	first: number;
	last: number;
	connections: number;
	ports_used: number;
}

export interface HostUsage {
	address: string;
	connections: number;
	ports: number;
}

export interface PortUsage {
	ipv4: string;
	ports_total: number;
	ports_used: number;
	ports_available: number;
	connections: number;
	outside: number;
	groups: GroupUsage[];
	hosts: HostUsage[];
	interface: string;
	source: string;
}

export interface RestoreResult {
	restored: string;
	configs: string[];
	reloaded: string[];
}

/**
 * True when a reply is a failure object. A status reply carries `error` too (why there is
 * no calculation) but is a full answer: it always has `state`.
 */
export function isFailure(reply: unknown): reply is Failure {
	return typeof reply == 'object' && reply !== null && typeof (reply as Failure).error == 'object' && (reply as Failure).error !== null && !('state' in reply);
}
