// wildcard() matches shell-style glob patterns.
print(wildcard("foo.txt", "*.txt"), " ", wildcard("foo.txt", "*.uc"), "\n");
print(wildcard("a.c", "a?c"), " ", wildcard("abc", "[ab]bc"), " ", wildcard("cbc", "[ab]bc"), "\n");
print(wildcard("ABC", "a*", true), " ", wildcard("ABC", "a*"), " ", wildcard("ABC", "a*", false), "\n");
print(wildcard("", "*"), " ", wildcard("eth0.100", "eth*.*"), "\n");
