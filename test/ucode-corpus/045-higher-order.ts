// Functions as values: passed, returned, stored in arrays and objects.
function apply(f: (x: number) => number, x: number) { return f(x); }
function twice(f: (x: number) => number) { return (x: number) => f(f(x)); }
const inc = (x: number) => x + 1;
print(apply(inc, 1), " ", twice(inc)(1), " ", twice(twice(inc))(0), "\n");
const ops: { [k: string]: (a: number, b: number) => number } = {
	add: (a, b) => a + b,
	sub: (a, b) => a - b,
	mul: function (a, b) { return a * b; },
};
for (const k of sort(keys(ops))) print(k, " ", ops[k](6, 3), "\n");
const pipeline = [inc, (x: number) => x * 2, (x: number) => x - 3];
let v = 5;
for (const f of pipeline) v = f(v);
print(v, "\n");
print(type(inc), " ", type(apply), "\n");
