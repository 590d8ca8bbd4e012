// ** with integers stays exact; with a double exponent it is a double.
print(2 ** 10, " ", 3 ** 4, " ", 2 ** 52, " ", 10 ** 15, "\n");
print((2 ** 3) ** 2, " ", 2 ** (3 ** 2), "\n");
print(2 ** 0.5, " ", 9 ** 0.5, " ", 4 ** -1, "\n");
let p = 1;
for (let i = 0; i < 5; i++) p *= 3;
print(p, " ", p == 3 ** 5, "\n");
