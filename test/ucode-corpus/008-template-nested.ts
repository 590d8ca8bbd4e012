// Nested template literals and templates inside function calls.
const a = 1;
const b = "two";
print(`x${`y${a}z`}w\n`);
print(`${`${`${b}`}`}\n`);
const items = ["p", "q"];
print(`items: ${join(", ", map(items, (s) => `<${s}>`))}\n`);
print(`${a > 0 ? `pos ${a}` : `neg ${a}`}\n`);
