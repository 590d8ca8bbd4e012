/*
 * The replies of the rpcd object `luci.mape` (router/plugin.ts), declared once for both
 * sides: the backend (typed ucode, checked by tools/ucc against ucode-lib.d.ts) builds them,
 * the views (browser TypeScript, view/tsconfig.json) read them. Every reply may instead be
 * an ErrorResult, `{ error: { code, message } }`.
 *
 * Both compilers read this file with their own lib, so it holds only interfaces and types
 * made of string, number, boolean, null, arrays and object types: no lib names (Record,
 * Partial, Promise…), no values. Import it with `import type` (ucc erases the import; the
 * file has no ucode module).
 */

export interface Message {
	code: string;
	message: string;
	/** The options a warning is about, for the pages to list (PROVIDER_DIFFERS_FROM_TABLE). */
	fields?: string[];
}

/** A failed call: every method's reply when it could not do its work. */
export interface ErrorResult {
	error: Message;
}

/* ---- status (core/linestate.ts) ---- */

export interface Uplink {
	interface: string | null;
	configured: boolean;
	present: boolean;
	up: boolean;
	device: string | null;
	/** First global address, "addr/mask" form. */
	address: string | null;
	/** First global delegated prefix, "addr/mask". */
	prefix: string | null;
	pdlen: number;
	/** 'ra64' | 'pd' | 'none' */
	line: string;
}

/** A MAP rule as a calculation from an HB46PP answer lists it (core/hb46pp.ts). */
export interface CalcRule {
	ip6prefix: string;
	ip6prefixlen: number;
	ip4prefix: string;
	ip4prefixlen: number;
	ealen: number;
	psidlen: number;
	offset: number;
}

/** Who provisioned a calculation from an HB46PP answer (null: not sent). */
export interface CalcProvisioning {
	enabler_name: string | null;
	service_name: string | null;
	isp_name: string | null;
	ttl: number | null;
}

/**
 * A calculation as JSON (core/result.ts), also the `calc` reply and `mape calc --json`:
 * MAP-E (method "map-e": br … portsets) or DS-Lite (method "dslite": aftr, aftr_address).
 */
export interface CalcJson {
	input: string;
	/** "map-e" | "dslite" */
	method?: string;
	/** "table" | "manual" | "hb46pp" */
	source?: string;
	service?: string;
	aftr?: string;
	aftr_address?: string;
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
	ceformat?: string;
	mesh?: boolean | null;
	rules?: CalcRule[] | null;
	provisioning?: CalcProvisioning;
	error?: Message;
}

/** A tunnel interface (proto map or dslite) as configured and as netifd reports it. */
export interface TunnelState {
	name: string;
	/** Ours: the name in /etc/config/mape (`interface`, `dslite_interface`). */
	ours: boolean;
	up: boolean;
	/** The tunnel device (netifd's l3_device: map-wanmap, ds-dslite), or null when netifd has none. */
	device: string | null;
	/** Uptime in seconds while up (netifd's `uptime`), else null. */
	since: number | null;
	/** netifd's error codes (map: INVALID_MAP_RULE…; dslite: AFTR_DNS_FAIL, NO_WAN_LINK…). */
	errors: string[];
	/** Whether the options match the line's calculation; null when no calculation of this method applies. */
	matching: boolean | null;
	differences: string[];
}

export interface MapInterfaceState extends TunnelState {
	ipv4: string | null;
}

export interface DsliteInterfaceState extends TunnelState {
	/** The AFTR the interface is configured with (its peeraddr: a name or an address). */
	aftr: string | null;
}

export interface LineStatus {
	/** NOT_CONFIGURED | CONFIGURED | STALE | FOREIGN | MAP_UP | MAP_ERROR | DSLITE_UP | DSLITE_ERROR */
	state: string;
	/** The line's method from the calculation: "map-e" | "dslite", null without one. */
	method: string | null;
	line: string;
	uplink: Uplink;
	input: string | null;
	calc: CalcJson | null;
	/** The proto map interface, if any (also on a DS-Lite line, where it does not belong). */
	map: MapInterfaceState | null;
	/** The proto dslite interface, if any (also on a MAP-E line). */
	dslite: DsliteInterfaceState | null;
	/** mtu: the MTU override (0: none); aftr: the AFTR override (mape.aftr), or null. */
	settings: { interface: string; dslite_interface: string; auto_follow: boolean; snat: boolean; manual: boolean; mtu: number; aftr: string | null };
	/** Why there is no calculation (a status reply with `error` is still a full answer). */
	error: Message | null;
	warnings: Message[];
}

/** The `status` reply: the line status plus the package version (router/plugin.ts). */
export interface Status extends LineStatus {
	version?: string;
}

/* ---- plan (core/plan.ts) ---- */

export interface PlanOp {
	/** 'add' | 'set' | 'delete' | 'remove' (a whole section) */
	op: string;
	config: string;
	section: string;
	type: string;
	option: string | null;
	old: string | string[] | null;
	new: string | string[] | null;
	/** `section` is the id libuci generated for an anonymous section (cfg…): for staging only. */
	anonymous: boolean;
	/** The section as `uci show` names it: its name, or `@type[n]` for an anonymous one. */
	ref: string;
	/** What people call it: a `name` option (zones, devices, rules), a dhcp section's interface, else `ref`. */
	label: string;
}

export interface Plan {
	ops: PlanOp[];
	/** Configs the plan changes, in apply order (each needs its service reloaded). */
	configs: string[];
	/** "map-e" | "dslite" */
	method: string;
	/** The tunnel interface: the MAP interface, or the DS-Lite interface. */
	interface: string;
	uplink: string;
	line: string;
	input: string;
	service: string;
	warnings: Message[];
	error?: null;
}

/* ---- portusage (core/conntrack.ts, router/portusage_command.ts) ---- */

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
}

/** The `portusage` reply: the usage, the MAP interface and where the port sets came from. */
export interface PortUsageResult extends PortUsage {
	interface: string;
	/** 'rules' (/tmp/map-<iface>.rules) or 'calculation' */
	source: string;
	error?: null;
}

/* ---- service reloads (router/configure.ts), part of the `apply` reply ---- */

export interface ReloadFailure {
	service: string;
	/** The init script's exit status. */
	status: number;
}

/** What reloading the services of the changed configs really did. */
export interface ReloadReport {
	/** Services whose init script ran `reload` and exited 0. */
	reloaded: string[];
	/** Services whose `reload` failed. */
	failed: ReloadFailure[];
	/** Services that read a changed config but are not installed (no init script). */
	missing: string[];
}

/* ---- restore_plan, restore_finish (core/restore.ts, router/configure.ts) ---- */

/** The `restore_plan` reply: how to bring a backup back through LuCI's staging. */
export interface RestorePlan {
	/** The backup's id. */
	backup: string;
	/**
	 * The operations from the current configuration to the backup's: the plan's format,
	 * plus op "remove" (a whole section); an anonymous section to add has a placeholder
	 * `section` ("new-1") that the operations after it use.
	 */
	ops: PlanOp[];
	/** The configs the operations change, in order. */
	configs: string[];
	/** Every config the backup holds (restore_finish writes back each file's bytes). */
	files: string[];
	error?: null;
}

/** The `restore_finish` reply: the backup's content was live, its files are back byte for byte. */
export interface RestoreFinish {
	restored: string;
	/** Every config of the backup. */
	configs: string[];
	/** Those whose file differed in comments or layout and was written (or removed) again. */
	rewritten: string[];
	error?: null;
}

/* ---- provision_status (router/provision_command.ts) ---- */

/** The HB46PP cache, /tmp/mape/hb46pp.json (times in epoch seconds). */
export interface ProvisionCache {
	/** When the last run was. */
	checked: number;
	/** When the next run is due (the spec's timers). */
	next: number;
	/** The line prefix the run was for. */
	prefix: string | null;
	url: string | null;
	token: string | null;
	/** The last valid answer as `mape provision --json` printed it (kept through later failures). */
	result: { [key: string]: unknown } | null;
	/** When that answer's ttl ends (null: no ttl). */
	expires: number | null;
	/** The last run's failure, or null. */
	error: Message | null;
}

/** The `provision_status` reply. */
export interface ProvisionStatus {
	/** mape.hb46pp */
	enabled: boolean;
	/** A run is in progress. */
	running: boolean;
	cache: ProvisionCache | null;
}
