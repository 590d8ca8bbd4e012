// slice() copies part of an array, with negative offsets.
const a = [1, 2, 3, 4, 5];
print(slice(a, 1), " ", slice(a, 1, 3), " ", slice(a, -2), " ", slice(a, 1, -1), "\n");
print(slice(a), " ", slice(a, 5), " ", slice(a, 2, 100), " ", slice(a, 3, 1), "\n");
const c = slice(a);
push(c, 6);
print(length(a), " ", length(c), "\n");
