/*
 * {{ service_name }}: a WAGI (CGI-style) service on the Platform edge.
 * Owned by team {{ team }}. Generated from template wagi-c.
 *
 * The edge runs this WASI command once per request: the request line and headers arrive in the
 * environment (REQUEST_METHOD, PATH_INFO below {{ route }}, QUERY_STRING, HTTP_<NAME>, ...), the
 * body on stdin. The answer is CGI headers, a blank line and the body on stdout; stderr lines
 * become the service's log.
 *
 * Routes (below {{ route }}):
 *   GET /healthz     health check used by the platform
 *   any /  or /echo  JSON echo of method, path and query
 *   anything else    404 as JSON
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SERVICE_NAME "{{ service_name }}"
#define GREETING "{{ greeting }}"
#define LOG_REQUESTS_{{ log_requests }} 1

static const char *env(const char *name) {
  const char *value = getenv(name);
  return value ? value : "";
}

/* Writes s as the contents of a JSON string (quotes not included). */
static void json_string(FILE *out, const char *s) {
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
      case '"': fputs("\\\"", out); break;
      case '\\': fputs("\\\\", out); break;
      case '\n': fputs("\\n", out); break;
      case '\r': fputs("\\r", out); break;
      case '\t': fputs("\\t", out); break;
      default:
        if (*p < 0x20) fprintf(out, "\\u%04x", *p);
        else fputc(*p, out);
    }
  }
}

/* One structured log line per request on stderr: {"route":"/x","method":"GET","status":200}. */
static void log_request(const char *method, const char *path, int status) {
#if !defined(LOG_REQUESTS_true)
  if (status < 400) return;
#endif
  fputs("{\"route\":\"", stderr);
  json_string(stderr, path);
  fputs("\",\"method\":\"", stderr);
  json_string(stderr, method);
  fprintf(stderr, "\",\"status\":%d}\n", status);
}

static int answer(int status, const char *reason) {
  if (status != 200) printf("Status: %d %s\n", status, reason);
  printf("Content-Type: application/json\n\n");
  return status;
}

int main(void) {
  const char *method = env("REQUEST_METHOD");
  const char *path = env("PATH_INFO");
  const char *query = env("QUERY_STRING");
  int status;

  if (strcmp(path, "/healthz") == 0) {
    status = answer(200, "OK");
    printf("{\"status\":\"ok\"}");
  } else if (path[0] == '\0' || strcmp(path, "/") == 0 || strcmp(path, "/echo") == 0) {
    status = answer(200, "OK");
    printf("{\"service\":\"" SERVICE_NAME "\",\"message\":\"" GREETING "\",\"method\":\"");
    json_string(stdout, method);
    printf("\",\"path\":\"");
    json_string(stdout, path[0] ? path : "/");
    printf("\",\"query\":\"");
    json_string(stdout, query);
    printf("\"}");
  } else {
    status = answer(404, "Not Found");
    printf("{\"error\":\"not found\"}");
  }
  log_request(method, path[0] ? path : "/", status);
  return 0;
}
