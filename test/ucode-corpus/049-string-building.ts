// Building strings: repeated concatenation, join, sprintf padding tables.
const rows = [["eth0", 1500], ["wan6", 1460], ["lo", 65536]];
for (const r of rows) printf("%-6s|%6d|\n", r[0], r[1]);
let line = "";
for (let i = 0; i < 20; i++) line += "-";
print(line, "\n");
const parts: string[] = [];
for (let i = 1; i <= 5; i++) push(parts, sprintf("%02d", i));
print(join(":", parts), "\n");
