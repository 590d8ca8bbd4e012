// printf() returns the number of bytes written.
const n = printf("%s-%d-%s\n", "a", 42, "b");
printf("%d\n", n);
printf("no args\n");
printf("%s %s %s\n", 1, true, null);
printf("100%%\n");
printf("[%s]\n", [1, 2]);
printf("%d%s\n", 7, "th");
