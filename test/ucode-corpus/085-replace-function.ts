// replace() with a function gets the match and the groups.
print(replace("abc", /b/, (m) => uc(m)), "\n");
print(replace("a1b22c333", /[0-9]+/g, (m) => `${length(m)}`), "\n");
print(replace("x=1, y=2", /(\w)=(\d)/g, (m, k, v) => `${v}=${k}`), "\n");
print(replace("a-b", "-", (m) => "$"), "\n");
print(replace("hello world", /o/g, (m) => "0"), "\n");
