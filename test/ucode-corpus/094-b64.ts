// b64enc() and b64dec().
print(b64enc("hello"), " ", b64enc(""), "|", b64enc("a"), " ", b64enc("ab"), " ", b64enc("abc"), "\n");
print(b64dec("aGVsbG8="), " ", b64dec("YQ=="), " ", b64dec("YWI="), "\n");
print(b64enc("é€"), " ", b64dec(b64enc("é€")), "\n");
print(b64dec("!!") == null, "\n");
