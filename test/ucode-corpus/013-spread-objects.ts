// Object spread: later keys win, insertion order of the first occurrence.
const base = { host: "a", port: 80, tls: false };
const over = { port: 443, tls: true };
const merged = { ...base, ...over, extra: "x" };
print(merged, "\n");
const copy = { ...base };
copy.host = "b";
print(base.host, " ", copy.host, "\n");
const withFirst = { first: 1, ...base };
print(keys(withFirst), "\n");
print({ ...{}, z: 26 }, "\n");
