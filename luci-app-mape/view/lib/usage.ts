/*
 * Port usage (rpc `portusage`) → what the Status chart draws: one bar per port group, the
 * share of its ports in use, a level per bar and for the whole, the hosts using most ports.
 */
import { type PortUsage } from './types.ts';
import { percent } from './format.ts';

export type Level = 'ok' | 'high' | 'full';

/** A group counts as high from 75 % of its ports in use, full at 100 %. */
export const HIGH = 75;

export interface Bar {
	label: string;
	first: number;
	last: number;
	size: number;
	used: number;
	connections: number;
	percent: number;
	level: Level;
}

export interface UsageModel {
	bars: Bar[];
	used: number;
	total: number;
	available: number;
	connections: number;
	percent: number;
	level: Level;
	/** Groups at 100 %. */
	fullGroups: number;
	outside: number;
}

export function level(pct: number): Level {
	return pct >= 100 ? 'full' : pct >= HIGH ? 'high' : 'ok';
}

export function usageModel(u: PortUsage): UsageModel {
	const bars = (u.groups || []).map((g): Bar => {
		const size = g.last - g.first + 1;
		const pct = percent(g.ports_used, size);
		return { label: `${g.first}-${g.last}`, first: g.first, last: g.last, size, used: g.ports_used, connections: g.connections, percent: pct, level: level(pct) };
	});
	const total = u.ports_total || bars.reduce((n, b) => n + b.size, 0);
	const pct = percent(u.ports_used, total);
	return {
		bars,
		used: u.ports_used,
		total,
		available: u.ports_available,
		connections: u.connections,
		percent: pct,
		level: level(pct),
		fullGroups: bars.filter((b) => b.level == 'full').length,
		outside: u.outside || 0,
	};
}

/** The hosts sorted by ports used (most first), at most `top`. */
export function topHosts(u: PortUsage, top: number): PortUsage['hosts'] {
	return (u.hosts || []).slice().sort((a, b) => b.ports - a.ports || b.connections - a.connections || (a.address < b.address ? -1 : 1)).slice(0, top);
}
