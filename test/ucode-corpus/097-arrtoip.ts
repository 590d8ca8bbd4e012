// arrtoip() formats 4 or 16 bytes, compressing IPv6 zeros.
print(arrtoip([192, 168, 1, 1]), " ", arrtoip([10, 0, 0, 255]), "\n");
print(arrtoip([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "\n");
print(arrtoip([32, 1, 13, 184, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "\n");
print(arrtoip([32, 1, 13, 184, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]), "\n");
print(arrtoip([36, 9, 0, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "\n");
print(arrtoip([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]), "\n");
print(arrtoip([1, 2, 3]) == null, "\n");
print(arrtoip(iptoarr("2001:0db8:0000:0000:0001:0000:0000:0001") ?? []), "\n");
