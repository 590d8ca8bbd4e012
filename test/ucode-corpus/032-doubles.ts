// Doubles from division by a literal with a decimal point, and how they print.
print(7 / 2.0, " ", 10 / 4.0, " ", -7 / 2.0, " ", 1 / 3.0, " ", 2 / 3.0, "\n");
print(0.1 + 0.2, " ", 0.5 * 3, " ", 1.5 + 1.25, " ", 100 / 8.0, "\n");
print(6 / 2.0, " ", 1e3, " ", 2.5e-3, " ", 1e21, " ", 123456789.125, "\n");
const x = 5;
const half = x / 2.0;
print(half, " ", half * 2, " ", half > 2, "\n");
print(`${1 / 7.0}|${-1 / 8.0}|${1e-7}\n`);
print(1.0 / 1024, " ", 2 ** 0.5, " ", 2 ** -1, "\n");
print(int(7 / 2.0), " ", int(-7 / 2.0), " ", int(2.999), "\n");
printf("%.3f %.1f %.0f %f\n", 1 / 3.0, 2.25, 2.5, 0.1);
