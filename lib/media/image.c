#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <gd.h>

#include "core/log.h"
#include "media/image.h"

#define JPEG_QUALITY	85
#define PNG_LEVEL	6
#define DIMENSION_MAX	20000	/* a side, whatever max_pixels says */

const char *const image_extensions[IMAGE_FORMAT__MAX] = { "png", "jpg" };
const char *const image_media_types[IMAGE_FORMAT__MAX] = {
	"image/png", "image/jpeg"
};

static const char NOT_A_PICTURE[] = "Upload a PNG or JPEG picture.";
static const char BROKEN[] = "The picture could not be read.";

void
image_bytes_release(struct image_bytes *b)
{
	if (b->data != NULL)
		gdFree(b->data);
	memset(b, 0, sizeof(*b));
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * PNG: the signature, then IHDR first with the width and height, and
 * every chunk within the bytes up to IEND.  libpng skips a chunk it does
 * not keep by reading its declared length: a 2 GiB length in a file of
 * 200 bytes cost seconds of CPU in libgd's reader before the file was
 * found short (the fuzzer's find).
 */
static int
probe_png(const unsigned char *d, size_t len, unsigned *w, unsigned *h)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	size_t	i = 8, n;

	if (len < 8 || memcmp(d, sig, 8) != 0)
		return 0;
	if (len < 24 || be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4) != 0)
		return -1;
	for (;;) {
		/* length, type, data, CRC */
		if (len - i < 12 || (n = be32(d + i)) > len - i - 12)
			return -1;
		if (memcmp(d + i + 4, "IEND", 4) == 0)
			break;
		i += 12 + n;
	}
	*w = be32(d + 16);
	*h = be32(d + 20);
	return 1;
}

/* JPEG: SOI, then markers up to a start of frame with the size. */
static int
probe_jpeg(const unsigned char *d, size_t len, unsigned *w, unsigned *h)
{
	size_t	i = 2;

	if (len < 3 || d[0] != 0xFF || d[1] != 0xD8 || d[2] != 0xFF)
		return 0;
	while (i + 4 <= len) {
		unsigned	marker, seglen;

		if (d[i] != 0xFF)
			return -1;
		marker = d[i + 1];
		if (marker == 0xFF) {		/* fill byte */
			i++;
			continue;
		}
		if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) ||
		    marker == 0x01) {		/* no length */
			i += 2;
			continue;
		}
		seglen = be16(d + i + 2);
		if (seglen < 2 || i + 2 + seglen > len)
			return -1;
		/* SOF0-SOF15 but DHT (C4), JPG (C8) and DAC (CC). */
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 &&
		    marker != 0xC8 && marker != 0xCC) {
			if (seglen < 7)
				return -1;
			*h = be16(d + i + 5);
			*w = be16(d + i + 7);
			return 1;
		}
		if (marker == 0xDA || marker == 0xD9)	/* scan before a frame */
			return -1;
		i += 2 + seglen;
	}
	return -1;
}

int
image_probe(const unsigned char *data, size_t len, enum image_format *format,
    unsigned *width, unsigned *height, const char **why)
{
	int	rc;

	*width = *height = 0;
	if ((rc = probe_png(data, len, width, height)) != 0)
		*format = IMAGE_PNG;
	else if ((rc = probe_jpeg(data, len, width, height)) != 0)
		*format = IMAGE_JPEG;
	if (rc == 0) {
		*why = NOT_A_PICTURE;
		return -1;
	}
	if (rc < 0 || *width == 0 || *height == 0) {
		*why = BROKEN;
		return -1;
	}
	return 0;
}

/* The EXIF orientation (1-8) of a JPEG, 1 when it has none. */
static int
jpeg_orientation(const unsigned char *d, size_t len)
{
	size_t	i = 2;

	while (i + 4 <= len && d[i] == 0xFF) {
		unsigned	marker = d[i + 1], seglen = be16(d + i + 2);
		const unsigned char *t;
		size_t		 tl;
		int		 le;

		if (marker == 0xDA || seglen < 2 || i + 2 + seglen > len)
			break;
		t = d + i + 4;
		tl = seglen - 2;
		if (marker == 0xE1 && tl >= 14 && memcmp(t, "Exif\0\0", 6) == 0) {
			const unsigned char	*tiff = t + 6;
			size_t			 n = tl - 6, ifd, count;

			le = tiff[0] == 'I';
#define U16(p) (le ? (unsigned)(p)[0] | (unsigned)(p)[1] << 8 : be16(p))
#define U32(p) (le ? (uint32_t)(p)[0] | (uint32_t)(p)[1] << 8 | \
	    (uint32_t)(p)[2] << 16 | (uint32_t)(p)[3] << 24 : be32(p))
			if (n < 8 || (memcmp(tiff, "II*\0", 4) != 0 &&
			    memcmp(tiff, "MM\0*", 4) != 0))
				return 1;
			ifd = U32(tiff + 4);
			if (ifd + 2 > n)
				return 1;
			count = U16(tiff + ifd);
			for (size_t e = 0; e < count; e++) {
				const unsigned char *ent = tiff + ifd + 2 +
				    12 * e;

				if ((size_t)(ent - tiff) + 12 > n)
					return 1;
				if (U16(ent) == 0x0112) {
					unsigned	v = U16(ent + 8);

					return v >= 1 && v <= 8 ? (int)v : 1;
				}
			}
#undef U16
#undef U32
			return 1;
		}
		i += 2 + seglen;
	}
	return 1;
}

/*
 * im turned by a quarter (clockwise when cw) or by half a turn: a new
 * image, or NULL.  (libgd's own rotation interpolates; this moves pixels.)
 */
static gdImagePtr
turn(gdImagePtr im, int quarters)
{
	int		w = gdImageSX(im), h = gdImageSY(im);
	gdImagePtr	out;

	out = gdImageCreateTrueColor(quarters == 2 ? w : h,
	    quarters == 2 ? h : w);
	if (out == NULL)
		return NULL;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			int	c = gdImageGetTrueColorPixel(im, x, y);

			if (quarters == 1)		/* clockwise */
				gdImageSetPixel(out, h - 1 - y, x, c);
			else if (quarters == 3)		/* counter-clockwise */
				gdImageSetPixel(out, y, w - 1 - x, c);
			else
				gdImageSetPixel(out, w - 1 - x, h - 1 - y, c);
		}
	return out;
}

/* Upright by EXIF orientation 3 (half), 6 (clockwise), 8 (counter). */
static gdImagePtr
upright(gdImagePtr im, int orientation)
{
	int		q = orientation == 3 ? 2 : orientation == 6 ? 1 :
			    orientation == 8 ? 3 : 0;
	gdImagePtr	out;

	if (q == 0 || (out = turn(im, q)) == NULL)
		return im;
	gdImageDestroy(im);
	return out;
}

static int
encode(gdImagePtr im, enum image_format f, struct image_bytes *out)
{
	int	size = 0;

	gdImageSaveAlpha(im, 1);
	out->data = f == IMAGE_PNG ? gdImagePngPtrEx(im, &size, PNG_LEVEL) :
	    gdImageJpegPtr(im, &size, JPEG_QUALITY);
	if (out->data == NULL || size <= 0)
		return -1;
	out->len = (size_t)size;
	out->format = f;
	out->width = (unsigned)gdImageSX(im);
	out->height = (unsigned)gdImageSY(im);
	return 0;
}

static gdImagePtr
decode(const unsigned char *data, size_t len, enum image_format f)
{
	/* libgd takes the bytes as non-const; it only reads them. */
	void	*p = (void *)(uintptr_t)data;

	if (len > INT32_MAX)
		return NULL;
	return f == IMAGE_PNG ? gdImageCreateFromPngPtr((int)len, p) :
	    gdImageCreateFromJpegPtr((int)len, p);
}

/* libgd reports to stderr by default: to our log, quietly. */
static void
gd_quiet(int priority, const char *fmt, va_list ap)
{
	(void)priority;
	(void)fmt;
	(void)ap;
}

int
image_clean(const unsigned char *data, size_t len, unsigned max_pixels,
    struct image_bytes *out, const char **why)
{
	enum image_format	 f;
	unsigned		 w, h;
	gdImagePtr		 im;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	gdSetErrorMethod(gd_quiet);
	if (image_probe(data, len, &f, &w, &h, why) == -1)
		return -1;
	if (w > DIMENSION_MAX || h > DIMENSION_MAX ||
	    (uint64_t)w * h > max_pixels) {
		*why = "The picture is too large: use one of fewer pixels.";
		return -1;
	}
	if ((im = decode(data, len, f)) == NULL) {
		*why = BROKEN;
		return -1;
	}
	gdImagePaletteToTrueColor(im);
	if (f == IMAGE_JPEG)
		im = upright(im, jpeg_orientation(data, len));
	if (encode(im, f, out) == -1) {
		image_bytes_release(out);
		*why = BROKEN;
		goto out;
	}
	rc = 0;
out:
	gdImageDestroy(im);
	return rc;
}

int
image_cover(const unsigned char *data, size_t len, unsigned width,
    unsigned height, struct image_bytes *out, const char **why)
{
	enum image_format	 f;
	unsigned		 w, h;
	gdImagePtr		 im, scaled = NULL;
	double			 s;
	int			 rc = -1;

	memset(out, 0, sizeof(*out));
	gdSetErrorMethod(gd_quiet);
	if (image_probe(data, len, &f, &w, &h, why) == -1)
		return -1;
	if ((im = decode(data, len, f)) == NULL) {
		*why = BROKEN;
		return -1;
	}
	gdImagePaletteToTrueColor(im);
	/* The larger of the two ratios covers both sides. */
	s = (double)width / w > (double)height / h ? (double)width / w :
	    (double)height / h;
	if (s < 1.0) {
		gdImageSetInterpolationMethod(im, GD_BILINEAR_FIXED);
		scaled = gdImageScale(im, (unsigned)(w * s + 0.999),
		    (unsigned)(h * s + 0.999));
	}
	if ((s < 1.0 && scaled == NULL) ||
	    encode(scaled != NULL ? scaled : im, f, out) == -1) {
		image_bytes_release(out);
		*why = BROKEN;
		goto out;
	}
	rc = 0;
out:
	if (scaled != NULL)
		gdImageDestroy(scaled);
	gdImageDestroy(im);
	return rc;
}
