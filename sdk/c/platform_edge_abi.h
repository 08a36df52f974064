/* The SDK's private canonical-ABI shapes shared by the exports (platform_edge.c, events/) and the imports
 * (platform_edge_imports.c): how content (a body, a key-value value, event data) and a response are laid
 * out in the version built for. */
#ifndef PLATFORM_EDGE_ABI_H
#define PLATFORM_EDGE_ABI_H

#include "platform_edge.h"

#if PE_CONTENT_VARIANT
/* variant content { text(string), bytes(list<u8>) }: the case as a u8 at 0, (ptr, len) at 4. A string
 * and a list<u8> have the same layout, so only the case differs. */
typedef struct { uint8_t tag; pe_bytes bytes; } pe_abi_content;
enum { PE_CONTENT_TEXT = 0, PE_CONTENT_BYTES = 1 };
_Static_assert(sizeof(pe_abi_content) == 12, "content variant is 12 bytes, payload at 4");

/* Text when valid UTF-8 (the host copies it as one string), bytes otherwise. */
static inline uint32_t pe__content_case(const void *data, size_t len) {
  return pe_utf8_valid(data, len) ? PE_CONTENT_TEXT : PE_CONTENT_BYTES;
}
static inline pe_abi_content pe__abi_content(pe_bytes bytes) {
  pe_abi_content content = { (uint8_t)pe__content_case(bytes.ptr, bytes.len), bytes };
  return content;
}
static inline pe_bytes *pe__abi_content_bytes(pe_abi_content *content) { return &content->bytes; }
#else
/* Before 0.3.0 content is a list<u8>. */
typedef pe_bytes pe_abi_content;
static inline pe_abi_content pe__abi_content(pe_bytes bytes) { return bytes; }
static inline pe_bytes *pe__abi_content_bytes(pe_abi_content *content) { return content; }
#endif

/* The `response` record: u16 at 0, headers at 4, body at 12 (20 bytes; 24 with the content variant). */
typedef struct {
  uint16_t status;
  pe_headers headers;
  pe_abi_content body;
} pe_abi_response;
_Static_assert(sizeof(pe_abi_response) == (PE_CONTENT_VARIANT ? 24 : 20), "response record size");
_Static_assert(offsetof(pe_abi_response, headers) == 4, "response.headers at 4");
_Static_assert(offsetof(pe_abi_response, body) == 12, "response.body at 12");

void pe__free_headers(pe_headers *headers);

#endif /* PLATFORM_EDGE_ABI_H */
