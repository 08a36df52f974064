/* Prints its headers, then never finishes: the node must stop it at the deadline and answer 504. */
#include <stdio.h>

static volatile unsigned long spins;

int main(void) {
  printf("Content-Type: text/plain\n\n");
  fflush(stdout);
  for (;;) spins++;
}
