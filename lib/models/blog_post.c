#include "config.h"

#include <string.h>

#include <cjson/cJSON.h>

#include "core/json.h"
#include "core/timeutil.h"
#include "models/blog_post.h"

#define BLOG_POST_COLUMNS \
	"id, title, created_at, thumbnail, image, body_content, is_hidden"

enum blog_post_stmt {
	BLOG_POST_STMT_INSERT,
	BLOG_POST_STMT_GET,
	BLOG_POST_STMT_LOCK,
	BLOG_POST_STMT_UPDATE,
	BLOG_POST_STMT__MAX
};

static const char *const blog_post_sql[BLOG_POST_STMT__MAX] = {
	[BLOG_POST_STMT_INSERT] = "INSERT INTO blog_posts (title, created_at,"
	    " thumbnail, image, body_content, is_hidden) VALUES (?,?,?,?,?,?)",
	[BLOG_POST_STMT_GET] = "SELECT " BLOG_POST_COLUMNS
	    " FROM blog_posts WHERE id = ?",
	[BLOG_POST_STMT_LOCK] = "SELECT " BLOG_POST_COLUMNS
	    " FROM blog_posts WHERE id = ? FOR UPDATE",
	[BLOG_POST_STMT_UPDATE] = "UPDATE blog_posts SET title = ?,"
	    " body_content = ?, is_hidden = ? WHERE id = ?",
};

static void
blog_post_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct blog_post	*p = out;

	memset(p, 0, sizeof(*p));
	p->id = db_rows_int(r, i, 0);
	p->title = db_rows_str(r, i, 1);
	p->created_at = db_rows_time(r, i, 2);
	p->thumbnail = db_rows_str(r, i, 3);
	p->image = db_rows_str(r, i, 4);
	p->body_content = db_rows_str(r, i, 5);
	p->is_hidden = db_rows_int(r, i, 6) != 0;
}

const struct db_list blog_post_list_shown = {
	.count_sql = "SELECT COUNT(*) FROM blog_posts WHERE is_hidden = 0",
	.page_sql = "SELECT " BLOG_POST_COLUMNS " FROM blog_posts"
	    " WHERE is_hidden = 0 ORDER BY created_at DESC, id DESC"
	    " LIMIT ? OFFSET ?",
	.from_row = blog_post_from_row,
	.elem_size = sizeof(struct blog_post),
};

const struct db_list blog_post_list_all = {
	.count_sql = "SELECT COUNT(*) FROM blog_posts",
	.page_sql = "SELECT " BLOG_POST_COLUMNS " FROM blog_posts"
	    " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
	.from_row = blog_post_from_row,
	.elem_size = sizeof(struct blog_post),
};

const char *
blog_post_check_title(const char *title)
{
	return text_complaint(title, 1, BLOG_POST_TITLE_MAX,
	    TEXT_TOO_LONG(BLOG_POST_TITLE_MAX));
}

/* Whether every item of list is a string. */
static bool
all_strings(const cJSON *list)
{
	const cJSON	*it;

	if (!cJSON_IsArray(list))
		return false;
	cJSON_ArrayForEach(it, list)
		if (!cJSON_IsString(it))
			return false;
	return true;
}

/* One item of a body list: NULL when the app can draw it. */
static const char *
check_block(const cJSON *it)
{
	const cJSON	*type, *value;
	const char	*t;

	if (cJSON_IsString(it))
		return NULL;
	type = cJSON_GetObjectItemCaseSensitive(it, "type");
	value = cJSON_GetObjectItemCaseSensitive(it, "value");
	if (!cJSON_IsObject(it) || !cJSON_IsString(type))
		return "Each block is a string or an object with a type.";
	t = type->valuestring;
	if (strcmp(t, "paragraph") == 0 || strcmp(t, "heading") == 0 ||
	    strcmp(t, "image") == 0)
		return cJSON_IsString(value) ? NULL :
		    "A paragraph, heading or image block has a string value.";
	if (strcmp(t, "list") == 0 || strcmp(t, "numbered_list") == 0)
		return all_strings(value) ? NULL :
		    "A list block has a list of strings as its value.";
	return "A block's type is paragraph, heading, list, numbered_list or "
	    "image.";
}

const char *
blog_post_check_body(const char *json, size_t len)
{
	const char	*why = NULL;
	const cJSON	*it;
	cJSON		*body;

	if ((body = json_parse(json, len, NULL)) == NULL)
		return "The body is not JSON.";
	if (cJSON_IsArray(body)) {
		cJSON_ArrayForEach(it, body)
			if ((why = check_block(it)) != NULL)
				break;
	} else if (!cJSON_IsString(body))
		why = "The body is a string or a list of blocks.";
	cJSON_Delete(body);
	return why;
}

enum outcome
blog_post_insert(struct db *db, struct blog_post *p)
{
	uint64_t	id = 0;
	enum outcome	rc;

	if (p->created_at == 0)
		p->created_at = time_now_us();
	rc = db_exec(db, blog_post_sql[BLOG_POST_STMT_INSERT], DB_ARGS(
	    DB_STR_OR_EMPTY(p->title), DB_TIME(p->created_at),
	    DB_STR_OR_NULL(p->thumbnail), DB_STR_OR_NULL(p->image),
	    DB_STR_OR_EMPTY(p->body_content), DB_INT(p->is_hidden)), NULL,
	    &id);
	if (rc == OUTCOME_OK)
		p->id = (int64_t)id;
	return rc;
}

enum outcome
blog_post_get(struct db *db, struct arena *a, int64_t id,
    struct blog_post *out)
{
	return db_query_one(db, blog_post_sql[BLOG_POST_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, blog_post_from_row, out);
}

enum outcome
blog_post_lock(struct db *db, struct arena *a, int64_t id,
    struct blog_post *out)
{
	return db_query_one(db, blog_post_sql[BLOG_POST_STMT_LOCK],
	    DB_ARGS(DB_INT(id)), a, blog_post_from_row, out);
}

enum outcome
blog_post_update(struct db *db, const struct blog_post *p)
{
	return db_exec(db, blog_post_sql[BLOG_POST_STMT_UPDATE], DB_ARGS(
	    DB_STR_OR_EMPTY(p->title), DB_STR_OR_EMPTY(p->body_content),
	    DB_INT(p->is_hidden), DB_INT(p->id)), NULL, NULL);
}
