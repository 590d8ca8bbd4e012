// && and || return one of their operands, not a boolean.
const s: unknown = "str";
const z: unknown = 0;
const n: unknown = null;
print(s && 5, " ", z && 5, " ", n && 5, "|\n");
print(s || 5, " ", z || 5, " ", n || "dflt", "\n");
print(z || n || "last", " ", s && z && "never", "\n");
function pick(o: { [k: string]: string } | null, k: string) {
	return (o && o[k]) || "none";
}
print(pick({ a: "x" }, "a"), " ", pick({ a: "x" }, "b"), " ", pick(null, "a"), "\n");
let calls = 0;
const hit = () => { calls++; return true; };
const r = false && hit();
const q = true || hit();
print(r, " ", q, " ", calls, "\n");
