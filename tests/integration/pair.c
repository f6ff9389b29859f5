#include <stdio.h>
#include <string.h>

#include <criterion/criterion.h>

#include "pair.h"
#include "sql.h"

static void
pair_create(struct pair *p, const char *tag, int n, const char *email_opt)
{
	snprintf(p->mentee, sizeof(p->mentee), "%s_mentee", tag);
	snprintf(p->mentor, sizeof(p->mentor), "%s_mentor", tag);
	snprintf(p->mentee_msisdn, sizeof(p->mentee_msisdn), "9198765%05d", n);
	snprintf(p->mentor_msisdn, sizeof(p->mentor_msisdn), "2782555%05d", n);
	cr_assert_eq(run("printf '%%s\\n' '%s' | %s -c %s create-mentee "
	    "--username %s --contact-number +%s >/dev/null", PW, env("MT_CTL"),
	    env("MT_CONF"), p->mentee, p->mentee_msisdn), 0);
	cr_assert_eq(run("printf '%%s\\n' '%s' | %s -c %s create-mentor "
	    "--username %s --contact-number +%s --mentee %s %s >/dev/null", PW,
	    env("MT_CTL"), env("MT_CONF"), p->mentor, p->mentor_msisdn,
	    p->mentee, email_opt), 0);
	p->mentee_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    p->mentee);
	p->mentor_id = sql_int("SELECT id FROM users WHERE username = '%s'",
	    p->mentor);
}

void
make_pair(struct pair *p, const char *tag, int n)
{
	p->email[0] = '\0';
	pair_create(p, tag, n, "");
}

void
make_app_pair(struct pair *p, const char *tag, int n)
{
	char	opt[96];

	snprintf(p->email, sizeof(p->email), "%s.mentor@example.org", tag);
	snprintf(opt, sizeof(opt), "--email %s", p->email);
	pair_create(p, tag, n, opt);
}

void
post_json(const char *path, const char *user, const char *pass,
    const char *body, struct resp *out)
{
	struct req	q = { .method = "POST", .url = path, .user = user,
			    .pass = pass, .content_type = "application/json",
			    .body = body };

	http(&q, out);
}

void
provider_post(const char *path, const char *body, struct resp *out)
{
	post_json(path, env("MT_PROVIDER_USER"), env("MT_PROVIDER_PASS"), body,
	    out);
}

const char *
str(const cJSON *o, const char *name)
{
	const cJSON	*it = cJSON_GetObjectItem(o, name);

	cr_assert(cJSON_IsString(it), "%s is not a string", name);
	return it->valuestring;
}

int64_t
num(const cJSON *o, const char *name)
{
	const cJSON	*it = cJSON_GetObjectItem(o, name);

	cr_assert(cJSON_IsNumber(it), "%s is not a number", name);
	return (int64_t)it->valuedouble;
}


const cJSON *
list_results(const struct resp *r)
{
	const cJSON	*res;

	cr_assert_eq(r->status, 200, "%ld %s", r->status, r->body);
	res = cJSON_GetObjectItem(r->json, "results");
	cr_assert(cJSON_IsArray(res), "no results: %s", r->body);
	return res;
}

const cJSON *
list_find(const cJSON *list, int64_t id)
{
	const cJSON	*it;

	cJSON_ArrayForEach(it, list)
		if (cJSON_IsNumber(cJSON_GetObjectItem(it, "id")) &&
		    (int64_t)cJSON_GetObjectItem(it, "id")->valuedouble == id)
			return it;
	return NULL;
}
