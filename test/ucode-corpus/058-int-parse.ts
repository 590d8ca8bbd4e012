// int() parses a leading integer and truncates doubles.
print(int("42"), " ", int("42px"), " ", int("  -7"), " ", int("+5"), "\n");
print(int("3.9"), " ", int(3.9), " ", int(-3.9), " ", int(7), "\n");
print(int(""), " ", int("abc"), " ", int(null), " ", int("0x10"), "\n");
print(int("1e5"), " ", int("007"), " ", int("12 34"), "\n");
print(int("123456789012"), " ", int(-0.5), "\n");
const n = int("x");
print(n == n, " ", n != n, "\n");
