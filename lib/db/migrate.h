/*
 * Schema migrations: db/migrations/NNNN_name.sql, applied in order of
 * NNNN, each recorded in schema_migrations once it ran.  Running again
 * applies only what is missing.  A named lock keeps two migrators from
 * running at once.
 */
#ifndef MT_MIGRATE_H
#define MT_MIGRATE_H

#include <stdio.h>

#include "db/db.h"

struct migration {
	unsigned	 version;
	char		 name[128];	/* file name, "0001_users.sql" */
};

/*
 * Lists the migration files of dir, sorted by version, into a malloc'd
 * array (*out, caller frees).  Returns the count, or -1 when dir cannot
 * be read or two files share a version (reason in why).
 */
int	migrate_list(const char *dir, struct migration **out, char *why,
	    size_t whysz);
/*
 * Applies what is missing; reports each applied file on log (may be NULL).
 * Returns the number applied, or -1 with the reason in why.
 */
int	migrate_run(struct db *db, const char *dir, FILE *log, char *why,
	    size_t whysz);
/* Number of files not yet applied, or -1 (reason in why). */
int	migrate_pending(struct db *db, const char *dir, char *why,
	    size_t whysz);

#endif
