#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "fcgi/app.h"
#include "fcgi/paginate.h"
#include "fcgi/validate.h"

/* A positive integer of at most 9 digits, or -1. */
static int64_t
parse_positive(const char *s)
{
	int64_t	v = 0;
	size_t	n = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++, n++) {
		if (!isdigit((unsigned char)*s) || n == 9)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v > 0 ? v : -1;
}

/* Host as sent, if it is a plain host[:port]; NULL otherwise. */
static const char *
safe_host(const char *h)
{
	if (h == NULL || *h == '\0')
		return NULL;
	for (const char *p = h; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr(".-:[]", *p) == NULL)
			return NULL;
	return h;
}

/*
 * The URL of this list at page (0: without a page parameter), keeping the
 * other query parameters as the client sent them.
 */
static char *
page_url(struct request *r, int64_t page)
{
	const char	*base = r->app->conf->app_public_base_url;
	const char	*host = safe_host(r->host), *p = r->query;
	struct buf	 b;
	char		*out;
	int		 first = 1;

	buf_init(&b, 8192);
	if (base != NULL && *base != '\0')
		buf_printf(&b, "%s%s", base, r->path);
	else
		buf_printf(&b, "%s://%s%s", r->scheme, host ? host : "localhost",
		    r->path);
	while (p != NULL && *p != '\0') {
		const char	*amp = strchr(p, '&');
		size_t		 len = amp ? (size_t)(amp - p) : strlen(p);

		if (len > 0 && !(len >= 4 && strncmp(p, "page", 4) == 0 &&
		    (len == 4 || p[4] == '='))) {
			buf_putc(&b, first ? '?' : '&');
			buf_append(&b, p, len);
			first = 0;
		}
		p = amp ? amp + 1 : NULL;
	}
	if (page > 0)
		buf_printf(&b, "%cpage=%lld", first ? '?' : '&',
		    (long long)page);
	out = b.data != NULL ? arena_strdup(r->arena, b.data) : NULL;
	buf_release(&b);
	return out;
}

struct list_filter
list_mine(const struct request *r)
{
	return (struct list_filter){ .user_id = r->user.id };
}

void
respond_list_since(struct request *r, const struct db_list *all,
    const struct db_list *since, render_fn render)
{
	struct list_filter	f = list_mine(r);

	if (invalid(r, validate_since_id(request_query(r, "since_id"),
	    &f.since_id, &r->fe)))
		return;
	respond_list(r, f.since_id > 0 ? since : all, f, render);
}

/* One page of a list, and where it stands in the list. */
struct list_page {
	int64_t		 size, page, total;
	void		*rows;
	size_t		 n;
};

/*
 * A counted list, whose page says how long the list is: one round trip.
 * 0, or -1 when it answered.  An empty page past the first is past the
 * end (the list has at most (page - 1) * size rows): 404, as DRF says.
 */
static int
fetch_counted(struct request *r, const struct db_list *l,
    const struct list_filter *f, const char *pg, struct list_page *p)
{
	enum outcome	rc;

	p->page = pg == NULL ? 1 : parse_positive(pg);
	if (p->page < 1) {
		response_detail(r, 404, "Invalid page.");
		return -1;
	}
	if ((rc = db_list_fetch_counted(r->app->db, r->arena, l, f,
	    (p->page - 1) * p->size, p->size, &p->rows, &p->n, &p->total)) !=
	    OUTCOME_OK) {
		respond_outcome(r, rc);
		return -1;
	}
	if (p->total < 0) {
		if (p->page > 1) {
			response_detail(r, 404, "Invalid page.");
			return -1;
		}
		p->total = 0;
	}
	return 0;
}

/* Any list: its count first (which "last" needs), then the page. */
static int
fetch_uncounted(struct request *r, const struct db_list *l,
    const struct list_filter *f, const char *pg, struct list_page *p)
{
	enum outcome	rc;
	int64_t		pages;

	if ((rc = db_list_count(r->app->db, l, f, &p->total)) != OUTCOME_OK) {
		respond_outcome(r, rc);
		return -1;
	}
	pages = p->total > 0 ? (p->total + p->size - 1) / p->size : 1;
	if (pg == NULL)
		p->page = 1;
	else if (strcmp(pg, "last") == 0)
		p->page = pages;
	else
		p->page = parse_positive(pg);
	if (p->page < 1 || p->page > pages) {
		response_detail(r, 404, "Invalid page.");
		return -1;
	}
	if ((rc = db_list_fetch(r->app->db, r->arena, l, f,
	    (p->page - 1) * p->size, p->size, &p->rows, &p->n)) !=
	    OUTCOME_OK) {
		respond_outcome(r, rc);
		return -1;
	}
	return 0;
}

void
respond_list(struct request *r, const struct db_list *l,
    struct list_filter f, render_fn render)
{
	const char			*pg = request_query(r, "page");
	struct list_page		 p;
	int64_t				 pages;
	cJSON				*o, *results;

	memset(&p, 0, sizeof(p));
	/* The Android app reads the first page only: with no page_size its
	 * lists come whole, up to the largest page. */
	if ((p.size = parse_positive(request_query(r, "page_size"))) < 0)
		p.size = strncmp(r->path, APP_PATH_PREFIX,
		    strlen(APP_PATH_PREFIX)) == 0 ? PAGE_SIZE_MAX :
		    PAGE_SIZE_DEFAULT;
	if (p.size > PAGE_SIZE_MAX)
		p.size = PAGE_SIZE_MAX;
	if ((l->counted && (pg == NULL || strcmp(pg, "last") != 0) ?
	    fetch_counted(r, l, &f, pg, &p) :
	    fetch_uncounted(r, l, &f, pg, &p)) == -1)
		return;
	pages = p.total > 0 ? (p.total + p.size - 1) / p.size : 1;
	o = cJSON_CreateObject();
	results = cJSON_CreateArray();
	for (size_t i = 0; i < p.n; i++)
		cJSON_AddItemToArray(results,
		    render((const unsigned char *)p.rows + i * l->elem_size));
	cJSON_AddNumberToObject(o, "count", (double)p.total);
	if (p.page < pages)
		cJSON_AddStringToObject(o, "next", page_url(r, p.page + 1));
	else
		cJSON_AddNullToObject(o, "next");
	if (p.page > 1)
		cJSON_AddStringToObject(o, "previous",
		    page_url(r, p.page == 2 ? 0 : p.page - 1));
	else
		cJSON_AddNullToObject(o, "previous");
	cJSON_AddItemToObject(o, "results", results);
	response_json(r, 200, o);
}
