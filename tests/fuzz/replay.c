/* Replays fuzz inputs without libFuzzer (for make test, built with gcc and
** the sanitizers): each file named on the command line is one input.
** Prints the plain closing line "N passed, N failed". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char **argv) {
  int nPass = 0, nFail = 0;
  for (int i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    static uint8_t buf[1 << 16];
    size_t n = f ? fread(buf, 1, sizeof(buf), f) : 0;
    if (!f) {
      fprintf(stderr, "cannot read %s\n", argv[i]);
      nFail++;
      continue;
    }
    fclose(f);
    LLVMFuzzerTestOneInput(buf, n); /* a failure aborts under the sanitizers */
    nPass++;
  }
  printf("%d passed, %d failed\n", nPass, nFail);
  return nFail != 0;
}
