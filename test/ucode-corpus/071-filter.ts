// filter() with value and index.
print(filter([1, 2, 3, 4, 5, 6], (x) => x % 2 == 0), "\n");
print(filter(["a", "b", "c", "d"], (x, i) => i != 1), "\n");
print(filter([0, 1, "", "x", null], (x) => x), "\n");
print(filter([], (x) => true), "\n");
const objs = [{ up: true, n: "a" }, { up: false, n: "b" }, { up: true, n: "c" }];
print(map(filter(objs, (o) => o.up), (o) => o.n), "\n");
print(filter([1, 2, 3], (x, i, arr) => length(arr) == 3 && i < 2), "\n");
