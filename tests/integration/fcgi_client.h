/*
 * A minimal FastCGI client for tests that talk to mentorship-fcgi without
 * nginx: start a master of their own, hold a request half-sent, or run it
 * with other providers than the stack's.
 */
#ifndef MT_TEST_FCGI_CLIENT_H
#define MT_TEST_FCGI_CLIENT_H

#include <stddef.h>
#include <sys/types.h>

/* The socket path of the master started last. */
extern char	fcgi_sock_path[256];

/*
 * Starts a master on a socket of its own (MT_VAR/run/fcgi-<tag>.sock) with
 * one worker, the stack's configuration and extra "NAME=value" environment
 * (NULL-ended, may be NULL).  stdin_fd >= 0 becomes its fd 0.  Its stderr
 * goes to <socket>.log.  Returns its pid.
 */
pid_t	fcgi_start_master(const char *tag, const char *const *extra,
	    int stdin_fd);
/* Waits for pid to exit (SIGKILL after seconds); its exit status. */
int	fcgi_wait_exit(pid_t pid, int seconds);
int	fcgi_connect(void);
/*
 * Sends BEGIN_REQUEST and the params: method, path, CONTENT_LENGTH
 * body_len, CONTENT_TYPE application/json, and extra "NAME=value" params
 * (NULL-ended, may be NULL).  The body is sent by fcgi_send_body().
 */
void	fcgi_begin(int fd, const char *method, const char *path,
	    size_t body_len, const char *const *extra);
/* Sends body (may be empty) and the end of STDIN. */
void	fcgi_send_body(int fd, const char *body, size_t len);
/* Sends raw STDIN bytes without ending the stream. */
void	fcgi_send_stdin(int fd, const char *p, size_t len);
/* Reads records until END_REQUEST; the STDOUT text (malloc'd). */
char	*fcgi_read_response(int fd);
/* One whole request on a new connection; the STDOUT text (malloc'd). */
char	*fcgi_request(const char *method, const char *path, const char *body,
	    const char *const *extra);
/* The status code of a response ("Status: 201 Created"), or 0. */
int	fcgi_status(const char *resp);
/* The body of a response (after the blank line), borrowed. */
const char *fcgi_body(const char *resp);

#endif
