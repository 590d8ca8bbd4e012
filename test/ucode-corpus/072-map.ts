// map() with value, index and array.
print(map([1, 2, 3], (x) => x * x), "\n");
print(map(["a", "b"], (x, i) => `${i}:${x}`), "\n");
print(map([1, 2], (x, i, arr) => [x, i, length(arr)]), "\n");
print(map(["1", "2", "10"], (s) => int(s)), "\n");
print(map([], (x) => x), "\n");
print(map(["ab", "cde"], length), "\n");
