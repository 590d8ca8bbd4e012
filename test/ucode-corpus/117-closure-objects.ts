// Objects of closures sharing private state; a memoised function.
function makeCache() {
	const store: { [k: string]: number } = {};
	let hits = 0, misses = 0;
	return {
		get: (k: string, compute: () => number) => {
			if (k in store) { hits++; return store[k]; }
			misses++;
			store[k] = compute();
			return store[k];
		},
		stats: () => `${hits} hits, ${misses} misses`,
	};
}
const c = makeCache();
let fib: (n: number) => number;
fib = (n) => n < 2 ? n : c.get(`${n - 1}`, () => fib(n - 1)) + c.get(`${n - 2}`, () => fib(n - 2));
print(fib(40), "\n");
print(c.stats(), "\n");
