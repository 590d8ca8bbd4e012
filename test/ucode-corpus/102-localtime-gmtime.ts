// gmtime() splits an epoch into UTC fields; localtime() has the same fields.
print(gmtime(0), "\n");
const t = gmtime(1700000000);
print(t.year, "-", t.mon, "-", t.mday, " ", t.hour, ":", t.min, ":", t.sec, " wday ", t.wday, " yday ", t.yday, "\n");
print(keys(localtime(0)), "\n");
print(type(localtime().year), "\n");
const leap = gmtime(951782400);
print(leap.mon, "/", leap.mday, "/", leap.year, "\n");
