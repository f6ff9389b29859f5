/*
 * The benchmark's ceilings (tests/bench/run): the least a FastCGI
 * responder backed by MariaDB does per request, written only to measure
 * how far the project's endpoints are from it on the same machine, behind
 * the same nginx and against the same MariaDB.
 *
 *   ceiling -m select|insert -l fcgi.sock [-n processes] -S mysqld.sock
 *       -u user -P password-file -d database
 *
 * -m select: GET, one prepared SELECT of bench_ceiling by its primary key
 *            (?id=N, else the next id of a per-process cycle), 200 with
 *            the row as JSON.
 * -m insert: POST, one autocommitted INSERT of the body (at most
 *            NOTE_MAX bytes) into bench_ceiling_log, 201 with its id.
 *
 * The master opens the unix socket, forks the processes and waits; each
 * process holds one MariaDB connection and one statement, prepared once,
 * and serves one FastCGI connection at a time with libfcgi's own accept
 * loop.  Deliberately naive: no reconnect, no keep-alive handling beyond
 * libfcgi's, no arena.  The tables are tests/bench/run's.
 */
#include "config.h"

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <fcgiapp.h>
#include <mysql.h>

#define PROCS_MAX	64
#define BACKLOG		256
#define ROWS		1000	/* bench_ceiling holds ids 1..ROWS */
#define NAME_BYTES	256	/* VARCHAR(64) of utf8mb4 */
#define NOTE_MAX	255	/* bench_ceiling_log.note, VARCHAR(255) */
#define PASSWORD_MAX	256

enum mode {
	MODE_SELECT,
	MODE_INSERT,
	MODE__MAX
};

static const char *const mode_names[MODE__MAX] = {
	"select",
	"insert",
};

static const char *const mode_sql[MODE__MAX] = {
	"SELECT id, name, value FROM bench_ceiling WHERE id = ?",
	"INSERT INTO bench_ceiling_log (note, created_at) VALUES (?, NOW(6))",
};

struct opts {
	enum mode	 mode;
	const char	*listen;
	const char	*db_socket;
	const char	*user;
	const char	*password_file;
	const char	*database;
	int		 procs;
};

/* What one process keeps for its lifetime. */
struct responder {
	MYSQL		*db;
	MYSQL_STMT	*stmt;
	enum mode	 mode;
	unsigned	 next_id;
};

static volatile sig_atomic_t	got_term;

static void
on_term(int sig)
{
	(void)sig;
	got_term = 1;
	/* Makes libfcgi's accept() give up on EINTR instead of retrying. */
	FCGX_ShutdownPending();
}

static void
usage(void)
{
	fprintf(stderr, "usage: ceiling -m select|insert -l fcgi-socket "
	    "[-n processes] -S mysqld-socket -u user -P password-file "
	    "-d database\n");
	exit(2);
}

/* ---- answers ---- */

/* Writes status and o (consumed) as the response. */
static void
respond_json(FCGX_Request *req, int status, cJSON *o)
{
	char	*text = NULL;

	if (o == NULL || (text = cJSON_PrintUnformatted(o)) == NULL) {
		FCGX_FPrintF(req->out, "Status: 500\r\n"
		    "Content-Type: application/json\r\n"
		    "X-Content-Type-Options: nosniff\r\n\r\n"
		    "{\"detail\":\"Out of memory.\"}\n");
		goto out;
	}
	FCGX_FPrintF(req->out, "Status: %d\r\n"
	    "Content-Type: application/json\r\n"
	    "X-Content-Type-Options: nosniff\r\n\r\n", status);
	FCGX_PutStr(text, (int)strlen(text), req->out);
	FCGX_PutStr("\n", 1, req->out);
out:
	cJSON_free(text);
	cJSON_Delete(o);
}

static void
respond_detail(FCGX_Request *req, int status, const char *detail)
{
	cJSON	*o = cJSON_CreateObject();

	if (o != NULL && cJSON_AddStringToObject(o, "detail", detail) == NULL) {
		cJSON_Delete(o);
		o = NULL;
	}
	respond_json(req, status, o);
}

/* ---- select ---- */

/* The id of "id=N" in qs, 1..ROWS; 0 when qs names none, -1 for another
 * value. */
static int
query_id(const char *qs)
{
	const char	*p;
	char		*end;
	long		 v;

	if (qs == NULL)
		return 0;
	for (p = qs; ; p++) {
		if (strncmp(p, "id=", 3) == 0) {
			errno = 0;
			v = strtol(p + 3, &end, 10);
			if (errno != 0 || end == p + 3 ||
			    (*end != '\0' && *end != '&') || v < 1 || v > ROWS)
				return -1;
			return (int)v;
		}
		if ((p = strchr(p, '&')) == NULL)
			return 0;
	}
}

/* GET: 200 with the row, 404 for an id outside 1..ROWS, 503 when MariaDB
 * failed. */
static void
serve_select(struct responder *r, FCGX_Request *req)
{
	MYSQL_BIND	 param, res[3];
	char		 name[NAME_BYTES + 1];
	unsigned long	 name_len = 0;
	long long	 value = 0;
	int		 id, rid = 0, rc;
	bool		 stored = false;
	cJSON		*o;

	if ((id = query_id(FCGX_GetParam("QUERY_STRING", req->envp))) == -1) {
		respond_detail(req, 404, "Not found.");
		return;
	}
	if (id == 0) {
		id = (int)(r->next_id % ROWS) + 1;
		r->next_id++;
	}
	memset(&param, 0, sizeof(param));
	param.buffer_type = MYSQL_TYPE_LONG;
	param.buffer = &id;
	memset(res, 0, sizeof(res));
	res[0].buffer_type = MYSQL_TYPE_LONG;
	res[0].buffer = &rid;
	res[1].buffer_type = MYSQL_TYPE_STRING;
	res[1].buffer = name;
	res[1].buffer_length = sizeof(name) - 1;
	res[1].length = &name_len;
	res[2].buffer_type = MYSQL_TYPE_LONGLONG;
	res[2].buffer = &value;
	if (mysql_stmt_bind_param(r->stmt, &param) != 0 ||
	    mysql_stmt_execute(r->stmt) != 0 ||
	    mysql_stmt_store_result(r->stmt) != 0) {
		warnx("%s: id %d: %s", __func__, id, mysql_stmt_error(r->stmt));
		respond_detail(req, 503, "The database failed.");
		goto out;
	}
	stored = true;
	if (mysql_stmt_bind_result(r->stmt, res) != 0) {
		warnx("%s: bind_result: %s", __func__, mysql_stmt_error(r->stmt));
		respond_detail(req, 500, "Internal server error.");
		goto out;
	}
	rc = mysql_stmt_fetch(r->stmt);
	if (rc == MYSQL_NO_DATA) {
		respond_detail(req, 404, "Not found.");
		goto out;
	}
	if (rc != 0) {
		/* 1 or MYSQL_DATA_TRUNCATED: neither can happen with the
		 * benchmark's table. */
		warnx("%s: fetch id %d: %d %s", __func__, id, rc,
		    mysql_stmt_error(r->stmt));
		respond_detail(req, 500, "Internal server error.");
		goto out;
	}
	name[name_len < sizeof(name) - 1 ? name_len : sizeof(name) - 1] = '\0';
	if ((o = cJSON_CreateObject()) != NULL &&
	    (cJSON_AddNumberToObject(o, "id", rid) == NULL ||
	    cJSON_AddStringToObject(o, "name", name) == NULL ||
	    cJSON_AddNumberToObject(o, "value", (double)value) == NULL)) {
		cJSON_Delete(o);
		o = NULL;
	}
	respond_json(req, 200, o);
out:
	if (stored)
		mysql_stmt_free_result(r->stmt);
}

/* ---- insert ---- */

/* POST: 201 with the new row's id; 413 above NOTE_MAX bytes, 400 for a
 * body shorter than its length, 503 when MariaDB failed. */
static void
serve_insert(struct responder *r, FCGX_Request *req)
{
	MYSQL_BIND	 param;
	const char	*cl = FCGX_GetParam("CONTENT_LENGTH", req->envp);
	char		 note[NOTE_MAX], sink[1024], *end;
	unsigned long	 note_len;
	long		 len = 0;
	int		 n;
	cJSON		*o;

	if (cl != NULL && *cl != '\0') {
		errno = 0;
		len = strtol(cl, &end, 10);
		if (errno != 0 || *end != '\0' || len < 0)
			len = -1;
	}
	if (len < 0 || len > NOTE_MAX) {
		/* Drained, so that libfcgi's stream stays in step. */
		while (FCGX_GetStr(sink, sizeof(sink), req->in) > 0)
			;
		respond_detail(req, 413, "Request body too large.");
		return;
	}
	n = len > 0 ? FCGX_GetStr(note, (int)len, req->in) : 0;
	if (n != len) {
		respond_detail(req, 400, "Request body shorter than its "
		    "Content-Length.");
		return;
	}
	note_len = (unsigned long)n;
	memset(&param, 0, sizeof(param));
	param.buffer_type = MYSQL_TYPE_STRING;
	param.buffer = note;
	param.buffer_length = note_len;
	param.length = &note_len;
	if (mysql_stmt_bind_param(r->stmt, &param) != 0 ||
	    mysql_stmt_execute(r->stmt) != 0) {
		warnx("%s: %s", __func__, mysql_stmt_error(r->stmt));
		respond_detail(req, 503, "The database failed.");
		return;
	}
	if ((o = cJSON_CreateObject()) != NULL &&
	    cJSON_AddNumberToObject(o, "id",
	    (double)mysql_stmt_insert_id(r->stmt)) == NULL) {
		cJSON_Delete(o);
		o = NULL;
	}
	respond_json(req, 201, o);
}

/* ---- one process ---- */

/* Connects r->db and prepares its one statement.  0, or -1 logged. */
static int
responder_connect(struct responder *r, const struct opts *o,
    const char *password)
{
	unsigned	 timeout = 5;
	bool		 no = false;

	if ((r->db = mysql_init(NULL)) == NULL) {
		warnx("%s: mysql_init", __func__);
		return -1;
	}
	mysql_options(r->db, MYSQL_OPT_CONNECT_TIMEOUT, &timeout);
	/* A reconnect would drop the prepared statement. */
	mysql_options(r->db, MYSQL_OPT_RECONNECT, &no);
	mysql_options(r->db, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	if (mysql_real_connect(r->db, NULL, o->user, password, o->database, 0,
	    o->db_socket, 0) == NULL) {
		warnx("%s: %s: %s", __func__, o->db_socket, mysql_error(r->db));
		return -1;
	}
	if ((r->stmt = mysql_stmt_init(r->db)) == NULL ||
	    mysql_stmt_prepare(r->stmt, mode_sql[r->mode],
	    strlen(mode_sql[r->mode])) != 0) {
		warnx("%s: prepare: %s", __func__, r->stmt != NULL ?
		    mysql_stmt_error(r->stmt) : mysql_error(r->db));
		return -1;
	}
	return 0;
}

/*
 * The life of one process: connect, wipe the password, serve until
 * SIGTERM.  Its exit status.
 */
static int
responder_run(const struct opts *o, char *password, size_t pwsize, int fd)
{
	struct responder	 r;
	FCGX_Request		 req;
	bool			 inited = false;
	int			 rc = 1;

	memset(&r, 0, sizeof(r));
	r.mode = o->mode;
	/* The processes start their cycles at different rows. */
	r.next_id = (unsigned)getpid();
	if (responder_connect(&r, o, password) == -1)
		goto out;
	explicit_bzero(password, pwsize);
	if (FCGX_InitRequest(&req, fd, 0) != 0) {
		warnx("%s: FCGX_InitRequest", __func__);
		goto out;
	}
	inited = true;
	while (!got_term && FCGX_Accept_r(&req) >= 0) {
		if (r.mode == MODE_SELECT)
			serve_select(&r, &req);
		else
			serve_insert(&r, &req);
		FCGX_Finish_r(&req);
	}
	rc = 0;
out:
	explicit_bzero(password, pwsize);
	if (inited)
		FCGX_Free(&req, 1);
	if (r.stmt != NULL)
		mysql_stmt_close(r.stmt);
	if (r.db != NULL)
		mysql_close(r.db);
	return rc;
}

/* ---- the master ---- */

static void
read_password(const char *path, char *pw, size_t size)
{
	FILE	*f;
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		err(1, "%s", path);
	if (fgets(pw, (int)size, f) == NULL)
		errx(1, "%s: no password", path);
	fclose(f);
	n = strcspn(pw, "\r\n");
	if (pw[n] == '\0' && n == size - 1)
		errx(1, "%s: password too long", path);
	pw[n] = '\0';
}

static void
stop_all(const pid_t *pids, int n)
{
	for (int i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
}

static void
on_chld(int sig)
{
	/* Only there to end sigsuspend(). */
	(void)sig;
}

int
main(int argc, char *argv[])
{
	struct opts		 o;
	struct sigaction	 sa;
	struct stat		 st;
	sigset_t		 block, orig;
	pid_t			 pids[PROCS_MAX], pid;
	char			 password[PASSWORD_MAX], *end;
	int			 ch, fd, status, live = 0, rc = 0;
	bool			 stopping = false;
	mode_t			 mask;
	long			 v;

	memset(&o, 0, sizeof(o));
	memset(pids, 0, sizeof(pids));
	o.mode = MODE__MAX;
	o.procs = 4;
	while ((ch = getopt(argc, argv, "m:l:n:S:u:P:d:")) != -1) {
		switch (ch) {
		case 'm':
			for (int i = 0; i < MODE__MAX; i++)
				if (strcmp(optarg, mode_names[i]) == 0)
					o.mode = (enum mode)i;
			break;
		case 'l':
			o.listen = optarg;
			break;
		case 'n':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || v < 1 || v > PROCS_MAX)
				errx(2, "-n: 1 to %d processes", PROCS_MAX);
			o.procs = (int)v;
			break;
		case 'S':
			o.db_socket = optarg;
			break;
		case 'u':
			o.user = optarg;
			break;
		case 'P':
			o.password_file = optarg;
			break;
		case 'd':
			o.database = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || o.mode == MODE__MAX || o.listen == NULL ||
	    o.db_socket == NULL || o.user == NULL ||
	    o.password_file == NULL || o.database == NULL)
		usage();
	read_password(o.password_file, password, sizeof(password));

	if (FCGX_Init() != 0)
		errx(1, "FCGX_Init");
	/* A socket left by a killed run would make bind() fail. */
	if (lstat(o.listen, &st) == 0 && S_ISSOCK(st.st_mode))
		unlink(o.listen);
	/* Only our own user (nginx runs as it, or as root) may connect. */
	mask = umask(077);
	fd = FCGX_OpenSocket(o.listen, BACKLOG);
	umask(mask);
	if (fd < 0)
		errx(1, "cannot listen on %s", o.listen);

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: accept() in the processes must see the signal. */
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	/* The master lets the signals in only inside sigsuspend(), so that
	 * none is lost between looking at got_term and waiting. */
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &orig);

	for (int i = 0; i < o.procs; i++) {
		if ((pid = fork()) == -1) {
			warn("fork");
			got_term = 1;
			rc = 1;
			break;
		}
		if (pid == 0) {
			signal(SIGCHLD, SIG_DFL);
			sigprocmask(SIG_SETMASK, &orig, NULL);
			_exit(responder_run(&o, password, sizeof(password), fd));
		}
		pids[i] = pid;
		live++;
	}
	explicit_bzero(password, sizeof(password));

	/* Any process that ends before SIGTERM is a failure of the run:
	 * stop the others rather than serve on with fewer. */
	while (live > 0) {
		while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
			for (int i = 0; i < o.procs; i++)
				if (pids[i] == pid)
					pids[i] = 0;
			live--;
			if (!got_term) {
				warnx("process %ld ended (status %d): "
				    "stopping", (long)pid, status);
				got_term = 1;
				rc = 1;
			} else if (!WIFEXITED(status) ||
			    WEXITSTATUS(status) != 0)
				rc = 1;
		}
		if (got_term && !stopping) {
			stop_all(pids, o.procs);
			stopping = true;
		}
		if (live > 0)
			sigsuspend(&orig);
	}
	close(fd);
	unlink(o.listen);
	return rc;
}
