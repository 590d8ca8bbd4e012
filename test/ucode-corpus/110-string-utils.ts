// String helpers built from substr, index and replace.
function startsWith(s: string, p: string) { return substr(s, 0, length(p)) == p; }
function contains(s: string, needle: string) { return index(s, needle) != -1; }
function repeat(s: string, n: number) { let r = ""; for (let i = 0; i < n; i++) r += s; return r; }
function padLeft(s: string, w: number, c: string) { return repeat(c, w - length(s)) + s; }
function capitalize(s: string) { return uc(substr(s, 0, 1)) + substr(s, 1); }
print(startsWith("option mtu", "option"), " ", contains("abc", "bc"), " ", contains("abc", "x"), "\n");
print(repeat("ab", 3), " ", padLeft("7", 3, "0"), " ", capitalize("wan6"), "\n");
print(join(" ", map(split("the quick brown fox", " "), capitalize)), "\n");
