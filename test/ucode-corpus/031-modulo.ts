// % follows C: the sign of the result follows the dividend.
print(7 % 3, " ", -7 % 3, " ", 7 % -3, " ", -7 % -3, "\n");
print(0 % 5, " ", 5 % 5, " ", 12 % 5, " ", -12 % 5, "\n");
print(7.5 % 2, " ", -7.5 % 2, "\n");
const hours = [23, 24, 25, 49];
print(map(hours, (h) => h % 24), "\n");
let evens = 0;
for (let i = -5; i <= 5; i++) if (i % 2 == 0) evens++;
print("evens ", evens, "\n");
