/*
 * The Android app's API, /v2/mentor (docs/android-app.md, and the
 * contract it follows): the mentor's profile and device token, the
 * content it lists (categories, activities, blog posts), calls with
 * their notes, and messages in the app's spelling.  Scheduled calls,
 * calls and events share the Mentor API's handlers (fcgi/routes.def), so
 * both APIs serve the same data in the same way.
 *
 * A mentor reaches only their own objects: anybody else's are 404, like
 * ids that do not exist.  No answer carries a phone number.
 */
#include "config.h"

#include "fcgi/api_media.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "models/activity.h"
#include "models/blog_post.h"
#include "models/category.h"
#include "models/mentor.h"
#include "services/accounts.h"
#include "services/call_notes.h"
#include "services/messaging.h"

/* ---- the profile ---- */

/*
 * GET /v2/mentor/profile/?email=: the app's login.  The list holds the
 * authenticated mentor alone, whatever email says: the app takes the
 * first result for the mentor, so it must never be somebody else.
 */
void
handle_app_profile_list(struct request *r)
{
	respond_list(r, &mentor_list_self, list_mine(r), render_profile);
}

/* Whether {id} is the mentor's own: the only profile they may reach. */
static bool
own_profile(struct request *r)
{
	if (r->ids[0] == r->user.id)
		return true;
	response_not_found(r);
	return false;
}

/* GET /v2/mentor/profile/{id}/ */
void
handle_app_profile_get(struct request *r)
{
	struct mentor	m;

	if (own_profile(r))
		respond_result(r, mentor_get(r->app->db, r->arena, r->ids[0],
		    &m), 200, render_profile, &m);
}

/* A change of the mentor's own profile: what validate reads, drawn so. */
static void
own_profile_change(struct request *r, int (*validate)(const cJSON *,
    struct arena *, struct mentor_input *, struct field_errors *),
    render_fn render)
{
	struct mentor_input	in;
	struct mentor		m;

	if (!own_profile(r) ||
	    invalid(r, validate(r->json, r->arena, &in, &r->fe)))
		return;
	respond_result(r, account_update_own_profile(r->app->db, r->arena,
	    r->user.id, &in, &m), 200, render, &m);
}

/* PUT /v2/mentor/profile/{id}/: the six onboarding fields. */
void
handle_app_profile_update(struct request *r)
{
	own_profile_change(r, validate_profile, render_profile);
}

/*
 * PUT /v2/mentor/profile/{id}/image/: the profile picture, multipart
 * with one part "image" (named image.png whatever it is: the bytes say).
 * The answer is the profile with its new profile_pic.
 */
void
handle_app_profile_image(struct request *r)
{
	struct mentor	m;

	if (own_profile(r) && picture_upload(r, PICTURE_PROFILE, r->user.id))
		respond_result(r, mentor_get(r->app->db, r->arena, r->user.id,
		    &m), 200, render_profile, &m);
}

/*
 * PATCH /v2/mentor/notification-settings/{id}/: the phone's FCM token,
 * which every push to the mentor goes to from then on.
 */
void
handle_app_notification_settings(struct request *r)
{
	own_profile_change(r, validate_device_token,
	    render_notification_settings);
}

/* ---- content ---- */

/* GET /v2/mentor/category/: the stages the app shows, by ordinal. */
void
handle_app_category_list(struct request *r)
{
	respond_list(r, &category_list_shown, LIST_ALL, render_category);
}

/* GET /v2/mentor/category/{id}/: 404 for a hidden one too. */
void
handle_app_category_get(struct request *r)
{
	struct category	c;

	respond_result(r, category_get_shown(r->app->db, r->arena, r->ids[0],
	    &c), 200, render_category, &c);
}

/* GET /v2/mentor/activity/: with is_complete for this mentor. */
void
handle_app_activity_list(struct request *r)
{
	respond_list(r, &activity_list_for_mentor, list_mine(r),
	    render_activity);
}

/* GET /v2/mentor/activity/{id}/ */
void
handle_app_activity_get(struct request *r)
{
	struct activity	a;

	respond_result(r, activity_get_for_mentor(r->app->db, r->arena,
	    r->ids[0], r->user.id, &a), 200, render_activity, &a);
}

/* GET /v2/mentor/blog/: newest first. */
void
handle_app_blog_list(struct request *r)
{
	respond_list(r, &blog_post_list_shown, LIST_ALL, render_blog_post);
}

/* ---- calls and their notes ---- */

/* (POST /v2/mentor/call/ is with POST /mentor/call/ in api_mentor.c.) */

/* GET /v2/mentor/call_note/: both versions, newest first. */
void
handle_app_call_note_list(struct request *r)
{
	respond_list(r, &call_note_list_by_mentor, list_mine(r),
	    render_call_note);
}

/* POST /v2/mentor/call_note/: 201 with the note, its call and activity. */
void
handle_app_call_note_create(struct request *r)
{
	struct call_note_input	in;
	struct call_note_view	v;

	if (invalid(r, validate_call_note(r->json, false, r->arena, &in,
	    &r->fe)))
		return;
	respond_result(r, call_note_create(r->app->db, r->arena, r->user.id,
	    &in, &v, &r->detail), 201, render_call_note_view, &v);
}

/* GET /v2/mentor/call_note/{id}/ */
void
handle_app_call_note_get(struct request *r)
{
	struct call_note	n;

	respond_result(r, call_note_get_for_mentor(r->app->db, r->arena,
	    r->ids[0], r->user.id, &n), 200, render_call_note, &n);
}

/* PUT (all fields) and PATCH (any) /v2/mentor/call_note/{id}/ */
void
handle_app_call_note_update(struct request *r)
{
	struct call_note_input	in;
	struct call_note_view	v;

	if (invalid(r, validate_call_note(r->json, r->method == HTTP_PATCH,
	    r->arena, &in, &r->fe)))
		return;
	respond_result(r, call_note_change(r->app->db, r->arena, r->user.id,
	    r->ids[0], &in, &v, &r->detail), 200, render_call_note_view, &v);
}

/* ---- messages ---- */

/* GET /v2/mentor/message/: newest first, INBOUND and OUTBOUND. */
void
handle_app_message_list(struct request *r)
{
	/* Its queries bind since_id, 0 for all: one list for both. */
	respond_list_since(r, &message_list_by_user, &message_list_by_user,
	    render_app_message);
}

/* POST /v2/mentor/message/ {"content"}: 201, OUTBOUND, queued for SMS. */
void
handle_app_message_create(struct request *r)
{
	struct message_input	in;
	struct message		m;

	if (invalid(r, validate_message(r->json, r->arena, &in, &r->fe)))
		return;
	respond_result(r, message_create_by_mentor(r->app->db, r->arena,
	    r->user.id, &in, &m, &r->detail), 201, render_app_message, &m);
}
