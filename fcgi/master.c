#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <mysql.h>

#include "core/conf.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "fcgi/master.h"
#include "fcgi/worker.h"

#define MAX_WORKERS		256
#define STOP_GRACE_S		30
#define RESPAWN_BACKOFF_US	(1 * TIME_US)

struct slot {
	pid_t	pid;		/* 0 = free */
	int64_t	started_us;
	int	generation;	/* bumped on every reload */
};

static volatile sig_atomic_t	got_term, got_hup, got_chld;

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		got_term = 1;
		break;
	case SIGHUP:
		got_hup = 1;
		break;
	case SIGCHLD:
		got_chld = 1;
		break;
	}
}

/* Is fd a listening stream socket (as spawn-fcgi or systemd hand over)? */
static int
is_listening_socket(int fd)
{
	struct stat	st;
	int		val = 0;
	socklen_t	len = sizeof(val);

	if (fstat(fd, &st) == -1 || !S_ISSOCK(st.st_mode))
		return 0;
	if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &val, &len) == -1)
		return 0;
	return val != 0;
}

/*
 * The socket to serve: fd 3 under systemd socket activation
 * (LISTEN_FDS=1 and LISTEN_PID ours), fd 0 from spawn-fcgi, else our own
 * unix socket at fcgi.socket.  *owned says whether we created the path.
 */
static int
master_listen(const struct conf *c, int *owned)
{
	const char	*fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	int		 fd;

	*owned = 0;
	if (fds != NULL && pid != NULL && strcmp(fds, "1") == 0 &&
	    strtol(pid, NULL, 10) == (long)getpid() && is_listening_socket(3)) {
		log_info("serving the socket passed by systemd");
		return 3;
	}
	if (is_listening_socket(0)) {
		log_info("serving the socket on fd 0");
		return 0;
	}
	/* A socket file left by a master that died is in the way. */
	if (unlink(c->fcgi_socket) == -1 && errno != ENOENT) {
		log_error("cannot remove stale %s: %s", c->fcgi_socket,
		    strerror(errno));
		return -1;
	}
	if ((fd = FCGX_OpenSocket(c->fcgi_socket, (int)c->fcgi_backlog)) < 0) {
		log_error("cannot listen on %s", c->fcgi_socket);
		return -1;
	}
	if (chmod(c->fcgi_socket, c->fcgi_socket_mode) == -1)
		log_warn("chmod %s: %s", c->fcgi_socket, strerror(errno));
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	*owned = 1;
	log_info("listening on %s", c->fcgi_socket);
	return fd;
}

static pid_t
spawn_worker(const struct conf *c, int listen_fd, const sigset_t *orig)
{
	pid_t	pid;

	if ((pid = fork()) == -1) {
		log_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		struct sigaction	sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigaction(SIGCHLD, &sa, NULL);
		sigprocmask(SIG_SETMASK, orig, NULL);
		/* exit(), not _exit(): LeakSanitizer checks at exit. */
		exit(worker_main(c, listen_fd));
	}
	return pid;
}

static int
write_pid_file(const char *path)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

static void
signal_all(struct slot *slots, int sig)
{
	for (int i = 0; i < MAX_WORKERS; i++)
		if (slots[i].pid > 0)
			kill(slots[i].pid, sig);
}

static int
count_alive(const struct slot *slots)
{
	int	n = 0;

	for (int i = 0; i < MAX_WORKERS; i++)
		n += slots[i].pid > 0;
	return n;
}

/* Reaps exited workers; returns how many died of a signal or error. */
static void
reap(struct slot *slots, int stopping)
{
	pid_t	pid;
	int	status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (int i = 0; i < MAX_WORKERS; i++) {
			if (slots[i].pid != pid)
				continue;
			slots[i].pid = 0;
			if (WIFSIGNALED(status))
				log_warn("worker %ld killed by signal %d",
				    (long)pid, WTERMSIG(status));
			else if (WEXITSTATUS(status) != 0)
				log_warn("worker %ld exited with status %d",
				    (long)pid, WEXITSTATUS(status));
			else if (!stopping)
				log_info("worker %ld exited", (long)pid);
		}
	}
}

/*
 * Starts workers of the current generation until there are c->workers of
 * them.  A slot whose last worker died young waits a second before the
 * next one, so a worker that cannot start does not fork-bomb.
 */
static void
fill_slots(struct slot *slots, const struct conf *c, int listen_fd,
    int generation, const sigset_t *orig)
{
	int64_t	now = time_monotonic_us();
	int	have = 0;

	for (int i = 0; i < MAX_WORKERS; i++)
		if (slots[i].pid > 0 && slots[i].generation == generation)
			have++;
	for (int i = 0; i < MAX_WORKERS && have < (int)c->fcgi_workers; i++) {
		pid_t	pid;

		if (slots[i].pid != 0)
			continue;
		if (slots[i].started_us != 0 &&
		    now - slots[i].started_us < RESPAWN_BACKOFF_US)
			continue;
		if ((pid = spawn_worker(c, listen_fd, orig)) <= 0)
			return;
		slots[i].pid = pid;
		slots[i].started_us = now;
		slots[i].generation = generation;
		have++;
	}
}

int
master_main(const struct master_opts *opts)
{
	static struct slot	 slots[MAX_WORKERS];
	struct sigaction	 sa;
	struct timespec		 tick = { 1, 0 };
	sigset_t		 block, orig;
	struct conf		 conf;
	struct buf		 errs;
	int			 listen_fd, owned = 0, generation = 0, rc = 1;
	int64_t			 stop_deadline = 0;

	buf_init(&errs, 64 * 1024);
	if (conf_load(&conf, opts->config_path, &errs) == -1) {
		fprintf(stderr, "mentorship-fcgi: configuration errors:\n%s",
		    errs.data ? errs.data : "");
		goto out;
	}
	log_init("mentorship-fcgi", conf.log_level, 2);
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		goto out;
	}
	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_error("mysql_library_init failed");
		goto out;
	}
	if ((listen_fd = master_listen(&conf, &owned)) < 0)
		goto out;
	if (opts->pid_file != NULL && write_pid_file(opts->pid_file) == -1)
		log_warn("cannot write %s: %s", opts->pid_file, strerror(errno));

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &orig);

	log_info("master started with %u workers", conf.fcgi_workers);
	for (;;) {
		reap(slots, stop_deadline != 0);
		if (got_term && stop_deadline == 0) {
			log_info("stopping: waiting for workers to finish");
			signal_all(slots, SIGTERM);
			stop_deadline = time_monotonic_us() +
			    (int64_t)STOP_GRACE_S * TIME_US;
		}
		if (stop_deadline != 0) {
			if (count_alive(slots) == 0)
				break;
			if (time_monotonic_us() > stop_deadline) {
				log_warn("workers did not stop in %ds: killing",
				    STOP_GRACE_S);
				signal_all(slots, SIGKILL);
			}
		} else {
			if (got_hup) {
				struct conf	fresh;

				got_hup = 0;
				buf_reset(&errs);
				if (conf_load(&fresh, opts->config_path,
				    &errs) == -1) {
					log_error("reload refused, keeping the "
					    "running configuration: %s",
					    errs.data ? errs.data : "");
					conf_release(&fresh);
				} else {
					conf_release(&conf);
					conf = fresh;
					log_set_level(conf.log_level);
					generation++;
					/* Old workers finish their request and
					 * exit; new ones already accept. */
					signal_all(slots, SIGTERM);
					log_info("configuration reloaded");
				}
			}
			fill_slots(slots, &conf, listen_fd, generation, &orig);
		}
		got_chld = 0;
		/* Sleep until a signal, or a second for the back-off. */
		{
			sigset_t	wait_set = orig;

			sigdelset(&wait_set, SIGTERM);
			sigdelset(&wait_set, SIGINT);
			sigdelset(&wait_set, SIGHUP);
			sigdelset(&wait_set, SIGCHLD);
			if (!got_term && !got_hup)
				(void)ppoll(NULL, 0, &tick, &wait_set);
		}
	}
	if (owned)
		unlink(conf.fcgi_socket);
	if (opts->pid_file != NULL)
		unlink(opts->pid_file);
	log_info("master stopped");
	rc = 0;
	mysql_library_end();
out:
	conf_release(&conf);
	buf_release(&errs);
	return rc;
}
