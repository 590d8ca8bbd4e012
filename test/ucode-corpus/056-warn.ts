// warn() writes to stderr and returns the byte count; stdout stays clean.
const n = warn("this goes to stderr\n");
print("warn returned ", n, "\n");
const m = warn("a", "b", 1, "\n");
print("second ", m, "\n");
