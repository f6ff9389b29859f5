/*
 * What an operation of the library came to: the one result type of
 * lib/, from a database statement up to a service.  fcgi/ turns each
 * into one HTTP status (fcgi/response.c holds the only table), the
 * worker and mentorshipctl into log lines and exit codes.
 *
 * OUTCOME_OK is 0, so "rc != OUTCOME_OK" reads as "it failed"; every
 * other value says how.  A lookup answers OUTCOME_OK when it found the
 * row and OUTCOME_NOT_FOUND when there is none.
 */
#ifndef MT_OUTCOME_H
#define MT_OUTCOME_H

enum outcome {
	OUTCOME_OK,
	OUTCOME_NOT_FOUND,	/* no such object, or not the caller's */
	OUTCOME_INVALID,	/* the input breaks a rule (detail says which) */
	OUTCOME_CONFLICT,	/* a unique key is taken (detail names it) */
	OUTCOME_UNAUTHORIZED,	/* a signature or credential does not hold */
	OUTCOME_UNAVAILABLE,	/* the database is away */
	OUTCOME_BUSY,		/* deadlock or lock wait time-out: retry */
	OUTCOME_PROVIDER_FAILED, /* a provider refused or timed out */
	OUTCOME_ERROR,		/* a bug or a fault with nothing to tell */
	OUTCOME__MAX
};

extern const char *const outcome_names[OUTCOME__MAX];

#define OUTCOME_TEXT_MAX	256

/*
 * What the caller learns besides the outcome, in words fit for a client:
 * for OUTCOME_INVALID and OUTCOME_CONFLICT the input field at fault
 * (a static string, NULL when it is about the request as a whole), and
 * for any outcome but OK a sentence ("" when there is nothing to say).
 */
struct outcome_detail {
	const char	*field;
	char		 text[OUTCOME_TEXT_MAX];
};

void	outcome_detail_init(struct outcome_detail *d);
/*
 * Records field and the formatted sentence in d (which may be NULL) and
 * returns o, so that a failing path reads
 *     return outcome_fail(d, OUTCOME_INVALID, "activity", "...");
 */
enum outcome outcome_fail(struct outcome_detail *d, enum outcome o,
	    const char *field, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));

#endif
