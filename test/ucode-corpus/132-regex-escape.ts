// Building regular expressions from literal text with escaped metacharacters.
// (A bracket expression with backslashes, like /[\]\\]/, means different things in POSIX
// ERE and in JavaScript, so the metacharacters are looked up with index() instead.)
function quote(s: string): string {
	let r = "";
	for (let i = 0; i < length(s); i++) {
		const c = substr(s, i, 1);
		r += index(".*+?()|[]{}^$\\", c) >= 0 ? "\\" + c : c;
	}
	return r;
}
const needle = "a.b*c";
print(quote(needle), "\n");
const re = regexp("^" + quote(needle) + "$");
print(match("a.b*c", re) != null, " ", match("axbbc", re) != null, "\n");
print(replace("1+1=2", regexp(quote("1+1")), "two"), "\n");
const words = ["wan", "wan6", "lan"];
const alt = regexp("^(" + join("|", words) + ")$");
print(map(["wan6", "lan", "dmz"], (w) => match(w, alt) != null), "\n");
