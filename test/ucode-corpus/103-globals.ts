// ARGV, NaN and Infinity.
print(type(ARGV), " ", length(ARGV), "\n");
const nan = [NaN][0];
print(NaN, " ", nan == nan, " ", nan != nan, " ", type(NaN), "\n");
print(Infinity, " ", -Infinity, " ", Infinity > 1e300, " ", -Infinity < 0, "\n");
print(int(NaN) == int(NaN), "\n");
