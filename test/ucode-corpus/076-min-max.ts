// min() and max() are variadic.
print(min(3, 1, 2), " ", max(3, 1, 2), " ", min(-5, 5), " ", max(-5, -10), "\n");
print(min(1.5, 2), " ", max(0.25, 0.5), "\n");
print(min(7), " ", max(7), "\n");
const a = [4, 8, 15, 16, 23, 42];
print(min(...a), " ", max(...a), "\n");
