/*
 * FastCGI-level tests of mentorship-fcgi's process management: each test
 * starts its own master on a private socket (against the test stack's
 * database) and speaks FastCGI to it directly, so that it can hold a
 * request half-sent while the master is told to stop.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "client.h"

enum {
	FCGI_BEGIN_REQUEST = 1,
	FCGI_END_REQUEST = 3,
	FCGI_PARAMS = 4,
	FCGI_STDIN = 5,
	FCGI_STDOUT = 6,
};

static char	sock_path[256];

/* Starts a master with extra "NAME=value" environment; returns its pid. */
static pid_t
start_master(const char *const *extra, int stdin_fd)
{
	char	pidfile[300];
	pid_t	pid;

	snprintf(sock_path, sizeof(sock_path), "%s/run/fcgi-t%d.sock",
	    env("MT_VAR"), (int)getpid());
	snprintf(pidfile, sizeof(pidfile), "%s.pid", sock_path);
	unlink(sock_path);
	pid = fork();
	cr_assert(pid >= 0);
	if (pid == 0) {
		char	logfile[300];
		int	fd;

		snprintf(logfile, sizeof(logfile), "%s.log", sock_path);
		setenv("MENTORSHIP_FCGI_SOCKET", sock_path, 1);
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

static void
fill_sun(struct sockaddr_un *sun)
{
	size_t	n = strlen(sock_path);

	memset(sun, 0, sizeof(*sun));
	sun->sun_family = AF_UNIX;
	cr_assert(n < sizeof(sun->sun_path), "socket path too long");
	memcpy(sun->sun_path, sock_path, n + 1);
}

static int
connect_socket(void)
{
	struct sockaddr_un	sun;
	int			fd;

	fill_sun(&sun);
	for (int i = 0; i < 200; i++) {
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		cr_assert(fd >= 0);
		if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
			return fd;
		close(fd);
		msleep(50);
	}
	cr_assert_fail("cannot connect to %s", sock_path);
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

/* Sends BEGIN_REQUEST and the params of "GET path" with a body length. */
static void
begin(int fd, const char *method, const char *path, size_t body_len)
{
	static const unsigned char	body[8] = { 0, 1, 0, 0, 0, 0, 0, 0 };
	const char			*names[] = { "REQUEST_METHOD",
					    "REQUEST_URI", "CONTENT_LENGTH",
					    "CONTENT_TYPE" };
	char				 len[32], params[1024];
	const char			*values[4];
	size_t				 n = 0;

	snprintf(len, sizeof(len), "%zu", body_len);
	values[0] = method;
	values[1] = path;
	values[2] = len;
	values[3] = "application/json";
	record(fd, FCGI_BEGIN_REQUEST, body, sizeof(body));
	for (int i = 0; i < 4; i++) {
		size_t	nl = strlen(names[i]), vl = strlen(values[i]);

		params[n++] = (char)nl;
		params[n++] = (char)vl;
		memcpy(params + n, names[i], nl);
		n += nl;
		memcpy(params + n, values[i], vl);
		n += vl;
	}
	record(fd, FCGI_PARAMS, params, n);
	record(fd, FCGI_PARAMS, NULL, 0);
}

/* Reads records until END_REQUEST; returns the STDOUT text (malloc'd). */
static char *
read_response(int fd)
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

static int
wait_exit(pid_t pid, int seconds)
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

static char *
get(const char *path)
{
	int	 fd = connect_socket();
	char	*out;

	begin(fd, "GET", path, 0);
	record(fd, FCGI_STDIN, NULL, 0);
	out = read_response(fd);
	close(fd);
	return out;
}

Test(fcgi, sigterm_lets_the_request_in_hand_finish)
{
	pid_t	 master = start_master(NULL, -1);
	int	 fd = connect_socket();
	char	*resp;

	/* The request is in the worker's hands, its body not yet sent. */
	begin(fd, "GET", "/healthz", 2);
	msleep(300);
	cr_assert_eq(kill(master, SIGTERM), 0);
	msleep(300);
	record(fd, FCGI_STDIN, "{}", 2);
	record(fd, FCGI_STDIN, NULL, 0);
	resp = read_response(fd);
	cr_assert(strstr(resp, "Status: 200") != NULL, "response: %s", resp);
	cr_assert(strstr(resp, "\"database\":\"ok\"") != NULL);
	free(resp);
	close(fd);
	cr_assert_eq(wait_exit(master, 10), 0);
	cr_assert(access(sock_path, F_OK) != 0, "the socket file was left");
}

Test(fcgi, sigterm_stops_an_idle_pool_at_once)
{
	pid_t	 master = start_master(NULL, -1);
	char	*resp = get("/healthz");

	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	cr_assert_eq(kill(master, SIGTERM), 0);
	cr_assert_eq(wait_exit(master, 3), 0);
}

Test(fcgi, workers_are_recycled_after_max_requests)
{
	static const char *const extra[] = {
		"MENTORSHIP_FCGI_MAX_REQUESTS=3", NULL
	};
	pid_t	 master = start_master(extra, -1);

	for (int i = 0; i < 10; i++) {
		char	*resp = get("/healthz");

		cr_assert(strstr(resp, "Status: 200") != NULL,
		    "request %d: %s", i, resp);
		free(resp);
	}
	kill(master, SIGTERM);
	cr_assert_eq(wait_exit(master, 10), 0);
	cr_assert_eq(run("test $(grep -c 'worker recycled after 3 requests' "
	    "%s.log) -ge 3", sock_path), 0, "workers were not recycled");
}

Test(fcgi, serves_a_socket_handed_over_on_fd_0)
{
	struct sockaddr_un	 sun;
	pid_t			 master;
	char			*resp;
	int			 lfd;

	snprintf(sock_path, sizeof(sock_path), "%s/run/fcgi-fd0-%d.sock",
	    env("MT_VAR"), (int)getpid());
	unlink(sock_path);
	fill_sun(&sun);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	cr_assert(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == 0);
	cr_assert(listen(lfd, 16) == 0);
	{
		char	keep[256];
		/* start_master() names its own socket: point it elsewhere,
		 * so only the inherited fd 0 can answer. */
		snprintf(keep, sizeof(keep), "%s", sock_path);
		master = start_master(NULL, lfd);
		snprintf(sock_path, sizeof(sock_path), "%s", keep);
	}
	close(lfd);
	resp = get("/healthz");
	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	kill(master, SIGTERM);
	cr_assert_eq(wait_exit(master, 10), 0);
	unlink(sock_path);
}

Test(fcgi, bad_configuration_is_refused_with_its_source)
{
	static const char *const extra[] = {
		"MENTORSHIP_FCGI_MAX_BODY_BYTES=lots", NULL
	};
	pid_t	master = start_master(extra, -1);

	cr_assert_eq(wait_exit(master, 10), 1);
	cr_assert_eq(run("grep -q 'env MENTORSHIP_FCGI_MAX_BODY_BYTES: bad "
	    "value' %s.log", sock_path), 0);
}
