/*
 * mentorship-worker: everything that happens because time passed.
 *
 *   mentorship-worker [-c config] [-p pidfile] [--once] [--now TIME]
 *
 * Every [worker] poll_interval_ms it delivers due outbox entries (SMS and
 * pushes, retried with back-off), queues due scheduled-call reminders and
 * times out calls with no call-end report.  Several workers may run
 * against one database (SKIP LOCKED, unique keys).  SIGTERM: the entry in
 * hand is finished, then it exits.  --once runs one pass and exits;
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

static volatile sig_atomic_t	stop;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
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
	int			rc;

	memset(&st, 0, sizeof(st));
	if ((rc = jobs_time_out_calls(db, c, now, &st)) != DB_OK)
		log_warn("call time-outs: database error %d", rc);
	if (!stop && (rc = jobs_send_reminders(db, c, now, &st)) != DB_OK)
		log_warn("reminders: database error %d", rc);
	if (!stop && (rc = jobs_deliver_outbox(db, ps, c, now, &stop,
	    &st)) != DB_OK)
		log_warn("outbox: database error %d", rc);
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
	struct providers		 ps;
	struct sigaction		 sa;
	struct conf			 conf;
	struct buf			 errs;
	struct db			*db = NULL;
	char				 why[256];
	int64_t				 now;
	int				 ch, once = 0, rc = 1, have_ps = 0;

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
	buf_init(&errs, 64 * 1024);
	if (conf_load(&conf, path, &errs) == -1) {
		fprintf(stderr, "mentorship-worker: configuration errors:\n%s",
		    errs.data ? errs.data : "");
		goto out;
	}
	log_init("mentorship-worker", conf.log_level, 2);
	if (mysql_library_init(0, NULL, NULL) != 0 ||
	    (db = db_new(&conf)) == NULL) {
		log_error("cannot set up the database client");
		goto out;
	}
	if (providers_init(&ps, &conf, db, why, sizeof(why)) == -1) {
		log_error("%s", why);
		goto out;
	}
	have_ps = 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (pidfile != NULL) {
		FILE	*f = fopen(pidfile, "w");

		if (f != NULL) {
			fprintf(f, "%ld\n", (long)getpid());
			fclose(f);
		}
	}
	log_info("worker started (poll every %u ms)",
	    conf.worker_poll_interval_ms);
	while (!stop) {
		run_pass(db, &ps, &conf);
		if (once)
			break;
		{
			struct timespec	ts = {
				conf.worker_poll_interval_ms / 1000,
				(long)(conf.worker_poll_interval_ms % 1000) *
				    1000000L };

			/* A signal cuts the sleep short. */
			(void)nanosleep(&ts, NULL);
		}
	}
	log_info("worker stopped");
	if (pidfile != NULL)
		unlink(pidfile);
	rc = 0;
out:
	if (have_ps)
		providers_release(&ps);
	db_free(db);
	conf_release(&conf);
	buf_release(&errs);
	mysql_library_end();
	return rc;
}
