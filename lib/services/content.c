#include "config.h"

#include <string.h>

#include "core/log.h"
#include "services/content.h"

/*
 * What one write works on: the kind's input and result structs, and the
 * object changed (0 to create one).
 */
struct content_tx {
	struct arena		*a;
	int64_t			 id;
	const void		*in;	/* struct category_input, ... */
	void			*out;	/* struct category, ... */
	struct outcome_detail	*d;
};

/* A create without the field it needs: what the validators say. */
static enum outcome
content_required(struct outcome_detail *d, const char *field)
{
	return outcome_fail(d, OUTCOME_INVALID, field,
	    "This field is required.");
}

/* ---- categories ---- */

/* The given fields of in, over c. */
static void
category_merge(struct category *c, const struct category_input *in)
{
	if (in->title != NULL)
		c->title = in->title;
	if (in->color != NULL)
		c->color = in->color;
	if (in->about != NULL)
		c->about = in->about;
	if (in->goal != NULL)
		c->goal = in->goal;
	if (in->has_hidden)
		c->is_hidden = in->is_hidden;
	if (in->has_ordinal)
		c->ordinal = in->ordinal;
}

/* Inserts (t->id 0) or changes the category, then reads it back. */
static enum outcome
category_write_tx(struct db *db, void *arg)
{
	struct content_tx	*t = arg;
	struct category		 c;
	enum outcome		 rc;

	if (t->id == 0) {
		memset(&c, 0, sizeof(c));
		c.title = c.color = c.about = c.goal = "";
		category_merge(&c, t->in);
		rc = category_insert(db, &c);
	} else if ((rc = category_lock(db, t->a, t->id, &c)) == OUTCOME_OK) {
		category_merge(&c, t->in);
		rc = category_update(db, &c);
	}
	if (rc != OUTCOME_OK)
		return rc;
	return category_get(db, t->a, c.id, t->out);
}

enum outcome
content_category_create(struct db *db, struct arena *a,
    const struct category_input *in, struct category *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .in = in, .out = out, .d = d };
	enum outcome		rc;

	if (in->title == NULL)
		return content_required(d, "title");
	if ((rc = db_transaction(db, category_write_tx, &t)) == OUTCOME_OK)
		log_info("content: category %lld created", (long long)out->id);
	return rc;
}

enum outcome
content_category_update(struct db *db, struct arena *a, int64_t id,
    const struct category_input *in, struct category *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .id = id, .in = in, .out = out,
				    .d = d };
	enum outcome		rc;

	if ((rc = db_transaction(db, category_write_tx, &t)) == OUTCOME_OK)
		log_info("content: category %lld changed", (long long)id);
	return rc;
}

/* ---- activities ---- */

static void
activity_merge(struct activity *act, const struct activity_input *in)
{
	if (in->category_id != 0)
		act->category_id = in->category_id;
	if (in->title != NULL)
		act->title = in->title;
	if (in->description != NULL)
		act->description = in->description;
	if (in->objective != NULL)
		act->objective = in->objective;
	if (in->lesson_rationale != NULL)
		act->lesson_rationale = in->lesson_rationale;
	if (in->instructions != NULL)
		act->instructions = in->instructions;
	if (in->prompts != NULL)
		act->prompts = in->prompts;
	if (in->reflection_points != NULL)
		act->reflection_points = in->reflection_points;
	if (in->skills_developed != NULL)
		act->skills_developed = in->skills_developed;
	if (in->has_hidden)
		act->is_hidden = in->is_hidden;
	if (in->has_ordinal)
		act->ordinal = in->ordinal;
}

/* The category an activity is put in, when one is given: it must exist. */
static enum outcome
activity_check_category(struct db *db, struct content_tx *t)
{
	const struct activity_input	*in = t->in;
	struct category			 c;
	enum outcome			 rc;

	if (in->category_id == 0)
		return OUTCOME_OK;
	rc = category_get(db, t->a, in->category_id, &c);
	if (rc == OUTCOME_NOT_FOUND)
		return outcome_fail(t->d, OUTCOME_INVALID, "category",
		    "Invalid pk \"%lld\" - object does not exist.",
		    (long long)in->category_id);
	return rc;
}

static enum outcome
activity_write_tx(struct db *db, void *arg)
{
	struct content_tx	*t = arg;
	struct activity		 act;
	enum outcome		 rc;

	if (t->id == 0) {
		memset(&act, 0, sizeof(act));
		act.title = act.description = act.objective =
		    act.lesson_rationale = act.instructions = act.prompts =
		    act.reflection_points = act.skills_developed = "";
		activity_merge(&act, t->in);
		if ((rc = activity_check_category(db, t)) == OUTCOME_OK)
			rc = activity_insert(db, &act);
	} else if ((rc = activity_lock(db, t->a, t->id, &act)) == OUTCOME_OK &&
	    (rc = activity_check_category(db, t)) == OUTCOME_OK) {
		activity_merge(&act, t->in);
		rc = activity_update(db, &act);
	}
	if (rc != OUTCOME_OK)
		return rc;
	return activity_get(db, t->a, act.id, t->out);
}

enum outcome
content_activity_create(struct db *db, struct arena *a,
    const struct activity_input *in, struct activity *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .in = in, .out = out, .d = d };
	enum outcome		rc;

	/* The app lists an activity under its category only: one without
	 * would never be seen. */
	if (in->category_id == 0)
		return content_required(d, "category");
	if (in->title == NULL)
		return content_required(d, "title");
	if ((rc = db_transaction(db, activity_write_tx, &t)) == OUTCOME_OK)
		log_info("content: activity %lld created in category %lld",
		    (long long)out->id, (long long)out->category_id);
	return rc;
}

enum outcome
content_activity_update(struct db *db, struct arena *a, int64_t id,
    const struct activity_input *in, struct activity *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .id = id, .in = in, .out = out,
				    .d = d };
	enum outcome		rc;

	if ((rc = db_transaction(db, activity_write_tx, &t)) == OUTCOME_OK)
		log_info("content: activity %lld changed", (long long)id);
	return rc;
}

/* ---- blog posts ---- */

static void
blog_post_merge(struct blog_post *p, const struct blog_post_input *in)
{
	if (in->title != NULL)
		p->title = in->title;
	if (in->body_content != NULL)
		p->body_content = in->body_content;
	if (in->has_hidden)
		p->is_hidden = in->is_hidden;
}

static enum outcome
blog_post_write_tx(struct db *db, void *arg)
{
	struct content_tx	*t = arg;
	struct blog_post	 p;
	enum outcome		 rc;

	if (t->id == 0) {
		memset(&p, 0, sizeof(p));
		p.title = "";
		blog_post_merge(&p, t->in);
		rc = blog_post_insert(db, &p);
	} else if ((rc = blog_post_lock(db, t->a, t->id, &p)) == OUTCOME_OK) {
		blog_post_merge(&p, t->in);
		rc = blog_post_update(db, &p);
	}
	if (rc != OUTCOME_OK)
		return rc;
	return blog_post_get(db, t->a, p.id, t->out);
}

enum outcome
content_blog_post_create(struct db *db, struct arena *a,
    const struct blog_post_input *in, struct blog_post *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .in = in, .out = out, .d = d };
	enum outcome		rc;

	if (in->title == NULL)
		return content_required(d, "title");
	if (in->body_content == NULL)
		return content_required(d, "body_content");
	if ((rc = db_transaction(db, blog_post_write_tx, &t)) == OUTCOME_OK)
		log_info("content: blog post %lld created", (long long)out->id);
	return rc;
}

enum outcome
content_blog_post_update(struct db *db, struct arena *a, int64_t id,
    const struct blog_post_input *in, struct blog_post *out,
    struct outcome_detail *d)
{
	struct content_tx	t = { .a = a, .id = id, .in = in, .out = out,
				    .d = d };
	enum outcome		rc;

	if ((rc = db_transaction(db, blog_post_write_tx, &t)) == OUTCOME_OK)
		log_info("content: blog post %lld changed", (long long)id);
	return rc;
}
