// Closures as iterators: next() returns values until done.
function range(from: number, to: number, step: number) {
	let cur = from;
	return {
		next: () => {
			if ((step > 0 && cur >= to) || (step < 0 && cur <= to)) return { done: true, value: null };
			const v = cur;
			cur += step;
			return { done: false, value: v };
		},
	};
}
function collect(it: { next: () => { done: boolean; value: number | null } }): (number | null)[] {
	const out: (number | null)[] = [];
	for (let r = it.next(); !r.done; r = it.next()) push(out, r.value);
	return out;
}
print(collect(range(0, 5, 1)), "\n");
print(collect(range(10, 0, -3)), "\n");
print(collect(range(0, 0, 1)), "\n");
