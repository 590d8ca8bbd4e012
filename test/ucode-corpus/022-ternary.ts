// Ternaries, chained and nested.
function size(n: number) {
	return n > 100 ? "big" : n > 10 ? "mid" : n > 0 ? "small" : "none";
}
print(size(500), " ", size(50), " ", size(5), " ", size(0), "\n");
const t = true;
print(t ? (1 > 2 ? "a" : "b") : "c", "\n");
const v: string | null = null;
print(v != null ? v : "default", "\n");
print((3 > 2 ? 10 : 20) + 1, "\n");
