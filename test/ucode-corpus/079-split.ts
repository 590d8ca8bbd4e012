// split() with a string separator and a limit that keeps the rest.
print(split("a,b,,c", ","), "\n");
print(split("a,b,c", ",", 2), " ", split("a,b,c", ",", 1), " ", split("a,b,c", ",", 5), "\n");
print(split("", ","), " ", split("abc", ""), " ", split("abc", ","), "\n");
print(split("k=v=w", "=", 2), "\n");
print(split("a::b::c", "::"), "\n");
print(split(",a,", ","), "\n");
