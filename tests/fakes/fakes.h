/*
 * Fake provider servers for tests: the Python scripts of tests/fakes,
 * started on a free port
 * of 127.0.0.1, recording every request as a JSON line, switched to
 * failure modes with POST /_control.  They run under $PYTHON if set, else
 * python3 from PATH.
 */
#ifndef MT_TEST_FAKES_H
#define MT_TEST_FAKES_H

#include <sys/types.h>

#include <cjson/cJSON.h>

struct fake {
	pid_t	pid;
	int	port;
	char	record[64];
};


/*
 * Starts fakes_dir/<script> with extra arguments (NULL terminated) and
 * waits until it listens.
 */
void	fake_start(struct fake *f, const char *fakes_dir, const char *script,
	    ...) __attribute__((sentinel));
void	fake_stop(struct fake *f);
/* POSTs a control object: {"mode": "500"} and so on. */
void	fake_control(struct fake *f, const char *json);
/* The requests recorded (all, or those to path), as a JSON array. */
cJSON	*fake_requests(struct fake *f);
cJSON	*fake_requests_to(struct fake *f, const char *path);

#endif
