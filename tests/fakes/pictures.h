/*
 * Pictures as phones and browsers send them, made with libgd for the
 * tests of uploads: PNGs with a text chunk, JPEGs with an EXIF segment
 * (an orientation and a GPS position), an animated GIF, and a PNG whose
 * header declares far more pixels than it holds.  Each returns malloc'd
 * bytes (*len) that the caller frees.
 */
#ifndef MT_TEST_PICTURES_H
#define MT_TEST_PICTURES_H

#include <stddef.h>

/* What the metadata of the pictures below says, to look for after. */
#define PICTURE_SECRET	"GPS 48.8584N 2.2945E secret-place"

/* w x h, left half red and right half blue, with a tEXt chunk. */
unsigned char	*picture_png(unsigned w, unsigned h, size_t *len);
/* The same as a JPEG with an APP1 EXIF segment: orientation (1-8) and
 * PICTURE_SECRET as its image description. */
unsigned char	*picture_jpeg(unsigned w, unsigned h, int orientation,
		    size_t *len);
/* w x h of random pixels: a PNG that does not compress. */
unsigned char	*picture_noise_png(unsigned w, unsigned h, size_t *len);
/* A two-frame animated GIF. */
unsigned char	*picture_gif(size_t *len);
/* A small PNG whose IHDR says w x h. */
unsigned char	*picture_png_declaring(unsigned w, unsigned h, size_t *len);

#endif
