// for-of over arrays is lowered to ucode's value iteration.
const words = ["alpha", "beta", "gamma"];
for (const w of words) {
	print(w, "\n");
}
let total = 0;
for (let n of [1, 2, 3, 4]) {
	n = n * 2;
	total += n;
}
print("total ", total, "\n");
const nested = [[1, 2], [3], []];
for (const inner of nested) {
	print(length(inner), ":");
	for (const v of inner) print(" ", v);
	print("\n");
}
for (const e of []) print("never ", e, "\n");
print("done\n");
