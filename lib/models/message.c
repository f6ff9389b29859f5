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

#define MESSAGE_SELECT \
	"SELECT m.id, m.time_sent, m.sender_id, m.recipient_id," \
	" m.message_type, m.content, m.direction, m.delivery_status," \
	" s.contact_number, r.contact_number FROM messages m" \
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

/* A UNION lets each half use its own index. */
#define MESSAGE_IDS_OF_USER \
	"SELECT id FROM messages WHERE sender_id = ? AND id > ?" \
	" UNION SELECT id FROM messages WHERE recipient_id = ? AND id > ?"

const struct db_list message_list_by_user = {
	.count_sql = "SELECT COUNT(*) FROM (" MESSAGE_IDS_OF_USER ") t",
	.page_sql = MESSAGE_SELECT " WHERE m.id IN (" MESSAGE_IDS_OF_USER ")"
	    " ORDER BY m.time_sent DESC, m.id DESC LIMIT ? OFFSET ?",
	.params = { LIST_USER, LIST_SINCE, LIST_USER, LIST_SINCE },
	.from_row = message_from_row,
	.elem_size = sizeof(struct message),
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
