// unshift() inserts in order and returns the last argument; shift() removes the first.
const a = [5];
print(unshift(a, 4), " ", a, "\n");
print(unshift(a, 1, 2, 3), " ", a, "\n");
print(shift(a), " ", a, "\n");
const e: number[] = [];
print(shift(e) == null, " ", e, "\n");
const q = ["first", "second"];
while (length(q) > 0) print(shift(q), ";");
print("\n");
