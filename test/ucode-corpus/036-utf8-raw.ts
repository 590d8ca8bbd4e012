// Raw UTF-8 in sources: strings are byte strings.
const s = "héllo wörld";
print(s, " ", length(s), "\n");
print(uc(s), " ", lc("ÄÖÜ ABC"), "\n");
print(index(s, "w"), " ", substr(s, 0, 3), "\n");
print(length("日本語"), " ", hexenc("日"), "\n");
print(split("a→b→c", "→"), "\n");
print(reverse("abc"), " ", ord("é"), " ", ord("é", 1), "\n");
const ja = "こんにちは";
print(ja, " ", length(ja), " ", substr(ja, 3, 3), "\n");
print(sprintf("%J", "ü"), "\n");
