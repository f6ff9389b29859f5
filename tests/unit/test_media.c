/*
 * Pictures: recognised by their bytes (media/image.h), cleaned of their
 * metadata, turned upright, scaled; stored and copied (media/store.h);
 * and found in multipart bodies as the app and browsers send them
 * (fcgi/multipart.h).
 */
#define _GNU_SOURCE	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <gd.h>

#include "core/arena.h"
#include "core/conf.h"
#include "fcgi/multipart.h"
#include "media/image.h"
#include "media/store.h"
#include "pictures.h"

#define MAX_PIXELS	40000000u

static struct arena	a;

static void
setup(void)
{
	arena_init(&a, 1 << 20);
}

static void
teardown(void)
{
	arena_release(&a);
}

TestSuite(image, .init = setup, .fini = teardown);
TestSuite(store, .init = setup, .fini = teardown);
TestSuite(multipart, .init = setup, .fini = teardown);

static bool
holds(const void *data, size_t len, const char *s)
{
	return memmem(data, len, s, strlen(s)) != NULL;
}

/* The colour at x, y of an encoded picture. */
static int
pixel(const struct image_bytes *b, int x, int y)
{
	gdImagePtr	im = b->format == IMAGE_PNG ?
			    gdImageCreateFromPngPtr((int)b->len, b->data) :
			    gdImageCreateFromJpegPtr((int)b->len, b->data);
	int		c;

	cr_assert_not_null(im);
	c = gdImageGetTrueColorPixel(im, x, y);
	gdImageDestroy(im);
	return c;
}

static bool
reddish(int c)
{
	return gdTrueColorGetRed(c) > 150 && gdTrueColorGetBlue(c) < 100;
}

Test(image, a_png_is_written_anew_without_its_text_chunk)
{
	size_t			 len;
	unsigned char		*png = picture_png(64, 32, &len);
	struct image_bytes	 out;
	const char		*why = NULL;

	cr_assert(holds(png, len, PICTURE_SECRET));
	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &out, &why), 0, "%s",
	    why);
	cr_assert_eq(out.format, IMAGE_PNG);
	cr_assert_eq(out.width, 64);
	cr_assert_eq(out.height, 32);
	cr_assert_not(holds(out.data, out.len, PICTURE_SECRET));
	cr_assert_not(holds(out.data, out.len, "tEXt"));
	cr_assert(reddish(pixel(&out, 2, 2)));
	image_bytes_release(&out);
	free(png);
}

Test(image, a_jpeg_loses_its_exif_and_is_turned_upright)
{
	size_t			 len;
	unsigned char		*jpg = picture_jpeg(80, 40, 6, &len);
	struct image_bytes	 out;
	const char		*why = NULL;

	cr_assert(holds(jpg, len, PICTURE_SECRET));
	cr_assert_eq(image_clean(jpg, len, MAX_PIXELS, &out, &why), 0, "%s",
	    why);
	cr_assert_eq(out.format, IMAGE_JPEG);
	cr_assert_not(holds(out.data, out.len, PICTURE_SECRET));
	cr_assert_not(holds(out.data, out.len, "Exif"));
	/* orientation 6: the camera was held turned; the left (red) half
	 * is at the top once upright */
	cr_assert_eq(out.width, 40);
	cr_assert_eq(out.height, 80);
	cr_assert(reddish(pixel(&out, 20, 5)));
	cr_assert_not(reddish(pixel(&out, 20, 75)));
	image_bytes_release(&out);
	free(jpg);
}

Test(image, orientations_3_and_8)
{
	size_t			 len;
	unsigned char		*jpg;
	struct image_bytes	 out;
	const char		*why = NULL;

	jpg = picture_jpeg(80, 40, 3, &len);
	cr_assert_eq(image_clean(jpg, len, MAX_PIXELS, &out, &why), 0);
	cr_assert_eq(out.width, 80);
	cr_assert(reddish(pixel(&out, 75, 20)));	/* half a turn */
	image_bytes_release(&out);
	free(jpg);
	jpg = picture_jpeg(80, 40, 8, &len);
	cr_assert_eq(image_clean(jpg, len, MAX_PIXELS, &out, &why), 0);
	cr_assert_eq(out.height, 80);
	cr_assert(reddish(pixel(&out, 20, 75)));	/* red at the bottom */
	image_bytes_release(&out);
	free(jpg);
}

Test(image, a_gif_animated_or_not_is_refused)
{
	size_t			 len;
	unsigned char		*gif = picture_gif(&len);
	struct image_bytes	 out;
	enum image_format	 f;
	unsigned		 w, h;
	const char		*why = NULL;

	cr_assert_eq(memcmp(gif, "GIF89a", 6), 0);
	cr_assert_eq(image_probe(gif, len, &f, &w, &h, &why), -1);
	cr_assert_str_eq(why, "Upload a PNG or JPEG picture.");
	cr_assert_eq(image_clean(gif, len, MAX_PIXELS, &out, &why), -1);
	cr_assert_null(out.data);
	free(gif);
}

Test(image, a_huge_declared_size_is_refused_before_decoding)
{
	size_t			 len;
	unsigned char		*png = picture_png_declaring(100000, 100000,
				    &len);
	struct image_bytes	 out;
	enum image_format	 f;
	unsigned		 w, h;
	const char		*why = NULL;

	cr_assert_eq(image_probe(png, len, &f, &w, &h, &why), 0);
	cr_assert_eq(w, 100000);
	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &out, &why), -1);
	cr_assert_str_eq(why, "The picture is too large: use one of fewer "
	    "pixels.");
	free(png);
	/* under the limit of pixels, but its data is not what it says */
	png = picture_png_declaring(3000, 3000, &len);
	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &out, &why), -1);
	cr_assert_str_eq(why, "The picture could not be read.");
	free(png);
}

/*
 * The fuzzer's find: a chunk declaring 973 MB in a PNG of 166 bytes kept
 * libgd's reader busy for seconds.  Such a file is refused by the probe,
 * before any decoding, and so is a PNG cut before IEND.
 */
Test(image, a_png_whose_chunks_overrun_it_is_refused_before_decoding)
{
	size_t			 len, second;
	unsigned char		*png = picture_png(4, 4, &len);
	enum image_format	 f;
	unsigned		 w, h;
	const char		*why = NULL;

	cr_assert_eq(image_probe(png, len, &f, &w, &h, &why), 0);
	cr_assert_eq(image_probe(png, len - 12, &f, &w, &h, &why), -1,
	    "a PNG without IEND was taken");
	cr_assert_str_eq(why, "The picture could not be read.");
	second = 8 + 12 + 13;		/* the chunk after IHDR */
	png[second] = 0x3a;
	why = NULL;
	cr_assert_eq(image_probe(png, len, &f, &w, &h, &why), -1,
	    "a chunk longer than the file was taken");
	cr_assert_str_eq(why, "The picture could not be read.");
	free(png);
}

Test(image, text_and_truncated_pictures_are_refused)
{
	size_t			 len;
	unsigned char		*jpg = picture_jpeg(32, 32, 1, &len);
	struct image_bytes	 out;
	const char		*why = NULL;

	cr_assert_eq(image_clean((const unsigned char *)"hello", 5,
	    MAX_PIXELS, &out, &why), -1);
	cr_assert_str_eq(why, "Upload a PNG or JPEG picture.");
	cr_assert_eq(image_clean((const unsigned char *)"", 0, MAX_PIXELS,
	    &out, &why), -1);
	cr_assert_eq(image_clean(jpg, 40, MAX_PIXELS, &out, &why), -1);
	free(jpg);
}

Test(image, cover_scales_down_to_cover_and_never_up)
{
	size_t			 len;
	unsigned char		*png = picture_png(400, 300, &len);
	struct image_bytes	 clean, out;
	const char		*why = NULL;

	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &clean, &why), 0);
	cr_assert_eq(image_cover(clean.data, clean.len, 96, 96, &out, &why),
	    0, "%s", why);
	cr_assert_eq(out.width, 128);	/* 96 high, in proportion */
	cr_assert_eq(out.height, 96);
	image_bytes_release(&out);
	cr_assert_eq(image_cover(clean.data, clean.len, 1024, 1024, &out,
	    &why), 0);
	cr_assert_eq(out.width, 400);
	cr_assert_eq(out.height, 300);
	image_bytes_release(&out);
	image_bytes_release(&clean);
	free(png);
}

/* ---- the store ---- */

static struct conf	c;
static char		root[64];

static void
store_conf(void)
{
	conf_defaults(&c);
	snprintf(root, sizeof(root), "/tmp/mt-media-XXXXXX");
	cr_assert_not_null(mkdtemp(root));
	free(c.media_root);
	c.media_root = strdup(root);
}

static void
remove_root(void)
{
	char	cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	cr_assert_eq(system(cmd), 0);
	conf_release(&c);
}

/* Whether the file of a path under the root exists. */
static bool
exists(const char *rel)
{
	char		path[512];
	struct stat	st;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	return stat(path, &st) == 0;
}

Test(store, pictures_get_random_names_readable_by_nginx)
{
	size_t			 len;
	unsigned char		*png = picture_png(64, 64, &len);
	struct image_bytes	 img;
	const char		*why, *u1, *u2;
	char			 path[512];
	struct stat		 st;

	store_conf();
	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &img, &why), 0);
	cr_assert_eq(media_store(&c, &a, MEDIA_PROFILE, &img, &u1), OUTCOME_OK);
	cr_assert_eq(media_store(&c, &a, MEDIA_PROFILE, &img, &u2), OUTCOME_OK);
	cr_assert_str_neq(u1, u2);
	cr_assert_eq(strncmp(u1, "/media/profile/", 15), 0, "%s", u1);
	cr_assert_eq(strlen(u1), 15 + 32 + 4);
	cr_assert_str_eq(u1 + strlen(u1) - 4, ".png");
	cr_assert_str_eq(media_type_of(u1), "image/png");
	snprintf(path, sizeof(path), "%s%s", root, u1);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0644);
	image_bytes_release(&img);
	free(png);
	remove_root();
}

Test(store, copies_are_made_once_and_go_with_their_picture)
{
	size_t			 len;
	unsigned char		*png = picture_png(400, 300, &len);
	struct image_bytes	 img;
	const char		*why, *url, *copy, *again;
	unsigned		 w, h;
	char			 path[512];
	struct stat		 st1, st2;

	store_conf();
	cr_assert_eq(image_clean(png, len, MAX_PIXELS, &img, &why), 0);
	cr_assert_eq(media_store(&c, &a, MEDIA_CATEGORY, &img, &url),
	    OUTCOME_OK);
	cr_assert_eq(media_parse_filter("min-80x80", &w, &h), 0);
	cr_assert_eq(w, 96);
	cr_assert_eq(h, 96);
	cr_assert_eq(media_cover_copy(&c, &a, url, w, h, &copy), OUTCOME_OK);
	cr_assert_str_eq(copy, arena_printf(&a, "/media-cache/96x96%s",
	    url + strlen("/media")));
	snprintf(path, sizeof(path), "%s%s", root, copy);
	cr_assert_eq(stat(path, &st1), 0);
	cr_assert_eq(media_cover_copy(&c, &a, url, w, h, &again), OUTCOME_OK);
	cr_assert_str_eq(copy, again);
	cr_assert_eq(stat(path, &st2), 0);
	cr_assert_eq(st1.st_ino, st2.st_ino, "made twice");
	media_remove(&c, url);
	cr_assert_not(exists(url));
	cr_assert_not(exists(copy));
	cr_assert_eq(media_cover_copy(&c, &a, url, w, h, &copy),
	    OUTCOME_NOT_FOUND);
	image_bytes_release(&img);
	free(png);
	remove_root();
}

Test(store, only_our_names_are_pictures)
{
	unsigned	w, h;
	const char	*copy;

	store_conf();
	cr_assert_null(media_type_of("/media/profile/../../etc/passwd"));
	cr_assert_null(media_type_of("/media/other/"
	    "0123456789abcdef0123456789abcdef.png"));
	cr_assert_null(media_type_of("/media/profile/"
	    "0123456789abcdef0123456789abcdef.gif"));
	cr_assert_null(media_type_of("/media/profile/"
	    "0123456789abcdef0123456789abcdef.png/x"));
	cr_assert_str_eq(media_type_of("/media/blog/"
	    "0123456789abcdef0123456789abcdef.jpg"), "image/jpeg");
	cr_assert_eq(media_cover_copy(&c, &a, "/media/profile/../x.png", 96,
	    96, &copy), OUTCOME_NOT_FOUND);
	cr_assert_eq(media_parse_filter("min-0x10", &w, &h), -1);
	cr_assert_eq(media_parse_filter("max-10x10", &w, &h), -1);
	cr_assert_eq(media_parse_filter("min-10x", &w, &h), -1);
	cr_assert_eq(media_parse_filter("min-10x10x", &w, &h), -1);
	cr_assert_eq(media_parse_filter("min-99999999999x1", &w, &h), -1);
	cr_assert_eq(media_parse_filter("min-5000x1", &w, &h), 0);
	cr_assert_eq(w, 2048, "copies are at most 2048 wide");
	cr_assert_eq(h, 32);
	remove_root();
}

/* ---- multipart ---- */

/* The upload as React Native's FormData writes it. */
#define RN_TYPE	"multipart/form-data; boundary=RNFormBoundary1234"
#define RN_BODY(data)							\
	"--RNFormBoundary1234\r\n"					\
	"content-disposition: form-data; name=\"image\"; "		\
	"filename=\"image.png\"\r\n"					\
	"content-type: image/png\r\n"					\
	"\r\n" data "\r\n"						\
	"--RNFormBoundary1234--\r\n"

Test(multipart, the_apps_upload)
{
	static const char	 body[] = RN_BODY("\x89PNG\r\n--not-it\r\n");
	struct multipart_part	 p;
	const char		*why;

	cr_assert(multipart_is_form(RN_TYPE));
	cr_assert_not(multipart_is_form("multipart/form-datax"));
	cr_assert_not(multipart_is_form("application/json"));
	cr_assert_eq(multipart_find(&a, RN_TYPE, body, sizeof(body) - 1,
	    "image", &p, &why), 1);
	cr_assert_str_eq(p.name, "image");
	cr_assert_str_eq(p.filename, "image.png");
	cr_assert_str_eq(p.content_type, "image/png");
	cr_assert_eq(p.len, 16);
	cr_assert_eq(memcmp(p.data, "\x89PNG\r\n--not-it\r\n", 16), 0);
}

Test(multipart, a_browsers_form_with_a_quoted_boundary_and_two_parts)
{
	static const char	 body[] =
	    "preamble\r\n"
	    "------WebKitFormBoundaryX\r\n"
	    "Content-Disposition: form-data; name=\"title\"\r\n\r\n"
	    "hello\r\n"
	    "------WebKitFormBoundaryX\r\n"
	    "Content-Disposition: form-data; name=\"image\"; "
	    "filename=\"a; b.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n\r\n"
	    "JPEGDATA\r\n"
	    "------WebKitFormBoundaryX--";
	struct multipart_part	 p;
	const char		*why;
	const char		*ct = "multipart/form-data; "
				    "boundary=\"----WebKitFormBoundaryX\"";

	cr_assert_eq(multipart_find(&a, ct, body, sizeof(body) - 1, "image",
	    &p, &why), 1);
	cr_assert_str_eq(p.filename, "a; b.jpg");
	cr_assert_eq(p.len, 8);
	cr_assert_eq(multipart_find(&a, ct, body, sizeof(body) - 1, "title",
	    &p, &why), 1);
	cr_assert_eq(p.len, 5);
	cr_assert_eq(multipart_find(&a, ct, body, sizeof(body) - 1, "other",
	    &p, &why), 0);
}

Test(multipart, malformed_bodies_say_why)
{
	static const char	 cut[] = "--RNFormBoundary1234\r\n"
	    "content-disposition: form-data; name=\"image\"\r\n\r\nabc";
	static const char	 noname[] = "--RNFormBoundary1234\r\n"
	    "content-disposition: form-data\r\n\r\nabc\r\n"
	    "--RNFormBoundary1234--";
	struct multipart_part	 p;
	const char		*why;

	cr_assert_eq(multipart_find(&a, "multipart/form-data", cut,
	    sizeof(cut) - 1, "image", &p, &why), -1);
	cr_assert_str_eq(why, "The multipart body has no boundary.");
	cr_assert_eq(multipart_find(&a, RN_TYPE, cut, sizeof(cut) - 1, "image",
	    &p, &why), -1);
	cr_assert_str_eq(why, "The multipart body is cut short.");
	cr_assert_eq(multipart_find(&a, RN_TYPE, noname, sizeof(noname) - 1,
	    "image", &p, &why), -1);
	cr_assert_str_eq(why, "A part of the multipart body has no name.");
	cr_assert_eq(multipart_find(&a, RN_TYPE, "hello", 5, "image", &p,
	    &why), -1);
	cr_assert_str_eq(why, "The multipart body has no part.");
	cr_assert_eq(multipart_find(&a, RN_TYPE, NULL, 0, "image", &p, &why),
	    -1);
}
