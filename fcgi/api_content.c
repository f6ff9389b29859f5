/*
 * The Android app's content for admins (superusers; the route table
 * enforces it): /admin/category, /admin/activity and /admin/blog list
 * every item, hidden ones too, create them (201), show and change them
 * (PATCH: the fields given), and set (PUT, multipart with one part
 * "image") or remove (DELETE) their pictures; every change answers the
 * object as stored.  The same operations as mentorshipctl's category,
 * activity and blog commands (lib/services/content.h, pictures.h).
 *
 * 400 with field errors for what breaks a rule (nothing is written), 404
 * for an unknown id.  What the app sees of it is fcgi/api_app.c's.
 */
#include "config.h"

#include "fcgi/api_media.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "services/content.h"
#include "services/pictures.h"

/*
 * Removes the picture of slot of object {id}: true when it is gone (or
 * there was none), false when r was answered (404 no such object, 503).
 */
static bool
picture_remove(struct request *r, enum picture_slot slot)
{
	const char	*url;
	enum outcome	 rc;

	rc = picture_set(r->app->db, r->app->conf, r->arena, slot, r->ids[0],
	    NULL, 0, &url, &r->detail);
	if (rc == OUTCOME_OK)
		return true;
	respond_outcome(r, rc);
	return false;
}

/* ---- categories ---- */

/* 200 with category {id} as it is now; 404 when there is none. */
static void
category_answer(struct request *r)
{
	struct category	c;

	respond_result(r, category_get(r->app->db, r->arena, r->ids[0], &c),
	    200, render_category, &c);
}

/* GET /admin/category/: every category, by ordinal then id. */
void
handle_admin_category_list(struct request *r)
{
	respond_list(r, &category_list_all, LIST_ALL, render_category);
}

/* POST /admin/category/: 201 with the new category. */
void
handle_admin_category_create(struct request *r)
{
	struct category_input	in;
	struct category		c;

	if (invalid(r, validate_category(r->json, false, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_category_create(r->app->db, r->arena, &in,
	    &c, &r->detail), 201, render_category, &c);
}

/* GET /admin/category/{id}/ */
void
handle_admin_category_get(struct request *r)
{
	category_answer(r);
}

/* PATCH /admin/category/{id}/: the fields given (hide, show, order). */
void
handle_admin_category_update(struct request *r)
{
	struct category_input	in;
	struct category		c;

	if (invalid(r, validate_category(r->json, true, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_category_update(r->app->db, r->arena,
	    r->ids[0], &in, &c, &r->detail), 200, render_category, &c);
}

/* PUT /admin/category/{id}/image/ */
void
handle_admin_category_image_set(struct request *r)
{
	if (picture_upload(r, PICTURE_CATEGORY_IMAGE, r->ids[0]))
		category_answer(r);
}

/* DELETE /admin/category/{id}/image/ */
void
handle_admin_category_image_remove(struct request *r)
{
	if (picture_remove(r, PICTURE_CATEGORY_IMAGE))
		category_answer(r);
}

/* ---- activities ---- */

static void
activity_answer(struct request *r)
{
	struct activity	a;

	respond_result(r, activity_get(r->app->db, r->arena, r->ids[0], &a),
	    200, render_activity_admin, &a);
}

/*
 * GET /admin/activity/?category=ID: every activity (of that category),
 * by ordinal then id; 400 when ID is not a positive integer.
 */
void
handle_admin_activity_list(struct request *r)
{
	struct list_filter	f = LIST_ALL;

	if (invalid(r, validate_category_filter(request_query(r, "category"),
	    &f.category_id, &r->fe)))
		return;
	respond_list(r, f.category_id > 0 ? &activity_list_in_category :
	    &activity_list_all, f, render_activity_admin);
}

/* POST /admin/activity/: 201; 400 when its category does not exist. */
void
handle_admin_activity_create(struct request *r)
{
	struct activity_input	in;
	struct activity		a;

	if (invalid(r, validate_activity(r->json, false, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_activity_create(r->app->db, r->arena, &in,
	    &a, &r->detail), 201, render_activity_admin, &a);
}

/* GET /admin/activity/{id}/ */
void
handle_admin_activity_get(struct request *r)
{
	activity_answer(r);
}

/* PATCH /admin/activity/{id}/ */
void
handle_admin_activity_update(struct request *r)
{
	struct activity_input	in;
	struct activity		a;

	if (invalid(r, validate_activity(r->json, true, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_activity_update(r->app->db, r->arena,
	    r->ids[0], &in, &a, &r->detail), 200, render_activity_admin, &a);
}

/* PUT /admin/activity/{id}/icon/ */
void
handle_admin_activity_icon_set(struct request *r)
{
	if (picture_upload(r, PICTURE_ACTIVITY_ICON, r->ids[0]))
		activity_answer(r);
}

/* DELETE /admin/activity/{id}/icon/ */
void
handle_admin_activity_icon_remove(struct request *r)
{
	if (picture_remove(r, PICTURE_ACTIVITY_ICON))
		activity_answer(r);
}

/* PUT /admin/activity/{id}/poster/ */
void
handle_admin_activity_poster_set(struct request *r)
{
	if (picture_upload(r, PICTURE_ACTIVITY_POSTER, r->ids[0]))
		activity_answer(r);
}

/* DELETE /admin/activity/{id}/poster/ */
void
handle_admin_activity_poster_remove(struct request *r)
{
	if (picture_remove(r, PICTURE_ACTIVITY_POSTER))
		activity_answer(r);
}

/* ---- blog posts ---- */

static void
blog_post_answer(struct request *r)
{
	struct blog_post	p;

	respond_result(r, blog_post_get(r->app->db, r->arena, r->ids[0], &p),
	    200, render_blog_post, &p);
}

/* GET /admin/blog/: every post, newest first. */
void
handle_admin_blog_list(struct request *r)
{
	respond_list(r, &blog_post_list_all, LIST_ALL, render_blog_post);
}

/* POST /admin/blog/: 201; 400 for a body_content the app cannot draw. */
void
handle_admin_blog_create(struct request *r)
{
	struct blog_post_input	in;
	struct blog_post	p;

	if (invalid(r, validate_blog_post(r->json, false, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_blog_post_create(r->app->db, r->arena, &in,
	    &p, &r->detail), 201, render_blog_post, &p);
}

/* GET /admin/blog/{id}/ */
void
handle_admin_blog_get(struct request *r)
{
	blog_post_answer(r);
}

/* PATCH /admin/blog/{id}/ */
void
handle_admin_blog_update(struct request *r)
{
	struct blog_post_input	in;
	struct blog_post	p;

	if (invalid(r, validate_blog_post(r->json, true, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, content_blog_post_update(r->app->db, r->arena,
	    r->ids[0], &in, &p, &r->detail), 200, render_blog_post, &p);
}

/* PUT /admin/blog/{id}/thumbnail/ */
void
handle_admin_blog_thumbnail_set(struct request *r)
{
	if (picture_upload(r, PICTURE_BLOG_THUMBNAIL, r->ids[0]))
		blog_post_answer(r);
}

/* DELETE /admin/blog/{id}/thumbnail/ */
void
handle_admin_blog_thumbnail_remove(struct request *r)
{
	if (picture_remove(r, PICTURE_BLOG_THUMBNAIL))
		blog_post_answer(r);
}

/* PUT /admin/blog/{id}/image/ */
void
handle_admin_blog_image_set(struct request *r)
{
	if (picture_upload(r, PICTURE_BLOG_IMAGE, r->ids[0]))
		blog_post_answer(r);
}

/* DELETE /admin/blog/{id}/image/ */
void
handle_admin_blog_image_remove(struct request *r)
{
	if (picture_remove(r, PICTURE_BLOG_IMAGE))
		blog_post_answer(r);
}
