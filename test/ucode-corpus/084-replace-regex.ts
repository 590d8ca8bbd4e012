// replace() with a regex: only the first match unless /g; /i ignores case.
print(replace("aXbXc", /X/, "_"), " ", replace("aXbXc", /X/g, "_"), "\n");
print(replace("Hello HELLO hello", /hello/gi, "hi"), "\n");
print(replace("a1b22c333", /[0-9]+/g, "#"), "\n");
print(replace("  trim  me  ", /^ +| +$/g, ""), "|\n");
print(replace("2024-01-15", /([0-9]+)-([0-9]+)-([0-9]+)/, "$3/$2/$1"), "\n");
