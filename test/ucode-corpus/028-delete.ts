// delete removes object properties; exists() tells whether a key was there first.
// (ucc rejects `delete` used as a value: JavaScript and ucode disagree on a missing key.)
const o: { [k: string]: number | null } = { a: 1, b: 2, c: null };
print(exists(o, "a"), " ");
delete o.a;
print(o, "\n");
print(exists(o, "zz"), "\n");
delete o["zz"];
print(exists(o, "c"), " ");
delete o.c;
print(keys(o), "\n");
o.a = 5;
print(keys(o), "\n");
const k = "b";
delete o[k];
print(o, " ", length(o), "\n");
