// Logical assignment operators.
let a: number | null = null;
a ??= 5;
a ??= 6;
let b = 0;
b ||= 7;
let c = 1;
c &&= 9;
let d = 0;
d &&= 9;
let e = "set";
e ||= "unused";
print(a, " ", b, " ", c, " ", d, " ", e, "\n");
const cfg: { [k: string]: string | null } = { mode: null, name: "x" };
cfg.mode ??= "auto";
cfg.name ??= "never";
cfg.other ??= "added";
print(cfg, "\n");
