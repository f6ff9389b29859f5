/*
 * Pictures people upload (a mentor's profile picture, content images):
 * recognised by their bytes, never by a name or a declared type; decoded
 * by libgd only after their declared size is found acceptable; written
 * anew, so that nothing of the original file but its pixels survives (no
 * EXIF location, no comment, no trailing data).  JPEG pictures are turned
 * upright by their EXIF orientation first, as phones take them.
 */
#ifndef MT_IMAGE_H
#define MT_IMAGE_H

#include <stddef.h>

enum image_format {
	IMAGE_PNG,
	IMAGE_JPEG,
	IMAGE_FORMAT__MAX
};

/* "png", "jpg": the file name extension of each format. */
extern const char *const image_extensions[IMAGE_FORMAT__MAX];
/* "image/png", "image/jpeg". */
extern const char *const image_media_types[IMAGE_FORMAT__MAX];

/* Encoded picture bytes, owned by the struct (image_bytes_release). */
struct image_bytes {
	void			*data;
	size_t			 len;
	enum image_format	 format;
	unsigned		 width, height;
};

void	image_bytes_release(struct image_bytes *b);

/*
 * The format and declared size of data without decoding it: 0, or -1
 * with *why (a sentence for a 400 answer) when it is no PNG or JPEG (an
 * animated or still GIF, a WebP, anything else) or its header is broken.
 */
int	image_probe(const unsigned char *data, size_t len,
	    enum image_format *format, unsigned *width, unsigned *height,
	    const char **why);
/*
 * The picture of data, decoded and encoded again in its own format,
 * upright: 0 with *out filled, or -1 with *why when it is no PNG or JPEG,
 * declares more than max_pixels, or does not decode.
 */
int	image_clean(const unsigned char *data, size_t len, unsigned max_pixels,
	    struct image_bytes *out, const char **why);
/*
 * data (a picture image_clean() wrote) scaled down so that it just
 * covers width x height (never scaled up), in its format: 0, or -1 with
 * *why.
 */
int	image_cover(const unsigned char *data, size_t len, unsigned width,
	    unsigned height, struct image_bytes *out, const char **why);

#endif
