// uchr() encodes code points as UTF-8.
print(uchr(65), " ", uchr(233), " ", uchr(0x20ac), " ", uchr(0x1f600), "\n");
print(length(uchr(233)), " ", length(uchr(0x20ac)), " ", length(uchr(0x1f600)), "\n");
print(uchr(72, 233, 0x65e5), "\n");
print(hexenc(uchr(0x7ff)), " ", hexenc(uchr(0x800)), "\n");
