// getenv() reads the environment; unset variables give null.
print(type(getenv("PATH")), "\n");
print(getenv("UCODE_CORPUS_SURELY_UNSET_VARIABLE") == null, "\n");
