// String escapes: \n \t \" \\ \' and \uXXXX (UTF-8 bytes).
const s = "tab:\there\nquote:\" backslash:\\ apos:\' e-acute:\u00e9";
print(s, "\n");
print(length("\t"), " ", length("\\"), " ", length("\u00e9"), " ", length("\u20ac"), " ", length("\ud83d\ude00"), "\n");
print('single \'quoted\' "double"\n');
print("\u00e9" == "é", " ", "\u0041\u0042", "\n");
print(sprintf("%J", "a\tb\nc\"d\\e"), "\n");
print(hexenc("\r\n\t"), "\n");
