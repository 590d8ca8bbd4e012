// null everywhere: missing properties, out-of-range indices, missing args.
function two(a: number | null, b?: number | null) { return [a, b]; }
print(two(1), " ", two(null, 2), "\n");
function nothing() { }
function bare() { return; }
print(nothing() == null, " ", bare() == null, "\n");
const o: { [k: string]: number } = {};
print(o.missing == null, " ", [1, 2][5] == null, "\n");
print(type(null) == null, "\n");
const arr: (number | null)[] = [1, null, 3];
print(arr, " ", length(arr), "\n");
