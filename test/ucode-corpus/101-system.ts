// system() runs a command and returns its exit code.
print(system(["true"]), " ", system(["false"]), "\n");
print(system(["sh", "-c", "exit 7"]), "\n");
print(system("exit 3"), "\n");
