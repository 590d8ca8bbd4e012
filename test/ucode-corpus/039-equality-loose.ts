// Loose equality between numbers, strings, booleans and null.
const a: unknown = 1;
const b: unknown = "1";
const z: unknown = 0;
const f: unknown = false;
const n: unknown = null;
const e: unknown = "";
print(a == b, " ", a === b, " ", z == f, " ", z === f, "\n");
print(n == z, " ", n == f, " ", e == z, " ", n == null, "\n");
print(a != b, " ", a !== b, "\n");
const t: unknown = true;
print(t == a, " ", t == 2, "\n");
