// trim(), ltrim(), rtrim() with whitespace or a character set.
print("[", trim("  x y  "), "][", ltrim("  x  "), "][", rtrim("  x  "), "]\n");
print("[", trim("\t\n x \r\n"), "]\n");
print("[", trim("xxaxx", "x"), "][", ltrim("xxaxx", "x"), "][", rtrim("xxaxx", "x"), "]\n");
print("[", trim("-=a=-", "=-"), "][", trim("xx", "x"), "][", trim(""), "]\n");
