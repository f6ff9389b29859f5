/*
 * Tasks on a mentor's to-do list (completing call feedback, say).
 */
#ifndef MT_TASK_H
#define MT_TASK_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

enum task_status {
	TASK_PENDING,
	TASK_IN_PROGRESS,
	TASK_DONE,
	TASK_STATUS__MAX
};

extern const char *const task_status_names[TASK_STATUS__MAX];

struct task {
	int64_t			 id;
	int64_t			 mentor_id;
	const char		*description;
	const char		*link;
	int64_t			 due_date;	/* 0 = none */
	enum task_status	 status;
	int64_t			 call_id;	/* 0 = none */
	int64_t			 created_at;
};

/* "pending", "in-progress", "done"; 0 or -1. */
int	task_status_parse(const char *name, enum task_status *out);
/* Inserts t (created_at now) and sets its id.  An enum db_rc. */
int	task_insert(struct db *db, struct task *t);
/* 1 found, 0 not found or not mentor_id's, negative rc. */
int	task_get_for_mentor(struct db *db, struct arena *a, int64_t id,
	    int64_t mentor_id, struct task *out);
/* The mentor's tasks, newest first. */
int	task_list(struct db *db, struct arena *a, int64_t mentor_id,
	    int64_t offset, int64_t limit, struct task **out, size_t *n);
int	task_count(struct db *db, int64_t mentor_id, int64_t *count);
/* 1 done, 0 not found, negative rc. */
int	task_set_status(struct db *db, int64_t id, enum task_status status);

#endif
