/*
 * The configuration file: what an operator (or a package upgrade) may
 * leave in /etc/mentorship/mentorship.conf.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/conf.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	static char	 path[64];
	struct conf	 c;
	struct buf	 errors;

	if (fd == -1) {
		if ((fd = memfd_create("conf", 0)) == -1)
			abort();
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size)
		abort();
	buf_init(&errors, 1 << 20);
	(void)conf_load(&c, path, &errors);
	conf_release(&c);
	buf_release(&errors);
	return 0;
}
