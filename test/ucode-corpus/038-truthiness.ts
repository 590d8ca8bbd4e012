// Truthiness: 0, "", null, NaN are falsy; "0", [] and {} are truthy.
const vals: unknown[] = [0, 1, -1, "", "0", "a", null, true, false, [], {}, NaN, 0.5];
let s = "";
for (const v of vals) s += v ? "T" : "F";
print(s, "\n");
const zero: unknown = 0, empty: unknown = "", szero: unknown = "0", arr: unknown = [], obj: unknown = {}, nil: unknown = null;
print(!zero, " ", !empty, " ", !szero, " ", !arr, " ", !!obj, " ", !!nil, "\n");
print(zero || "zero-falsy", " ", empty || "empty-falsy", " ", szero && "both", "\n");
if (arr) print("empty array is truthy\n");
if (!nil) print("null is falsy\n");
