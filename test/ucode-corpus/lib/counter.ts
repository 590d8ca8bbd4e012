// A corpus module with state: exported let bindings are live.
export let count = 0;
export let log: string[] = [];

export function bump(by: number): number {
	count += by;
	push(log, `+${by}`);
	return count;
}

export function reset() {
	count = 0;
	log = [];
}
