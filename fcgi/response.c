#include "config.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/json.h"
#include "core/log.h"
#include "db/db.h"
#include "fcgi/app.h"
#include "fcgi/http.h"

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
response_throttled(struct request *r, unsigned retry_after)
{
	char	retry[16];

	snprintf(retry, sizeof(retry), "%u", retry_after);
	response_detail(r, 429, arena_printf(r->arena,
	    "Request was throttled. Expected available in %u seconds.",
	    retry_after));
	response_header(r, "Retry-After", retry);
}

void
response_unavailable(struct request *r)
{
	outcome_detail_init(&r->detail);
	respond_outcome(r, OUTCOME_UNAVAILABLE);
}

void
response_internal_error(struct request *r)
{
	outcome_detail_init(&r->detail);
	respond_outcome(r, OUTCOME_ERROR);
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

bool
invalid(struct request *r, int rc)
{
	if (rc == 0)
		return false;
	response_json(r, 400, field_errors_take(&r->fe));
	return true;
}

void
respond_result(struct request *r, enum outcome rc, int status,
    render_fn render, const void *row)
{
	if (rc == OUTCOME_OK)
		response_json(r, status, render(row));
	else
		respond_outcome(r, rc);
}

static const int outcome_statuses[OUTCOME__MAX] = {
	[OUTCOME_OK] = 200,
	[OUTCOME_NOT_FOUND] = 404,
	/* DRF answers a unique key that is taken as a field error. */
	[OUTCOME_INVALID] = 400,
	[OUTCOME_CONFLICT] = 400,
	[OUTCOME_UNAUTHORIZED] = 401,
	[OUTCOME_UNAVAILABLE] = 503,
	[OUTCOME_BUSY] = 503,
	[OUTCOME_PROVIDER_FAILED] = 503,
	[OUTCOME_ERROR] = 500,
};

int
outcome_status(enum outcome rc)
{
	if (rc >= OUTCOME__MAX)
		BUG("unknown outcome");
	return outcome_statuses[rc];
}

void
respond_outcome(struct request *r, enum outcome rc)
{
	const struct outcome_detail	*d = &r->detail;
	const char			*text = d->text[0] != '\0' ? d->text :
					    NULL;
	int				 status = outcome_status(rc);

	if (rc == OUTCOME_OK)
		BUG("respond_outcome() of a success");
	if (rc == OUTCOME_UNAUTHORIZED) {
		/* with the challenge every 401 carries */
		response_unauthorized(r, text != NULL ? text :
		    "Authentication credentials were not provided.");
		return;
	}
	if (status >= 500) {
		/* What went wrong inside is in the log, not the answer;
		 * a provider's reason is the client's business. */
		if (rc == OUTCOME_PROVIDER_FAILED && text != NULL)
			response_server_error(r, status, text);
		else if (status == 503)
			response_server_error(r, status,
			    "Service temporarily unavailable, try again later.");
		else
			response_server_error(r, status,
			    "Internal server error.");
		if (status == 503)
			response_header(r, "Retry-After", "5");
	} else if (d->field != NULL)
		response_field_error(r, d->field, d->text);
	else if (text != NULL)
		response_detail(r, status, text);
	else if (status == 404)
		response_not_found(r);
	else
		response_detail(r, status, "Invalid input.");
}

/* Pictures are never changed in place: a new one gets a new name. */
#define MEDIA_MAX_AGE	(30 * 86400)

void
response_accel(struct request *r, const char *uri, const char *type)
{
	r->status = 200;
	r->accel_uri = uri;
	r->accel_type = type;
}

int
response_render(struct request *r, struct buf *b)
{
	char	*body = NULL;
	size_t	 blen = 0;
	int	 rc = 0;

	buf_reset(b);
	if (r->accel_uri != NULL)
		return buf_printf(b, "Status: 200 OK\r\nX-Accel-Redirect: %s\r\n"
		    "Content-Type: %s\r\nCache-Control: public, max-age=%d\r\n"
		    "Content-Length: 0\r\n\r\n", r->accel_uri, r->accel_type,
		    MEDIA_MAX_AGE) == 0 ? 0 : -1;
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
