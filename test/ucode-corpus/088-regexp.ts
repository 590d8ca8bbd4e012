// regexp() builds a pattern from a string at run time.
const re = regexp("^([a-z]+)-([0-9]+)$");
print(type(re), " ", match("wan-6", re), "\n");
const ci = regexp("abc", "i");
print(match("xABCx", ci), "\n");
const g = regexp("o", "g");
print(replace("foo boo", g, "0"), "\n");
print(regexp("a+", "gi"), " ", /x\/y/, "\n");
const word = "b.c";
print(match("abxc", regexp(replace(word, ".", "\\."))) == null, "\n");
try {
	regexp("(unclosed");
} catch (e) {
	print("bad regexp: ", (e as UcodeException).type, "\n");
}
