/*
 * Validation of OnionDev webhook bodies into typed structs: pure
 * functions of a parsed JSON tree (strings copied into the arena), so
 * that they can be unit-tested and fuzzed without a server.
 *
 * Each returns 0, or -1 with *why saying what is missing or wrong, in a
 * sentence fit for a 400 answer.
 */
#ifndef MT_WEBHOOK_PARSE_H
#define MT_WEBHOOK_PARSE_H

#include <cjson/cJSON.h>

#include "core/arena.h"
#include "services/webhooks.h"

#define WEBHOOK_MAX_CDRS	64

int	webhook_parse_call_end(struct arena *a, const cJSON *body,
	    struct oniondev_call_end *out, const char **why);
int	webhook_parse_feedback(struct arena *a, const cJSON *body,
	    struct oniondev_feedback *out, const char **why);
int	webhook_parse_message(struct arena *a, const cJSON *body,
	    struct oniondev_message *out, const char **why);

#endif
