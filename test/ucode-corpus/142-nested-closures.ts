// Three levels of closures, each with its own state.
function outer(a: number) {
	let calls = 0;
	return (b: number) => {
		calls++;
		return (c: number) => {
			calls++;
			return `${a}+${b}+${c}=${a + b + c} (calls ${calls})`;
		};
	};
}
const f = outer(1);
const g = f(2);
print(g(3), "\n");
print(g(4), "\n");
print(f(10)(20), "\n");
print(outer(100)(0)(0), "\n");
const makers = map([1, 2, 3], (k) => (x: number) => x * k);
print(map(makers, (m) => m(10)), "\n");
