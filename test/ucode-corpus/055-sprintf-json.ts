// %J serialises values as ucode JSON; %.2J and %.4J pretty-print.
print(sprintf("%J", { a: 1, b: "x", c: [1, 2], d: null, e: {}, f: true }), "\n");
print(sprintf("%J", [1, "two", [3, [4]]]), "\n");
print(sprintf("%J %J %J %J", "str", 5, null, false), "\n");
print(sprintf("%J", 1.5), " ", sprintf("%J", 0.1), "\n");
print(sprintf("%.2J", { a: [1, 2], b: { c: "d" } }), "\n");
print(sprintf("%.4J", [1]), "\n");
print(sprintf("%J", "quote\" slash/ tab\t nl\n"), "\n");
print(sprintf("%J", []), sprintf("%J", {}), "\n");
