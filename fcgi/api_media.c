#include "config.h"

#include "fcgi/api_media.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/multipart.h"
#include "media/store.h"

#define PICTURE_PART	"image"

bool
picture_upload(struct request *r, enum picture_slot slot, int64_t id)
{
	struct multipart_part	 part;
	const char		*why, *url;
	enum outcome		 rc;
	int			 found;

	if (!multipart_is_form(r->content_type)) {
		response_detail(r, 415, arena_printf(r->arena,
		    "Unsupported media type \"%s\" in request: send the "
		    "picture as multipart/form-data.", r->content_type != NULL ?
		    r->content_type : ""));
		return false;
	}
	found = multipart_find(r->arena, r->content_type, r->body,
	    r->body_len, PICTURE_PART, &part, &why);
	if (found == -1) {
		response_detail(r, 400, arena_printf(r->arena,
		    "Multipart form parse error - %s", why));
		return false;
	}
	if (found == 0) {
		response_field_error(r, PICTURE_PART, "No file was submitted.");
		return false;
	}
	rc = picture_set(r->app->db, r->app->conf, r->arena, slot, id,
	    part.data, part.len, &url, &r->detail);
	if (rc != OUTCOME_OK) {
		respond_outcome(r, rc);
		return false;
	}
	return true;
}

/*
 * GET /media/kind/name?filter_spec=min-WxH (nginx serves the pictures
 * themselves and sends only these here): a copy covering WxH, made on
 * the first request, which nginx then sends from /media-cache/.  A spec
 * we do not know, or a copy that cannot be made, gets the picture as it
 * is, which the app accepts.
 */
void
handle_media_get(struct request *r)
{
	const char	*spec = request_query(r, "filter_spec");
	const char	*type = media_type_of(r->path), *copy;
	unsigned	 w, h;

	if (type == NULL) {
		response_not_found(r);
		return;
	}
	if (spec == NULL || media_parse_filter(spec, &w, &h) == -1) {
		response_accel(r, r->path, type);
		return;
	}
	switch (media_cover_copy(r->app->conf, r->arena, r->path, w, h,
	    &copy)) {
	case OUTCOME_OK:
		response_accel(r, copy, type);
		break;
	case OUTCOME_NOT_FOUND:
		response_not_found(r);
		break;
	default:
		response_accel(r, r->path, type);
		break;
	}
}
