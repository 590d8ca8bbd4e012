// Numeric literals: hex, octal, binary, exponent, leading-dot and separators.
print(0x1F, " ", 0xff, " ", 0o17, " ", 0b101, "\n");
print(1e3, " ", 1.5e3, " ", 2.5e-3, "\n");
print(.5, " ", .25 * 4, "\n");
print(1_000, " ", 1_000_000 + 1, " ", 0xff_ff, "\n");
print(9007199254740991, " ", -9007199254740991, "\n");
print(-0x10, " ", +"42", " ", -"3", "\n");
