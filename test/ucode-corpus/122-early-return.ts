// return from inside loops and switch statements.
function find(xs: string[], want: string): number {
	for (let i = 0; i < length(xs); i++) {
		if (xs[i] == want) return i;
	}
	return -1;
}
function firstEven(xs: number[]): number | null {
	for (const x of xs) {
		if (x % 2 == 0) return x;
	}
	return null;
}
function firstKey(o: { [k: string]: number }, atLeast: number): string | null {
	for (const k in o) {
		if (o[k] >= atLeast) return k;
	}
	return null;
}
function label(n: number): string {
	switch (n) {
		case 0: return "zero";
		case 1: return "one";
	}
	while (true) {
		if (n > 100) return "huge";
		return "some";
	}
}
print(find(["a", "b", "c"], "c"), " ", find([], "x"), "\n");
print(firstEven([1, 3, 6, 8]), " ", firstEven([1]) == null, "\n");
print(firstKey({ a: 1, b: 5, c: 9 }, 4), " ", firstKey({}, 0) == null, "\n");
print(map([0, 1, 7, 1000], label), "\n");
