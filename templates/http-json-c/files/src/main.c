/*
 * {{ service_name }}: HTTP JSON API on the Platform edge.
 * Owned by team {{ team }}. Generated from template http-json-c.
 *
 * Routes (below {{ route }}):
 *   GET  /         a JSON greeting
 *   GET  /healthz  health check used by the platform
 *   anything else  404 as JSON
 */
#include "../platform/platform_edge.h"
#include <string.h>

#define SERVICE_NAME "{{ service_name }}"
#define ROUTE "{{ route }}"
#define GREETING "{{ greeting }}"
#define LOG_LEVEL_{{ log_level }} 1

static void json(pe_response *resp, uint16_t status, const char *body) {
  pe_response_set_status(resp, status);
  pe_response_add_header(resp, "content-type", "application/json");
  pe_response_set_body_str(resp, body);
}

/* One structured log line per request: {"route":"/x","method":"GET","status":200}. */
static void log_request(const pe_request *req, pe_string path, uint16_t status) {
#if defined(LOG_LEVEL_warn)
  if (status < 400) return;
#endif
  pe_response line = {0};
  pe_response_append_str(&line, "{\"route\":\"");
  pe_response_append_body(&line, path.ptr, path.len);
  pe_response_append_str(&line, "\",\"method\":\"");
  pe_response_append_body(&line, req->method.ptr, req->method.len);
  pe_response_append_str(&line, "\",\"status\":");
  pe_response_append_uint(&line, status);
  pe_response_append_str(&line, "}");
  pe_log_n(status >= 500 ? PE_LOG_ERROR : PE_LOG_INFO, (const char *)line.body.ptr, line.body.len);
  pe_response_free(&line);
}

void platform_handle(const pe_request *req, pe_response *resp) {
  pe_string path = pe_request_path(req);
  /* The edge passes the full path; strip this service's route prefix. */
  size_t prefix = strlen(ROUTE);
  pe_string rest = { path.ptr + prefix, path.len >= prefix ? path.len - prefix : 0 };

  if (rest.len == 0 || pe_string_eq(rest, "/")) {
    json(resp, 200, "{\"service\":\"" SERVICE_NAME "\",\"message\":\"" GREETING "\"}");
  } else if (pe_string_eq(rest, "/healthz")) {
    json(resp, 200, "{\"status\":\"ok\"}");
  } else {
    json(resp, 404, "{\"error\":\"not found\"}");
  }
  log_request(req, path, resp->status);
}
