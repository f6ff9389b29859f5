/*
 * Where pictures live on disk, and what nginx serves them as.
 *
 An upload is written, already cleaned (media/image.h), as
 * [media] root/media/kind/name, kind one of "profile", "category",
 * "activity", "blog" and name random; its url is /media/kind/name, which
 * nginx serves from the same folder ($mentorship_media_root) without
 * credentials.  A resized copy for ?filter_spec=min-WxH is made once as
 * root/media-cache/WxH/kind/name, at one of a few sizes (a request is
 * rounded up to the next), and nginx sends it from its internal location
 * /media-cache/ (X-Accel-Redirect).  Files are
 * readable by everyone (0644) whatever the process's umask: nginx runs as
 * another user.
 */
#ifndef MT_MEDIA_STORE_H
#define MT_MEDIA_STORE_H

#include "core/arena.h"
#include "core/conf.h"
#include "core/outcome.h"
#include "media/image.h"

/* The folders of the kinds of picture. */
#define MEDIA_PROFILE	"profile"
#define MEDIA_CATEGORY	"category"
#define MEDIA_ACTIVITY	"activity"
#define MEDIA_BLOG	"blog"

/* Where nginx serves the pictures, and (internal) their copies from. */
#define MEDIA_LOCATION		"/media"
#define MEDIA_CACHE_LOCATION	"/media-cache"

/* Stores img as a new picture of kind; *url (in a) is its path. */
enum outcome	media_store(const struct conf *c, struct arena *a,
		    const char *kind, const struct image_bytes *img,
		    const char **url);
/* Removes the picture of url and every copy of it (nothing when url is
 * none of ours). */
void		media_remove(const struct conf *c, const char *url);
/* "image/png" or "image/jpeg" when url names a picture we store (by its
 * form, not asking the disk), else NULL. */
const char	*media_type_of(const char *url);
/*
 * "min-WxH" into the size of the copy that serves it (W and H rounded up
 * to the sizes copies are made at).  0, or -1 when it is no such spec.
 */
int		media_parse_filter(const char *spec, unsigned *w, unsigned *h);
/*
 * The copy of the picture at url (a path under /media) that covers
 * w x h, made now unless it was before: *internal is the path nginx sends
 * it from.  OUTCOME_NOT_FOUND when url is no picture of ours.
 */
enum outcome	media_cover_copy(const struct conf *c, struct arena *a,
		    const char *url, unsigned w, unsigned h,
		    const char **internal);

#endif
