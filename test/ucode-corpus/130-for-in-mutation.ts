// Changing values while iterating an object; adding keys while iterating a keys() snapshot.
// (Adding keys inside `for (const k in o)` itself is avoided: ucode may visit the new keys
// and the result differs between ucode releases and from JavaScript.)
const o: { [k: string]: number } = { a: 1, b: 2, c: 3 };
for (const k in o) {
	o[k] = o[k] * 10;
}
print(o, "\n");
const seen: string[] = [];
for (const k of keys(o)) {
	push(seen, k);
	o[k + k] = o[k] + 1;
}
print(seen, " ", o, "\n");
const arr = [1, 2, 3];
const out: number[] = [];
for (const x of arr) {
	push(out, x * x);
}
print(out, " ", arr, "\n");
