// keys() and values() follow insertion order.
const o: { [k: string]: unknown } = { b: 1, a: "two", c: [3] };
print(keys(o), " ", values(o), "\n");
o.d = null;
delete o.a;
o.a = 5;
print(keys(o), " ", values(o), "\n");
print(keys({}), " ", values({}), "\n");
print(length(keys({ x: 1, y: 2 })), "\n");
