/*
 * The MAP-E port set, derived independently of the engine from RFC 7597 §5.1 (tests and the
 * lab check the generated SNAT against this, not against the engine's own port ranges).
 */
export interface Shape { psid: number; psidlen: number; offset: number }

export const V6PLUS: Shape = { psid: 239, psidlen: 8, offset: 4 };
export const OCN: Shape = { psid: 22, psidlen: 6, offset: 6 };

/** Is port p in the port set of this PSID? (its PSID bits are the PSID, its offset bits not all zero; never port 0) */
export function inPortSet(p: number, s: Shape): boolean {
	if (p < 1 || p > 65535) return false;
	const a = p >> (16 - s.offset);
	if (s.offset > 0 && a == 0) return false;
	const psid = (p >> (16 - s.offset - s.psidlen)) & ((1 << s.psidlen) - 1);
	return psid == s.psid;
}

export function allowedPorts(s: Shape, reserved: Set<number> = new Set()): Set<number> {
	const out = new Set<number>();
	for (let p = 1; p <= 65535; p++) if (inPortSet(p, s) && !reserved.has(p)) out.add(p);
	return out;
}

/** The set as maximal contiguous [first, last] intervals. */
export function intervals(ports: Set<number>): [number, number][] {
	const sorted = [...ports].sort((a, b) => a - b);
	const out: [number, number][] = [];
	for (const p of sorted) {
		const last = out[out.length - 1];
		if (last && last[1] + 1 == p) last[1] = p;
		else out.push([p, p]);
	}
	return out;
}

/** The 16-port (or other size) group a port belongs to: its offset bits (A). */
export function groupOf(p: number, s: Shape): number {
	return p >> (16 - s.offset);
}
