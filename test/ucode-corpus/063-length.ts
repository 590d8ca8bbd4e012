// length() of strings (bytes), arrays and objects.
print(length("abc"), " ", length(""), " ", length("héllo"), " ", length("€"), "\n");
print(length([1, 2, 3]), " ", length([]), " ", length([[1, 2]]), "\n");
print(length({ a: 1, b: 2 }), " ", length({}), "\n");
const a = [1];
a[4] = 5;
print(length(a), "\n");
