// Integer arithmetic stays exact up to 2^53; mixing in a double gives a double.
print(2 ** 53 - 1, " ", 9007199254740991 - 1, " ", 4503599627370496 * 2, "\n");
print(123456789 * 1000, " ", -123456789 * 1000000, "\n");
print(1 + 0.5, " ", 3 * 0.5, " ", 10 - 0.25, "\n");
print(7 * 6, " ", 100 - 101, " ", -3 * -3, "\n");
let acc = 1;
for (let i = 0; i < 50; i++) acc *= 2;
print(acc, " ", int(acc / 1024), "\n");
print(1e15 + 1 > 1e15, "\n");
