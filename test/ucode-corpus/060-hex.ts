// hex() parses a hexadecimal string.
print(hex("ff"), " ", hex("FF"), " ", hex("0x1f"), " ", hex("10"), " ", hex("deadbeef"), "\n");
print(hex("zz"), " ", hex(""), "\n");
print(hex("7fffffffffff"), "\n");
