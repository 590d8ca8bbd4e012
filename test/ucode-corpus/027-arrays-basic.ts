// Array literals, indexing, assignment, growth, nested arrays.
const a = [10, 20, 30];
print(a[0], " ", a[2], " ", length(a), "\n");
a[1] = 21;
print(a, "\n");
a[length(a)] = 40;
print(a, " ", length(a), "\n");
print(a[10] == null, "\n");
const m = [[1, 2], [3, 4]];
m[1][0] = 33;
print(m, " ", m[1][1], "\n");
const mixed: unknown[] = [1, "two", null, true, [3], { four: 4 }];
print(mixed, "\n");
print([], " ", [[]], "\n");
