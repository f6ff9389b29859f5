/*
 * The picture loader: any bytes as an upload, through the check of the
 * declared size, libgd's decoders, the re-encoding and the scaling.
 */
#include "config.h"

#include "media/image.h"
#include "fuzz.h"

/* Small enough that the fuzzer stays fast, large enough for real files. */
#define FUZZ_MAX_PIXELS	(1024 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_bytes	 clean, copy;
	const char		*why;

	if (image_clean(data, size, FUZZ_MAX_PIXELS, &clean, &why) != 0)
		return 0;
	if (image_cover(clean.data, clean.len, 48, 48, &copy, &why) == 0)
		image_bytes_release(&copy);
	image_bytes_release(&clean);
	return 0;
}
