/*
 * Calls between a mentor (caller) and their mentee (receiver), bridged by
 * the voice provider.  The seed's Call model and its methods.
 */
#ifndef MT_CALL_H
#define MT_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

enum call_status {
	CALL_SUCCESSFUL,
	CALL_SCHEDULED,
	CALL_INACTIVE,
	CALL_INPROGRESS,
	CALL_STATUS__MAX
};

extern const char *const call_status_names[CALL_STATUS__MAX];

struct call {
	int64_t			 id;
	int64_t			 start_time;	/* 0 = NULL, as all times */
	int64_t			 partner_start_time;
	int64_t			 end_time;
	int64_t			 partner_end_time;
	int64_t			 caller_id;
	int64_t			 receiver_id;
	int64_t			 feedback_task_id;	/* 0 = none */
	const char		*recording_url;
	const char		*partner_id;	/* NULL until the provider said */
	int64_t			 activity_id;
	int64_t			 scheduled_call_id;
	const char		*call_id;	/* the provider's conversation */
	enum call_status	 status;
	const char		*status_reason;
};

int	call_status_parse(const char *name, enum call_status *out);

/* Inserts c (start_time now when 0) and sets c->id.  An enum db_rc. */
int	call_insert(struct db *db, struct call *c);
/* 1 found, 0 not found, or a negative enum db_rc. */
int	call_get(struct db *db, struct arena *a, int64_t id, struct call *out);
/* Like call_get, but only a call that caller_id made. */
int	call_get_by_caller(struct db *db, struct arena *a, int64_t id,
	    int64_t caller_id, struct call *out);
/* The seed's from_partner_id: the call the provider knows as partner_id. */
int	call_from_partner_id(struct db *db, struct arena *a,
	    const char *partner_id, struct call *out);
/* The call with the provider's conversation id.  1/0/negative rc. */
int	call_from_conversation(struct db *db, struct arena *a,
	    const char *conversation_id, struct call *out);
/* The latest call to receiver_id that started before `before`. */
int	call_latest_for_receiver(struct db *db, struct arena *a,
	    int64_t receiver_id, int64_t before, struct call *out);
/* Calls made by caller_id (0: everybody's), newest first. */
int	call_list(struct db *db, struct arena *a, int64_t caller_id,
	    int64_t offset, int64_t limit, struct call **out, size_t *n);
int	call_count(struct db *db, int64_t caller_id, int64_t *count);

/* The seed's status setter, with a reason kept for admins ("" none). */
int	call_set_status(struct db *db, int64_t id, enum call_status status,
	    const char *reason);
int	call_set_partner_id(struct db *db, int64_t id, const char *partner_id);
/*
 * The seed's ended(): sets end_time to now when it is empty, as PUT and
 * PATCH of /mentor/call/ do.  1 changed, 0 already ended, or a negative rc.
 */
int	call_ended(struct db *db, int64_t id);
/* Stores what the provider reported about the call's end. */
int	call_store_partner_report(struct db *db, const struct call *c);
int	call_set_feedback_task(struct db *db, int64_t id, int64_t task_id);

/* Pure functions of a loaded call. */
/* How long the call lasted according to the partner, or -1 unknown. */
int64_t		 call_duration_us(const struct call *c);
/* Partner start minus our start, or -1 unknown. */
int64_t		 call_lag_us(const struct call *c);
/* "Successful", "Scheduled", "Inactive", "In progress". */
const char	*call_status_display(const struct call *c);
/*
 * Whether a call still in progress has waited longer than timeout_us
 * since it started without the partner reporting its end.
 */
bool		 call_has_timed_out(const struct call *c, int64_t now_us,
		    int64_t timeout_us);

#endif
