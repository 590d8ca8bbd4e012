// sprintf widths count bytes, so UTF-8 text pads less than it looks.
print(sprintf("[%5s]", "é"), "\n");
print(sprintf("[%-6s]", "日本"), "\n");
print(sprintf("[%3s]", "€"), "\n");
print(sprintf("[%.1s]", "ab"), "\n");
