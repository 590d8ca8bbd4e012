// Nested function declarations and inner helpers.
function outer(n: number) {
	function double(x: number) { return x * 2; }
	function square(x: number) { return x * x; }
	const both = (x: number) => square(double(x));
	return [double(n), square(n), both(n)];
}
print(outer(3), "\n");
function makeStack() {
	const items: number[] = [];
	function put(x: number) { push(items, x); return length(items); }
	function take() { return pop(items); }
	return { put: put, take: take, size: () => length(items) };
}
const s = makeStack();
s.put(1); s.put(2); s.put(3);
print(s.take(), " ", s.size(), "\n");
