// 64-bit bitwise operators, staying within ±2^53.
print(1 << 31, " ", 1 << 32, " ", 1 << 40, " ", 3 << 50, "\n");
print(-5 >> 1, " ", -1 >> 10, " ", -16 >> 2, " ", 1024 >> 3, " ", (1 << 40) >> 38, "\n");
print(0xff & 0x0f, " ", 0xf0 | 0x0f, " ", 0xff ^ 0x0f, " ", 0xffffffff & -1, "\n");
print(0x12345678 & 0xffff0000, " ", (0xdead << 16) | 0xbeef, "\n");
print(~(-1), " ", ~(-6), " ", ~(-256), "\n");
print(0xff & ~(-16), " ", 0xffffffff & -256, " ", 0xffff ^ 0xff, "\n");
print(3.7 | 0, " ", -3.7 | 0, " ", (1 << 31) | 1, " ", (1 << 33) ^ (1 << 32), "\n");
let flags = 0;
flags |= 4;
flags |= 1;
flags &= ~(-1 ^ 5);
flags ^= 16;
flags <<= 2;
flags >>= 1;
print("flags ", flags, "\n");
