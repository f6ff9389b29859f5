/*
 * Pictures through nginx: the Android app's profile picture upload
 * (PUT /v2/mentor/profile/{id}/image/, multipart as React Native streams
 * it), what becomes of the bytes (no metadata, upright), how nginx
 * serves them without credentials, the resized copies of ?filter_spec=,
 * and every upload that must be refused without changing anything.
 */
#define _GNU_SOURCE	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <criterion/criterion.h>
#include <curl/curl.h>
#include <gd.h>

#include "client.h"
#include "pair.h"
#include "pictures.h"
#include "sql.h"

static void
suite_init(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

TestSuite(pictures, .init = suite_init);

#define BOUNDARY	"RNFormBoundaryq1w2e3r4"
#define FORM_TYPE	"multipart/form-data; boundary=" BOUNDARY

/* The body React Native's FormData writes for one file part. */
static char *
app_form(const char *field, const void *data, size_t len, size_t *blen)
{
	char	head[256];
	int	hl = snprintf(head, sizeof(head), "--" BOUNDARY "\r\n"
		    "content-disposition: form-data; name=\"%s\"; "
		    "filename=\"image.png\"\r\ncontent-type: image/png\r\n\r\n",
		    field);
	const char	*tail = "\r\n--" BOUNDARY "--\r\n";
	char		*b = malloc((size_t)hl + len + strlen(tail));

	memcpy(b, head, (size_t)hl);
	memcpy(b + hl, data, len);
	memcpy(b + hl + len, tail, strlen(tail));
	*blen = (size_t)hl + len + strlen(tail);
	return b;
}

/* PUT the picture data as the app does; the answer in *out. */
static void
upload(const struct pair *p, int64_t id, const char *field, const void *data,
    size_t len, struct resp *out)
{
	char		 path[96];
	size_t		 blen;
	char		*body = app_form(field, data, len, &blen);
	struct req	 q = { .method = "PUT", .url = path, .user = p->email,
			    .pass = PW, .content_type = FORM_TYPE,
			    .body = body, .body_len = blen, .streamed = 1 };

	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/image/",
	    (long long)id);
	http(&q, out);
	free(body);
}

static char *
profile_pic(const struct pair *p)
{
	char		 path[64];
	struct resp	 r;
	char		*pic;

	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/",
	    (long long)p->mentor_id);
	http_get(path, p->email, PW, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	pic = strdup(str(r.json, "profile_pic"));
	resp_free(&r);
	return pic;
}

static gdImagePtr
decoded(const struct resp *r)
{
	gdImagePtr	im;

	if (r->len >= 8 && memcmp(r->body, "\x89PNG", 4) == 0)
		im = gdImageCreateFromPngPtr((int)r->len, r->body);
	else
		im = gdImageCreateFromJpegPtr((int)r->len, r->body);
	cr_assert_not_null(im, "not a picture: %.40s", r->body);
	return im;
}

Test(pictures, onboarding_with_a_phone_picture)
{
	struct pair	 p;
	struct resp	 r, s;
	size_t		 len;
	unsigned char	*jpg = picture_jpeg(600, 300, 6, &len);
	char		 url[256], copy[512];
	const char	*pic;
	gdImagePtr	 im;
	struct stat	 st;

	make_app_pair(&p, "pic_onboard", 801);
	upload(&p, p.mentor_id, "image", jpg, len, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	pic = str(r.json, "profile_pic");
	cr_assert_eq(strncmp(pic, "/media/profile/", 15), 0, "%s", pic);
	cr_assert_str_eq(pic + strlen(pic) - 4, ".jpg");
	cr_assert_eq(num(r.json, "id"), p.mentor_id);

	/* the app shows it without credentials, at API_BASE_URL + path */
	http_get(pic, NULL, NULL, &s);
	cr_assert_eq(s.status, 200);
	assert_content_type(&s, "image/jpeg");
	cr_assert_null(memmem(s.body, s.len, PICTURE_SECRET,
	    strlen(PICTURE_SECRET)), "the EXIF position survived");
	cr_assert_null(memmem(s.body, s.len, "Exif", 4));
	im = decoded(&s);
	cr_assert_eq(gdImageSX(im), 300, "not turned upright");
	cr_assert_eq(gdImageSY(im), 600);
	gdImageDestroy(im);
	resp_free(&s);

	/* the avatar at pixel ratio 2: a copy covering 80x80, made once */
	snprintf(url, sizeof(url), "%s?filter_spec=min-80x80", pic);
	http_get(url, NULL, NULL, &s);
	cr_assert_eq(s.status, 200);
	assert_content_type(&s, "image/jpeg");
	im = decoded(&s);
	cr_assert_eq(gdImageSX(im), 96);
	cr_assert_eq(gdImageSY(im), 192);
	gdImageDestroy(im);
	resp_free(&s);
	snprintf(copy, sizeof(copy), "%s/pictures/media-cache/96x96%s",
	    env("MT_VAR"), pic + strlen("/media"));
	cr_assert_eq(stat(copy, &st), 0, "no copy at %s", copy);
	http_get(url, NULL, NULL, &s);
	cr_assert_eq(s.status, 200);
	resp_free(&s);
	/* the copies' location is nginx's alone */
	snprintf(url, sizeof(url), "/media-cache/96x96%s",
	    pic + strlen("/media"));
	http_get(url, NULL, NULL, &s);
	cr_assert_eq(s.status, 404);
	resp_free(&s);
	/* a spec it does not know: the picture as it is */
	snprintf(url, sizeof(url), "%s?filter_spec=fill-10x10", pic);
	http_get(url, NULL, NULL, &s);
	cr_assert_eq(s.status, 200);
	im = decoded(&s);
	cr_assert_eq(gdImageSX(im), 300);
	gdImageDestroy(im);
	resp_free(&s);
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM mentors WHERE user_id = %lld"
	    " AND profile_pic = '%s'", (long long)p.mentor_id, pic), 1);
	resp_free(&r);
	free(jpg);
}

Test(pictures, a_new_picture_replaces_the_old_one_everywhere)
{
	struct pair	 p;
	struct resp	 r;
	size_t		 len;
	unsigned char	*png = picture_png(200, 200, &len);
	char		*first, *second, url[256], copy[512];
	struct stat	 st;

	make_app_pair(&p, "pic_replace", 802);
	upload(&p, p.mentor_id, "image", png, len, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	first = profile_pic(&p);
	cr_assert_str_eq(first + strlen(first) - 4, ".png");
	snprintf(url, sizeof(url), "%s?filter_spec=min-80x80", first);
	http_get(url, NULL, NULL, &r);
	cr_assert_eq(r.status, 200);
	resp_free(&r);

	upload(&p, p.mentor_id, "image", png, len, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	second = profile_pic(&p);
	cr_assert_str_neq(first, second);
	http_get(first, NULL, NULL, &r);
	cr_assert_eq(r.status, 404, "the old picture is still served");
	resp_free(&r);
	http_get(url, NULL, NULL, &r);
	cr_assert_eq(r.status, 404, "the old picture's copy is still served");
	cr_assert_str_eq(str(r.json, "detail"), "Not found.");
	resp_free(&r);
	snprintf(copy, sizeof(copy), "%s/pictures/media-cache/96x96%s",
	    env("MT_VAR"), first + strlen("/media"));
	cr_assert_neq(stat(copy, &st), 0);
	http_get(second, NULL, NULL, &r);
	cr_assert_eq(r.status, 200);
	assert_content_type(&r, "image/png");
	resp_free(&r);
	free(first);
	free(second);
	free(png);
}

/* r is a 400 whose "image" error is text. */
static void
assert_image_error(struct resp *r, const char *text)
{
	const cJSON	*e;

	cr_assert_eq(r->status, 400, "%ld %s", r->status, r->body);
	e = cJSON_GetObjectItem(r->json, "image");
	cr_assert(cJSON_IsArray(e), "%s", r->body);
	cr_assert_str_eq(cJSON_GetArrayItem(e, 0)->valuestring, text);
	resp_free(r);
}

Test(pictures, what_is_no_acceptable_picture_changes_nothing)
{
	struct pair	 p, other;
	struct resp	 r;
	size_t		 len;
	unsigned char	*gif = picture_gif(&len), *huge, *png;
	int		 before;
	char		 path[96];
	struct req	 q = { .method = "PUT", .url = path };

	make_app_pair(&p, "pic_refuse", 803);
	make_app_pair(&other, "pic_other", 804);
	before = pictures_stored("profile");
	upload(&p, p.mentor_id, "image", gif, len, &r);
	assert_image_error(&r, "Upload a PNG or JPEG picture.");
	free(gif);
	upload(&p, p.mentor_id, "image", "not a picture at all", 20, &r);
	assert_image_error(&r, "Upload a PNG or JPEG picture.");
	huge = picture_png_declaring(100000, 100000, &len);
	upload(&p, p.mentor_id, "image", huge, len, &r);
	assert_image_error(&r, "The picture is too large: use one of fewer "
	    "pixels.");
	free(huge);
	huge = picture_png_declaring(4000, 4000, &len);
	upload(&p, p.mentor_id, "image", huge, len, &r);
	assert_image_error(&r, "The picture could not be read.");
	free(huge);
	/* a part of another name */
	png = picture_png(20, 20, &len);
	upload(&p, p.mentor_id, "picture", png, len, &r);
	assert_image_error(&r, "No file was submitted.");
	/* another mentor's profile */
	upload(&p, other.mentor_id, "image", png, len, &r);
	cr_assert_eq(r.status, 404, "%s", r.body);
	resp_free(&r);
	/* not multipart at all */
	snprintf(path, sizeof(path), "/v2/mentor/profile/%lld/image/",
	    (long long)p.mentor_id);
	q.user = p.email;
	q.pass = PW;
	q.content_type = "application/json";
	q.body = "{\"image\": \"x\"}";
	http(&q, &r);
	cr_assert_eq(r.status, 415, "%s", r.body);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "detail"));
	resp_free(&r);
	/* multipart cut short */
	q.content_type = FORM_TYPE;
	q.body = "--" BOUNDARY "\r\ncontent-disposition: form-data; "
	    "name=\"image\"\r\n\r\n\x89PNG";
	http(&q, &r);
	cr_assert_eq(r.status, 400, "%s", r.body);
	cr_assert_str_eq(str(r.json, "detail"), "Multipart form parse error - "
	    "The multipart body is cut short.");
	resp_free(&r);
	/* without credentials */
	q.user = NULL;
	http(&q, &r);
	cr_assert(r.status == 401 || r.status == 403, "%ld", r.status);
	resp_free(&r);

	cr_assert_eq(pictures_stored("profile"), before, "a refused upload left a file");
	cr_assert_eq(sql_int("SELECT COUNT(*) FROM mentors WHERE user_id IN "
	    "(%lld, %lld) AND profile_pic = ''", (long long)p.mentor_id,
	    (long long)other.mentor_id), 2);
	free(png);
}

Test(pictures, uploads_have_their_own_size_limit)
{
	struct pair	 p;
	struct resp	 r;
	size_t		 len;
	unsigned char	*png = picture_noise_png(700, 700, &len);
	char		*big;

	make_app_pair(&p, "pic_size", 805);
	/* larger than any JSON body may be (1 MiB), under 10 MiB */
	cr_assert_gt(len, 1200000, "%zu", len);
	upload(&p, p.mentor_id, "image", png, len, &r);
	cr_assert_eq(r.status, 200, "%s", r.body);
	resp_free(&r);
	free(png);
	/* over [media] max_upload_bytes: refused before the app reads it */
	big = calloc(1, 10 * 1024 * 1024 + 1);
	memcpy(big, "\x89PNG\r\n\x1a\n", 8);
	upload(&p, p.mentor_id, "image", big, 10 * 1024 * 1024 + 1, &r);
	cr_assert_eq(r.status, 413, "%s", r.body);
	cr_assert_not_null(cJSON_GetObjectItem(r.json, "detail"));
	resp_free(&r);
	free(big);
}
