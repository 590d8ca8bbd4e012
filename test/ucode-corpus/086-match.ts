// match() returns [whole, group1, …] or null.
print(match("me@host", /(\w+)@(\w+)/), "\n");
print(match("abc", /x/) == null, "\n");
print(match("ab12cd", /[0-9]+/), " ", match("ABC", /abc/i), "\n");
const m = match("eth0.100", /^([a-z]+)([0-9]+)\.([0-9]+)$/);
if (m != null) print(m[1], " ", m[2], " ", m[3], " ", length(m), "\n");
print(match("a b", /\s/), match("a_b", /\w+/), "\n");
print(match("2001:db8::/32", /^([0-9a-f:]+)\/([0-9]+)$/), "\n");
