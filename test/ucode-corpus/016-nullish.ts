// ?? keeps 0, "" and false; || does not.
const zero = 0;
const empty = "";
const no = false;
const nil: number | null = null;
print(zero ?? 5, " ", zero || 5, "\n");
print(`[${empty ?? "d"}] [${empty || "d"}]\n`);
print(no ?? true, " ", no || "fallback", "\n");
print(nil ?? "was null", "\n");
const o: { a?: { b?: number | null } | null } = { a: { b: null } };
print(o.a?.b ?? 42, "\n");
print((nil ?? 0) || 2, " ", nil ?? (0 || 2), "\n");
