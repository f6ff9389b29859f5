/*
 * Call data records: the attempts a provider reports for a call.
 */
#ifndef MT_CDR_H
#define MT_CDR_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "db/db.h"

struct cdr {
	int64_t		 id;
	int64_t		 call_id;
	const char	*partner_id;
	int64_t		 start_time;	/* 0 = unknown */
	const char	*status;	/* the provider's errorCause */
};

/* Stores c once per (call, partner_id): a repeat updates it. */
enum outcome cdr_upsert(struct db *db, const struct cdr *c);
/* The call's records, by start time. */
enum outcome cdr_list_for_call(struct db *db, struct arena *a, int64_t call_id,
	    struct cdr **out, size_t *n);

#endif
