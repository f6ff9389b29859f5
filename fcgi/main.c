/*
 * mentorship-fcgi: the FastCGI application server of the Mentoring Tool.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/conf.h"
#include "fcgi/master.h"

static void
usage(FILE *f)
{
	fprintf(f, "usage: mentorship-fcgi [-c config] [-p pidfile]\n"
	    "  -c FILE  configuration file (default: $MENTORSHIP_CONFIG or "
	    "%s)\n"
	    "  -p FILE  write the master's pid to FILE\n", CONF_DEFAULT_PATH);
}

int
main(int argc, char *argv[])
{
	struct master_opts	opts = { 0 };
	int			ch;

	opts.config_path = conf_default_path();
	while ((ch = getopt(argc, argv, "c:p:h")) != -1) {
		switch (ch) {
		case 'c':
			opts.config_path = optarg;
			break;
		case 'p':
			opts.pid_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	return master_main(&opts);
}
