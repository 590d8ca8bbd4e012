// push() returns the last value pushed; pop() returns the removed value.
const a: number[] = [];
print(push(a, 1), " ", a, "\n");
print(push(a, 2, 3, 4), " ", a, "\n");
print(pop(a), " ", a, "\n");
print(pop(a), " ", pop(a), " ", pop(a), " ", pop(a) == null, " ", a, "\n");
const s: string[] = ["x"];
push(s, "y");
print(s, " ", length(s), "\n");
