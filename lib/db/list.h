/*
 * Lists of rows, each described once, by the model that owns the rows:
 * the query that counts them, the query that reads one page, which
 * values of a filter the two bind (in order), and how a row becomes the
 * model's struct.  fcgi/ pages any list with one function
 * (respond_list()); the worker and mentorshipctl read them with
 * db_list_fetch().  A new list is a new const struct db_list: no code.
 */
#ifndef MT_DB_LIST_H
#define MT_DB_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

/* A value a list's queries bind; 0 ends the list of parameters. */
enum list_param {
	LIST_END,
	LIST_USER,	/* filter.user_id */
	LIST_SINCE,	/* filter.since_id */
	LIST_STATUS,	/* filter.status */
	LIST_CATEGORY,	/* filter.category_id */
	LIST_PARAM__MAX
};

#define LIST_MAX_PARAMS	6

/* The values a list may be narrowed by; each list binds its own. */
struct list_filter {
	int64_t		 user_id;
	int64_t		 since_id;	/* ids above it; 0 binds as 0 */
	const char	*status;
	int64_t		 category_id;
};

struct db_list {
	const char		*count_sql;	/* SELECT COUNT(*) ... */
	const char		*page_sql;	/* ... LIMIT ? OFFSET ? */
	enum list_param		 params[LIST_MAX_PARAMS];	/* LIST_END-ended */
	/* What count_sql binds when it differs from page_sql (a page that
	 * computes a column per user, say); NULL: params. */
	const enum list_param	*count_params;
	db_row_fn		 from_row;
	size_t			 elem_size;	/* of the model's struct */
	/*
	 * page_sql ends its columns with the list's total (LIST_TOTAL):
	 * a page and its count in one round trip.  Only for lists bounded
	 * by their filter (one person's rows), since the window reads
	 * every row of the list to count it.
	 */
	bool			 counted;
};

/* The last column of a counted list's page_sql. */
#define LIST_TOTAL	", COUNT(*) OVER ()"

/* For .count_params: a count that binds nothing. */
#define LIST_NO_PARAMS	((const enum list_param[]){ LIST_END })

/* How many rows the list has under f. */
enum outcome	db_list_count(struct db *db, const struct db_list *l,
		    const struct list_filter *f, int64_t *count);
/*
 * Rows [offset, offset + limit) of the list under f, as an array of
 * l->elem_size structs in a (*rows, *n).
 */
enum outcome	db_list_fetch(struct db *db, struct arena *a,
		    const struct db_list *l, const struct list_filter *f,
		    int64_t offset, int64_t limit, void **rows, size_t *n);
/*
 * The same for a counted list, with its total in *total; -1 there when
 * the page is empty (past the end, or the list is), which the page alone
 * cannot tell apart.
 */
enum outcome	db_list_fetch_counted(struct db *db, struct arena *a,
		    const struct db_list *l, const struct list_filter *f,
		    int64_t offset, int64_t limit, void **rows, size_t *n,
		    int64_t *total);

#endif
