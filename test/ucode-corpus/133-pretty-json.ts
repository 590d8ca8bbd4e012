// %.J indents with tabs; %.2J with two spaces.
const v = { name: "wan", list: [1, [2, 3]], empty: [], obj: {}, nested: { k: null } };
print(sprintf("%.J", v), "\n");
print(sprintf("%.2J", [{ a: 1 }, "x"]), "\n");
