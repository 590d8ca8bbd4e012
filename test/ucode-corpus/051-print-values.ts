// print() formats each kind of value; it returns the number of bytes written.
const n = print("ab", 1, true, null, "|\n");
print(n, "\n");
print([1, "a", null, { x: true }], "\n");
print({}, " ", [], " ", { a: [] }, "\n");
print(1.5, " ", -0.25, " ", 100, " ", -7, "\n");
print(false, " ", "", "|", null, "|\n");
print(print(""), " ", print("é"), "\n");
print({ s: "q\"uote", t: "tab\t", u: "é", n: "line\n" }, "\n");
