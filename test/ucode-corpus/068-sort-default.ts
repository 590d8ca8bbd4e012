// sort() without a comparator: numbers numerically, strings bytewise; returns the same array.
const a = [10, 9, 1, 2, 100, -3];
const r = sort(a);
print(r, " ", a, " ", r === a, "\n");
print(sort(["b", "a", "C", "aa", "B"]), "\n");
print(sort(["10", "9", "1"]), "\n");
print(sort([2.5, 1, 0.5, 2]), "\n");
print(sort([]), " ", sort([1]), "\n");
