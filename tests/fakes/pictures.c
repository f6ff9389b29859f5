#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gd.h>

#include "pictures.h"

static uint32_t
crc32_of(const unsigned char *p, size_t n)
{
	uint32_t	c = 0xFFFFFFFFu;

	for (size_t i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
	}
	return c ^ 0xFFFFFFFFu;
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* data with ins (n bytes) inserted at off: malloc'd, data freed. */
static unsigned char *
splice(void *data, size_t *len, size_t off, const void *ins, size_t n)
{
	unsigned char	*out = malloc(*len + n);

	memcpy(out, data, off);
	memcpy(out + off, ins, n);
	memcpy(out + off + n, (unsigned char *)data + off, *len - off);
	*len += n;
	gdFree(data);
	return out;
}

static gdImagePtr
two_halves(unsigned w, unsigned h)
{
	gdImagePtr	im = gdImageCreateTrueColor((int)w, (int)h);

	gdImageFilledRectangle(im, 0, 0, (int)w / 2 - 1, (int)h - 1,
	    gdTrueColor(220, 20, 20));
	gdImageFilledRectangle(im, (int)w / 2, 0, (int)w - 1, (int)h - 1,
	    gdTrueColor(20, 20, 220));
	return im;
}

unsigned char *
picture_png(unsigned w, unsigned h, size_t *len)
{
	gdImagePtr	 im = two_halves(w, h);
	unsigned char	 chunk[128];
	size_t		 n = sizeof("Comment") + strlen(PICTURE_SECRET);
	int		 size;
	void		*p = gdImagePngPtr(im, &size);

	gdImageDestroy(im);
	put32(chunk, (uint32_t)n);
	memcpy(chunk + 4, "tEXtComment", 12);	/* with its NUL */
	memcpy(chunk + 16, PICTURE_SECRET, strlen(PICTURE_SECRET));
	put32(chunk + 8 + n, crc32_of(chunk + 4, n + 4));
	*len = (size_t)size;
	/* after the signature (8) and IHDR (25) */
	return splice(p, len, 33, chunk, n + 12);
}

unsigned char *
picture_jpeg(unsigned w, unsigned h, int orientation, size_t *len)
{
	gdImagePtr	 im = two_halves(w, h);
	unsigned char	 app1[160], *t;
	size_t		 slen = strlen(PICTURE_SECRET) + 1, n;
	int		 size;
	void		*p = gdImageJpegPtr(im, &size, 90);

	gdImageDestroy(im);
	memset(app1, 0, sizeof(app1));
	app1[0] = 0xFF;
	app1[1] = 0xE1;
	memcpy(app1 + 4, "Exif\0\0", 6);
	t = app1 + 10;			/* the TIFF header, big-endian */
	memcpy(t, "MM\0*", 4);
	put32(t + 4, 8);
	t[8] = 0, t[9] = 2;		/* two entries */
	/* Orientation, SHORT, 1, value */
	t[10] = 0x01, t[11] = 0x12, t[12] = 0, t[13] = 3;
	put32(t + 14, 1);
	t[18] = 0, t[19] = (unsigned char)orientation;
	/* ImageDescription, ASCII, slen, at offset 38 */
	t[22] = 0x01, t[23] = 0x0E, t[24] = 0, t[25] = 2;
	put32(t + 26, (uint32_t)slen);
	put32(t + 30, 38);
	put32(t + 34, 0);		/* no next IFD */
	memcpy(t + 38, PICTURE_SECRET, slen);
	n = 10 + 38 + slen;
	app1[2] = (unsigned char)((n - 2) >> 8);
	app1[3] = (unsigned char)(n - 2);
	*len = (size_t)size;
	return splice(p, len, 2, app1, n);	/* right after SOI */
}

unsigned char *
picture_noise_png(unsigned w, unsigned h, size_t *len)
{
	gdImagePtr	 im = gdImageCreateTrueColor((int)w, (int)h);
	unsigned char	*out;
	uint32_t	 x = 2463534242u;
	void		*p;
	int		 size;

	for (unsigned y = 0; y < h; y++)
		for (unsigned i = 0; i < w; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;	/* xorshift */
			gdImageSetPixel(im, (int)i, (int)y, (int)(x & 0xFFFFFF));
		}
	p = gdImagePngPtr(im, &size);
	gdImageDestroy(im);
	out = malloc((size_t)size);
	memcpy(out, p, (size_t)size);
	gdFree(p);
	*len = (size_t)size;
	return out;
}

unsigned char *
picture_gif(size_t *len)
{
	gdImagePtr	 a = gdImageCreate(16, 16), b = gdImageCreate(16, 16);
	unsigned char	*out;
	void		*p0, *p1, *p2;
	int		 s0, s1, s2;

	gdImageColorAllocate(a, 255, 0, 0);
	gdImageColorAllocate(b, 0, 0, 255);
	p0 = gdImageGifAnimBeginPtr(a, &s0, 1, 0);
	p1 = gdImageGifAnimAddPtr(a, &s1, 0, 0, 0, 10, 1, NULL);
	p2 = gdImageGifAnimAddPtr(b, &s2, 0, 0, 0, 10, 1, a);
	out = malloc((size_t)s0 + (size_t)s1 + (size_t)s2 + 1);
	memcpy(out, p0, (size_t)s0);
	memcpy(out + s0, p1, (size_t)s1);
	memcpy(out + s0 + s1, p2, (size_t)s2);
	out[s0 + s1 + s2] = ';';	/* the trailer */
	*len = (size_t)s0 + (size_t)s1 + (size_t)s2 + 1;
	gdFree(p0);
	gdFree(p1);
	gdFree(p2);
	gdImageDestroy(a);
	gdImageDestroy(b);
	return out;
}

unsigned char *
picture_png_declaring(unsigned w, unsigned h, size_t *len)
{
	unsigned char	*p = picture_png(4, 4, len);

	/* IHDR's data starts at 16; its CRC covers type and data (17). */
	put32(p + 16, w);
	put32(p + 20, h);
	put32(p + 29, crc32_of(p + 12, 17));
	return p;
}
