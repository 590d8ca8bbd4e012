// A corpus module whose functions raise errors with die().
export function positive(n: number): number {
	if (n <= 0) die(`not positive: ${n}`);
	return n;
}

export function parsePort(s: string): number {
	const n = int(s);
	if (n != n || n < 1 || n > 65535) die(`bad port: ${s}`);
	return n;
}
