// `in` tests own keys of objects, including keys whose value is null.
const o: { [k: string]: unknown } = { a: 1, n: null, z: 0 };
print("a" in o, " ", "n" in o, " ", "z" in o, " ", "q" in o, "\n");
const key = "a";
if (key in o) print("found ", key, "\n");
delete o.a;
print("a" in o, "\n");
const nested = { inner: { deep: true } };
print("deep" in nested.inner, " ", "inner" in nested, "\n");
