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

#include "db/list.h"
#include "fcgi/http.h"

#define PAGE_SIZE_DEFAULT	100
#define PAGE_SIZE_MAX		1000

/*
 * Answers a list request with the rows of list l under filter f, each
 * drawn by render: 200 with the page, 404 {"detail": "Invalid page."} for
 * a page that is not a positive number or is past the end (the first page
 * always exists), 503/500 when the database fails.  A handler's whole
 * work for a list, so that a list endpoint is a line of fcgi/routes.def,
 * a handler that calls this and the model's const struct db_list.
 */
void	respond_list(struct request *r, const struct db_list *l,
	    struct list_filter f, render_fn render);
/* The filter of lists that need none. */
#define LIST_ALL	((struct list_filter){ 0 })
/* The filter of the authenticated user's own rows. */
struct list_filter	list_mine(const struct request *r);
/*
 * respond_list() of the user's own rows with ?since_id= (400 when it is
 * not a positive integer): list since when it is given (the console's
 * polling), else all.
 */
void	respond_list_since(struct request *r, const struct db_list *all,
	    const struct db_list *since, render_fn render);

#endif
