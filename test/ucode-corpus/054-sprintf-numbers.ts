// sprintf numeric conversions.
print(sprintf("%d %d %d", 42, -7, 0), "\n");
print(sprintf("[%5d][%-5d][%05d][%+d]", 42, 42, 42, 5), "\n");
print(sprintf("%x %X %o", 255, 3054, 64), "\n");
print(sprintf("%08x %#x %#o", 48879, 255, 8), "\n");
print(sprintf("%c%c%c", 72, 105, 33), "\n");
print(sprintf("%.2f %.3f %.0f %.1f", 3.14159, 2.0 / 3, 2.5, -0.05), "\n");
print(sprintf("%f %e", 1.5, 12345.678), "\n");
print(sprintf("%08.3f|%-8.2f|", 3.14159, 2.5), "\n");
print(sprintf("%d %d", "12", 3.9), "\n");
print(sprintf("%i", 99), "\n");
print(sprintf("%d", 1 << 40), "\n");
