// splice() edits in place and returns the same array.
const a = [1, 2, 3, 4];
const r = splice(a, 1, 2, 9);
print(r, " ", a, " ", r === a, "\n");
const b = [1, 2, 3, 4, 5];
splice(b, -2, 1);
print(b, "\n");
const c = [1, 2, 3];
splice(c, 1, 0, 7, 8);
print(c, "\n");
const d = [1, 2, 3, 4];
splice(d, 2);
print(d, "\n");
const e = ["a", "b"];
splice(e, 0, 1);
print(e, "\n");
