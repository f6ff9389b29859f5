/*
 * DRF-style pagination: ?page= and ?page_size=, answered with
 * {"count", "next", "previous", "results"}.  next and previous are
 * absolute URLs that work from the client's side of nginx: the
 * configured [app] public_base_url, else the scheme and Host the client
 * used.
 */
#ifndef MT_PAGINATE_H
#define MT_PAGINATE_H

#include <stdint.h>

#include "fcgi/http.h"

#define PAGE_SIZE_DEFAULT	100
#define PAGE_SIZE_MAX		1000

/* Counts the rows of the list: an enum db_rc. */
typedef int (*list_count_fn)(struct request *r, int64_t *count);
/* Appends the rows [offset, offset + limit) to results: an enum db_rc. */
typedef int (*list_fetch_fn)(struct request *r, int64_t offset,
	    int64_t limit, cJSON *results);

/*
 * Answers a list request: 200 with the page, 404 {"detail": "Invalid
 * page."} for a page that is not a positive number or is past the end (the
 * first page always exists), 503/500 when the database fails.
 */
void	respond_list(struct request *r, list_count_fn count,
	    list_fetch_fn fetch);

#endif
