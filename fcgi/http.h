/*
 * One HTTP request as the FastCGI program sees it, and its response.
 *
 * Everything here lives in the request's arena.  Only fcgi/ knows HTTP
 * status codes: handlers set them on the response, lib/ never does.
 */
#ifndef MT_HTTP_H
#define MT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cjson/cJSON.h>

#include "auth/session.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/json.h"
#include "core/outcome.h"
#include "models/user.h"

enum http_method {
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE,
	HTTP_OPTIONS,
	HTTP_METHOD__MAX
};

extern const char *const http_method_names[HTTP_METHOD__MAX];

#define REQUEST_MAX_IDS		4
#define REQUEST_MAX_HEADERS	8

struct app;

struct request {
	struct arena		*arena;
	struct app		*app;		/* borrowed: the worker */
	enum http_method	 method;
	const char		*method_name;
	const char		*path;		/* without the query */
	const char		*query;		/* "" when none */
	const char		*content_type;	/* NULL when none */
	size_t			 content_length;
	const char		*authorization;	/* NULL when none */
	const char		*session_token;	/* mt_session cookie, or NULL */
	const char		*csrf_token;	/* X-CSRF-Token, or NULL */
	/* a signed webhook's X-Mentorship-Timestamp and -Signature */
	const char		*signature_timestamp;
	const char		*signature;
	bool			 xhr;		/* X-Requested-With: XMLHttpRequest */
	const char		*request_id;
	const char		*remote_addr;
	const char		*scheme;	/* "https" or "http" */
	const char		*host;		/* Host as the client sent it */
	const char		*body;
	size_t			 body_len;
	cJSON			*json;		/* parsed body, or NULL */
	int64_t			 ids[REQUEST_MAX_IDS];	/* from the path */
	size_t			 nids;
	struct user		 user;
	bool			 authenticated;
	const char		*auth_via;	/* "cache", "argon2", "session", "-" */
	struct session		*session;	/* when auth_via is "session" */
	/* what the handler learnt: a validator's errors, an operation's
	 * detail (both empty at the start; released with the request) */
	struct field_errors	 fe;
	struct outcome_detail	 detail;
	/* response */
	int			 status;
	cJSON			*out;		/* body, or NULL for none */
	const char		*headers[REQUEST_MAX_HEADERS];	/* "Name: v" */
	size_t			 nheaders;
	/* a file nginx sends instead of a body (response_accel) */
	const char		*accel_uri;
	const char		*accel_type;
};

/*
 * Fills r from FastCGI parameters ("NAME=value" strings, NULL-ended).
 * Returns 0, or -1 when the method is unknown (r->status set to 405 or
 * 400).  Body and JSON are read separately.
 */
int	request_from_params(struct request *r, struct arena *a,
	    char **params);
/*
 * Decodes a Basic Authorization header.  Returns 1 with *user and *pass
 * set (in a), 0 when the header is not Basic, -1 when it is malformed
 * (*why says how, DRF's wording).
 */
int	request_parse_basic(struct arena *a, const char *header,
	    const char **user, const char **pass, const char **why);
/* The percent-decoded value of a query parameter (in r->arena), or NULL. */
const char *request_query(struct request *r, const char *name);

/* ---- responses ---- */

/* Sets status and a JSON body (r takes the tree). */
void	response_json(struct request *r, int status, cJSON *body);
/* Sets status and {"detail": detail}. */
void	response_detail(struct request *r, int status, const char *detail);
/* Adds a header line "Name: value" (copied; CR/LF refused). */
void	response_header(struct request *r, const char *name,
	    const char *value);
/*
 * Has nginx answer with the file at uri (one of its internal locations)
 * in its place: X-Accel-Redirect, with the file's media type.  For
 * public files whose names never change (the pictures of media/store.h).
 */
void	response_accel(struct request *r, const char *uri, const char *type);
/* The standard answers of DESIGN.md's error conventions. */
void	response_unauthorized(struct request *r, const char *detail);
void	response_not_found(struct request *r);
void	response_unavailable(struct request *r);
/* 429, to come back after retry_after seconds (Retry-After). */
void	response_throttled(struct request *r, unsigned retry_after);
void	response_internal_error(struct request *r);
/* 400 {field: [message]}: one field's error. */
void	response_field_error(struct request *r, const char *field,
	    const char *message);
/*
 * A validator's verdict (fcgi/validate.h): false when rc is 0, else true
 * with the 400 of the errors in r->fe answered, so that a handler reads
 *     if (invalid(r, validate_x(r->json, r->arena, &in, &r->fe)))
 *         return;
 */
bool	invalid(struct request *r, int rc);
/* One object as JSON: row is the model's struct (fcgi/render.h). */
typedef cJSON *(*render_fn)(const void *row);
/*
 * The answer of an operation that yields one object: status with
 * render(row) when rc is OUTCOME_OK, else respond_outcome().
 */
void	respond_result(struct request *r, enum outcome rc, int status,
	    render_fn render, const void *row);
/* The HTTP status of an outcome: the one table of them. */
int	outcome_status(enum outcome rc);
/*
 * Answers an outcome other than OUTCOME_OK with its status and, from
 * r->detail (what the operation said), its body: {field: [text]} when it
 * names a field, else {"detail": text} (none: the status's standard
 * sentence).  5xx answers carry the request id; 503s a Retry-After.
 */
void	respond_outcome(struct request *r, enum outcome rc);
/*
 * Serialises the response (status line, headers, body) into b, which is
 * emptied first.  0, or -1 when it does not fit.
 */
int	response_render(struct request *r, struct buf *b);
const char *http_status_text(int status);

#endif
