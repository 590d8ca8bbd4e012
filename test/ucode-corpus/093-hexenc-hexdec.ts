// hexenc() and hexdec(), with skipped characters.
print(hexenc("AB\n"), " ", hexenc(""), "|", hexenc("é"), "\n");
print(hexdec("414243"), " ", hexdec("41:42:43", ":"), " ", hexdec("61 62", " "), "\n");
print(hexdec("zz") == null, " ", hexdec("414") == null, "\n");
print(hexdec(hexenc("round trip")), "\n");
