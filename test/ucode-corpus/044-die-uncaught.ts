// An uncaught die() ends the program with status 254 (message on stderr).
print("start\n");
function check(n: number) {
	if (n > 1) die("check failed");
	print("check ", n, " ok\n");
}
check(1);
check(2);
print("never reached\n");
