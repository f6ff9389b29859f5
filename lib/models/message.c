#include "config.h"

#include <string.h>

#include "core/timeutil.h"
#include "models/message.h"

const char *const message_type_names[MESSAGE_TYPE__MAX] = {
	"system", "user"
};
const char *const message_direction_names[MESSAGE_DIRECTION__MAX] = {
	"inbound", "outbound"
};
const char *const message_delivery_names[MESSAGE_DELIVERY__MAX] = {
	"queued", "sent", "failed", "received"
};

enum message_stmt {
	MESSAGE_STMT_INSERT,
	MESSAGE_STMT_GET,
	MESSAGE_STMT_GET_FOR_USER,
	MESSAGE_STMT_SET_DELIVERY,
	MESSAGE_STMT__MAX
};

#define MESSAGE_COLUMNS \
	"m.id, m.time_sent, m.sender_id, m.recipient_id," \
	" m.message_type, m.content, m.direction, m.delivery_status"
#define MESSAGE_SELECT \
	"SELECT " MESSAGE_COLUMNS ", s.contact_number, r.contact_number" \
	" FROM messages m" \
	" JOIN users s ON s.id = m.sender_id" \
	" JOIN users r ON r.id = m.recipient_id"

static const char *const message_sql[MESSAGE_STMT__MAX] = {
	[MESSAGE_STMT_INSERT] =
	    "INSERT INTO messages (time_sent, sender_id, recipient_id,"
	    " message_type, content, direction, delivery_status)"
	    " VALUES (?,?,?,?,?,?,?)",
	[MESSAGE_STMT_GET] = MESSAGE_SELECT " WHERE m.id = ?",
	[MESSAGE_STMT_GET_FOR_USER] = MESSAGE_SELECT
	    " WHERE m.id = ? AND (m.sender_id = ? OR m.recipient_id = ?)",
	[MESSAGE_STMT_SET_DELIVERY] =
	    "UPDATE messages SET delivery_status = ? WHERE id = ?",
};

static int
name_index(const char *const *names, int n, const char *s, int fallback)
{
	for (int i = 0; i < n; i++)
		if (s != NULL && strcmp(names[i], s) == 0)
			return i;
	return fallback;
}

static void
message_from_row(const struct db_rows *r, size_t i, void *out)
{
	struct message	*m = out;

	m->id = db_rows_int(r, i, 0);
	m->time_sent = db_rows_time(r, i, 1);
	m->sender_id = db_rows_int(r, i, 2);
	m->recipient_id = db_rows_int(r, i, 3);
	m->type = (enum message_type)name_index(message_type_names,
	    MESSAGE_TYPE__MAX, db_rows_str(r, i, 4), MESSAGE_USER);
	m->content = db_rows_str(r, i, 5);
	m->direction = (enum message_direction)name_index(
	    message_direction_names, MESSAGE_DIRECTION__MAX,
	    db_rows_str(r, i, 6), MESSAGE_OUTBOUND);
	m->delivery = (enum message_delivery)name_index(message_delivery_names,
	    MESSAGE_DELIVERY__MAX, db_rows_str(r, i, 7), DELIVERY_QUEUED);
	m->sender_contact = db_rows_str(r, i, 8);
	m->recipient_contact = db_rows_str(r, i, 9);
}

const struct db_list message_list_all = {
	.count_sql = "SELECT COUNT(*) FROM messages WHERE id > ?",
	.page_sql = MESSAGE_SELECT " WHERE m.id > ?"
	    " ORDER BY m.time_sent DESC, m.id DESC LIMIT ? OFFSET ?",
	.params = { LIST_SINCE },
	.from_row = message_from_row,
	.elem_size = sizeof(struct message),
};

/*
 * A user's messages: the two halves of a UNION ALL in a derived table,
 * each on its own index (a message to oneself counted once).  "m.id IN
 * (SELECT ... UNION SELECT ...)" was a dependent subquery run for every
 * row of the table.
 */
#define MESSAGES_OF_USER(cols) \
	"SELECT " cols " FROM messages m WHERE m.sender_id = ? AND m.id > ?" \
	" UNION ALL SELECT " cols " FROM messages m" \
	" WHERE m.recipient_id = ? AND m.id > ? AND m.sender_id <> ?"

/*
 * Without the parties' numbers, which a mentor's answers never show.  The
 * page is chosen among ids and times only, then read: a temporary table
 * holding content (TEXT) would be one on disk.
 */
const struct db_list message_list_by_user = {
	.count_sql = "SELECT COUNT(*) FROM (" MESSAGES_OF_USER("m.id") ") t",
	.page_sql = "SELECT " MESSAGE_COLUMNS ", NULL, NULL, p.total FROM ("
	    "SELECT id, time_sent, COUNT(*) OVER () AS total FROM ("
	    MESSAGES_OF_USER("m.id, m.time_sent") ") u"
	    " ORDER BY time_sent DESC, id DESC LIMIT ? OFFSET ?) p"
	    " JOIN messages m ON m.id = p.id"
	    " ORDER BY p.time_sent DESC, p.id DESC",
	.params = { LIST_USER, LIST_SINCE, LIST_USER, LIST_SINCE, LIST_USER },
	.from_row = message_from_row,
	.elem_size = sizeof(struct message),
	.counted = true,
};

enum outcome
message_insert(struct db *db, struct message *m)
{
	uint64_t	id = 0;
	enum outcome	rc;

	if (m->time_sent == 0)
		m->time_sent = time_now_us();
	rc = db_exec(db, message_sql[MESSAGE_STMT_INSERT], DB_ARGS(
	    DB_TIME(m->time_sent), DB_INT(m->sender_id),
	    DB_INT(m->recipient_id), DB_STR(message_type_names[m->type]),
	    DB_STR(m->content), DB_STR(message_direction_names[m->direction]),
	    DB_STR(message_delivery_names[m->delivery])), NULL, &id);
	if (rc == OUTCOME_OK)
		m->id = (int64_t)id;
	return rc;
}

enum outcome
message_get(struct db *db, struct arena *a, int64_t id, struct message *out)
{
	return db_query_one(db, message_sql[MESSAGE_STMT_GET],
	    DB_ARGS(DB_INT(id)), a, message_from_row, out);
}

enum outcome
message_get_for_user(struct db *db, struct arena *a, int64_t id,
    int64_t user_id, struct message *out)
{
	return db_query_one(db, message_sql[MESSAGE_STMT_GET_FOR_USER],
	    DB_ARGS(DB_INT(id), DB_INT(user_id), DB_INT(user_id)), a,
	    message_from_row, out);
}

enum outcome
message_set_delivery(struct db *db, int64_t id, enum message_delivery d)
{
	return db_exec(db, message_sql[MESSAGE_STMT_SET_DELIVERY],
	    DB_ARGS(DB_STR(message_delivery_names[d]), DB_INT(id)), NULL, NULL);
}
