#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <fcgiapp.h>
#include <mysql.h>

#include "auth/password.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/app.h"
#include "fcgi/router.h"
#include "fcgi/worker.h"

#define REQUEST_ARENA_MAX	(64 * 1024 * 1024)
#define RESPONSE_MAX		(64 * 1024 * 1024)
#define IDLE_POLL_MS		1000

static volatile sig_atomic_t	worker_stop;

static void
worker_on_term(int sig)
{
	(void)sig;
	worker_stop = 1;
}

/* A request id for requests that did not come through nginx. */
static const char *
worker_request_id(struct arena *a)
{
	unsigned char	r[16];
	char		hex[33];

	if (random_bytes(r, sizeof(r)) == -1)
		return "-";
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return arena_strdup(a, hex);
}

/*
 * Reads the body into r (in the arena).  Bodies over the limit are not
 * read into memory but drained, so that a kept-alive connection stays in
 * step.  0, or -1 with 413/400 set on r.
 */
static int
worker_read_body(FCGX_Request *fr, struct request *r, size_t max)
{
	char	*body, sink[8192];
	int	 n;

	if (r->content_length == 0)
		return 0;
	if (r->content_length > max) {
		while (FCGX_GetStr(sink, sizeof(sink), fr->in) > 0)
			;
		response_detail(r, 413, arena_printf(r->arena,
		    "Request body too large (limit %zu bytes).", max));
		return -1;
	}
	if ((body = arena_alloc(r->arena, r->content_length + 1)) == NULL) {
		response_internal_error(r);
		return -1;
	}
	n = FCGX_GetStr(body, (int)r->content_length, fr->in);
	if (n < 0 || (size_t)n != r->content_length) {
		response_detail(r, 400, "Request body shorter than its "
		    "Content-Length.");
		return -1;
	}
	r->body = body;
	r->body_len = (size_t)n;
	return 0;
}

/*
 * Serves one request of fr.  Returns false when the connection must be
 * closed: its request did not arrive whole within the read deadline.
 */
static bool
worker_serve(struct app *app, FCGX_Request *fr, struct arena *a,
    struct buf *out)
{
	struct request	r;
	int64_t		start = time_monotonic_us();

	if (request_from_params(&r, a, fr->envp) == 0) {
		if (r.request_id == NULL || *r.request_id == '\0')
			r.request_id = worker_request_id(a);
		log_set_request_id(r.request_id);
		if (worker_read_body(fr, &r, app_body_limit(app, &r)) == 0)
			app_handle(app, &r);
	} else {
		if (r.request_id == NULL || *r.request_id == '\0')
			r.request_id = worker_request_id(a);
		log_set_request_id(r.request_id);
		r.app = app;
		response_detail(&r, r.status, r.status == 405 ?
		    "Method not allowed." : "Malformed request.");
		if (r.status == 405) {
			int64_t		ids[REQUEST_MAX_IDS];
			size_t		nids;
			unsigned	allowed;

			(void)router_match(HTTP_GET, r.path, ids, &nids,
			    &allowed);
			if (allowed != 0)
				response_header(&r, "Allow",
				    router_allow_header(a, allowed));
		}
	}
	if (response_render(&r, out) == -1) {
		log_error("cannot render the response of %s", r.path);
		cJSON_Delete(r.out);
		r.out = NULL;
		r.nheaders = 0;
		response_internal_error(&r);
		(void)response_render(&r, out);
	}
	FCGX_PutStr(out->data, (int)out->len, fr->out);
	/* The access line: never the Authorization header or a body. */
	log_info("access method=%s path=%s status=%d us=%lld user=%lld "
	    "auth=%s", r.method_name, r.path ? r.path : "-", r.status,
	    (long long)(time_monotonic_us() - start),
	    r.authenticated ? (long long)r.user.id : 0LL, r.auth_via);
	cJSON_Delete(r.out);
	cJSON_Delete(r.json);
	log_set_request_id(NULL);
	return FCGX_GetError(fr->in) == 0;
}

/*
 * A new connection from nginx, with a deadline on every read and write:
 * a peer that sends half a request and stalls (or stops reading) costs
 * a worker read_timeout_ms, not the worker.  -1 when there is none to
 * take (another worker won the race).
 */
static int
worker_accept(int listen_fd, unsigned timeout_ms)
{
	struct timeval	tv = { .tv_sec = timeout_ms / 1000,
			    .tv_usec = (timeout_ms % 1000) * 1000 };
	int		fd;

	if ((fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC)) == -1)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == -1) {
		log_error("cannot set a deadline on a connection: %s",
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * A worker holds several connections from nginx at once (FastCGI
 * keep-alive) and serves their requests one at a time, in turn.  Holding
 * only one would let nginx park requests on connections that no worker
 * is reading while the workers wait on idle kept-alive ones.
 */
#define WORKER_MAX_CONNS	64

struct conn {
	FCGX_Request	fr;
	int64_t		last_us;	/* last activity, for idle expiry */
};

/* Closes kept-alive connections idle for longer than idle_ms. */
static void
worker_expire_idle(struct conn *conns, unsigned idle_ms)
{
	int64_t	now = time_monotonic_us();

	for (int i = 0; i < WORKER_MAX_CONNS; i++)
		if (conns[i].fr.ipcFd >= 0 &&
		    now - conns[i].last_us > (int64_t)idle_ms * 1000)
			FCGX_Free(&conns[i].fr, 1);
}

int
worker_main(const struct conf *c, int listen_fd)
{
	static struct conn	 conns[WORKER_MAX_CONNS];
	struct pollfd		 pfd[WORKER_MAX_CONNS + 1];
	int			 slot_of[WORKER_MAX_CONNS + 1];
	struct sigaction	 sa;
	sigset_t		 stop_signals, idle_mask;
	const struct timespec	 idle = { IDLE_POLL_MS / 1000,
				    (IDLE_POLL_MS % 1000) * 1000000L };
	struct app		 app;
	struct arena		 arena;
	struct buf		 out;
	unsigned long		 served = 0;
	int			 flags;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = worker_on_term;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* The stop signals wait while a request is in hand: its socket reads
	 * have a deadline, and such reads are never restarted after a
	 * handler (signal(7)).  They are let in only during ppoll(), so an
	 * idle worker still sees them at once. */
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	sigprocmask(SIG_BLOCK, &stop_signals, &idle_mask);
	sigdelset(&idle_mask, SIGTERM);
	sigdelset(&idle_mask, SIGINT);
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);

	/* Several workers wake for one connection: the losers must get
	 * EAGAIN and go back to poll(), not block in accept(). */
	if ((flags = fcntl(listen_fd, F_GETFL)) != -1)
		fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);

	if (mysql_thread_init() != 0 || app_init(&app, c) == -1)
		return 1;
	arena_init(&arena, REQUEST_ARENA_MAX);
	buf_init(&out, RESPONSE_MAX);
	/* libfcgi gets no listening socket: it must never accept by itself
	 * (after a request that timed out it would, and block on the next
	 * connection without a deadline); worker_accept() does. */
	for (int i = 0; i < WORKER_MAX_CONNS; i++)
		FCGX_InitRequest(&conns[i].fr, -1, 0);
	log_info("worker ready");
	while (!worker_stop) {
		int	npfd = 0, free_slot = -1, n;

		if (c->fcgi_max_requests > 0 && served >= c->fcgi_max_requests) {
			log_info("worker recycled after %lu requests", served);
			break;
		}
		worker_expire_idle(conns, c->fcgi_keepalive_idle_ms);
		for (int i = 0; i < WORKER_MAX_CONNS; i++) {
			if (conns[i].fr.ipcFd < 0) {
				if (free_slot == -1)
					free_slot = i;
				continue;
			}
			pfd[npfd].fd = conns[i].fr.ipcFd;
			pfd[npfd].events = POLLIN;
			slot_of[npfd++] = i;
		}
		/* With every slot taken, new connections go to others. */
		if (free_slot != -1) {
			pfd[npfd].fd = listen_fd;
			pfd[npfd].events = POLLIN;
			slot_of[npfd++] = free_slot;
		}
		if ((n = ppoll(pfd, (nfds_t)npfd, &idle, &idle_mask)) <= 0)
			continue;
		/* One request per ready connection, then poll again. */
		for (int i = 0; i < npfd && !worker_stop; i++) {
			struct conn	*cn = &conns[slot_of[i]];
			bool		 keep;

			if (pfd[i].revents == 0)
				continue;
			/* A new connection is accepted here, not by libfcgi,
			 * so that it has its deadline before the first read. */
			if (cn->fr.ipcFd < 0) {
				if ((cn->fr.ipcFd = worker_accept(listen_fd,
				    c->fcgi_read_timeout_ms)) < 0)
					continue;
				/* FCGX_Accept_r() first finishes the request
				 * before: it must keep this connection. */
				cn->fr.keepConnection = 1;
			}
			/* The kept one was closed by nginx, or its request
			 * did not come in time. */
			if (FCGX_Accept_r(&cn->fr) < 0)
				continue;
			keep = worker_serve(&app, &cn->fr, &arena, &out);
			FCGX_Finish_r(&cn->fr);
			if (!keep) {
				log_warn("a request did not arrive whole within "
				    "%u ms: connection closed",
				    c->fcgi_read_timeout_ms);
				FCGX_Free(&cn->fr, 1);
			}
			cn->last_us = time_monotonic_us();
			arena_reset(&arena);
			served++;
		}
	}
	for (int i = 0; i < WORKER_MAX_CONNS; i++)
		FCGX_Free(&conns[i].fr, 1);
	buf_release(&out);
	arena_release(&arena);
	app_release(&app);
	log_info("worker stopped after %lu requests", served);
	return 0;
}
