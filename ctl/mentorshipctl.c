/*
 * mentorshipctl: the administrator's tool (instead of Django admin).
 *
 *   mentorshipctl [-c config] migrate
 *   mentorshipctl [-c config] createsuperuser --username U [--email E] [--generate]
 *   mentorshipctl [-c config] set-password --username U [--generate]
 *   mentorshipctl [-c config] check
 *   mentorshipctl [-c config] create-mentee --username U --contact-number N [...]
 *   mentorshipctl [-c config] create-mentor --username U --contact-number N --mentee M [...]
 *   mentorshipctl [-c config] list-mentees | list-mentors
 *   mentorshipctl [-c config] create-provider-account --username U [--generate]
 *   mentorshipctl [-c config] provider-log [--limit N]
 *   mentorshipctl [-c config] outbox | outbox retry ID
 *
 * Passwords are read from standard input (one line; without echo on a
 * terminal), or made with --generate and printed once.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <mysql.h>

#include "auth/password.h"
#include "core/conf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "core/phone.h"
#include "models/mentee.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "models/user.h"
#include "providers/provider.h"
#include "services/accounts.h"

#define GENERATED_PASSWORD_LEN	20
#define EXIT_USAGE		2

struct ctl {
	struct conf	 conf;
	struct db	*db;
	struct arena	 arena;
};

static void
usage(FILE *f)
{
	fprintf(f,
	    "usage: mentorshipctl [-c config] command [options]\n"
	    "commands:\n"
	    "  migrate                 apply the missing database migrations\n"
	    "  createsuperuser --username U [--email E] [--generate]\n"
	    "                          create an administrator\n"
	    "  set-password --username U [--generate]\n"
	    "                          set an account's password\n"
	    "  check                   check configuration, database and "
	    "migrations\n"
	    "  create-mentee --username U --contact-number N [--first-name F]\n"
	    "                [--last-name L] [--email E] [--external-id X] "
	    "[--generate]\n"
	    "  create-mentor (the same) --mentee ID|USERNAME\n"
	    "  list-mentees, list-mentors\n"
	    "  create-provider-account --username U [--generate]\n"
	    "                          an account for a provider's webhooks\n"
	    "  provider-log [--limit N] what the example provider was asked\n"
	    "  outbox                  SMS and pushes pending or dead\n"
	    "  outbox retry ID         put a dead entry back in the queue\n"
	    "Passwords are read from standard input unless --generate is "
	    "given.\n");
}

/* Prints a model rule's complaint about option; -1 when there is one. */
static int
complain(const char *option, const char *complaint)
{
	if (complaint == NULL)
		return 0;
	fprintf(stderr, "mentorshipctl: %s: %s\n", option, complaint);
	return -1;
}

/*
 * Reads a password: one line from stdin, or twice without echo when
 * stdin is a terminal.  0, or -1 with a message printed.
 */
static int
read_password(char *out, size_t outsz)
{
	struct termios	 old, quiet;
	char		 again[PASSWORD_MAX_LEN + 2];
	int		 tty = isatty(STDIN_FILENO);
	size_t		 n;

	if (tty) {
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		fputs("Password: ", stderr);
	}
	if (fgets(out, (int)outsz, stdin) == NULL)
		out[0] = '\0';
	if (tty) {
		fputs("\nPassword (again): ", stderr);
		if (fgets(again, sizeof(again), stdin) == NULL)
			again[0] = '\0';
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	n = strcspn(out, "\r\n");
	if (out[n] == '\0' && n == outsz - 1) {
		fprintf(stderr, "mentorshipctl: password too long\n");
		return -1;
	}
	out[n] = '\0';
	if (tty) {
		again[strcspn(again, "\r\n")] = '\0';
		if (strcmp(out, again) != 0) {
			explicit_bzero(again, sizeof(again));
			fprintf(stderr, "mentorshipctl: passwords differ\n");
			return -1;
		}
		explicit_bzero(again, sizeof(again));
	}
	return complain("password", password_check(out));
}

/*
 * Reads or generates a new password into pw (PASSWORD_MAX_LEN + 2
 * bytes), printing a generated one.  0, or -1 with the problem printed.
 */
static int
new_password(int generate, char *pw, size_t pwsz)
{
	if (!generate)
		return read_password(pw, pwsz);
	if (password_generate(pw, GENERATED_PASSWORD_LEN) == -1) {
		fprintf(stderr, "mentorshipctl: no randomness for a password\n");
		return -1;
	}
	printf("password: %s\n", pw);
	return 0;
}

/*
 * Reports what a library operation came to: nothing when it went well,
 * else a line saying why.  The exit status.
 */
static int
report(struct ctl *ctl, const char *what, enum outcome rc,
    const struct outcome_detail *d)
{
	if (rc == OUTCOME_OK)
		return 0;
	if (d != NULL && d->text[0] != '\0')
		fprintf(stderr, "mentorshipctl: %s%s%s\n", d->field != NULL ?
		    d->field : "", d->field != NULL ? ": " : "", d->text);
	else
		fprintf(stderr, "mentorshipctl: %s: %s (%s)\n", what,
		    outcome_names[rc], db_last_error(ctl->db));
	return 1;
}

static int
cmd_migrate(struct ctl *ctl, int argc, char **argv)
{
	char	why[512];
	int	n;

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if ((n = migrate_run(ctl->db, ctl->conf.app_migrations_dir, stdout, why,
	    sizeof(why))) < 0) {
		fprintf(stderr, "mentorshipctl: migrate: %s\n", why);
		return 1;
	}
	printf("%d migration%s applied\n", n, n == 1 ? "" : "s");
	return 0;
}

struct user_opts {
	const char	*username;
	const char	*email;
	const char	*first_name;
	const char	*last_name;
	const char	*contact_number;
	const char	*external_id;
	const char	*mentee;
	int		 generate;
};

static int
parse_user_opts(int argc, char **argv, struct user_opts *o)
{
	static const struct option	longopts[] = {
		{ "username", required_argument, NULL, 'u' },
		{ "email", required_argument, NULL, 'e' },
		{ "generate", no_argument, NULL, 'g' },
		{ "first-name", required_argument, NULL, 'f' },
		{ "last-name", required_argument, NULL, 'l' },
		{ "contact-number", required_argument, NULL, 'n' },
		{ "external-id", required_argument, NULL, 'x' },
		{ "mentee", required_argument, NULL, 'm' },
		{ NULL, 0, NULL, 0 }
	};
	int				ch;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (ch) {
		case 'u':
			o->username = optarg;
			break;
		case 'e':
			o->email = optarg;
			break;
		case 'g':
			o->generate = 1;
			break;
		case 'f':
			o->first_name = optarg;
			break;
		case 'l':
			o->last_name = optarg;
			break;
		case 'n':
			o->contact_number = optarg;
			break;
		case 'x':
			o->external_id = optarg;
			break;
		case 'm':
			o->mentee = optarg;
			break;
		default:
			return -1;
		}
	}
	if (optind != argc || o->username == NULL || *o->username == '\0' ||
	    strlen(o->username) > USER_NAME_MAX) {
		fprintf(stderr, "mentorshipctl: --username (1 to 150 "
		    "characters) is required\n");
		return -1;
	}
	return 0;
}

/*
 * The API's rules for the account fields of o, so that mentorshipctl
 * makes no account that the API would refuse.  0, or -1 with the
 * problem printed.
 */
static int
user_opts_valid(const struct user_opts *o)
{
	if (o->email != NULL && strlen(o->email) > USER_EMAIL_MAX) {
		fprintf(stderr, "mentorshipctl: --email is too long\n");
		return -1;
	}
	if (complain("--username", user_check_username(o->username)) == -1 ||
	    (o->email != NULL &&
	    complain("--email", user_check_email(o->email)) == -1))
		return -1;
	return 0;
}

/* createsuperuser and create-provider-account: an account of role. */
static int
create_account(struct ctl *ctl, int argc, char **argv, enum user_role role)
{
	struct password_params	pp;
	struct outcome_detail	d;
	struct user_opts	o;
	char			pw[PASSWORD_MAX_LEN + 2];
	int64_t			id = 0;
	enum outcome		rc;

	if (parse_user_opts(argc, argv, &o) == -1 ||
	    o.contact_number != NULL || o.mentee != NULL) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (user_opts_valid(&o) == -1 ||
	    new_password(o.generate, pw, sizeof(pw)) == -1)
		return 1;
	password_params_from_conf(&pp, &ctl->conf);
	outcome_detail_init(&d);
	rc = account_create_staff(ctl->db, &pp, role, o.username, o.email, pw,
	    &id, &d);
	explicit_bzero(pw, sizeof(pw));
	if (report(ctl, "cannot create the user", rc, &d) != 0)
		return 1;
	printf("%s %s created with id %lld\n", role == USER_ROLE_ADMIN ?
	    "superuser" : "provider account", o.username, (long long)id);
	return 0;
}

static int
cmd_createsuperuser(struct ctl *ctl, int argc, char **argv)
{
	return create_account(ctl, argc, argv, USER_ROLE_ADMIN);
}

static int
cmd_create_provider_account(struct ctl *ctl, int argc, char **argv)
{
	return create_account(ctl, argc, argv, USER_ROLE_COMMS);
}

static const char SQL_PROVIDER_LOG[] =
    "SELECT id, created_at, provider, kind, destination, payload, partner_id"
    " FROM provider_log ORDER BY id DESC LIMIT ?";

/* provider-log [--limit N]: the newest requests first, one per line. */
static int
cmd_provider_log(struct ctl *ctl, int argc, char **argv)
{
	struct db_rows	 rows;
	long		 limit = 50;
	char		*end;

	if (argc == 3 && strcmp(argv[1], "--limit") == 0) {
		limit = strtol(argv[2], &end, 10);
		if (*end != '\0' || limit < 1 || limit > 100000) {
			usage(stderr);
			return EXIT_USAGE;
		}
	} else if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (db_query(ctl->db, SQL_PROVIDER_LOG, DB_ARGS(DB_INT(limit)),
	    &ctl->arena, &rows) != OUTCOME_OK) {
		fprintf(stderr, "mentorshipctl: %s\n", db_last_error(ctl->db));
		return 1;
	}
	for (size_t i = 0; i < rows.nrows; i++)
		printf("%s %s %s %s to=%s %s%s%s\n", db_rows_str(&rows, i, 0),
		    db_rows_str(&rows, i, 1), db_rows_str(&rows, i, 2),
		    db_rows_str(&rows, i, 3), db_rows_str(&rows, i, 4),
		    db_rows_str(&rows, i, 5),
		    db_rows_isnull(&rows, i, 6) ? "" : " partner_id=",
		    db_rows_isnull(&rows, i, 6) ? "" : db_rows_str(&rows, i, 6));
	return 0;
}

/*
 * set-password: a new password for an account, which ends every session
 * of it, as a change through the API does.
 */
static int
cmd_set_password(struct ctl *ctl, int argc, char **argv)
{
	struct password_params	pp;
	struct user_opts	o;
	struct user		u;
	char			pw[PASSWORD_MAX_LEN + 2];
	char			hash[PASSWORD_HASH_MAX];
	enum outcome		rc;
	int			status = 1;

	if (parse_user_opts(argc, argv, &o) == -1 || o.email != NULL) {
		usage(stderr);
		return EXIT_USAGE;
	}
	rc = user_get_by_login(ctl->db, &ctl->arena, o.username, &u);
	if (rc == OUTCOME_NOT_FOUND) {
		fprintf(stderr, "mentorshipctl: no such user\n");
		return 1;
	}
	if (report(ctl, "cannot read the user", rc, NULL) != 0 ||
	    new_password(o.generate, pw, sizeof(pw)) == -1)
		return 1;
	password_params_from_conf(&pp, &ctl->conf);
	if (password_hash(&pp, pw, hash) == -1)
		fprintf(stderr, "mentorshipctl: cannot hash the password\n");
	else if (report(ctl, "cannot set the password",
	    account_set_password(ctl->db, u.id, hash, 0, NULL), NULL) == 0) {
		printf("password of %s changed\n", u.username);
		status = 0;
	}
	explicit_bzero(pw, sizeof(pw));
	explicit_bzero(hash, sizeof(hash));
	return status;
}

static int
cmd_check(struct ctl *ctl, int argc, char **argv)
{
	char	why[512];
	int	pending;

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	printf("configuration: ok\n");
	if (db_ping(ctl->db) != OUTCOME_OK) {
		printf("database: unreachable: %s\n", db_last_error(ctl->db));
		return 1;
	}
	printf("database: ok\n");
	{
		struct providers	ps;
		int			bad;

		bad = providers_init(&ps, &ctl->conf, ctl->db, why,
		    sizeof(why)) == -1;
		if (!bad)
			providers_release(&ps);
		if (bad) {
			printf("providers: %s\n", why);
			return 1;
		}
		printf("providers: ok (voice %s, sms %s, push %s)\n",
		    ctl->conf.providers_voice, ctl->conf.providers_sms,
		    ctl->conf.providers_push);
	}
	if ((pending = migrate_pending(ctl->db, ctl->conf.app_migrations_dir,
	    why, sizeof(why))) < 0) {
		printf("migrations: cannot check: %s\n", why);
		return 1;
	}
	if (pending > 0) {
		printf("migrations: %d pending: run 'mentorshipctl migrate'\n",
		    pending);
		return 1;
	}
	printf("migrations: current\n");
	return 0;
}

/*
 * The account of the options of create-mentee and create-mentor, checked
 * by the API's rules, with the password read or generated into pw.  0, or
 * -1 with the problem printed.
 */
static int
account_from_opts(const struct user_opts *o, struct account_input *in,
    char contact[PHONE_E164_LEN], char *pw, size_t pwsz)
{
	memset(in, 0, sizeof(*in));
	if (user_opts_valid(o) == -1)
		return -1;
	if (o->contact_number == NULL ||
	    phone_normalize(o->contact_number, contact) == -1) {
		fprintf(stderr, "mentorshipctl: --contact-number must be an "
		    "international number (+27123456789)\n");
		return -1;
	}
	if ((o->first_name != NULL && strlen(o->first_name) > USER_NAME_MAX) ||
	    (o->last_name != NULL && strlen(o->last_name) > USER_NAME_MAX) ||
	    (o->external_id != NULL &&
	    strlen(o->external_id) > USER_EXTERNAL_ID_MAX)) {
		fprintf(stderr, "mentorshipctl: a name or --external-id is "
		    "too long\n");
		return -1;
	}
	if (new_password(o->generate, pw, pwsz) == -1)
		return -1;
	in->username = o->username;
	in->email = o->email;
	in->first_name = o->first_name;
	in->last_name = o->last_name;
	in->external_id = o->external_id;
	in->contact_number = contact;
	in->password = pw;
	return 0;
}

static int
cmd_create_mentee(struct ctl *ctl, int argc, char **argv)
{
	struct password_params	pp;
	struct account_input	in;
	struct outcome_detail	d;
	struct user_opts	o;
	struct mentee		m;
	char			contact[PHONE_E164_LEN], pw[PASSWORD_MAX_LEN + 2];
	enum outcome		rc;

	if (parse_user_opts(argc, argv, &o) == -1 || o.mentee != NULL) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (account_from_opts(&o, &in, contact, pw, sizeof(pw)) == -1)
		return 1;
	password_params_from_conf(&pp, &ctl->conf);
	outcome_detail_init(&d);
	rc = account_create_mentee(ctl->db, &ctl->arena, &pp, &in, &m, &d);
	explicit_bzero(pw, sizeof(pw));
	if (report(ctl, "cannot create the mentee", rc, &d) != 0)
		return 1;
	printf("mentee %s created with id %lld\n", o.username,
	    (long long)m.user.id);
	return 0;
}

/* The mentee named by id or username. */
static enum outcome
find_mentee(struct ctl *ctl, const char *which, struct mentee *out)
{
	struct user	u;
	char		*end;
	long long	id = strtoll(which, &end, 10);
	enum outcome	rc;

	if (*which == '\0' || *end != '\0') {
		if ((rc = user_get_by_login(ctl->db, &ctl->arena, which,
		    &u)) != OUTCOME_OK)
			return rc;
		id = u.id;
	}
	return mentee_get(ctl->db, &ctl->arena, id, out);
}

static int
cmd_create_mentor(struct ctl *ctl, int argc, char **argv)
{
	struct password_params	pp;
	struct outcome_detail	d;
	struct mentor_input	in;
	struct user_opts	o;
	struct mentor		m;
	struct mentee		mentee;
	char			contact[PHONE_E164_LEN], pw[PASSWORD_MAX_LEN + 2];
	enum outcome		rc;

	if (parse_user_opts(argc, argv, &o) == -1 || o.mentee == NULL) {
		fprintf(stderr, "mentorshipctl: create-mentor needs --mentee\n");
		return EXIT_USAGE;
	}
	if ((rc = find_mentee(ctl, o.mentee, &mentee)) == OUTCOME_NOT_FOUND) {
		fprintf(stderr, "mentorshipctl: no such mentee\n");
		return 1;
	}
	if (report(ctl, "cannot read the mentee", rc, NULL) != 0)
		return 1;
	memset(&in, 0, sizeof(in));
	if (account_from_opts(&o, &in.account, contact, pw, sizeof(pw)) == -1)
		return 1;
	in.mentee_id = mentee.user.id;
	password_params_from_conf(&pp, &ctl->conf);
	outcome_detail_init(&d);
	rc = account_create_mentor(ctl->db, &ctl->arena, &pp, &in, &m, &d);
	explicit_bzero(pw, sizeof(pw));
	if (report(ctl, "cannot create the mentor", rc, &d) != 0)
		return 1;
	printf("mentor %s created with id %lld\n", o.username,
	    (long long)m.user.id);
	return 0;
}

static void
print_person(const struct user *u)
{
	char	masked[PHONE_E164_LEN + 1];

	printf("%-6lld %-24s %-28s %s", (long long)u->id, u->username,
	    u->email, log_mask_phone(u->contact_number ? u->contact_number :
	    "", masked, sizeof(masked)));
}

/* Every row of list l, into *rows.  0, or -1 with the error printed. */
static int
fetch_all(struct ctl *ctl, const struct db_list *l, void **rows, size_t *n)
{
	static const struct list_filter	none;

	return report(ctl, "cannot list", db_list_fetch(ctl->db, &ctl->arena,
	    l, &none, 0, INT32_MAX, rows, n), NULL) == 0 ? 0 : -1;
}

static int
cmd_list_mentees(struct ctl *ctl, int argc, char **argv)
{
	struct mentee	*list;
	void		*rows;
	size_t		 n;

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (fetch_all(ctl, &mentee_list_all, &rows, &n) == -1)
		return 1;
	list = rows;
	printf("%-6s %-24s %-28s %s\n", "id", "username", "email", "contact");
	for (size_t i = 0; i < n; i++) {
		print_person(&list[i].user);
		putchar('\n');
	}
	return 0;
}

static int
cmd_list_mentors(struct ctl *ctl, int argc, char **argv)
{
	struct mentor	*list;
	void		*rows;
	size_t		 n;

	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (fetch_all(ctl, &mentor_list_all, &rows, &n) == -1)
		return 1;
	list = rows;
	printf("%-6s %-24s %-28s %-14s %s\n", "id", "username", "email",
	    "contact", "mentee");
	for (size_t i = 0; i < n; i++) {
		print_person(&list[i].user);
		printf(" %lld\n", (long long)list[i].mentee_id);
	}
	return 0;
}

static const char SQL_OUTBOX[] =
    "SELECT id, kind, status, attempts, next_attempt_at, recipient_id,"
    " last_error FROM outbox WHERE status IN ('pending', 'dead')"
    " ORDER BY status, next_attempt_at, id LIMIT 1000";

/* outbox: what waits or failed; outbox retry ID: a dead one again. */
static int
cmd_outbox(struct ctl *ctl, int argc, char **argv)
{
	struct outcome_detail	 d;
	struct outbox_entry	 e;
	struct db_rows		 rows;
	char			*end;
	long long		 id;
	enum outcome		 rc;

	if (argc == 3 && strcmp(argv[1], "retry") == 0) {
		id = strtoll(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || id < 1) {
			usage(stderr);
			return EXIT_USAGE;
		}
		outcome_detail_init(&d);
		rc = outbox_retry(ctl->db, &ctl->arena, id, &e, &d);
		if (rc == OUTCOME_NOT_FOUND) {
			fprintf(stderr, "mentorshipctl: no outbox entry %lld\n",
			    id);
			return 1;
		}
		if (report(ctl, "cannot retry", rc, &d) != 0)
			return 1;
		printf("outbox entry %lld queued again\n", id);
		return 0;
	}
	if (argc != 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (db_query(ctl->db, SQL_OUTBOX, DB_NOARGS, &ctl->arena, &rows) !=
	    OUTCOME_OK) {
		fprintf(stderr, "mentorshipctl: %s\n", db_last_error(ctl->db));
		return 1;
	}
	printf("%-8s %-5s %-8s %-8s %-27s %-9s %s\n", "id", "kind", "status",
	    "attempts", "next attempt (UTC)", "recipient", "last error");
	for (size_t i = 0; i < rows.nrows; i++)
		printf("%-8s %-5s %-8s %-8s %-27s %-9s %s\n",
		    db_rows_str(&rows, i, 0), db_rows_str(&rows, i, 1),
		    db_rows_str(&rows, i, 2), db_rows_str(&rows, i, 3),
		    db_rows_str(&rows, i, 4), db_rows_str(&rows, i, 5),
		    db_rows_str(&rows, i, 6));
	return 0;
}

static const struct {
	const char	*name;
	int		(*fn)(struct ctl *, int, char **);
} commands[] = {
	{ "migrate", cmd_migrate },
	{ "createsuperuser", cmd_createsuperuser },
	{ "set-password", cmd_set_password },
	{ "check", cmd_check },
	{ "create-mentee", cmd_create_mentee },
	{ "create-mentor", cmd_create_mentor },
	{ "list-mentees", cmd_list_mentees },
	{ "list-mentors", cmd_list_mentors },
	{ "create-provider-account", cmd_create_provider_account },
	{ "provider-log", cmd_provider_log },
	{ "outbox", cmd_outbox },
};

int
main(int argc, char *argv[])
{
	struct ctl	 ctl;
	struct buf	 errs;
	const char	*path = conf_default_path();
	int		 ch, rc = EXIT_USAGE;
	size_t		 i;

	while ((ch = getopt(argc, argv, "+c:h")) != -1) {
		switch (ch) {
		case 'c':
			path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	if (i == sizeof(commands) / sizeof(commands[0])) {
		fprintf(stderr, "mentorshipctl: unknown command '%s'\n", argv[0]);
		usage(stderr);
		return EXIT_USAGE;
	}
	memset(&ctl, 0, sizeof(ctl));
	buf_init(&errs, 64 * 1024);
	log_init("mentorshipctl", LOG_LEVEL_WARN, 2);
	if (conf_load(&ctl.conf, path, &errs) == -1) {
		fprintf(stderr, "mentorshipctl: configuration errors:\n%s",
		    errs.data ? errs.data : "");
		rc = 1;
		goto out;
	}
	arena_init(&ctl.arena, 0);
	if ((ctl.db = db_new(&ctl.conf)) == NULL) {
		rc = 1;
		goto out;
	}
	rc = commands[i].fn(&ctl, argc, argv);
out:
	db_free(ctl.db);
	arena_release(&ctl.arena);
	conf_release(&ctl.conf);
	buf_release(&errs);
	mysql_library_end();
	return rc;
}
