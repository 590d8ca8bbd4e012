// sprintf string conversions: %s, widths, left alignment, null.
print(sprintf("[%s]", "abc"), "\n");
print(sprintf("[%5s][%-5s][%2s]", "ab", "ab", "abcdef"), "\n");
print(sprintf("[%s]", null), "\n");
print(sprintf("[%s][%s]", true, 12), "\n");
print(sprintf("[%.2s]", "abcdef"), "\n");
print(sprintf("%s=%s;", "k", "v"), "\n");
print(sprintf("[%s]", { a: 1 }), "\n");
print(sprintf("%s and %s", "one"), "|\n");
print(sprintf("plain"), "\n");
