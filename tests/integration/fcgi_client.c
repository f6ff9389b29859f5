#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "client.h"
#include "fcgi_client.h"

enum {
	FCGI_BEGIN_REQUEST = 1,
	FCGI_END_REQUEST = 3,
	FCGI_PARAMS = 4,
	FCGI_STDIN = 5,
	FCGI_STDOUT = 6,
};

char	fcgi_sock_path[256];

pid_t
fcgi_start_master(const char *tag, const char *const *extra, int stdin_fd)
{
	char	pidfile[300];
	pid_t	pid;

	snprintf(fcgi_sock_path, sizeof(fcgi_sock_path), "%s/run/fcgi-%s.sock",
	    env("MT_VAR"), tag);
	snprintf(pidfile, sizeof(pidfile), "%s.pid", fcgi_sock_path);
	unlink(fcgi_sock_path);
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		char	logfile[300];
		int	fd;

		snprintf(logfile, sizeof(logfile), "%s.log", fcgi_sock_path);
		setenv("MENTORSHIP_FCGI_SOCKET", fcgi_sock_path, 1);
		setenv("MENTORSHIP_FCGI_WORKERS", "1", 1);
		for (const char *const *e = extra; e != NULL && *e != NULL; e++)
			putenv((char *)*e);
		if ((fd = open(logfile, O_WRONLY | O_CREAT | O_APPEND, 0644)) >= 0) {
			dup2(fd, 2);
			close(fd);
		}
		if (stdin_fd >= 0) {
			dup2(stdin_fd, 0);
			close(stdin_fd);
		}
		execl(env("MT_FCGI_BIN"), "mentorship-fcgi", "-c", env("MT_CONF"),
		    "-p", pidfile, (char *)NULL);
		_exit(127);
	}
	return pid;
}

int
fcgi_wait_exit(pid_t pid, int seconds)
{
	int	st;

	for (int i = 0; i < seconds * 20; i++) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		msleep(50);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	cr_assert_fail("mentorship-fcgi did not exit in %d s", seconds);
	return -1;
}

int
fcgi_connect(void)
{
	struct sockaddr_un	sun;
	size_t			n = strlen(fcgi_sock_path);
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	cr_assert(n < sizeof(sun.sun_path), "socket path too long");
	memcpy(sun.sun_path, fcgi_sock_path, n + 1);
	for (int i = 0; i < 200; i++) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		cr_assert(fd >= 0);
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return fd;
		close(fd);
		msleep(50);
	}
	cr_assert_fail("cannot connect to %s", fcgi_sock_path);
	return -1;
}

static void
write_all(int fd, const void *p, size_t n)
{
	const char	*c = p;

	while (n > 0) {
		ssize_t	w = write(fd, c, n);

		cr_assert(w > 0, "write: %s", strerror(errno));
		c += w;
		n -= (size_t)w;
	}
}

static void
record(int fd, int type, const void *content, size_t len)
{
	unsigned char	h[8] = { 1, (unsigned char)type, 0, 1,
			    (unsigned char)(len >> 8), (unsigned char)len, 0, 0 };

	write_all(fd, h, sizeof(h));
	if (len > 0)
		write_all(fd, content, len);
}

/* Appends one name-value pair (lengths below 128 bytes). */
static size_t
add_param(char *buf, size_t n, size_t cap, const char *name,
    const char *value)
{
	size_t	nl = strlen(name), vl = strlen(value);

	cr_assert(nl < 128 && vl < 128 && n + 2 + nl + vl <= cap);
	buf[n++] = (char)nl;
	buf[n++] = (char)vl;
	memcpy(buf + n, name, nl);
	n += nl;
	memcpy(buf + n, value, vl);
	return n + vl;
}

void
fcgi_begin(int fd, const char *method, const char *path, size_t body_len,
    const char *const *extra)
{
	static const unsigned char	body[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	char				len[32], params[4096];
	size_t				n = 0;

	snprintf(len, sizeof(len), "%zu", body_len);
	record(fd, FCGI_BEGIN_REQUEST, body, sizeof(body));
	n = add_param(params, n, sizeof(params), "REQUEST_METHOD", method);
	n = add_param(params, n, sizeof(params), "REQUEST_URI", path);
	n = add_param(params, n, sizeof(params), "CONTENT_LENGTH", len);
	n = add_param(params, n, sizeof(params), "CONTENT_TYPE",
	    "application/json");
	for (const char *const *e = extra; e != NULL && *e != NULL; e++) {
		char	name[128];
		const char *eq = strchr(*e, '=');

		cr_assert(eq != NULL && (size_t)(eq - *e) < sizeof(name));
		memcpy(name, *e, (size_t)(eq - *e));
		name[eq - *e] = '\0';
		n = add_param(params, n, sizeof(params), name, eq + 1);
	}
	record(fd, FCGI_PARAMS, params, n);
	record(fd, FCGI_PARAMS, NULL, 0);
}

void
fcgi_send_stdin(int fd, const char *p, size_t len)
{
	record(fd, FCGI_STDIN, p, len);
}

void
fcgi_send_body(int fd, const char *body, size_t len)
{
	if (len > 0)
		record(fd, FCGI_STDIN, body, len);
	record(fd, FCGI_STDIN, NULL, 0);
}

char *
fcgi_read_response(int fd)
{
	char	*out = calloc(1, 1);
	size_t	 len = 0;

	for (;;) {
		unsigned char	h[8], buf[65536 + 256];
		size_t		clen, plen, got = 0;

		while (got < 8) {
			ssize_t	r = read(fd, h + got, 8 - got);

			cr_assert(r > 0, "connection closed before the end of "
			    "the response");
			got += (size_t)r;
		}
		clen = (size_t)h[4] << 8 | h[5];
		plen = h[6];
		got = 0;
		while (got < clen + plen) {
			ssize_t	r = read(fd, buf + got, clen + plen - got);

			cr_assert(r > 0);
			got += (size_t)r;
		}
		if (h[1] == FCGI_STDOUT && clen > 0) {
			out = realloc(out, len + clen + 1);
			memcpy(out + len, buf, clen);
			len += clen;
			out[len] = '\0';
		}
		if (h[1] == FCGI_END_REQUEST)
			return out;
	}
}

char *
fcgi_request(const char *method, const char *path, const char *body,
    const char *const *extra)
{
	size_t	 len = body != NULL ? strlen(body) : 0;
	int	 fd = fcgi_connect();
	char	*out;

	fcgi_begin(fd, method, path, len, extra);
	fcgi_send_body(fd, body, len);
	out = fcgi_read_response(fd);
	close(fd);
	return out;
}

int
fcgi_status(const char *resp)
{
	const char	*s = strstr(resp, "Status: ");

	return s != NULL ? atoi(s + 8) : 0;
}

const char *
fcgi_body(const char *resp)
{
	const char	*b = strstr(resp, "\r\n\r\n");

	return b != NULL ? b + 4 : "";
}
