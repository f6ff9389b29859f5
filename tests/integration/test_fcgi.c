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
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "client.h"
#include "fcgi_client.h"

static pid_t
start_master(const char *const *extra, int stdin_fd)
{
	char	tag[32];

	snprintf(tag, sizeof(tag), "t%d", (int)getpid());
	return fcgi_start_master(tag, extra, stdin_fd);
}

static char *
get(const char *path)
{
	return fcgi_request("GET", path, NULL, NULL);
}

Test(fcgi, sigterm_lets_the_request_in_hand_finish)
{
	pid_t	 master = start_master(NULL, -1);
	char	*resp = get("/healthz");
	int	 fd;

	/* A worker is up and serving before the request of the test. */
	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	fd = fcgi_connect();
	/* The request is in the worker's hands, its body not yet sent. */
	fcgi_begin(fd, "GET", "/healthz", 2, NULL);
	msleep(500);
	cr_assert_eq(kill(master, SIGTERM), 0);
	msleep(300);
	fcgi_send_body(fd, "{}", 2);
	resp = fcgi_read_response(fd);
	cr_assert(strstr(resp, "Status: 200") != NULL, "response: %s", resp);
	cr_assert(strstr(resp, "\"database\":\"ok\"") != NULL);
	free(resp);
	close(fd);
	cr_assert_eq(fcgi_wait_exit(master, 10), 0);
	cr_assert(access(fcgi_sock_path, F_OK) != 0, "the socket file was left");
}

Test(fcgi, sigterm_stops_an_idle_pool_at_once)
{
	pid_t	 master = start_master(NULL, -1);
	char	*resp = get("/healthz");

	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	cr_assert_eq(kill(master, SIGTERM), 0);
	cr_assert_eq(fcgi_wait_exit(master, 3), 0);
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
	cr_assert_eq(fcgi_wait_exit(master, 10), 0);
	cr_assert_eq(run("test $(grep -c 'worker recycled after 3 requests' "
	    "%s.log) -ge 3", fcgi_sock_path), 0, "workers were not recycled");
}

Test(fcgi, serves_a_socket_handed_over_on_fd_0)
{
	struct sockaddr_un	 sun;
	pid_t			 master;
	char			*resp;
	int			 lfd;

	snprintf(fcgi_sock_path, sizeof(fcgi_sock_path), "%s/run/fcgi-fd0-%d.sock",
	    env("MT_VAR"), (int)getpid());
	unlink(fcgi_sock_path);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	cr_assert(strlen(fcgi_sock_path) < sizeof(sun.sun_path));
	memcpy(sun.sun_path, fcgi_sock_path, strlen(fcgi_sock_path) + 1);
	lfd = socket(AF_UNIX, SOCK_STREAM, 0);
	cr_assert(bind(lfd, (struct sockaddr *)&sun, sizeof(sun)) == 0);
	cr_assert(listen(lfd, 16) == 0);
	{
		char	keep[256];
		/* start_master() names its own socket: point it elsewhere,
		 * so only the inherited fd 0 can answer. */
		snprintf(keep, sizeof(keep), "%s", fcgi_sock_path);
		master = start_master(NULL, lfd);
		snprintf(fcgi_sock_path, sizeof(fcgi_sock_path), "%s", keep);
	}
	close(lfd);
	resp = get("/healthz");
	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	kill(master, SIGTERM);
	cr_assert_eq(fcgi_wait_exit(master, 10), 0);
	unlink(fcgi_sock_path);
}

Test(fcgi, bad_configuration_is_refused_with_its_source)
{
	static const char *const extra[] = {
		"MENTORSHIP_FCGI_MAX_BODY_BYTES=lots", NULL
	};
	pid_t	master = start_master(extra, -1);

	cr_assert_eq(fcgi_wait_exit(master, 10), 1);
	cr_assert_eq(run("grep -q 'env MENTORSHIP_FCGI_MAX_BODY_BYTES: bad "
	    "value' %s.log", fcgi_sock_path), 0);
}

static int64_t
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * A peer that sends half a request and stalls holds a worker for the read
 * deadline only: with one worker, a request behind two such connections
 * is served, and both of them are answered or closed.
 */
Test(fcgi, a_half_sent_request_holds_a_worker_only_until_its_deadline,
    .timeout = 30)
{
	static const char *const extra[] = {
		"MENTORSHIP_FCGI_READ_TIMEOUT_MS=500", NULL
	};
	/* a record header cut after six of its eight bytes */
	static const char partial[] = { 1, 1, 0, 1, 0, 8 };
	pid_t	 master = start_master(extra, -1);
	char	*resp = get("/healthz"), buf[64];
	int	 body_never_comes, header_cut;
	int64_t	 start;

	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	free(resp);
	body_never_comes = fcgi_connect();
	fcgi_begin(body_never_comes, "POST", "/auth/login", 10, NULL);
	header_cut = fcgi_connect();
	cr_assert_eq(write(header_cut, partial, sizeof(partial)),
	    (ssize_t)sizeof(partial));
	msleep(100);
	start = now_ms();
	resp = get("/healthz");
	cr_assert(strstr(resp, "Status: 200") != NULL, "%s", resp);
	cr_assert_lt(now_ms() - start, 5000, "served after %lld ms",
	    (long long)(now_ms() - start));
	free(resp);
	resp = fcgi_read_response(body_never_comes);
	cr_assert(strstr(resp, "Status: 400") != NULL, "%s", resp);
	free(resp);
	cr_assert_eq(read(body_never_comes, buf, sizeof(buf)), 0,
	    "the stalled connection was kept");
	cr_assert_eq(read(header_cut, buf, sizeof(buf)), 0,
	    "the cut connection was kept");
	close(body_never_comes);
	close(header_cut);
	cr_assert_eq(kill(master, SIGTERM), 0);
	cr_assert_eq(fcgi_wait_exit(master, 10), 0);
}
