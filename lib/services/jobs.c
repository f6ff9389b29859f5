#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "auth/password.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "models/call.h"
#include "models/event.h"
#include "models/message.h"
#include "models/outbox.h"
#include "models/password_reset.h"
#include "models/scheduled_call.h"
#include "providers/mail.h"
#include "services/calls.h"
#include "services/jobs.h"
#include "services/schedule.h"

#define MAX_OFFSETS		8
#define REMINDER_HORIZON_US	(INT64_C(86400) * TIME_US)

enum jobs_stmt {
	JOBS_STMT_CLAIM,
	JOBS_STMT_RECIPIENT,
	JOBS_STMT_SENT,
	JOBS_STMT_RETRY,
	JOBS_STMT_DEAD,
	JOBS_STMT__MAX
};

static const char *const jobs_sql[JOBS_STMT__MAX] = {
	/* One entry per transaction, skipping those another worker holds. */
	[JOBS_STMT_CLAIM] =
	    "SELECT id, kind, recipient_id, payload, attempts, message_id,"
	    " CONCAT('outbox-', id, '-',"
	    "  DATE_FORMAT(created_at, '%Y%m%d%H%i%s%f'))"
	    " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
	    " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED",
	[JOBS_STMT_RECIPIENT] =
	    "SELECT u.contact_number, m.android_registration_token FROM users u"
	    " LEFT JOIN mentors m ON m.user_id = u.id WHERE u.id = ?",
	[JOBS_STMT_SENT] =
	    "UPDATE outbox SET status = 'sent', attempts = attempts + 1,"
	    " sent_at = ?, last_error = '' WHERE id = ?",
	[JOBS_STMT_RETRY] =
	    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,"
	    " last_error = ? WHERE id = ?",
	[JOBS_STMT_DEAD] =
	    "UPDATE outbox SET status = 'dead', attempts = attempts + 1,"
	    " last_error = ? WHERE id = ?",
};

int
jobs_parse_offsets(const char *s, int64_t *out, int max)
{
	int	n = 0;

	while (*s != '\0') {
		char	*end;
		long	 v = strtol(s, &end, 10);

		if (end == s || v < 0 || n == max)
			return -1;
		out[n++] = v;
		s = end;
		while (*s == ' ')
			s++;
		if (*s == ',')
			s++;
		else if (*s != '\0')
			return -1;
	}
	return n;
}

/* Seconds to wait before attempt `attempts` + 1, with +-50% jitter. */
static int64_t
backoff_us(const struct conf *c, unsigned attempts)
{
	int64_t		delay = c->worker_backoff_base_seconds;
	unsigned char	r = 128;

	for (unsigned i = 0; i < attempts && delay < c->worker_backoff_max_seconds;
	    i++)
		delay *= 2;
	if (delay > c->worker_backoff_max_seconds)
		delay = c->worker_backoff_max_seconds;
	(void)random_bytes(&r, 1);
	return delay * TIME_US / 2 + delay * TIME_US * r / 255;
}

/*
 * The mail of a password reset: a new code for it (only its hash is
 * stored, in the transaction that settles the entry) sent to the
 * account's address.  0 sent; -1 failed (why set), *permanent as below.
 */
static int
deliver_reset_mail(struct db *db, const struct conf *c, struct arena *a,
    const cJSON *payload, char *why, size_t whysz, int *permanent)
{
	const cJSON		*id = cJSON_GetObjectItem(payload, "reset_id");
	char			 code[RESET_CODE_SIZE], until[TIME_ISO_LEN];
	const char		*email, *text;
	struct mail_message	 m;
	struct outcome_detail	 d;
	int64_t			 expires_at;
	enum outcome		 rc;

	outcome_detail_init(&d);
	if (!cJSON_IsNumber(id)) {
		snprintf(why, whysz, "no reset_id");
		return -1;
	}
	rc = password_reset_issue(db, a, (int64_t)id->valuedouble,
	    time_now_us(), code, &email, &expires_at);
	if (rc == OUTCOME_NOT_FOUND) {
		snprintf(why, whysz, "the reset was used or expired meanwhile");
		return -1;
	}
	*permanent = 0;
	if (rc != OUTCOME_OK) {
		snprintf(why, whysz, "cannot record the code: %s",
		    outcome_names[rc]);
		return -1;
	}
	if (*email == '\0') {
		*permanent = 1;
		snprintf(why, whysz, "the account has no e-mail address");
		return -1;
	}
	time_format_iso(expires_at, until);
	until[10] = ' ';
	text = arena_printf(a,
	    "Hello,\n\n"
	    "somebody, hopefully you, asked to reset the password of your "
	    "Mentoring Tool account.\n\n"
	    "Your reset code is:\n\n    %s\n\n"
	    "Type it in the app (or on the login page of the web console%s%s) "
	    "with your new password. It works once, until %.16s UTC.\n\n"
	    "If you did not ask for this, ignore this e-mail: your password "
	    "stays as it is.\n", code, *c->app_public_base_url ? ", " : "",
	    *c->app_public_base_url ? arena_printf(a, "%s/console/",
	    c->app_public_base_url) : "", until);
	m.to = email;
	m.subject = "Your Mentoring Tool password reset code";
	m.text = text;
	explicit_bzero(code, sizeof(code));
	if ((rc = mail_send(c, &m, &d)) == OUTCOME_OK)
		return 0;
	*permanent = rc == OUTCOME_INVALID;
	snprintf(why, whysz, "%s", d.text);
	return -1;
}

/*
 * Sends one claimed entry.  0 sent; -1 failed (why set), with *permanent
 * when retrying cannot help.
 */
static int
deliver_one(struct db *db, struct providers *ps, const struct conf *c,
    struct arena *a, const char *kind, int64_t recipient, const char *payload,
    const char *key, char *why, size_t whysz, int *permanent)
{
	struct provider_result	 res;
	struct db_rows		 rows;
	const char		*number, *token, *text, *title, *body;
	cJSON			*p = cJSON_Parse(payload), *data;
	char			*data_json = NULL;
	int			 rc = -1;

	*permanent = 1;
	if (p == NULL) {
		snprintf(why, whysz, "unreadable payload");
		goto out;
	}
	if (strcmp(kind, "email") == 0) {
		rc = deliver_reset_mail(db, c, a, p, why, whysz, permanent);
		goto out;
	}
	if (db_query(db, jobs_sql[JOBS_STMT_RECIPIENT],
	    DB_ARGS(DB_INT(recipient)), a, &rows) != OUTCOME_OK ||
	    rows.nrows != 1) {
		*permanent = 0;
		snprintf(why, whysz, "cannot read the recipient");
		goto out;
	}
	number = db_rows_str(&rows, 0, 0);
	token = db_rows_str(&rows, 0, 1);
	if (strcmp(kind, "sms") == 0) {
		text = cJSON_GetStringValue(cJSON_GetObjectItem(p, "text"));
		if (number == NULL || text == NULL) {
			snprintf(why, whysz, number == NULL ?
			    "the recipient has no number" : "no text");
			goto out;
		}
		rc = provider_send_sms(ps, number, text, key, &res);
	} else {
		title = cJSON_GetStringValue(cJSON_GetObjectItem(p, "title"));
		body = cJSON_GetStringValue(cJSON_GetObjectItem(p, "body"));
		if (token == NULL || *token == '\0') {
			snprintf(why, whysz, "the recipient has no device "
			    "registration token");
			goto out;
		}
		if ((data = cJSON_GetObjectItem(p, "data")) != NULL)
			data_json = cJSON_PrintUnformatted(data);
		rc = provider_send_push(ps, token, title ? title : "",
		    body ? body : "", data_json, &res);
	}
	*permanent = 0;
	if (rc == -1)
		snprintf(why, whysz, "%s", res.error);
out:
	cJSON_free(data_json);
	cJSON_Delete(p);
	return rc;
}

/*
 * Claims, sends and settles one entry: OUTCOME_OK when one was handled,
 * OUTCOME_NOT_FOUND when none is due.
 */
static enum outcome
deliver_next(struct db *db, struct providers *ps, const struct conf *c,
    int64_t now, struct jobs_stats *st)
{
	struct db_rows	 rows;
	struct arena	 a;
	char		 why[PROVIDER_ERROR_MAX];
	const char	*kind;
	int64_t		 id, message_id;
	unsigned	 attempts;
	enum outcome	 rc;
	int		 permanent;

	arena_init(&a, 0);
	if ((rc = db_begin(db)) != OUTCOME_OK)
		goto out;
	rc = db_query(db, jobs_sql[JOBS_STMT_CLAIM], DB_ARGS(DB_TIME(now)), &a,
	    &rows);
	if (rc == OUTCOME_OK && rows.nrows == 0)
		rc = OUTCOME_NOT_FOUND;
	if (rc != OUTCOME_OK) {
		db_rollback(db);
		goto out;
	}
	id = db_rows_int(&rows, 0, 0);
	kind = db_rows_str(&rows, 0, 1);
	attempts = (unsigned)db_rows_int(&rows, 0, 4);
	message_id = db_rows_int(&rows, 0, 5);
	if (deliver_one(db, ps, c, &a, kind, db_rows_int(&rows, 0, 2),
	    db_rows_str(&rows, 0, 3), db_rows_str(&rows, 0, 6), why,
	    sizeof(why), &permanent) == 0) {
		rc = db_exec(db, jobs_sql[JOBS_STMT_SENT], DB_ARGS(DB_TIME(now),
		    DB_INT(id)), NULL, NULL);
		if (rc == OUTCOME_OK && message_id != 0 && strcmp(kind, "sms") == 0)
			rc = message_set_delivery(db, message_id, DELIVERY_SENT);
		st->sent++;
		log_info("outbox %lld: %s sent", (long long)id, kind);
	} else if (permanent || attempts + 1 >= c->worker_max_attempts) {
		rc = db_exec(db, jobs_sql[JOBS_STMT_DEAD], DB_ARGS(DB_STR(why),
		    DB_INT(id)), NULL, NULL);
		if (rc == OUTCOME_OK && message_id != 0 && strcmp(kind, "sms") == 0)
			rc = message_set_delivery(db, message_id,
			    DELIVERY_FAILED);
		st->dead++;
		log_warn("outbox %lld: %s dead after %u attempts: %s",
		    (long long)id, kind, attempts + 1, why);
	} else {
		rc = db_exec(db, jobs_sql[JOBS_STMT_RETRY], DB_ARGS(
		    DB_TIME(now + backoff_us(c, attempts)), DB_STR(why),
		    DB_INT(id)), NULL, NULL);
		st->retried++;
		log_info("outbox %lld: %s failed (attempt %u), will retry: %s",
		    (long long)id, kind, attempts + 1, why);
	}
	rc = db_finish(db, rc);
out:
	arena_release(&a);
	return rc;
}

enum outcome
jobs_deliver_outbox(struct db *db, struct providers *ps,
    const struct conf *c, int64_t now, volatile sig_atomic_t *stop,
    struct jobs_stats *st)
{
	enum outcome	rc = OUTCOME_OK;

	for (unsigned i = 0; i < c->worker_batch_size && !*stop; i++)
		if ((rc = deliver_next(db, ps, c, now, st)) != OUTCOME_OK)
			break;
	return rc == OUTCOME_NOT_FOUND ? OUTCOME_OK : rc;
}

/* Decides one reminder of one call. */
static enum outcome
remind(struct db *db, const struct conf *c, const struct scheduled_call *sc,
    int mentee, int64_t offset_s, int64_t now, struct jobs_stats *st)
{
	int64_t		due = sc->call_time - offset_s * TIME_US;
	char		type[32];
	enum outcome	rc;

	if (now < due)
		return OUTCOME_OK;
	snprintf(type, sizeof(type), "%s_%lld", mentee ? "mentee" : "mentor",
	    (long long)offset_s);
	if (now - due > (int64_t)c->worker_reminder_window_seconds * TIME_US) {
		if ((rc = scheduled_call_record_reminder(db, sc, type,
		    "skipped")) == OUTCOME_OK)
			st->skipped++;
		/* CONFLICT: decided before. */
		return rc == OUTCOME_CONFLICT ? OUTCOME_OK : rc;
	}
	rc = mentee ? scheduled_call_remind_callee(db, sc, type, NULL) :
	    scheduled_call_remind_caller(db, sc, type,
	    push_type_for_reminder(offset_s), NULL);
	if (rc == OUTCOME_OK) {
		st->reminded++;
		log_info("scheduled call %lld: %s reminder queued",
		    (long long)sc->id, type);
	}
	return rc == OUTCOME_CONFLICT ? OUTCOME_OK : rc;
}

enum outcome
jobs_send_reminders(struct db *db, const struct conf *c, int64_t now,
    struct jobs_stats *st)
{
	int64_t			 mentor[MAX_OFFSETS], mentee[MAX_OFFSETS];
	int64_t			 furthest = 0;
	int			 nmentor, nmentee;
	enum outcome		 rc;
	struct scheduled_call	*calls;
	struct arena		 a;
	size_t			 n;

	nmentor = jobs_parse_offsets(c->worker_mentor_reminders, mentor,
	    MAX_OFFSETS);
	nmentee = jobs_parse_offsets(c->worker_mentee_reminders, mentee,
	    MAX_OFFSETS);
	if (nmentor < 0 || nmentee < 0) {
		log_error("bad [worker] mentor_reminders or mentee_reminders");
		return OUTCOME_ERROR;
	}
	for (int i = 0; i < nmentor; i++)
		if (mentor[i] > furthest)
			furthest = mentor[i];
	for (int i = 0; i < nmentee; i++)
		if (mentee[i] > furthest)
			furthest = mentee[i];
	arena_init(&a, 0);
	rc = scheduled_call_list_between(db, &a, now - REMINDER_HORIZON_US,
	    now + furthest * TIME_US, &calls, &n);
	for (size_t i = 0; rc == OUTCOME_OK && i < n; i++) {
		for (int j = 0; rc == OUTCOME_OK && j < nmentor; j++)
			rc = remind(db, c, &calls[i], 0, mentor[j], now, st);
		for (int j = 0; rc == OUTCOME_OK && j < nmentee; j++)
			rc = remind(db, c, &calls[i], 1, mentee[j], now, st);
	}
	arena_release(&a);
	return rc;
}

enum outcome
jobs_time_out_calls(struct db *db, const struct conf *c, int64_t now,
    struct jobs_stats *st)
{
	int		n = 0;
	enum outcome	rc;

	rc = call_time_out_stale(db, now,
	    (int64_t)c->worker_call_timeout_seconds * TIME_US,
	    c->worker_batch_size, &n);
	st->timed_out += n;
	return rc;
}
