/*
 * The app's content managed without SQL, through nginx: the admin API
 * (/admin/category, /admin/activity, /admin/blog: create, change, hide,
 * show, order, pictures in each slot), what it refuses without writing
 * anything, who may use it, what the Android app then lists (exactly the
 * items shown, in their order), and mentorshipctl's content commands
 * doing the same through the same library.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"
#include "pair.h"
#include "pictures.h"
#include "sql.h"

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(content, .init = suite_init);

/* An id that no content has. */
#define NO_SUCH_ID	987654321

/* ---- helpers ---- */

/* method path as the stack's admin, with a JSON body (or none). */
static void
admin(const char *method, const char *path, const char *body,
    struct resp *out)
{
	struct req	q = { .method = method, .url = path,
			    .user = env("MT_ADMIN_USER"),
			    .pass = env("MT_ADMIN_PASS"),
			    .content_type = body != NULL ? "application/json" :
			    NULL, .body = body };

	http(&q, out);
}

/* admin() that must answer status; the body's JSON stays in *out. */
static void
admin_expect(const char *method, const char *path, const char *body,
    long status, struct resp *out)
{
	admin(method, path, body, out);
	cr_assert_eq(out->status, status, "%s %s: %ld %s", method, path,
	    out->status, out->body);
}

#define BOUNDARY	"----ConsoleFormBoundary7MA4YWxk"

/* PUT path: a multipart form with one part "image" as a browser sends
 * it, by user (NULL: the admin). */
static void
upload_as(const char *user, const char *pass, const char *path,
    const void *data, size_t len, struct resp *out)
{
	static const char	 head[] = "--" BOUNDARY "\r\n"
	    "Content-Disposition: form-data; name=\"image\"; "
	    "filename=\"picture.png\"\r\nContent-Type: image/png\r\n\r\n";
	static const char	 tail[] = "\r\n--" BOUNDARY "--\r\n";
	size_t			 blen = strlen(head) + len + strlen(tail);
	char			*body = malloc(blen);
	struct req		 q = { .method = "PUT", .url = path,
				    .user = user != NULL ? user :
				    env("MT_ADMIN_USER"), .pass = user != NULL ?
				    pass : env("MT_ADMIN_PASS"),
				    .content_type = "multipart/form-data; "
				    "boundary=" BOUNDARY, .body = body,
				    .body_len = blen };

	cr_assert_not_null(body);
	memcpy(body, head, strlen(head));
	memcpy(body + strlen(head), data, len);
	memcpy(body + strlen(head) + len, tail, strlen(tail));
	http(&q, out);
	free(body);
}

static void
upload(const char *path, const void *data, size_t len, struct resp *out)
{
	upload_as(NULL, NULL, path, data, len, out);
}

/* A POST that must create: the new object's id. */
static int64_t
create(const char *path, const char *body)
{
	struct resp	r;
	int64_t		id;

	admin_expect("POST", path, body, 201, &r);
	id = num(r.json, "id");
	resp_free(&r);
	return id;
}

/* PATCH path {id} with body, which must succeed. */
static void
change(const char *kind, int64_t id, const char *body)
{
	struct resp	r;
	char		path[96];

	snprintf(path, sizeof(path), "/admin/%s/%lld/", kind, (long long)id);
	admin_expect("PATCH", path, body, 200, &r);
	resp_free(&r);
}

/* r is a 400 whose field error for field is there (text, if not NULL). */
static void
assert_field_error(struct resp *r, const char *field, const char *text)
{
	const cJSON	*e;

	cr_assert_eq(r->status, 400, "%ld %s", r->status, r->body);
	e = cJSON_GetObjectItem(r->json, field);
	cr_assert(cJSON_IsArray(e) && cJSON_GetArraySize(e) > 0,
	    "no error for %s: %s", field, r->body);
	if (text != NULL)
		cr_assert_str_eq(cJSON_GetArrayItem(e, 0)->valuestring, text);
	resp_free(r);
}

/* Where item id is in list (0 first), or -1. */
static int
position(const cJSON *list, int64_t id)
{
	const cJSON	*it;
	int		 i = 0;

	cJSON_ArrayForEach(it, list) {
		if (num(it, "id") == id)
			return i;
		i++;
	}
	return -1;
}

static void
app_get(const struct pair *p, const char *path, struct resp *out)
{
	http_get(path, p->email, PW, out);
}

/*
 * Runs "mentorshipctl -c MT_CONF args" with stdin from /dev/null: the
 * exit status, what it printed (stdout and stderr) in out.
 */
static int
ctl(char *out, size_t outsz, const char *fmt, ...)
{
	char	 args[2048], cmd[4096];
	va_list	 ap;
	FILE	*p;
	size_t	 n;
	int	 st;

	va_start(ap, fmt);
	vsnprintf(args, sizeof(args), fmt, ap);
	va_end(ap);
	snprintf(cmd, sizeof(cmd), "%s -c %s %s </dev/null 2>&1",
	    env("MT_CTL"), env("MT_CONF"), args);
	cr_assert_not_null(p = popen(cmd, "r"));
	n = fread(out, 1, outsz - 1, p);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* A file of this test holding data: its path, in out. */
static void
temp_file(const void *data, size_t len, char out[64])
{
	int	fd;

	snprintf(out, 64, "/tmp/mt-content-XXXXXX");
	cr_assert_neq(fd = mkstemp(out), -1);
	cr_assert_eq(write(fd, data, len), (ssize_t)len);
	close(fd);
}

/* ---- the admin API ---- */

Test(content, a_category_is_created_edited_hidden_shown_and_ordered)
{
	struct pair	 p;
	struct resp	 r;
	int64_t		 id;
	char		 path[96];

	make_app_pair(&p, "content_cat", 901);
	admin_expect("POST", "/admin/category/", "{\"title\": \"First steps\", "
	    "\"color\": \"#1a2B3c\", \"about\": \"What this stage is.\", "
	    "\"goal\": \"Trust.\", \"ordinal\": 40, \"image\": \"/x.png\", "
	    "\"id\": 5}", 201, &r);
	id = num(r.json, "id");
	cr_assert_neq(id, 5, "the body's id was taken");
	cr_assert_str_eq(str(r.json, "title"), "First steps");
	cr_assert_str_eq(str(r.json, "color"), "#1a2B3c");
	cr_assert_str_eq(str(r.json, "about"), "What this stage is.");
	cr_assert_str_eq(str(r.json, "goal"), "Trust.");
	cr_assert_eq(num(r.json, "ordinal"), 40);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "is_hidden")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "image")),
	    "the image is read-only: %s", r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE id = %lld"
	    " AND title = 'First steps' AND color = '#1a2B3c' AND ordinal = 40"
	    " AND image IS NULL AND is_hidden = 0", (long long)id), 1);

	/* A change keeps what it does not name; null colour is none. */
	change("category", id, "{\"title\": \"First calls\", \"color\": null}");
	snprintf(path, sizeof(path), "/admin/category/%lld/", (long long)id);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_str_eq(str(r.json, "title"), "First calls");
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "color")));
	cr_assert_str_eq(str(r.json, "about"), "What this stage is.");
	cr_assert_eq(num(r.json, "ordinal"), 40);
	resp_free(&r);

	/* The app sees it, then not when hidden (the admin still does),
	 * then again when shown. */
	app_get(&p, "/v2/mentor/category/", &r);
	cr_assert_not_null(list_find(list_results(&r), id));
	resp_free(&r);
	change("category", id, "{\"is_hidden\": true}");
	app_get(&p, "/v2/mentor/category/", &r);
	cr_assert_null(list_find(list_results(&r), id), "a hidden category is listed");
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/category/%lld/",
	    (long long)id);
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 404, "%s", r.body);
	resp_free(&r);
	admin_expect("GET", "/admin/category/?page_size=1000", NULL, 200, &r);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(list_find(list_results(&r), id),
	    "is_hidden")));
	resp_free(&r);
	change("category", id, "{\"is_hidden\": false}");
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);

	/* Ordered: a lower ordinal comes first, for admins and the app. */
	change("category", id, "{\"ordinal\": -5}");
	cr_assert_eq(sql_int("SELECT ordinal FROM categories WHERE id = %lld",
	    (long long)id), -5);
	admin_expect("GET", "/admin/category/?page_size=1000", NULL, 200, &r);
	cr_assert_eq(position(list_results(&r), id), sql_int("SELECT COUNT(*) FROM"
	    " categories WHERE ordinal < -5 OR (ordinal = -5 AND id < %lld)",
	    (long long)id));
	resp_free(&r);
	change("category", id, "{\"ordinal\": 40}");
}

Test(content, an_activity_and_a_blog_post_are_created_and_edited)
{
	struct resp	 r;
	int64_t		 cat, other, act, post;
	char		 path[96], body[512];

	cat = create("/admin/category/", "{\"title\": \"Act home\"}");
	other = create("/admin/category/", "{\"title\": \"Act other\"}");
	snprintf(body, sizeof(body), "{\"category\": %lld, \"title\": "
	    "\"Draw a map\", \"description\": \"For the Mentor API.\", "
	    "\"objective\": \"Know the way.\", \"lesson_rationale\": \"Why.\","
	    " \"instructions\": \"Draw.\", \"prompts\": \"Tips.\", "
	    "\"reflection_points\": \"Look back.\", \"skills_developed\": "
	    "\"Maps\", \"ordinal\": 3, \"is_hidden\": true, \"is_complete\": "
	    "true, \"icon\": \"/i.png\"}", (long long)cat);
	admin_expect("POST", "/admin/activity/", body, 201, &r);
	act = num(r.json, "id");
	cr_assert_eq(num(r.json, "category"), cat);
	cr_assert_str_eq(str(r.json, "title"), "Draw a map");
	cr_assert_str_eq(str(r.json, "description"), "For the Mentor API.");
	cr_assert_str_eq(str(r.json, "objective"), "Know the way.");
	cr_assert_str_eq(str(r.json, "lesson_rationale"), "Why.");
	cr_assert_str_eq(str(r.json, "instructions"), "Draw.");
	cr_assert_str_eq(str(r.json, "prompts"), "Tips.");
	cr_assert_str_eq(str(r.json, "reflection_points"), "Look back.");
	cr_assert_str_eq(str(r.json, "skills_developed"), "Maps");
	cr_assert_eq(num(r.json, "ordinal"), 3);
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "is_hidden")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "icon")));
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, "poster")));
	cr_assert_null(cJSON_GetObjectItem(r.json, "is_complete"),
	    "is_complete is a mentor's");
	resp_free(&r);

	/* Moved to another category, shown, the rest kept. */
	snprintf(body, sizeof(body), "{\"category\": %lld, \"is_hidden\": "
	    "false, \"prompts\": \"\"}", (long long)other);
	snprintf(path, sizeof(path), "/admin/activity/%lld/", (long long)act);
	admin_expect("PATCH", path, body, 200, &r);
	cr_assert_eq(num(r.json, "category"), other);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "is_hidden")));
	cr_assert_str_eq(str(r.json, "prompts"), "");
	cr_assert_str_eq(str(r.json, "objective"), "Know the way.");
	resp_free(&r);

	/* ?category= keeps one category's, in order. */
	snprintf(body, sizeof(body), "{\"category\": %lld, \"title\": "
	    "\"Before\", \"ordinal\": 1}", (long long)other);
	create("/admin/activity/", body);
	snprintf(path, sizeof(path), "/admin/activity/?category=%lld",
	    (long long)other);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_eq(cJSON_GetArraySize(list_results(&r)), 2, "%s", r.body);
	cr_assert_str_eq(str(cJSON_GetArrayItem(list_results(&r), 0), "title"),
	    "Before");
	cr_assert_eq(num(cJSON_GetArrayItem(list_results(&r), 1), "id"), act);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/activity/?category=%lld",
	    (long long)cat);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_eq(cJSON_GetArraySize(list_results(&r)), 0, "%s", r.body);
	resp_free(&r);
	admin_expect("GET", "/admin/activity/?category=first", NULL, 400, &r);
	assert_field_error(&r, "category", NULL);

	/* A blog post: the body as JSON, kept as it came. */
	admin_expect("POST", "/admin/blog/", "{\"title\": \"Listening\", "
	    "\"body_content\": [\"Intro\", {\"type\": \"heading\", \"value\": "
	    "\"Why\"}, {\"type\": \"numbered_list\", \"value\": [\"a\", "
	    "\"b\"]}]}", 201, &r);
	post = num(r.json, "id");
	cr_assert(cJSON_IsArray(cJSON_GetObjectItem(r.json, "body_content")));
	cr_assert_eq(cJSON_GetArraySize(cJSON_GetObjectItem(r.json,
	    "body_content")), 3);
	cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(r.json, "is_hidden")));
	cr_assert(cJSON_IsString(cJSON_GetObjectItem(r.json, "created_at")));
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM blog_posts WHERE id = %lld"
	    " AND body_content = '[\"Intro\",{\"type\":\"heading\",\"value\":"
	    "\"Why\"},{\"type\":\"numbered_list\",\"value\":[\"a\",\"b\"]}]'",
	    (long long)post), 1);
	snprintf(path, sizeof(path), "/admin/blog/%lld/", (long long)post);
	admin_expect("PATCH", path, "{\"body_content\": \"Just *markdown*.\","
	    " \"is_hidden\": true}", 200, &r);
	cr_assert_str_eq(str(r.json, "body_content"), "Just *markdown*.");
	cr_assert_str_eq(str(r.json, "title"), "Listening");
	cr_assert(cJSON_IsTrue(cJSON_GetObjectItem(r.json, "is_hidden")));
	resp_free(&r);
	admin_expect("GET", "/admin/blog/", NULL, 200, &r);
	cr_assert_not_null(list_find(list_results(&r), post), "admins see hidden posts");
	resp_free(&r);
}

/* One picture slot: its upload path, the field, the media folder. */
struct slot {
	const char	*kind;		/* admin path segment */
	const char	*route;		/* the picture's segment */
	const char	*field;
	const char	*table;
	const char	*column;
	const char	*media;		/* folder under /media */
};

/* Sets, serves, replaces and removes the picture of slot s of id. */
static void
exercise_slot(const struct slot *s, int64_t id)
{
	struct resp	 r;
	size_t		 len;
	unsigned char	*png = picture_png(300, 200, &len), *jpg;
	char		 path[128], url[512], *first;
	const char	*pic;
	int		 before = pictures_stored(s->media);

	snprintf(path, sizeof(path), "/admin/%s/%lld/%s/", s->kind,
	    (long long)id, s->route);
	upload(path, png, len, &r);
	cr_assert_eq(r.status, 200, "%s: %s", path, r.body);
	cr_assert_eq(num(r.json, "id"), id);
	pic = str(r.json, s->field);
	snprintf(url, sizeof(url), "/media/%s/", s->media);
	cr_assert_eq(strncmp(pic, url, strlen(url)), 0, "%s", pic);
	first = strdup(pic);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM %s WHERE id = %lld AND %s ="
	    " '%s'", s->table, (long long)id, s->column, first), 1);
	cr_assert_eq(pictures_stored(s->media), before + 1);

	/* Public, as the app's image views fetch it, and resized. */
	http_get(first, NULL, NULL, &r);
	cr_assert_eq(r.status, 200, "%s", first);
	assert_content_type(&r, "image/png");
	resp_free(&r);
	snprintf(url, sizeof(url), "%s?filter_spec=min-112x112", first);
	http_get(url, NULL, NULL, &r);
	cr_assert_eq(r.status, 200, "%s", url);
	assert_content_type(&r, "image/png");
	cr_assert_eq(memcmp(r.body, "\x89PNG", 4), 0);
	resp_free(&r);

	/* A JPEG replaces it: the first is gone. */
	jpg = picture_jpeg(120, 90, 1, &len);
	upload(path, jpg, len, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	pic = str(r.json, s->field);
	cr_assert_str_eq(pic + strlen(pic) - 4, ".jpg");
	resp_free(&r);
	http_get(first, NULL, NULL, &r);
	cr_assert_eq(r.status, 404, "the replaced picture is still served");
	resp_free(&r);
	cr_assert_eq(pictures_stored(s->media), before + 1);

	/* Removed: null, the file gone, and again is no error. */
	admin_expect("DELETE", path, NULL, 200, &r);
	cr_assert(cJSON_IsNull(cJSON_GetObjectItem(r.json, s->field)), "%s",
	    r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM %s WHERE id = %lld AND %s IS"
	    " NULL", s->table, (long long)id, s->column), 1);
	cr_assert_eq(pictures_stored(s->media), before);
	admin_expect("DELETE", path, NULL, 200, &r);
	resp_free(&r);
	free(first);
	free(jpg);
	free(png);
}

Test(content, every_picture_slot_is_set_served_and_removed)
{
	static const struct slot	slots[] = {
		{ "category", "image", "image", "categories", "image",
		    "category" },
		{ "activity", "icon", "icon", "activities", "icon",
		    "activity" },
		{ "activity", "poster", "poster", "activities", "poster",
		    "activity" },
		{ "blog", "thumbnail", "thumbnail", "blog_posts", "thumbnail",
		    "blog" },
		{ "blog", "image", "image", "blog_posts", "image", "blog" },
	};
	struct resp	r;
	int64_t		cat, act, post;
	char		body[128], path[96];
	const char	*a, *b;

	cat = create("/admin/category/", "{\"title\": \"Pictured\"}");
	snprintf(body, sizeof(body), "{\"category\": %lld, \"title\": "
	    "\"Pictured activity\"}", (long long)cat);
	act = create("/admin/activity/", body);
	post = create("/admin/blog/", "{\"title\": \"Pictured post\", "
	    "\"body_content\": \"text\"}");
	exercise_slot(&slots[0], cat);
	exercise_slot(&slots[1], act);
	exercise_slot(&slots[2], act);
	exercise_slot(&slots[3], post);
	exercise_slot(&slots[4], post);

	/* The two pictures of an object are separate. */
	{
		size_t		 len;
		unsigned char	*png = picture_png(64, 64, &len);

		snprintf(path, sizeof(path), "/admin/activity/%lld/icon/",
		    (long long)act);
		upload(path, png, len, &r);
		resp_free(&r);
		snprintf(path, sizeof(path), "/admin/activity/%lld/poster/",
		    (long long)act);
		upload(path, png, len, &r);
		cr_assert_eq(r.status, 200, "%s", r.body);
		a = str(r.json, "icon");
		b = str(r.json, "poster");
		cr_assert_str_neq(a, b);
		resp_free(&r);
		free(png);
	}
}

Test(content, what_breaks_a_rule_is_refused_and_nothing_is_written)
{
	struct resp	 r;
	int64_t		 cats, acts, posts, cat, act, post;
	char		 body[1024], path[96], title[300];
	size_t		 len;
	unsigned char	*gif;
	int		 before;

	cat = create("/admin/category/", "{\"title\": \"Kept\", \"color\": "
	    "\"#000000\"}");
	snprintf(body, sizeof(body), "{\"category\": %lld, \"title\": "
	    "\"Kept activity\"}", (long long)cat);
	act = create("/admin/activity/", body);
	post = create("/admin/blog/", "{\"title\": \"Kept post\", "
	    "\"body_content\": \"kept\"}");
	cats = sql_int("SELECT COUNT(*) FROM categories");
	acts = sql_int("SELECT COUNT(*) FROM activities");
	posts = sql_int("SELECT COUNT(*) FROM blog_posts");

	admin_expect("POST", "/admin/category/", "{\"title\": \"Red\", "
	    "\"color\": \"red\"}", 400, &r);
	assert_field_error(&r, "color", NULL);
	admin_expect("POST", "/admin/category/", "{\"title\": \"Short\", "
	    "\"color\": \"#12345\"}", 400, &r);
	assert_field_error(&r, "color", NULL);
	admin_expect("POST", "/admin/category/", "{\"title\": \"\"}", 400,
	    &r);
	assert_field_error(&r, "title", "This field may not be blank.");
	admin_expect("POST", "/admin/category/", "{\"about\": \"no title\"}",
	    400, &r);
	assert_field_error(&r, "title", "This field is required.");
	memset(title, 'x', 256);
	title[256] = '\0';
	snprintf(body, sizeof(body), "{\"title\": \"%s\"}", title);
	admin_expect("POST", "/admin/category/", body, 400, &r);
	assert_field_error(&r, "title", "Ensure this field has no more than "
	    "255 characters.");
	admin_expect("POST", "/admin/category/", "{\"title\": \"Far\", "
	    "\"ordinal\": 3000000000}", 400, &r);
	assert_field_error(&r, "ordinal", NULL);
	admin_expect("POST", "/admin/category/", "[\"title\"]", 400, &r);
	assert_field_error(&r, "non_field_errors", NULL);
	snprintf(path, sizeof(path), "/admin/category/%lld/", (long long)cat);
	admin_expect("PATCH", path, "{\"title\": \"Changed\", \"color\": "
	    "\"#GGGGGG\"}", 400, &r);
	assert_field_error(&r, "color", NULL);

	admin_expect("POST", "/admin/activity/", "{\"category\": 987654321, "
	    "\"title\": \"Lost\"}", 400, &r);
	assert_field_error(&r, "category", "Invalid pk \"987654321\" - object "
	    "does not exist.");
	admin_expect("POST", "/admin/activity/", "{\"title\": \"Homeless\"}",
	    400, &r);
	assert_field_error(&r, "category", "This field is required.");
	snprintf(path, sizeof(path), "/admin/activity/%lld/", (long long)act);
	admin_expect("PATCH", path, "{\"category\": 987654321, \"title\": "
	    "\"Moved\"}", 400, &r);
	assert_field_error(&r, "category", NULL);
	admin_expect("PATCH", path, "{\"category\": null}", 400, &r);
	assert_field_error(&r, "category", NULL);

	admin_expect("POST", "/admin/blog/", "{\"title\": \"Video\", "
	    "\"body_content\": [\"ok\", {\"type\": \"video\", \"value\": "
	    "\"/v.mp4\"}]}", 400, &r);
	assert_field_error(&r, "body_content", "A block's type is paragraph, "
	    "heading, list, numbered_list or image.");
	admin_expect("POST", "/admin/blog/", "{\"title\": \"Nothing\", "
	    "\"body_content\": null}", 400, &r);
	assert_field_error(&r, "body_content", NULL);
	admin_expect("POST", "/admin/blog/", "{\"title\": \"Number\", "
	    "\"body_content\": 3}", 400, &r);
	assert_field_error(&r, "body_content", NULL);
	snprintf(path, sizeof(path), "/admin/blog/%lld/", (long long)post);
	admin_expect("PATCH", path, "{\"title\": \"Changed\", \"body_content\":"
	    " [{\"type\": \"list\", \"value\": \"not a list\"}]}", 400, &r);
	assert_field_error(&r, "body_content", NULL);

	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories"), cats);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM activities"), acts);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM blog_posts"), posts);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE id = %lld"
	    " AND title = 'Kept' AND color = '#000000'", (long long)cat), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM activities WHERE id = %lld"
	    " AND title = 'Kept activity' AND category_id = %lld",
	    (long long)act, (long long)cat), 1);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM blog_posts WHERE id = %lld"
	    " AND title = 'Kept post' AND body_content = '\"kept\"'",
	    (long long)post), 1);

	/* No acceptable picture: 400, no file, no path. */
	before = pictures_stored("category");
	gif = picture_gif(&len);
	snprintf(path, sizeof(path), "/admin/category/%lld/image/",
	    (long long)cat);
	upload(path, gif, len, &r);
	assert_field_error(&r, "image", "Upload a PNG or JPEG picture.");
	free(gif);
	admin_expect("PUT", path, "{\"image\": \"x\"}", 415, &r);
	resp_free(&r);
	cr_assert_eq(pictures_stored("category"), before);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE id = %lld"
	    " AND image IS NULL", (long long)cat), 1);
}

Test(content, unknown_ids_are_404)
{
	static const char *const	 kinds[] = {
		"category", "activity", "blog",
	};
	static const char *const	 pictures[][2] = {
		{ "category", "image" }, { "activity", "icon" },
		{ "activity", "poster" }, { "blog", "thumbnail" },
		{ "blog", "image" },
	};
	struct resp	 r;
	char		 path[96];
	size_t		 len;
	unsigned char	*png = picture_png(20, 20, &len);
	int		 before = pictures_stored("category") + pictures_stored("activity") +
			    pictures_stored("blog");

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		snprintf(path, sizeof(path), "/admin/%s/%d/", kinds[i],
		    NO_SUCH_ID);
		admin_expect("GET", path, NULL, 404, &r);
		cr_assert_str_eq(str(r.json, "detail"), "Not found.");
		resp_free(&r);
		admin_expect("PATCH", path, "{\"title\": \"Ghost\"}", 404, &r);
		resp_free(&r);
	}
	for (size_t i = 0; i < sizeof(pictures) / sizeof(pictures[0]); i++) {
		snprintf(path, sizeof(path), "/admin/%s/%d/%s/", pictures[i][0],
		    NO_SUCH_ID, pictures[i][1]);
		upload(path, png, len, &r);
		cr_assert_eq(r.status, 404, "%s: %s", path, r.body);
		resp_free(&r);
		admin_expect("DELETE", path, NULL, 404, &r);
		resp_free(&r);
	}
	/* The upload of a picture for nothing leaves no file. */
	cr_assert_eq(pictures_stored("category") + pictures_stored("activity") + pictures_stored("blog"),
	    before);
	free(png);
}

Test(content, mentors_may_not_manage_content)
{
	struct pair	 p;
	struct resp	 r;
	struct req	 q = { .method = "POST", .url = "/admin/category/",
			    .content_type = "application/json",
			    .body = "{\"title\": \"By a mentor\"}" };
	size_t		 len;
	unsigned char	*png = picture_png(20, 20, &len);
	int64_t		 cat;
	char		 path[96];

	make_app_pair(&p, "content_mentor", 902);
	cat = create("/admin/category/", "{\"title\": \"Not theirs\"}");
	q.user = p.email;
	q.pass = PW;
	http(&q, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	resp_free(&r);
	http_get("/admin/category/", p.email, PW, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	resp_free(&r);
	http_get("/admin/blog/", p.email, PW, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/category/%lld/", (long long)cat);
	q.method = "PATCH";
	q.url = path;
	q.body = "{\"is_hidden\": true}";
	http(&q, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/category/%lld/image/",
	    (long long)cat);
	upload_as(p.email, PW, path, png, len, &r);
	cr_assert_eq(r.status, 403, "%s", r.body);
	resp_free(&r);
	/* Without credentials: 401. */
	http_get("/admin/activity/", NULL, NULL, &r);
	cr_assert_eq(r.status, 401, "%s", r.body);
	resp_free(&r);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE title ="
	    " 'By a mentor'"), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE id = %lld"
	    " AND is_hidden = 0 AND image IS NULL", (long long)cat), 1);
	free(png);
}

/* ---- what the app lists ---- */

/* Every item of list is shown (is_hidden exactly false). */
static void
assert_all_shown(const cJSON *list)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, list)
		cr_assert(cJSON_IsFalse(cJSON_GetObjectItem(it, "is_hidden")),
		    "item %lld is listed but hidden", (long long)num(it, "id"));
}

/* The categories' list is sorted by (ordinal, id). */
static void
assert_category_order(const cJSON *list)
{
	const cJSON	*it, *prev = NULL;

	cJSON_ArrayForEach(it, list) {
		if (prev != NULL)
			cr_assert(num(prev, "ordinal") < num(it, "ordinal") ||
			    (num(prev, "ordinal") == num(it, "ordinal") &&
			    num(prev, "id") < num(it, "id")),
			    "category %lld before %lld",
			    (long long)num(prev, "id"), (long long)num(it, "id"));
		prev = it;
	}
}

/* An activity of category cat: title, and more JSON members (rest). */
static int64_t
make_activity(int64_t cat, const char *title, const char *rest)
{
	char	body[256];

	snprintf(body, sizeof(body), "{\"category\": %lld, \"title\": "
	    "\"%s\"%s}", (long long)cat, title, rest);
	return create("/admin/activity/", body);
}

Test(content, the_app_lists_exactly_what_is_shown_in_order)
{
	struct pair	 p;
	struct resp	 r;
	const cJSON	*list;
	int64_t		 c_late, c_early, c_hidden, a_late, a_early, a_hidden;
	int64_t		 a_in_hidden, a_other, b_shown, b_hidden;
	char		 path[96];

	make_app_pair(&p, "content_app", 903);
	c_late = create("/admin/category/", "{\"title\": \"App late\", "
	    "\"ordinal\": 902}");
	c_early = create("/admin/category/", "{\"title\": \"App early\", "
	    "\"ordinal\": 901}");
	c_hidden = create("/admin/category/", "{\"title\": \"App hidden\", "
	    "\"ordinal\": 900, \"is_hidden\": true}");
	a_late = make_activity(c_early, "Late one", ", \"ordinal\": 2");
	a_early = make_activity(c_early, "Early one", ", \"ordinal\": 1");
	a_hidden = make_activity(c_early, "Hidden one", ", \"ordinal\": 0, "
	    "\"is_hidden\": true");
	a_in_hidden = make_activity(c_hidden, "In a hidden category", "");
	a_other = make_activity(c_late, "In the late category",
	    ", \"ordinal\": -1");
	b_shown = create("/admin/blog/", "{\"title\": \"Shown post\", "
	    "\"body_content\": [\"hello\"]}");
	b_hidden = create("/admin/blog/", "{\"title\": \"Hidden post\", "
	    "\"body_content\": [\"secret\"], \"is_hidden\": true}");

	/* Categories: every shown one, none hidden, by ordinal then id. */
	app_get(&p, "/v2/mentor/category/", &r);
	list = list_results(&r);
	cr_assert_eq(cJSON_GetArraySize(list), sql_int("SELECT COUNT(*) FROM"
	    " categories WHERE is_hidden = 0"));
	assert_all_shown(list);
	assert_category_order(list);
	cr_assert_null(list_find(list, c_hidden), "a hidden category is listed");
	cr_assert_lt(position(list, c_early), position(list, c_late));
	cr_assert_geq(position(list, c_early), 0);
	resp_free(&r);

	/* Activities: every shown one of a shown category, by category's
	 * order then theirs; none hidden, none of a hidden category. */
	app_get(&p, "/v2/mentor/activity/", &r);
	list = list_results(&r);
	cr_assert_eq(cJSON_GetArraySize(list), sql_int("SELECT COUNT(*) FROM"
	    " activities a JOIN categories c ON c.id = a.category_id WHERE"
	    " a.is_hidden = 0 AND c.is_hidden = 0"));
	assert_all_shown(list);
	cr_assert_null(list_find(list, a_hidden), "a hidden activity is listed");
	cr_assert_null(list_find(list, a_in_hidden),
	    "an activity of a hidden category is listed");
	cr_assert_geq(position(list, a_early), 0);
	cr_assert_eq(position(list, a_late), position(list, a_early) + 1);
	/* ordinal -1, but its category comes later */
	cr_assert_gt(position(list, a_other), position(list, a_late));
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)a_in_hidden);
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 404, "%s", r.body);
	resp_free(&r);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)a_hidden);
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 404, "%s", r.body);
	resp_free(&r);

	/* Blog posts: every shown one, newest first, not the hidden one. */
	app_get(&p, "/v2/mentor/blog/", &r);
	list = list_results(&r);
	cr_assert_eq(cJSON_GetArraySize(list), sql_int("SELECT COUNT(*) FROM"
	    " blog_posts WHERE is_hidden = 0"));
	cr_assert_null(list_find(list, b_hidden), "a hidden post is listed");
	cr_assert_eq(position(list, b_shown), 0, "the newest is not first");
	{
		const cJSON	*it;

		cJSON_ArrayForEach(it, list)
			cr_assert(!cJSON_IsTrue(cJSON_GetObjectItem(it,
			    "is_hidden")));
	}
	resp_free(&r);

	/* Showing the category brings its activity; hiding one of a shown
	 * category takes it away. */
	change("category", c_hidden, "{\"is_hidden\": false}");
	change("activity", a_early, "{\"is_hidden\": true}");
	app_get(&p, "/v2/mentor/activity/", &r);
	list = list_results(&r);
	cr_assert_not_null(list_find(list, a_in_hidden));
	cr_assert_null(list_find(list, a_early));
	resp_free(&r);
	/* Leave the app's lists as the other tests expect them. */
	change("category", c_hidden, "{\"is_hidden\": true}");
}

/* ---- mentorshipctl ---- */

/* The id that add printed, alone on its line. */
static int64_t
printed_id(const char *out)
{
	char		*end;
	long long	 id = strtoll(out, &end, 10);

	cr_assert(id > 0 && *end == '\n', "not an id: %s", out);
	return id;
}

Test(content, mentorshipctl_does_the_same_through_the_same_library)
{
	struct pair	 p;
	struct resp	 r;
	char		 out[8192], path[96], file[64], body_file[64];
	char		 bad_file[64], *pic;
	size_t		 len;
	unsigned char	*png = picture_png(80, 60, &len);
	int64_t		 cat, act, post;
	static const char	body[] = "[\"From the shell\", {\"type\": "
	    "\"list\", \"value\": [\"one\", \"two\"]}]\n";
	static const char	bad_body[] = "[{\"type\": \"video\"}]";

	make_app_pair(&p, "content_ctl", 904);
	temp_file(png, len, file);
	temp_file(body, strlen(body), body_file);
	temp_file(bad_body, strlen(bad_body), bad_file);

	/* category add prints the id; the API sees what it made. */
	cr_assert_eq(ctl(out, sizeof(out), "category add --title 'Ctl stage'"
	    " --color '#0a0b0c' --about 'About it' --goal 'A goal' --ordinal"
	    " 950"), 0, "%s", out);
	cat = printed_id(out);
	snprintf(path, sizeof(path), "/admin/category/%lld/", (long long)cat);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_str_eq(str(r.json, "title"), "Ctl stage");
	cr_assert_str_eq(str(r.json, "color"), "#0a0b0c");
	cr_assert_str_eq(str(r.json, "about"), "About it");
	cr_assert_str_eq(str(r.json, "goal"), "A goal");
	cr_assert_eq(num(r.json, "ordinal"), 950);
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "category edit %lld --title "
	    "'Ctl stage two'", (long long)cat), 0, "%s", out);
	cr_assert_eq(ctl(out, sizeof(out), "category order %lld 951",
	    (long long)cat), 0, "%s", out);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_str_eq(str(r.json, "title"), "Ctl stage two");
	cr_assert_str_eq(str(r.json, "about"), "About it");
	cr_assert_eq(num(r.json, "ordinal"), 951);
	resp_free(&r);

	/* Hidden and shown, as the app sees it. */
	cr_assert_eq(ctl(out, sizeof(out), "category hide %lld",
	    (long long)cat), 0, "%s", out);
	app_get(&p, "/v2/mentor/category/", &r);
	cr_assert_null(list_find(list_results(&r), cat));
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "category show %lld",
	    (long long)cat), 0, "%s", out);
	app_get(&p, "/v2/mentor/category/", &r);
	cr_assert_not_null(list_find(list_results(&r), cat));
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "category list"), 0, "%s", out);
	cr_assert_not_null(strstr(out, "Ctl stage two"), "%s", out);

	/* Its image from a file: served publicly, then removed. */
	cr_assert_eq(ctl(out, sizeof(out), "category image %lld %s",
	    (long long)cat, file), 0, "%s", out);
	cr_assert_eq(strncmp(out, "/media/category/", 16), 0, "%s", out);
	out[strcspn(out, "\n")] = '\0';
	pic = strdup(out);
	admin_expect("GET", path, NULL, 200, &r);
	cr_assert_str_eq(str(r.json, "image"), pic);
	resp_free(&r);
	http_get(pic, NULL, NULL, &r);
	cr_assert_eq(r.status, 200);
	assert_content_type(&r, "image/png");
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "category image %lld --remove",
	    (long long)cat), 0, "%s", out);
	http_get(pic, NULL, NULL, &r);
	cr_assert_eq(r.status, 404);
	resp_free(&r);
	free(pic);

	/* An activity in it, with its pictures; hidden from the app. */
	cr_assert_eq(ctl(out, sizeof(out), "activity add --category %lld "
	    "--title 'Ctl activity' --objective 'Obj' --prompts 'Tip' "
	    "--ordinal 4", (long long)cat), 0, "%s", out);
	act = printed_id(out);
	cr_assert_eq(ctl(out, sizeof(out), "activity icon %lld %s",
	    (long long)act, file), 0, "%s", out);
	cr_assert_eq(ctl(out, sizeof(out), "activity poster %lld %s",
	    (long long)act, file), 0, "%s", out);
	snprintf(path, sizeof(path), "/v2/mentor/activity/%lld/",
	    (long long)act);
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	cr_assert_str_eq(str(r.json, "objective"), "Obj");
	cr_assert_str_eq(str(r.json, "prompts"), "Tip");
	cr_assert_eq(num(r.json, "category"), cat);
	cr_assert_eq(strncmp(str(r.json, "icon"), "/media/activity/", 16), 0);
	cr_assert_eq(strncmp(str(r.json, "poster"), "/media/activity/", 16),
	    0);
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "activity list --category %lld",
	    (long long)cat), 0, "%s", out);
	cr_assert_not_null(strstr(out, "Ctl activity"), "%s", out);
	cr_assert_eq(ctl(out, sizeof(out), "activity hide %lld",
	    (long long)act), 0, "%s", out);
	app_get(&p, path, &r);
	cr_assert_eq(r.status, 404, "%s", r.body);
	resp_free(&r);

	/* A blog post from a file of JSON, then hidden. */
	cr_assert_eq(ctl(out, sizeof(out), "blog add --title 'Ctl post' "
	    "--body-file %s", body_file), 0, "%s", out);
	post = printed_id(out);
	cr_assert_eq(ctl(out, sizeof(out), "blog thumbnail %lld %s",
	    (long long)post, file), 0, "%s", out);
	app_get(&p, "/v2/mentor/blog/", &r);
	{
		const cJSON	*it = list_find(list_results(&r), post), *bc;

		cr_assert_not_null(it);
		bc = cJSON_GetObjectItem(it, "body_content");
		cr_assert(cJSON_IsArray(bc) && cJSON_GetArraySize(bc) == 2);
		cr_assert_str_eq(cJSON_GetArrayItem(bc, 0)->valuestring,
		    "From the shell");
		cr_assert(cJSON_IsString(cJSON_GetObjectItem(it,
		    "thumbnail")));
	}
	resp_free(&r);
	cr_assert_eq(ctl(out, sizeof(out), "blog hide %lld", (long long)post),
	    0, "%s", out);
	app_get(&p, "/v2/mentor/blog/", &r);
	cr_assert_null(list_find(list_results(&r), post));
	resp_free(&r);

	/* What the API refuses, mentorshipctl refuses (1), changing
	 * nothing; a command it does not know is a usage error (2). */
	cr_assert_eq(ctl(out, sizeof(out), "category add --title T --color "
	    "red"), 1);
	cr_assert_eq(ctl(out, sizeof(out), "category add --title ''"), 1);
	cr_assert_eq(ctl(out, sizeof(out), "category edit %lld --ordinal "
	    "many", (long long)cat), 1);
	cr_assert_eq(ctl(out, sizeof(out), "activity add --category %d "
	    "--title Lost", NO_SUCH_ID), 1);
	cr_assert_eq(ctl(out, sizeof(out), "blog add --title Bad "
	    "--body-file %s", bad_file), 1);
	cr_assert_eq(ctl(out, sizeof(out), "category edit %d --title Ghost",
	    NO_SUCH_ID), 1);
	cr_assert_eq(ctl(out, sizeof(out), "category image %lld %s",
	    (long long)cat, bad_file), 1);
	cr_assert_eq(ctl(out, sizeof(out), "category add --color '#000000'"),
	    2);
	cr_assert_eq(ctl(out, sizeof(out), "activity add --title T"), 2);
	cr_assert_eq(ctl(out, sizeof(out), "blog order %lld 3",
	    (long long)post), 2);
	cr_assert_eq(ctl(out, sizeof(out), "category hide first"), 2);
	cr_assert_eq(ctl(out, sizeof(out), "category add --title T "
	    "--objective O"), 2);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE title IN"
	    " ('T', '', 'Ghost')"), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM activities WHERE title ="
	    " 'Lost' OR title = 'T'"), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM blog_posts WHERE title ="
	    " 'Bad'"), 0);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM categories WHERE id = %lld"
	    " AND title = 'Ctl stage two' AND ordinal = 951 AND image IS NULL",
	    (long long)cat), 1);

	unlink(file);
	unlink(body_file);
	unlink(bad_file);
	free(png);
}
