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
 *   mentorshipctl [-c config] category list|add|edit|hide|show|order|image
 *   mentorshipctl [-c config] activity list|add|...|order|icon|poster
 *   mentorshipctl [-c config] blog list|add|edit|hide|show|thumbnail|image
 *
 * The content commands manage what the Android app lists (categories,
 * their activities, blog posts) through the same functions as the admin
 * API (services/content.h, services/pictures.h), with the models' rules.
 *
 * Passwords are read from standard input (one line; without echo on a
 * terminal), or made with --generate and printed once.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <mysql.h>

#include "auth/password.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/migrate.h"
#include "core/phone.h"
#include "core/timeutil.h"
#include "models/mentee.h"
#include "models/mentor.h"
#include "models/outbox.h"
#include "models/user.h"
#include "providers/provider.h"
#include "services/accounts.h"
#include "services/content.h"
#include "services/pictures.h"

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
	    "  category list\n"
	    "  category add --title T [--color #rrggbb] [--about A] [--goal G]\n"
	    "               [--ordinal N] [--hidden]\n"
	    "  category edit ID [the options of add]\n"
	    "  category hide|show ID, category order ID N\n"
	    "  category image ID FILE|--remove\n"
	    "  activity list [--category ID]\n"
	    "  activity add --category ID --title T [--description D]\n"
	    "               [--objective O] [--lesson-rationale R] "
	    "[--instructions I]\n"
	    "               [--prompts P] [--reflection-points R]\n"
	    "               [--skills-developed S] [--ordinal N] [--hidden]\n"
	    "  activity edit ID [the options of add]\n"
	    "  activity hide|show ID, activity order ID N\n"
	    "  activity icon|poster ID FILE|--remove\n"
	    "  blog list\n"
	    "  blog add --title T --body-file FILE|- [--hidden]\n"
	    "  blog edit ID [the options of add], blog hide|show ID\n"
	    "  blog thumbnail|image ID FILE|--remove\n"
	    "                          the content of the Android app; add "
	    "prints the new id\n"
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

/* ---- content: categories, activities, blog posts ---- */

/* The options of the content commands; each kind takes some (CO_*). */
enum content_opt {
	CO_TITLE, CO_COLOR, CO_ABOUT, CO_GOAL, CO_CATEGORY, CO_DESCRIPTION,
	CO_OBJECTIVE, CO_LESSON_RATIONALE, CO_INSTRUCTIONS, CO_PROMPTS,
	CO_REFLECTION_POINTS, CO_SKILLS_DEVELOPED, CO_ORDINAL, CO_BODY_FILE,
	CO_HIDDEN,
	CO__MAX
};

#define CO_BIT(o)	(1u << (o))
#define CATEGORY_OPTS	(CO_BIT(CO_TITLE) | CO_BIT(CO_COLOR) |		\
	CO_BIT(CO_ABOUT) | CO_BIT(CO_GOAL) | CO_BIT(CO_ORDINAL) |	\
	CO_BIT(CO_HIDDEN))
#define ACTIVITY_OPTS	(CO_BIT(CO_TITLE) | CO_BIT(CO_CATEGORY) |	\
	CO_BIT(CO_DESCRIPTION) | CO_BIT(CO_OBJECTIVE) |			\
	CO_BIT(CO_LESSON_RATIONALE) | CO_BIT(CO_INSTRUCTIONS) |		\
	CO_BIT(CO_PROMPTS) | CO_BIT(CO_REFLECTION_POINTS) |		\
	CO_BIT(CO_SKILLS_DEVELOPED) | CO_BIT(CO_ORDINAL) | CO_BIT(CO_HIDDEN))
#define BLOG_OPTS	(CO_BIT(CO_TITLE) | CO_BIT(CO_BODY_FILE) |	\
	CO_BIT(CO_HIDDEN))

/*
 * What the options said, as typed: value[CO_x] is NULL when not given.
 * hidden is 1 (--hidden, or hide), 0 (show) or -1 (not given).
 */
struct content_opts {
	const char	*value[CO__MAX];
	int		 hidden;
};

/*
 * Reads the options in argv[1..] (argv[0] is what precedes them) that
 * allowed (CO_* bits) permits into o.  0, or -1 for a usage error.
 */
static int
parse_content_opts(int argc, char **argv, unsigned allowed,
    struct content_opts *o)
{
	static const struct option	longopts[] = {
		{ "title", required_argument, NULL, CO_TITLE },
		{ "color", required_argument, NULL, CO_COLOR },
		{ "about", required_argument, NULL, CO_ABOUT },
		{ "goal", required_argument, NULL, CO_GOAL },
		{ "category", required_argument, NULL, CO_CATEGORY },
		{ "description", required_argument, NULL, CO_DESCRIPTION },
		{ "objective", required_argument, NULL, CO_OBJECTIVE },
		{ "lesson-rationale", required_argument, NULL,
		    CO_LESSON_RATIONALE },
		{ "instructions", required_argument, NULL, CO_INSTRUCTIONS },
		{ "prompts", required_argument, NULL, CO_PROMPTS },
		{ "reflection-points", required_argument, NULL,
		    CO_REFLECTION_POINTS },
		{ "skills-developed", required_argument, NULL,
		    CO_SKILLS_DEVELOPED },
		{ "ordinal", required_argument, NULL, CO_ORDINAL },
		{ "body-file", required_argument, NULL, CO_BODY_FILE },
		{ "hidden", no_argument, NULL, CO_HIDDEN },
		{ NULL, 0, NULL, 0 }
	};
	int				ch;

	memset(o, 0, sizeof(*o));
	o->hidden = -1;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch < 0 || ch >= CO__MAX || !(allowed & CO_BIT(ch)))
			return -1;
		if (ch == CO_HIDDEN)
			o->hidden = 1;
		else
			o->value[ch] = optarg;
	}
	return optind == argc ? 0 : -1;
}

/* The CO_* bits of the options given in o. */
static unsigned
content_opts_given(const struct content_opts *o)
{
	unsigned	given = o->hidden != -1 ? CO_BIT(CO_HIDDEN) : 0;

	for (int i = 0; i < CO__MAX; i++)
		if (o->value[i] != NULL)
			given |= CO_BIT(i);
	return given;
}

/* An id on the command line: a positive integer, else -1. */
static int64_t
parse_id(const char *s)
{
	char		*end;
	long long	 id;

	errno = 0;
	id = strtoll(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || id < 1)
		return -1;
	return id;
}

/* Option o's value when given, after rule: 0, or -1 with it printed. */
static int
text_opt(const char *option, const char *value,
    const char *(*rule)(const char *), const char **out)
{
	if (value == NULL)
		return 0;
	if (complain(option, rule(value)) == -1)
		return -1;
	*out = value;
	return 0;
}

/* --ordinal N (an INT column) into *out, when given. */
static int
ordinal_opt(const char *value, bool *given, int64_t *out)
{
	char		*end;
	long long	 n;

	if (value == NULL)
		return 0;
	errno = 0;
	n = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0' || errno != 0 || n < INT32_MIN ||
	    n > INT32_MAX)
		return complain("--ordinal", "A valid integer is required.");
	*given = true;
	*out = n;
	return 0;
}

/*
 * The whole of file path ("-": standard input), at most max bytes, into
 * the arena (NUL-terminated, *len without it).  0, or -1 with the
 * problem printed.
 */
static int
read_file(struct ctl *ctl, const char *path, size_t max, char **out,
    size_t *len)
{
	struct buf	 b;
	char		 chunk[8192];
	FILE		*f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	size_t		 n;
	int		 rc = -1;

	buf_init(&b, max);
	if (f == NULL) {
		fprintf(stderr, "mentorshipctl: %s: %s\n", path,
		    strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_append(&b, chunk, n) == -1) {
			fprintf(stderr, "mentorshipctl: %s: larger than %zu "
			    "bytes\n", path, max);
			goto out;
		}
	if (ferror(f)) {
		fprintf(stderr, "mentorshipctl: %s: cannot read\n", path);
		goto out;
	}
	if ((*out = arena_alloc(&ctl->arena, b.len + 1)) == NULL) {
		fprintf(stderr, "mentorshipctl: %s: out of memory\n", path);
		goto out;
	}
	if (b.len > 0)
		memcpy(*out, b.data, b.len);
	*len = b.len;
	rc = 0;
out:
	if (f != NULL && f != stdin)
		fclose(f);
	buf_release(&b);
	return rc;
}

/*
 * Says what a create (id 0) or change of a kind came to, printing the
 * new id of a create.  The exit status.
 */
static int
content_written(struct ctl *ctl, const char *kind, int64_t id,
    enum outcome rc, const struct outcome_detail *d, int64_t stored)
{
	if (rc == OUTCOME_NOT_FOUND) {
		fprintf(stderr, "mentorshipctl: no %s %lld\n", kind,
		    (long long)id);
		return 1;
	}
	if (report(ctl, id == 0 ? "cannot create" : "cannot change", rc,
	    d) != 0)
		return 1;
	if (id == 0)
		printf("%lld\n", (long long)stored);
	else
		printf("%s %lld changed\n", kind, (long long)id);
	return 0;
}

static int
category_write(struct ctl *ctl, int64_t id, const struct content_opts *o)
{
	struct category_input	in;
	struct outcome_detail	d;
	struct category		c = { 0 };
	enum outcome		rc;

	memset(&in, 0, sizeof(in));
	if (text_opt("--title", o->value[CO_TITLE], category_check_title,
	    &in.title) == -1 ||
	    text_opt("--color", o->value[CO_COLOR], category_check_color,
	    &in.color) == -1 ||
	    text_opt("--about", o->value[CO_ABOUT], category_check_text,
	    &in.about) == -1 ||
	    text_opt("--goal", o->value[CO_GOAL], category_check_text,
	    &in.goal) == -1 ||
	    ordinal_opt(o->value[CO_ORDINAL], &in.has_ordinal,
	    &in.ordinal) == -1)
		return 1;
	in.has_hidden = o->hidden != -1;
	in.is_hidden = o->hidden == 1;
	outcome_detail_init(&d);
	rc = id == 0 ?
	    content_category_create(ctl->db, &ctl->arena, &in, &c, &d) :
	    content_category_update(ctl->db, &ctl->arena, id, &in, &c, &d);
	return content_written(ctl, "category", id, rc, &d, c.id);
}

static int
activity_write(struct ctl *ctl, int64_t id, const struct content_opts *o)
{
	static const struct {
		enum content_opt	 opt;
		const char		*option;
		size_t			 offset;
	} texts[] = {
#define ACTIVITY_TEXT(o, name, f) \
	{ o, name, offsetof(struct activity_input, f) }
		ACTIVITY_TEXT(CO_DESCRIPTION, "--description", description),
		ACTIVITY_TEXT(CO_OBJECTIVE, "--objective", objective),
		ACTIVITY_TEXT(CO_LESSON_RATIONALE, "--lesson-rationale",
		    lesson_rationale),
		ACTIVITY_TEXT(CO_INSTRUCTIONS, "--instructions", instructions),
		ACTIVITY_TEXT(CO_PROMPTS, "--prompts", prompts),
		ACTIVITY_TEXT(CO_REFLECTION_POINTS, "--reflection-points",
		    reflection_points),
		ACTIVITY_TEXT(CO_SKILLS_DEVELOPED, "--skills-developed",
		    skills_developed),
#undef ACTIVITY_TEXT
	};
	struct activity_input	in;
	struct outcome_detail	d;
	struct activity		a = { 0 };
	enum outcome		rc;

	memset(&in, 0, sizeof(in));
	if (o->value[CO_CATEGORY] != NULL &&
	    (in.category_id = parse_id(o->value[CO_CATEGORY])) == -1) {
		complain("--category", "A valid positive integer is required.");
		return 1;
	}
	if (text_opt("--title", o->value[CO_TITLE], activity_check_title,
	    &in.title) == -1 ||
	    ordinal_opt(o->value[CO_ORDINAL], &in.has_ordinal,
	    &in.ordinal) == -1)
		return 1;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (text_opt(texts[i].option, o->value[texts[i].opt],
		    activity_check_text,
		    (const char **)((char *)&in + texts[i].offset)) == -1)
			return 1;
	in.has_hidden = o->hidden != -1;
	in.is_hidden = o->hidden == 1;
	outcome_detail_init(&d);
	rc = id == 0 ?
	    content_activity_create(ctl->db, &ctl->arena, &in, &a, &d) :
	    content_activity_update(ctl->db, &ctl->arena, id, &in, &a, &d);
	return content_written(ctl, "activity", id, rc, &d, a.id);
}

static int
blog_write(struct ctl *ctl, int64_t id, const struct content_opts *o)
{
	struct blog_post_input	 in;
	struct outcome_detail	 d;
	struct blog_post	 p = { 0 };
	const char		*file = o->value[CO_BODY_FILE];
	char			*body;
	size_t			 len;
	enum outcome		 rc;

	memset(&in, 0, sizeof(in));
	if (text_opt("--title", o->value[CO_TITLE], blog_post_check_title,
	    &in.title) == -1)
		return 1;
	/* The API takes no larger body: the same limit. */
	if (file != NULL) {
		if (read_file(ctl, file, ctl->conf.fcgi_max_body_bytes, &body,
		    &len) == -1 ||
		    complain("--body-file", blog_post_check_body(body,
		    len)) == -1)
			return 1;
		in.body_content = body;
	}
	in.has_hidden = o->hidden != -1;
	in.is_hidden = o->hidden == 1;
	outcome_detail_init(&d);
	rc = id == 0 ?
	    content_blog_post_create(ctl->db, &ctl->arena, &in, &p, &d) :
	    content_blog_post_update(ctl->db, &ctl->arena, id, &in, &p, &d);
	return content_written(ctl, "blog post", id, rc, &d, p.id);
}

/*
 * The picture of slot of kind id: the picture in file, or none when file
 * is "--remove".  Prints the picture's path.  The exit status.
 */
static int
content_picture(struct ctl *ctl, const char *kind, enum picture_slot slot,
    int64_t id, const char *file)
{
	struct outcome_detail	 d;
	const char		*url;
	char			*data = NULL;
	size_t			 len = 0;
	enum outcome		 rc;

	if (strcmp(file, "--remove") != 0 && read_file(ctl, file,
	    ctl->conf.media_max_upload_bytes, &data, &len) == -1)
		return 1;
	outcome_detail_init(&d);
	rc = picture_set(ctl->db, &ctl->conf, &ctl->arena, slot, id, data, len,
	    &url, &d);
	if (rc == OUTCOME_NOT_FOUND) {
		fprintf(stderr, "mentorshipctl: no %s %lld\n", kind,
		    (long long)id);
		return 1;
	}
	if (report(ctl, "cannot set the picture", rc, &d) != 0)
		return 1;
	printf("%s\n", url != NULL ? url : "removed");
	return 0;
}

/* "yes" or "no" for a table. */
static const char *
yes_no(bool b)
{
	return b ? "yes" : "no";
}

/* Whether a picture column holds one. */
static bool
has_picture(const char *path)
{
	return path != NULL && *path != '\0';
}

static int
category_list(struct ctl *ctl, const struct content_opts *o)
{
	struct category	*list;
	void		*rows;
	size_t		 n;

	(void)o;
	if (fetch_all(ctl, &category_list_all, &rows, &n) == -1)
		return 1;
	list = rows;
	printf("%-6s %-6s %-7s %-7s %-5s %s\n", "id", "hidden", "ordinal",
	    "color", "image", "title");
	for (size_t i = 0; i < n; i++)
		printf("%-6lld %-6s %-7lld %-7s %-5s %s\n",
		    (long long)list[i].id, yes_no(list[i].is_hidden),
		    (long long)list[i].ordinal, *list[i].color != '\0' ?
		    list[i].color : "-", yes_no(has_picture(list[i].image)),
		    list[i].title);
	return 0;
}

static int
activity_list(struct ctl *ctl, const struct content_opts *o)
{
	struct list_filter	 f = { 0 };
	struct activity		*list;
	void			*rows;
	size_t			 n;

	if (o->value[CO_CATEGORY] != NULL &&
	    (f.category_id = parse_id(o->value[CO_CATEGORY])) == -1) {
		complain("--category", "A valid positive integer is required.");
		return 1;
	}
	if (report(ctl, "cannot list", db_list_fetch(ctl->db, &ctl->arena,
	    f.category_id > 0 ? &activity_list_in_category :
	    &activity_list_all, &f, 0, INT32_MAX, &rows, &n), NULL) != 0)
		return 1;
	list = rows;
	printf("%-6s %-8s %-6s %-7s %-4s %-6s %s\n", "id", "category",
	    "hidden", "ordinal", "icon", "poster", "title");
	for (size_t i = 0; i < n; i++) {
		char	cat[24] = "-";

		if (list[i].category_id != 0)
			snprintf(cat, sizeof(cat), "%lld",
			    (long long)list[i].category_id);
		printf("%-6lld %-8s %-6s %-7lld %-4s %-6s %s\n",
		    (long long)list[i].id, cat, yes_no(list[i].is_hidden),
		    (long long)list[i].ordinal, yes_no(has_picture(list[i].icon)),
		    yes_no(has_picture(list[i].poster)), list[i].title);
	}
	return 0;
}

static int
blog_list(struct ctl *ctl, const struct content_opts *o)
{
	struct blog_post	*list;
	void			*rows;
	size_t			 n;
	char			 when[TIME_ISO_LEN];

	(void)o;
	if (fetch_all(ctl, &blog_post_list_all, &rows, &n) == -1)
		return 1;
	list = rows;
	printf("%-6s %-6s %-27s %-9s %-5s %s\n", "id", "hidden",
	    "created (UTC)", "thumbnail", "image", "title");
	for (size_t i = 0; i < n; i++) {
		time_format_iso(list[i].created_at, when);
		printf("%-6lld %-6s %-27s %-9s %-5s %s\n",
		    (long long)list[i].id, yes_no(list[i].is_hidden), when,
		    yes_no(has_picture(list[i].thumbnail)),
		    yes_no(has_picture(list[i].image)), list[i].title);
	}
	return 0;
}

/* A kind of content, as its command manages it. */
struct content_kind {
	const char	*command;	/* and picture_slot_of()'s object */
	const char	*name;		/* in messages */
	unsigned	 opts;		/* of add and edit */
	unsigned	 required;	/* of add */
	bool		 ordered;	/* has "order ID N" */
	int		(*list)(struct ctl *, const struct content_opts *);
	unsigned	 list_opts;
	/* Creates (id 0) or changes id; prints a new id.  Exit status. */
	int		(*write)(struct ctl *, int64_t,
			    const struct content_opts *);
};

static const struct content_kind content_kinds[] = {
	{ "category", "category", CATEGORY_OPTS, CO_BIT(CO_TITLE), true,
	    category_list, 0, category_write },
	{ "activity", "activity", ACTIVITY_OPTS, CO_BIT(CO_TITLE) |
	    CO_BIT(CO_CATEGORY), true, activity_list, CO_BIT(CO_CATEGORY),
	    activity_write },
	{ "blog", "blog post", BLOG_OPTS, CO_BIT(CO_TITLE) |
	    CO_BIT(CO_BODY_FILE), false, blog_list, 0, blog_write },
};

/*
 * KIND list [options], add options, edit ID options, hide ID, show ID,
 * order ID N, and PICTURE ID FILE|--remove for each of the kind's
 * pictures (picture_slot_of()).
 */
static int
content_command(struct ctl *ctl, const struct content_kind *k, int argc,
    char **argv)
{
	struct content_opts	 o;
	const char		*sub = argc > 1 ? argv[1] : "";
	int64_t			 id = argc > 2 ? parse_id(argv[2]) : -1;
	int			 slot;

	if (strcmp(sub, "list") == 0 &&
	    parse_content_opts(argc - 1, argv + 1, k->list_opts, &o) == 0)
		return k->list(ctl, &o);
	if (strcmp(sub, "add") == 0 &&
	    parse_content_opts(argc - 1, argv + 1, k->opts, &o) == 0 &&
	    (content_opts_given(&o) & k->required) == k->required)
		return k->write(ctl, 0, &o);
	if (id == -1)
		goto usage;
	if (strcmp(sub, "edit") == 0 &&
	    parse_content_opts(argc - 2, argv + 2, k->opts, &o) == 0)
		return k->write(ctl, id, &o);
	memset(&o, 0, sizeof(o));
	o.hidden = -1;
	if (argc == 3 && (strcmp(sub, "hide") == 0 ||
	    strcmp(sub, "show") == 0)) {
		o.hidden = strcmp(sub, "hide") == 0;
		return k->write(ctl, id, &o);
	}
	if (argc == 4 && k->ordered && strcmp(sub, "order") == 0) {
		o.value[CO_ORDINAL] = argv[3];
		return k->write(ctl, id, &o);
	}
	if (argc == 4 && (slot = picture_slot_of(k->command, sub)) != -1)
		return content_picture(ctl, k->name, slot, id, argv[3]);
usage:
	usage(stderr);
	return EXIT_USAGE;
}

static int
cmd_category(struct ctl *ctl, int argc, char **argv)
{
	return content_command(ctl, &content_kinds[0], argc, argv);
}

static int
cmd_activity(struct ctl *ctl, int argc, char **argv)
{
	return content_command(ctl, &content_kinds[1], argc, argv);
}

static int
cmd_blog(struct ctl *ctl, int argc, char **argv)
{
	return content_command(ctl, &content_kinds[2], argc, argv);
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
	{ "category", cmd_category },
	{ "activity", cmd_activity },
	{ "blog", cmd_blog },
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
