// $-sequences in replacement strings: $& $1 $$ and a lone $.
print(replace("abc", "b", "[$&]"), "|", replace("abc", "b", "$$"), "|", replace("a.b", ".", "$"), "\n");
print(replace("abc", "b", "x$"), "|", replace("abc", "b", "$1"), "\n");
print(replace("abc", /(b)/, "<$1>"), "|", replace("ab", /(a)(b)/, "$2$1"), "|", replace("x", /x/, "$&$&"), "\n");
print(replace("key=val", /(\w+)=(\w+)/, "$2=$1"), "\n");
print(replace("abc", "b", "$`"), "|", replace("abc", "b", "$'"), "\n");
