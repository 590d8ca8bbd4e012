// lc() and uc() change ASCII letters only.
print(uc("hello, World 1"), " ", lc("HELLO, World 1"), "\n");
print(uc("äbc"), " ", lc("ÄBC"), " ", uc("straße"), "\n");
print(uc(""), "|", lc("123"), "\n");
