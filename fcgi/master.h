/*
 * The master process of mentorship-fcgi: owns the listening socket, keeps
 * fcgi.workers workers running, and handles the signals an operator sends:
 *
 *   SIGTERM, SIGINT  graceful stop: workers finish the request in hand
 *   SIGHUP           reload the configuration and replace every worker
 *                    (old ones finish what they have; no request is lost)
 */
#ifndef MT_MASTER_H
#define MT_MASTER_H

struct master_opts {
	const char	*config_path;	/* NULL: no file, defaults + env */
	const char	*pid_file;	/* NULL: none */
	int		 foreground;
};

/* Runs until stopped; returns the process exit status. */
int	master_main(const struct master_opts *opts);

#endif
