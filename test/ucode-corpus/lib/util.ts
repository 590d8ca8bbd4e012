// A corpus module: plain exported functions and constants.
export const VERSION = "1.2.3";
export const LIMITS = { min: 1, max: 10 };

export function clamp(n: number, lo: number, hi: number): number {
	return n < lo ? lo : n > hi ? hi : n;
}

export function sum(xs: number[]): number {
	let s = 0;
	for (const x of xs) s += x;
	return s;
}

export function pad(s: string, width: number): string {
	let r = s;
	while (length(r) < width) r = " " + r;
	return r;
}

export const double = (n: number) => n * 2;
