// + with a string operand stringifies the other side.
const n = 42;
const nothing: string | null = null;
print("n=" + n, " ", n + "!", " ", 1 + 2 + "3", " ", "1" + 2 + 3, "\n");
print("a" + nothing, " ", "t" + true, "\n");
print("arr " + [1, "x"], "\n");
print("obj " + { k: "v" }, "\n");
print("half " + 7 / 2.0, "\n");
let acc = "";
for (let i = 0; i < 3; i++) acc += i + ",";
print(acc, "\n");
