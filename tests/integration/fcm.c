#include <stdio.h>
#include <stdlib.h>

#include <criterion/criterion.h>
#include <cjson/cJSON.h>

#include "client.h"
#include "fcm.h"

#define FCM_PROJECT	"test-project"
#define FCM_EMAIL	"worker@test-project.iam.gserviceaccount.com"

/* A service account with a fresh RSA key, written to MT_VAR; its path. */
static const char *
service_account(void)
{
	static char	 path[300];
	char		 key[300], *pem;
	cJSON		*sa = cJSON_CreateObject();
	FILE		*f;
	long		 n;
	char		*text;

	snprintf(key, sizeof(key), "%s/fcm-test-key.pem", env("MT_VAR"));
	snprintf(path, sizeof(path), "%s/fcm-test-sa.json", env("MT_VAR"));
	cr_assert_eq(run("openssl genpkey -algorithm RSA -pkeyopt "
	    "rsa_keygen_bits:2048 -out %s 2>/dev/null", key), 0);
	cr_assert_not_null(f = fopen(key, "r"));
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	pem = calloc(1, (size_t)n + 1);
	cr_assert_eq(fread(pem, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	cJSON_AddStringToObject(sa, "type", "service_account");
	cJSON_AddStringToObject(sa, "project_id", FCM_PROJECT);
	cJSON_AddStringToObject(sa, "client_email", FCM_EMAIL);
	cJSON_AddStringToObject(sa, "private_key", pem);
	text = cJSON_Print(sa);
	cr_assert_not_null(f = fopen(path, "w"));
	fputs(text, f);
	fclose(f);
	cJSON_free(text);
	cJSON_Delete(sa);
	free(pem);
	return path;
}

void
fcm_fake_start(struct fcm_fake *f)
{
	fake_start(&f->fake, TEST_FAKES_DIR, "fake_fcm.py", "--project",
	    FCM_PROJECT, "--client-email", FCM_EMAIL, NULL);
	snprintf(f->vars[0], sizeof(f->vars[0]),
	    "MENTORSHIP_FCM_SERVICE_ACCOUNT_FILE=%s", service_account());
	snprintf(f->vars[1], sizeof(f->vars[1]),
	    "MENTORSHIP_FCM_BASE_URL=http://127.0.0.1:%d", f->fake.port);
	snprintf(f->vars[2], sizeof(f->vars[2]),
	    "MENTORSHIP_FCM_TOKEN_URL=http://127.0.0.1:%d/token", f->fake.port);
	f->env[0] = "MENTORSHIP_PROVIDERS_PUSH=fcm";
	f->env[1] = f->vars[0];
	f->env[2] = f->vars[1];
	f->env[3] = f->vars[2];
	f->env[4] = "MENTORSHIP_FCM_ALLOW_INSECURE_HTTP=1";
	f->env[5] = NULL;
}

void
fcm_fake_stop(struct fcm_fake *f)
{
	fake_stop(&f->fake);
}

cJSON *
fcm_fake_sent(struct fcm_fake *f)
{
	return fake_requests_to(&f->fake,
	    "/v1/projects/" FCM_PROJECT "/messages:send");
}
