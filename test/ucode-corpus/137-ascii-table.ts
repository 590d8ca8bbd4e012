// ord/chr round trips over printable ASCII, and character classes by hand.
let printable = "";
for (let c = 32; c < 127; c++) printable += chr(c);
print(length(printable), "\n");
let digits = 0, upper = 0, lower = 0, other = 0;
for (let i = 0; i < length(printable); i++) {
	const c = ord(printable, i) ?? 0;
	if (c >= 48 && c <= 57) digits++;
	else if (c >= 65 && c <= 90) upper++;
	else if (c >= 97 && c <= 122) lower++;
	else other++;
}
print(digits, " ", upper, " ", lower, " ", other, "\n");
print(substr(printable, 16, 10), " ", uc(substr(printable, 65, 5)), "\n");
