#include "config.h"

#include <string.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "models/category.h"

enum category_stmt {
	CATEGORY_STMT_INSERT,
	CATEGORY_STMT_GET,
	CATEGORY_STMT_LOCK,
	CATEGORY_STMT_UPDATE,
	CATEGORY_STMT_GET_SHOWN,
	CATEGORY_STMT_MILESTONE,
	CATEGORY_STMT__MAX
};

#define CATEGORY_COLUMNS \
	"id, title, color, image, about, goal, is_hidden, ordinal, created_at"

static const char *const category_sql[CATEGORY_STMT__MAX] = {
	[CATEGORY_STMT_INSERT] = "INSERT INTO categories (title, color, image,"
	    " about, goal, is_hidden, ordinal, created_at)"
	    " VALUES (?,?,?,?,?,?,?,?)",
	[CATEGORY_STMT_GET] = "SELECT " CATEGORY_COLUMNS
	    " FROM categories WHERE id = ?",
	[CATEGORY_STMT_LOCK] = "SELECT " CATEGORY_COLUMNS
	    " FROM categories WHERE id = ? FOR UPDATE",
	[CATEGORY_STMT_UPDATE] = "UPDATE categories SET title = ?, color = ?,"
	    " about = ?, goal = ?, is_hidden = ?, ordinal = ? WHERE id = ?",
	[CATEGORY_STMT_GET_SHOWN] = "SELECT " CATEGORY_COLUMNS
	    " FROM categories WHERE id = ? AND is_hidden = 0",
	[CATEGORY_STMT_MILESTONE] = "INSERT INTO milestones (mentor_id,"
	    " category_id, reached_at) VALUES (?,?,?)",
};

static void
category_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct category	*c = out;

	memset(c, 0, sizeof(*c));
	c->id = db_rows_int(r, i, 0);
	c->title = db_rows_str(r, i, 1);
	c->color = db_rows_str(r, i, 2);
	c->image = db_rows_str(r, i, 3);
	c->about = db_rows_str(r, i, 4);
	c->goal = db_rows_str(r, i, 5);
	c->is_hidden = db_rows_int(r, i, 6) != 0;
	c->ordinal = db_rows_int(r, i, 7);
	c->created_at = db_rows_time(r, i, 8);
}

const struct db_list category_list_shown = {
	.count_sql = "SELECT COUNT(*) FROM categories WHERE is_hidden = 0",
	.page_sql = "SELECT " CATEGORY_COLUMNS " FROM categories"
	    " WHERE is_hidden = 0 ORDER BY ordinal, id LIMIT ? OFFSET ?",
	.from_row = category_from_row,
	.elem_size = sizeof(struct category),
};

const struct db_list category_list_all = {
	.count_sql = "SELECT COUNT(*) FROM categories",
	.page_sql = "SELECT " CATEGORY_COLUMNS " FROM categories"
	    " ORDER BY ordinal, id LIMIT ? OFFSET ?",
	.from_row = category_from_row,
	.elem_size = sizeof(struct category),
};

const char *
category_check_title(const char *title)
{
	return text_complaint(title, 1, CATEGORY_TITLE_MAX,
	    TEXT_TOO_LONG(CATEGORY_TITLE_MAX));
}

const char *
category_check_text(const char *text)
{
	return text_complaint(text, 0, CATEGORY_TEXT_MAX,
	    TEXT_TOO_LONG(CATEGORY_TEXT_MAX));
}

const char *
category_check_color(const char *color)
{
	if (*color == '\0' || (color[0] == '#' && strlen(color) == 7 &&
	    strspn(color + 1, "0123456789abcdefABCDEF") == 6))
		return NULL;
	return "Enter a colour as #rrggbb (six hexadecimal digits), or "
	    "leave it empty for the app to choose one.";
}

enum outcome
category_insert(struct db *db, struct category *c)
{
	uint64_t	id = 0;
	enum outcome	rc;

	c->created_at = time_now_us();
	rc = db_exec(db, category_sql[CATEGORY_STMT_INSERT], DB_ARGS(
	    DB_STR_OR_EMPTY(c->title), DB_STR_OR_EMPTY(c->color),
	    DB_STR_OR_NULL(c->image), DB_STR_OR_EMPTY(c->about),
	    DB_STR_OR_EMPTY(c->goal), DB_INT(c->is_hidden),
	    DB_INT(c->ordinal), DB_TIME(c->created_at)), NULL, &id);
	if (rc == OUTCOME_OK)
		c->id = (int64_t)id;
	return rc;
}

enum outcome
category_get(struct db *db, struct arena *a, int64_t id, struct category *out)
{
	return db_query_one(db, category_sql[CATEGORY_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, category_from_row, out);
}

enum outcome
category_lock(struct db *db, struct arena *a, int64_t id,
    struct category *out)
{
	return db_query_one(db, category_sql[CATEGORY_STMT_LOCK],
	    DB_ARGS(DB_INT(id)), a, category_from_row, out);
}

enum outcome
category_update(struct db *db, const struct category *c)
{
	return db_exec(db, category_sql[CATEGORY_STMT_UPDATE], DB_ARGS(
	    DB_STR_OR_EMPTY(c->title), DB_STR_OR_EMPTY(c->color),
	    DB_STR_OR_EMPTY(c->about), DB_STR_OR_EMPTY(c->goal),
	    DB_INT(c->is_hidden), DB_INT(c->ordinal), DB_INT(c->id)), NULL,
	    NULL);
}

enum outcome
category_get_shown(struct db *db, struct arena *a, int64_t id,
    struct category *out)
{
	return db_query_one(db, category_sql[CATEGORY_STMT_GET_SHOWN],
	    DB_ARGS(DB_INT(id)), a, category_from_row, out);
}

enum outcome
category_record_milestone(struct db *db, int64_t mentor_id,
    int64_t category_id)
{
	return db_exec(db, category_sql[CATEGORY_STMT_MILESTONE], DB_ARGS(
	    DB_INT(mentor_id), DB_INT(category_id), DB_TIME(time_now_us())),
	    NULL, NULL);
}
