// replace() with a string pattern replaces every occurrence; a limit caps the count.
print(replace("a-b-c", "-", "+"), "\n");
print(replace("aaa", "a", "b", 2), " ", replace("aaa", "a", "b", 1), "\n");
print(replace("hello", "z", "y"), " ", replace("", "a", "b"), "\n");
print(replace("abab", "ab", "x"), " ", replace("a.b.c", ".", ""), "\n");
print(replace("2001:db8::1", ":", "-"), "\n");
