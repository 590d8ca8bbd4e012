// Optional chaining on properties, elements and calls.
interface Node { name: string; child?: Node | null; tags?: string[]; fn?: (() => string) | null; }
const tree: Node = { name: "root", child: { name: "leaf", tags: ["t1", "t2"], fn: () => "called" } };
print(tree.child?.name, "\n");
print(tree.child?.child?.name ?? "none", "\n");
print(tree.child?.tags?.[1], "\n");
print(tree.tags?.[0] ?? "no tags", "\n");
print(tree.child?.fn?.(), "\n");
print(tree.fn?.() ?? "no fn", "\n");
function find(n: string): Node | null { return n == "root" ? tree : null; }
print(find("x")?.name == null, " ", find("root")?.name, "\n");
const m: { [k: string]: { v: number } } = { a: { v: 1 } };
print(m["a"]?.v, " ", m["b"]?.v == null, "\n");
