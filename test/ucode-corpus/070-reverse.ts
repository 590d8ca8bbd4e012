// reverse() returns a new array or string; the original is unchanged.
const a = [1, 2, 3];
const r = reverse(a);
print(a, " ", r, " ", r === a, "\n");
print(reverse("hello"), " ", reverse(""), " ", reverse([]), "\n");
print(reverse(["x"]), " ", reverse([[1, 2], [3]]), "\n");
