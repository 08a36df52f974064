/* Allocates 1 MiB blocks until malloc returns NULL, then answers 500 with the amount it got.
 * The node's memory limit must turn runaway allocation into a NULL, not a host crash. */
#include <stdlib.h>
#include <string.h>

#include "platform_edge.h"

typedef struct block { struct block *next; } block;

void platform_handle(const pe_request *req, pe_response *resp) {
  (void)req;
  block *head = NULL;
  unsigned mib = 0;
  for (;;) {
    block *b = malloc(1024 * 1024);
    if (b == NULL) break;
    memset(b, 0xAB, 1024 * 1024);
    b->next = head;
    head = b;
    mib++;
  }
  while (head != NULL) {
    block *next = head->next;
    free(head);
    head = next;
  }
  pe_response_set_status(resp, 500);
  pe_response_set_body_str(resp, "out of memory after ");
  pe_response_append_uint(resp, mib);
  pe_response_append_str(resp, " MiB");
}
