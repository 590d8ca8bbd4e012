// exit() ends the program with a status; output so far is kept.
print("before exit\n");
function finish(code: number): never {
	print("finishing with ", code, "\n");
	exit(code);
}
finish(3);
