// ord() returns a byte (negative offsets count from the end); chr() builds bytes.
print(ord("A"), " ", ord("abc", 1), " ", ord("abc", -1), " ", ord("abc", 5) == null, "\n");
print(ord("é"), " ", ord("é", 1), "\n");
print(chr(72, 105), " ", chr(), "|", chr(65), " ", length(chr(195, 169)), " ", chr(195, 169), "\n");
let s = "";
for (let i = 0; i < 5; i++) s += chr(97 + i);
print(s, "\n");
