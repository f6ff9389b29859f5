#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/log.h"
#include "db/db.h"
#include "fcgi/app.h"
#include "fcgi/http.h"
#include "services/service.h"

const char *
http_status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 204: return "No Content";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Unknown";
	}
}

void
response_json(struct request *r, int status, cJSON *body)
{
	cJSON_Delete(r->out);
	r->status = status;
	r->out = body;
}

void
response_detail(struct request *r, int status, const char *detail)
{
	cJSON	*o = cJSON_CreateObject();

	if (o != NULL)
		cJSON_AddStringToObject(o, "detail", detail);
	response_json(r, status, o);
}

void
response_header(struct request *r, const char *name, const char *value)
{
	const char	*line;

	/* Header injection is a bug in the caller, not input to answer. */
	if (strpbrk(name, "\r\n:") != NULL || strpbrk(value, "\r\n") != NULL)
		BUG("CR, LF or colon in a response header");
	if (r->nheaders == REQUEST_MAX_HEADERS)
		BUG("too many response headers");
	if ((line = arena_printf(r->arena, "%s: %s", name, value)) != NULL)
		r->headers[r->nheaders++] = line;
}

void
response_unauthorized(struct request *r, const char *detail)
{
	const char	*realm = r->app->conf->auth_realm;

	response_detail(r, 401, detail);
	/* Any other scheme than Basic keeps browsers from showing their
	 * login pop-up over the web console, which asks with XHR. */
	response_header(r, "WWW-Authenticate", arena_printf(r->arena,
	    "%s realm=\"%s\"", r->xhr ? "Cookie" : "Basic", realm));
}

void
response_not_found(struct request *r)
{
	response_detail(r, 404, "Not found.");
}

/* 5xx answers carry the request id, which is also in the log line. */
static void
response_server_error(struct request *r, int status, const char *detail)
{
	cJSON	*o = cJSON_CreateObject();

	if (o != NULL) {
		cJSON_AddStringToObject(o, "detail", detail);
		cJSON_AddStringToObject(o, "request_id", r->request_id);
	}
	response_json(r, status, o);
}

void
response_unavailable(struct request *r)
{
	response_server_error(r, 503,
	    "Service temporarily unavailable, try again later.");
	response_header(r, "Retry-After", "5");
}

void
response_internal_error(struct request *r)
{
	response_server_error(r, 500, "Internal server error.");
}

void
response_db_error(struct request *r, int rc)
{
	if (rc == DB_UNAVAILABLE)
		response_unavailable(r);
	else
		response_internal_error(r);
}

void
response_field_error(struct request *r, const char *field,
    const char *message)
{
	struct field_errors	fe;

	field_errors_init(&fe);
	field_errors_add(&fe, field, message);
	response_json(r, 400, field_errors_take(&fe));
}

void
response_missing(struct request *r, int rc)
{
	if (rc == 0 || rc == SVC_NOT_FOUND)
		response_not_found(r);
	else
		response_db_error(r, rc);
}

int
response_render(struct request *r, struct buf *b)
{
	char	*body = NULL;
	size_t	 blen = 0;
	int	 rc = 0;

	buf_reset(b);
	if (r->out != NULL) {
		if ((body = cJSON_PrintUnformatted(r->out)) == NULL)
			return -1;
		blen = strlen(body);
	}
	rc |= buf_printf(b, "Status: %d %s\r\n", r->status,
	    http_status_text(r->status));
	rc |= buf_puts(b, "X-Content-Type-Options: nosniff\r\n"
	    "Cache-Control: no-store\r\n");
	if (r->request_id != NULL)
		rc |= buf_printf(b, "X-Request-Id: %s\r\n", r->request_id);
	for (size_t i = 0; i < r->nheaders; i++)
		rc |= buf_printf(b, "%s\r\n", r->headers[i]);
	if (r->status != 204 && r->status != 304)
		rc |= buf_printf(b, "Content-Type: application/json; "
		    "charset=utf-8\r\nContent-Length: %zu\r\n", blen);
	rc |= buf_puts(b, "\r\n");
	if (r->method != HTTP_HEAD && r->status != 204 && blen > 0)
		rc |= buf_append(b, body, blen);
	cJSON_free(body);
	return rc == 0 ? 0 : -1;
}
