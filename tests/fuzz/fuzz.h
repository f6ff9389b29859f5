/*
 * What the libFuzzer targets of tests/fuzz share: the entry point every
 * target defines, and a NUL-terminated copy of the input (most of our
 * parsers read C strings, as they get them from libfcgi and cJSON).
 */
#ifndef MT_FUZZ_H
#define MT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* data as a C string (malloc'd; an inner NUL ends it early). */
char	*fuzz_cstring(const uint8_t *data, size_t size);

#endif
