#include "config.h"

#include "core/log.h"
#include "db/list.h"

/*
 * Binds the filter values l names into vals; returns how many.  Room is
 * left for the two of a page (LIMIT, OFFSET).
 */
static size_t
list_bind(const enum list_param *params, const struct list_filter *f,
    struct db_val vals[LIST_MAX_PARAMS + 2])
{
	size_t	n = 0;

	for (; n < LIST_MAX_PARAMS && params[n] != LIST_END; n++) {
		switch (params[n]) {
		case LIST_USER:
			vals[n] = DB_INT(f->user_id);
			break;
		case LIST_SINCE:
			vals[n] = DB_INT(f->since_id);
			break;
		case LIST_STATUS:
			vals[n] = DB_STR_OR_NULL(f->status);
			break;
		case LIST_CATEGORY:
			vals[n] = DB_INT(f->category_id);
			break;
		default:
			BUG("unknown list parameter");
		}
	}
	return n;
}

enum outcome
db_list_count(struct db *db, const struct db_list *l,
    const struct list_filter *f, int64_t *count)
{
	struct db_val	vals[LIST_MAX_PARAMS + 2];
	size_t		n = list_bind(l->count_params != NULL ? l->count_params :
			    l->params, f, vals);

	return db_count(db, l->count_sql, vals, n, count);
}

enum outcome
db_list_fetch(struct db *db, struct arena *a, const struct db_list *l,
    const struct list_filter *f, int64_t offset, int64_t limit, void **rows,
    size_t *n)
{
	struct db_val	vals[LIST_MAX_PARAMS + 2];
	size_t		nvals = list_bind(l->params, f, vals);

	vals[nvals++] = DB_INT(limit);
	vals[nvals++] = DB_INT(offset);
	return db_query_list(db, l->page_sql, vals, nvals, a, l->elem_size,
	    l->from_row, rows, n);
}

enum outcome
db_list_fetch_counted(struct db *db, struct arena *a, const struct db_list *l,
    const struct list_filter *f, int64_t offset, int64_t limit, void **rows,
    size_t *n, int64_t *total)
{
	struct db_val	 vals[LIST_MAX_PARAMS + 2];
	size_t		 nvals = list_bind(l->params, f, vals);
	struct db_rows	 res;
	enum outcome	 rc;

	if (!l->counted)
		BUG("db_list_fetch_counted on a list without its total");
	*rows = NULL;
	*n = 0;
	*total = -1;
	vals[nvals++] = DB_INT(limit);
	vals[nvals++] = DB_INT(offset);
	if ((rc = db_query(db, l->page_sql, vals, nvals, a, &res)) !=
	    OUTCOME_OK ||
	    (rc = db_rows_to_array(&res, a, l->elem_size, l->from_row, rows,
	    n)) != OUTCOME_OK)
		return rc;
	if (res.nrows > 0)
		*total = db_rows_int(&res, 0, res.ncols - 1);
	return OUTCOME_OK;
}
