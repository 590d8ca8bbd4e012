// Closures created in loops: copy the loop variable into a body-level let.
const fns: (() => number)[] = [];
for (let i = 0; i < 3; i++) {
	let j = i;
	push(fns, () => j * 10);
}
print(map(fns, (f) => f()), "\n");
const gs: (() => string)[] = [];
for (const w of ["x", "y", "z"]) {
	let copy = w;
	push(gs, () => copy + copy);
}
print(map(gs, (f) => f()), "\n");
const hs: (() => string)[] = [];
const obj: { [k: string]: number } = { a: 1, b: 2 };
for (const k in obj) {
	let kk = k;
	let vv = obj[k];
	push(hs, () => `${kk}${vv}`);
}
print(map(hs, (f) => f()), "\n");
// a closure over a variable declared outside the loop sees its final value
const shared: (() => number)[] = [];
let n = 0;
while (n < 3) {
	push(shared, () => n);
	n++;
}
print(map(shared, (f) => f()), "\n");
