// substr(): negative start counts from the end; negative length stops before the end.
print(substr("hello", 1), " ", substr("hello", 1, 2), " ", substr("hello", -3), " ", substr("hello", -3, 2), "\n");
print(substr("hello", 1, -1), " ", substr("hello", 0, -2), " ", substr("hello", -4, -1), "\n");
print("[", substr("abc", 5), "][", substr("abc", 1, 100), "][", substr("abc", 0, 0), "][", substr("abc", 3), "]\n");
print(substr("héllo", 1, 2), " ", length(substr("héllo", 0, 3)), " ", substr("日本語", -3), "\n");
