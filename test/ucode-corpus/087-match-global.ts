// match() with /g returns an array of match arrays.
const all = match("aXbXc", /X/g) as unknown as string[][];
print(all, " ", length(all), "\n");
const kv = match("a=1;b=2;c=3", /(\w)=(\d)/g) as unknown as string[][];
for (const m of kv) print(m[1], "->", m[2], "\n");
print(match("none", /z/g) == null, "\n");
