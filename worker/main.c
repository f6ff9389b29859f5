/*
 * mentorship-worker: everything that happens because time passed.
 *
 *   mentorship-worker [-c config] [-p pidfile] [--once] [--now TIME]
 *
 * Every [worker] poll_interval_ms it delivers due outbox entries (SMS and
 * pushes, retried with back-off), queues due scheduled-call reminders and
 * times out calls with no call-end report.  Several workers may run
 * against one database (SKIP LOCKED, unique keys).  SIGTERM: the entry in
 * hand is finished, then it exits.  SIGHUP: the configuration is read
 * again between passes; with errors in it, the running one is kept.  --once runs one pass and exits;
 * --now sets the clock (ISO 8601), for tests and for replaying.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mysql.h>

#include "core/conf.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "providers/provider.h"
#include "services/jobs.h"

static volatile sig_atomic_t	stop, reload;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static void
on_hup(int sig)
{
	(void)sig;
	reload = 1;
}

/*
 * What a configuration makes: the worker's database and providers.  On
 * the heap, never copied: the providers keep a pointer to conf.
 */
struct worker {
	struct conf		 conf;
	struct db		*db;
	struct providers	 ps;
	int			 have_ps;
};

static void
worker_free(struct worker *w)
{
	if (w == NULL)
		return;
	if (w->have_ps)
		providers_release(&w->ps);
	db_free(w->db);
	conf_release(&w->conf);
	free(w);
}

/* Loads the configuration at path and sets up from it, or NULL (said). */
static struct worker *
worker_new(const char *path)
{
	struct worker	*w;
	struct buf	 errs;
	char		 why[256];
	int		 rc = -1;

	if ((w = calloc(1, sizeof(*w))) == NULL) {
		log_error("out of memory");
		return NULL;
	}
	buf_init(&errs, 64 * 1024);
	if (conf_load(&w->conf, path, &errs) == -1) {
		log_error("configuration errors in %s:\n%s", path,
		    errs.data ? errs.data : "");
		goto out;
	}
	if ((w->db = db_new(&w->conf)) == NULL) {
		log_error("cannot set up the database client");
		goto out;
	}
	if (providers_init(&w->ps, &w->conf, w->db, why, sizeof(why)) == -1) {
		log_error("%s", why);
		goto out;
	}
	w->have_ps = 1;
	rc = 0;
out:
	buf_release(&errs);
	if (rc == -1) {
		worker_free(w);
		w = NULL;
	}
	return w;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: mentorship-worker [-c config] [-p pidfile] [--once] "
	    "[--now TIME]\n");
}

/* One pass of every job; logs a line per job that did something. */
static void
run_pass(struct db *db, struct providers *ps, const struct conf *c)
{
	struct jobs_stats	st;
	int64_t			now = time_now_us();
	enum outcome		rc;

	memset(&st, 0, sizeof(st));
	if ((rc = jobs_time_out_calls(db, c, now, &st)) != OUTCOME_OK)
		log_warn("call time-outs: database %s", outcome_names[rc]);
	if (!stop && (rc = jobs_send_reminders(db, c, now, &st)) != OUTCOME_OK)
		log_warn("reminders: database %s", outcome_names[rc]);
	if (!stop && (rc = jobs_deliver_outbox(db, ps, c, now, &stop,
	    &st)) != OUTCOME_OK)
		log_warn("outbox: database %s", outcome_names[rc]);
	if (st.sent || st.retried || st.dead)
		log_info("outbox: %d sent, %d to retry, %d dead", st.sent,
		    st.retried, st.dead);
	if (st.reminded || st.skipped)
		log_info("reminders: %d queued, %d skipped as too late",
		    st.reminded, st.skipped);
	if (st.timed_out)
		log_info("calls: %d timed out", st.timed_out);
}

int
main(int argc, char *argv[])
{
	static const struct option	 longopts[] = {
		{ "once", no_argument, NULL, 'o' },
		{ "now", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char			*path = conf_default_path();
	const char			*pidfile = NULL;
	struct sigaction		 sa;
	struct worker			*w, *fresh;
	int64_t				 now;
	int				 ch, once = 0, rc = 1;

	while ((ch = getopt_long(argc, argv, "c:p:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'p':
			pidfile = optarg;
			break;
		case 'o':
			once = 1;
			break;
		case 'n':
			if (time_parse_iso(optarg, &now) == -1) {
				fprintf(stderr, "mentorship-worker: bad --now "
				    "time: %s\n", optarg);
				return 2;
			}
			time_set_now(now);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	log_init("mentorship-worker", LOG_LEVEL_INFO, 2);
	if (mysql_library_init(0, NULL, NULL) != 0) {
		log_error("cannot set up the database client library");
		return 1;
	}
	if ((w = worker_new(path)) == NULL)
		goto out;
	log_init("mentorship-worker", w->conf.log_level, 2);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (pidfile != NULL) {
		FILE	*f = fopen(pidfile, "w");

		if (f != NULL) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}
	log_info("worker started (poll every %u ms)",
	    w->conf.worker_poll_interval_ms);
	while (!stop) {
		if (reload) {
			reload = 0;
			if ((fresh = worker_new(path)) == NULL)
				log_warn("reload: keeping the running "
				    "configuration");
			else {
				worker_free(w);
				w = fresh;
				log_init("mentorship-worker",
				    w->conf.log_level, 2);
				log_info("configuration reloaded");
			}
		}
		run_pass(w->db, &w->ps, &w->conf);
		if (once)
			break;
		{
			struct timespec	ts = {
				w->conf.worker_poll_interval_ms / 1000,
				(long)(w->conf.worker_poll_interval_ms % 1000) *
				    1000000L };

			/* A signal cuts the sleep short. */
			(void)nanosleep(&ts, NULL);
		}
	}
	log_info("worker stopped");
	if (pidfile != NULL)
		unlink(pidfile);
	rc = 0;
	worker_free(w);
out:
	mysql_library_end();
	return rc;
}
