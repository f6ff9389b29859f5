/*
 * Blog posts of the Android app's blog tab.  body_content is JSON text: a
 * markdown string, or a list of markdown strings and {"type", "value"}
 * blocks of the five types the app draws (blog_post_check_body()).
 * Hidden posts never reach the app.
 */
#ifndef MT_BLOG_POST_H
#define MT_BLOG_POST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

/* A title's length in characters, as VARCHAR(255) counts. */
#define BLOG_POST_TITLE_MAX	255

struct blog_post {
	int64_t		 id;
	const char	*title;
	int64_t		 created_at;
	const char	*thumbnail;	/* a path, or NULL */
	const char	*image;
	const char	*body_content;	/* JSON text */
	bool		 is_hidden;
};

/*
 * The rule of body_content: NULL when the JSON text is a string or a list
 * of strings and blocks {"type": paragraph|heading|image (a string value),
 * list|numbered_list (a list of strings)}, else why not.  Anything else
 * would stop the app's whole sync.
 */
const char	*blog_post_check_body(const char *json, size_t len);
/* The rule of a title: NULL for 1 to BLOG_POST_TITLE_MAX characters of
 * UTF-8, else the complaint in the API's words. */
const char	*blog_post_check_title(const char *title);
/* Inserts p (created_at now unless set); p->id is set. */
enum outcome	 blog_post_insert(struct db *db, struct blog_post *p);
/* Post id, hidden or not (for admins): OUTCOME_OK or NOT_FOUND. */
enum outcome	 blog_post_get(struct db *db, struct arena *a, int64_t id,
		    struct blog_post *out);
/* The same, its row locked until the transaction ends. */
enum outcome	 blog_post_lock(struct db *db, struct arena *a, int64_t id,
		    struct blog_post *out);
/*
 * Writes every editable column of p (title, body_content, is_hidden) to
 * post p->id.  created_at stays; thumbnail and image change only through
 * picture_set() (services/pictures.h).
 */
enum outcome	 blog_post_update(struct db *db, const struct blog_post *p);

/* The posts the app shows, newest first. */
extern const struct db_list blog_post_list_shown;
/* Every post, hidden ones too (for admins), newest first. */
extern const struct db_list blog_post_list_all;

#endif
