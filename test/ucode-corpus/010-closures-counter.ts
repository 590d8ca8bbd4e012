// Closures keep their own state.
function counter(start: number) {
	let c = start;
	return {
		inc: () => ++c,
		dec: () => --c,
		get: () => c,
	};
}
const a = counter(0);
const b = counter(100);
a.inc(); a.inc(); a.inc();
b.dec();
print(a.get(), " ", b.get(), "\n");
function adder(n: number) {
	return (x: number) => x + n;
}
const add5 = adder(5);
const add10 = adder(10);
print(add5(1), " ", add10(1), " ", add5(add10(0)), "\n");
