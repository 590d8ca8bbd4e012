// Arrow functions: expression bodies, block bodies, object bodies, no params.
const sq = (x: number) => x * x;
const add = (a: number, b: number): number => {
	const s = a + b;
	return s;
};
const mk = (k: string) => ({ key: k, len: length(k) });
const nil = () => null;
const seven = () => 7;
print(sq(9), " ", add(2, 3), " ", mk("abc"), " ", nil(), "|", seven(), "\n");
const compose = (f: (n: number) => number, g: (n: number) => number) => (x: number) => f(g(x));
print(compose(sq, (x) => x + 1)(4), "\n");
print(map([1, 2, 3], (x) => x * 10), "\n");
