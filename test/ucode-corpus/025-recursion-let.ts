// Self-recursion through `let f; f = function…`, and mutual recursion.
let fib: (n: number) => number;
fib = function (n: number): number {
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
};
print(fib(15), "\n");
let isEven: (n: number) => boolean, isOdd: (n: number) => boolean;
isEven = function (n: number): boolean {
	return n == 0 ? true : isOdd(n - 1);
};
isOdd = function (n: number): boolean {
	return n == 0 ? false : isEven(n - 1);
};
print(isEven(10), " ", isOdd(7), " ", isEven(3), "\n");
let walk: (t: { v: number; kids: unknown[] }) => number;
walk = (t) => {
	let s = t.v;
	for (const k of t.kids) s += walk(k as { v: number; kids: unknown[] });
	return s;
};
print(walk({ v: 1, kids: [{ v: 2, kids: [] }, { v: 3, kids: [{ v: 4, kids: [] }] }] }), "\n");
