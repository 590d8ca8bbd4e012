// Converting between strings and numbers.
const n = 42;
const s = "" + n;
print(s, " ", length(s), " ", s == "42", "\n");
print(+"17" + 1, " ", +"2.5" * 2, " ", +"" + 5, " ", +"0x10", "\n");
const bad = +"12px";
print(bad != bad, "\n");
print(int("08"), " ", int("1,000"), " ", `${n}` == s, " ", sprintf("%d", "99") + "!", "\n");
print((json("123") as number) + 1, " ", "" + 1.5, " ", "" + -7, "\n");
