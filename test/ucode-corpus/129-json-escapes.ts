// %J escapes quotes, backslashes and control characters; UTF-8 stays raw.
print(sprintf("%J", "a\"b\\c"), "\n");
print(sprintf("%J", "line1\nline2\ttab\rcr"), "\n");
print(sprintf("%J", uchr(1) + uchr(31)), "\n");
print(sprintf("%J", "日本 é"), "\n");
print(sprintf("%J", { "key with \"quote\"": "v" }), "\n");
print(json(sprintf("%J", "round\ttrip\n")) == "round\ttrip\n", "\n");
