/*
 * Feedback: a mentee's answers, given by IVR, about a call with their
 * mentor.
 */
#ifndef MT_FEEDBACK_H
#define MT_FEEDBACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/list.h"

#define FEEDBACK_QUESTIONS	4

struct feedback {
	int64_t		 id;
	int64_t		 received_at;
	int64_t		 start_time;	/* 0 = unknown */
	int64_t		 sender_id;
	int64_t		 call_id;	/* 0 = unknown */
	const char	*questions[FEEDBACK_QUESTIONS];
	bool		 completed;
	const char	*content;	/* the raw report */
	const char	*conversation_id;	/* NULL when not from a provider */
};

/* Inserts f (received_at now) and sets its id. */
enum outcome feedback_insert(struct db *db, struct feedback *f);
/*
 * Stores a provider's report for (sender, conversation): the first one
 * inserts, later ones update the same row, except that a completed report
 * is never replaced by a partial one.  f->id is set.
 */
enum outcome feedback_upsert_conversation(struct db *db, struct feedback *f);
enum outcome feedback_get(struct db *db, struct arena *a, int64_t id,
	    struct feedback *out);
/* The feedback about call_id (at most 100), oldest first. */
enum outcome feedback_list_for_call(struct db *db, struct arena *a,
	    int64_t call_id, struct feedback **out, size_t *n);

/* All feedback, newest first. */
extern const struct db_list feedback_list_all;

#endif
