// Recursion through function declarations.
function fact(n: number): number {
	return n <= 1 ? 1 : n * fact(n - 1);
}
function fib(n: number): number {
	if (n < 2) return n;
	return fib(n - 1) + fib(n - 2);
}
function flatten(a: unknown[], out: unknown[]): unknown[] {
	for (const x of a) {
		if (type(x) == "array") flatten(x as unknown[], out);
		else push(out, x);
	}
	return out;
}
print(fact(10), " ", fact(18), "\n");
print(map([0, 1, 2, 3, 10, 20], fib), "\n");
print(flatten([1, [2, [3, [4, []]]], 5], []), "\n");
