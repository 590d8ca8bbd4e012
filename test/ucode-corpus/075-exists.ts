// exists() tests own keys, including keys whose value is null.
const o: { [k: string]: unknown } = { a: 1, n: null, f: false };
print(exists(o, "a"), " ", exists(o, "n"), " ", exists(o, "f"), " ", exists(o, "zz"), "\n");
delete o.a;
print(exists(o, "a"), "\n");
print(exists({}, ""), "\n");
