// delete on object properties returns a bool.
const o: { [k: string]: number | null } = { a: 1, b: 2, c: null };
print(delete o.a, " ", o, "\n");
print(delete o["zz"], "\n");
print(delete o.c, " ", keys(o), "\n");
o.a = 5;
print(keys(o), "\n");
const k = "b";
delete o[k];
print(o, " ", length(o), "\n");
