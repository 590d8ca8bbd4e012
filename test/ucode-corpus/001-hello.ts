// The smallest program: print() writes strings raw and returns the byte count.
const n = print("hello, world\n");
print(n, "\n");
printf("%s=%d\n", "bytes", n);
