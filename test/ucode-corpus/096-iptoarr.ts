// iptoarr() parses IPv4 and IPv6 addresses into byte arrays.
print(iptoarr("192.168.1.1"), "\n");
print(iptoarr("0.0.0.0"), " ", iptoarr("255.255.255.255"), "\n");
print(iptoarr("::1"), "\n");
print(iptoarr("2001:db8::ff00:42:8329"), "\n");
print(iptoarr("not an ip") == null, " ", iptoarr("256.1.1.1") == null, " ", iptoarr("1.2.3") == null, "\n");
print(length(iptoarr("fe80::1") ?? []), "\n");
