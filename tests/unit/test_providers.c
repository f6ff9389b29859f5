/*
 * The oniondev and fcm providers against fake servers on 127.0.0.1
 * (tests/fakes/fake_oniondev.py and fake_fcm.py), which record every
 * request they receive: the tests assert the exact requests we send, what
 * we make of the answers, and that failures, time-outs and bad values
 * give an error instead of taking the caller down.
 *
 * The fakes run under $PYTHON if set, else python3 from PATH.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <openssl/buffer.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include "core/buf.h"
#include "core/conf.h"
#include "providers/http.h"
#include "providers/provider.h"
#include "fakes.h"

#ifndef TEST_FAKES_DIR
#error "TEST_FAKES_DIR must name tests/fakes"
#endif

extern char **environ;

#define MENTOR		"+919876543321"
#define MENTEE		"+911234567890"
#define OD_USER		"mentorship"
#define OD_PASS		"s3cret-pass"
#define SA_EMAIL	"mentorship@test-project.iam.gserviceaccount.com"
#define DEVICE		"dXJ0-registration:APA91bE_token"

/* ---- fake servers ---- */

static struct fake	onion, fcm;
static struct conf	conf;
static bool		conf_loaded;
static struct providers	provs;
static bool		provs_up;
static EVP_PKEY		*test_key;
static char		sa_path[64];

/* A header of a recorded request (any case), or NULL. */
static const char *
req_header(const cJSON *r, const char *name)
{
	const cJSON	*h = cJSON_GetObjectItem(cJSON_GetObjectItem(r,
	    "headers"), name);

	return cJSON_IsString(h) ? h->valuestring : NULL;
}

static const char *
req_str(const cJSON *r, const char *name)
{
	const cJSON	*v = cJSON_GetObjectItem(r, name);

	cr_assert(cJSON_IsString(v), "no %s in the recorded request", name);
	return v->valuestring;
}

/* ---- set-up ---- */

static void
clean_env(void)
{
	static const char *const proxies[] = { "http_proxy", "HTTP_PROXY",
	    "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" };
	char	name[256];

	for (;;) {
		char	**e;

		for (e = environ; *e != NULL; e++)
			if (strncmp(*e, "MENTORSHIP_", 11) == 0)
				break;
		if (*e == NULL)
			break;
		snprintf(name, sizeof(name), "%.*s",
		    (int)strcspn(*e, "="), *e);
		unsetenv(name);
	}
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
}

static void
setup(void)
{
	clean_env();
	curl_global_init(CURL_GLOBAL_DEFAULT);
}

static void
teardown(void)
{
	if (provs_up)
		providers_release(&provs);
	provs_up = false;
	if (conf_loaded)
		conf_release(&conf);
	conf_loaded = false;
	fake_stop(&onion);
	fake_stop(&fcm);
	EVP_PKEY_free(test_key);
	test_key = NULL;
	if (sa_path[0] != '\0')
		unlink(sa_path);
	sa_path[0] = '\0';
	curl_global_cleanup();
}

TestSuite(oniondev, .init = setup, .fini = teardown);
TestSuite(fcm, .init = setup, .fini = teardown);
TestSuite(http, .init = setup, .fini = teardown);

static void
env_port(const char *name, const struct fake *f, const char *path)
{
	char	url[256];

	snprintf(url, sizeof(url), "http://127.0.0.1:%d%s", f->port, path);
	setenv(name, url, 1);
}

/* Loads the configuration from the environment; 0 or -1 (why). */
static int
try_providers(char *why, size_t whysz)
{
	struct buf	errs;
	int		rc;

	buf_init(&errs, 64 * 1024);
	rc = conf_load(&conf, NULL, &errs);
	conf_loaded = true;
	cr_assert_eq(rc, 0, "conf: %s", errs.data ? errs.data : "");
	buf_release(&errs);
	why[0] = '\0';
	if (providers_init(&provs, &conf, NULL, why, whysz) == -1)
		return -1;
	provs_up = true;
	return 0;
}

static void
up_providers(void)
{
	char	why[256];

	cr_assert_eq(try_providers(why, sizeof(why)), 0, "providers: %s", why);
}

/* OnionDev on the fake with Basic credentials; extra fake args follow. */
static void
onion_env(void)
{
	setenv("MENTORSHIP_PROVIDERS_VOICE", "oniondev", 1);
	setenv("MENTORSHIP_PROVIDERS_SMS", "oniondev", 1);
	env_port("MENTORSHIP_ONIONDEV_BASE_URL", &onion, "");
	setenv("MENTORSHIP_ONIONDEV_USERNAME", OD_USER, 1);
	setenv("MENTORSHIP_ONIONDEV_PASSWORD", OD_PASS, 1);
	setenv("MENTORSHIP_ONIONDEV_ALLOW_INSECURE_HTTP", "1", 1);
	setenv("MENTORSHIP_ONIONDEV_CONNECT_TIMEOUT_MS", "2000", 1);
	setenv("MENTORSHIP_ONIONDEV_TIMEOUT_MS", "5000", 1);
}

static void
onion_up(void)
{
	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", "--username", OD_USER,
	    "--password", OD_PASS, NULL);
	onion_env();
	up_providers();
}

static double
now_s(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- oniondev ---- */

Test(oniondev, start_call_sends_the_documented_request)
{
	struct provider_result	 res;
	unsigned char		 b64[128];
	char			 want[160];
	const cJSON		*r;
	cJSON			*reqs, *body;

	onion_up();
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_str_eq(res.partner_id, "1001");
	cr_assert_str_empty(res.error);

	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 1);
	r = cJSON_GetArrayItem(reqs, 0);
	cr_assert_str_eq(req_str(r, "method"), "POST");
	cr_assert_str_eq(req_str(r, "path"), "/calls");
	cr_assert_str_eq(req_header(r, "Content-Type"), "application/json");
	cr_assert_str_eq(req_header(r, "Accept"), "application/json");
	EVP_EncodeBlock(b64, (const unsigned char *)OD_USER ":" OD_PASS,
	    (int)strlen(OD_USER ":" OD_PASS));
	snprintf(want, sizeof(want), "Basic %s", b64);
	cr_assert_str_eq(req_header(r, "Authorization"), want);
	cr_assert_null(req_header(r, "Expect"));
	cr_assert_eq(strncmp(req_header(r, "User-Agent"), "mentorship/", 11),
	    0);
	/* MSISDNs: E.164 without the "+", as OnionDev's webhooks send them. */
	cr_assert_str_eq(req_str(r, "body"),
	    "{\"handler\":\"919876543321\",\"beneficiary\":\"911234567890\"}");
	cr_assert_not_null(body = cJSON_Parse(req_str(r, "body")));
	cr_assert_eq(cJSON_GetArraySize(body), 2);
	cJSON_Delete(body);
	cJSON_Delete(reqs);
}

Test(oniondev, send_sms_sends_mobile_and_text)
{
	static const char	 text[] =
	    "Hi \"Tony\" \xe2\x80\x94 call at 5?\n";
	struct provider_result	 res;
	const cJSON		*r;
	cJSON			*reqs, *body;

	onion_up();
	cr_assert_eq(provider_send_sms(&provs, MENTEE, text, "outbox-7-1",
	    &res), 0, "%s", res.error);
	cr_assert_str_empty(res.partner_id);

	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 1);
	r = cJSON_GetArrayItem(reqs, 0);
	cr_assert_str_eq(req_str(r, "method"), "POST");
	cr_assert_str_eq(req_str(r, "path"), "/sms");
	cr_assert_str_eq(req_header(r, "Content-Type"), "application/json");
	cr_assert_eq(strncmp(req_header(r, "Authorization"), "Basic ", 6), 0);
	cr_assert_str_eq(req_header(r, "Idempotency-Key"), "outbox-7-1");
	cr_assert_not_null(body = cJSON_Parse(req_str(r, "body")));
	cr_assert_eq(cJSON_GetArraySize(body), 2);
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(body,
	    "mobile")->valuestring, "911234567890");
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(body,
	    "text")->valuestring, text);
	cJSON_Delete(body);
	cJSON_Delete(reqs);
}

Test(oniondev, urls_and_api_key_are_configurable)
{
	struct provider_result	 res;
	const cJSON		*r;
	cJSON			*reqs;

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", "--api-key", "k-123",
	    "--api-key-header", "X-Onion-Key", "--call-path",
	    "/v2/outbound/call", "--sms-path", "/v2/outbound/sms", NULL);
	onion_env();
	unsetenv("MENTORSHIP_ONIONDEV_USERNAME");
	unsetenv("MENTORSHIP_ONIONDEV_PASSWORD");
	setenv("MENTORSHIP_ONIONDEV_BASE_URL", "https://unused.invalid", 1);
	env_port("MENTORSHIP_ONIONDEV_CALL_URL", &onion, "/v2/outbound/call");
	env_port("MENTORSHIP_ONIONDEV_SMS_URL", &onion, "/v2/outbound/sms");
	setenv("MENTORSHIP_ONIONDEV_API_KEY", "k-123", 1);
	setenv("MENTORSHIP_ONIONDEV_API_KEY_HEADER", "X-Onion-Key", 1);
	up_providers();

	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_str_eq(res.partner_id, "1001");
	cr_assert_eq(provider_send_sms(&provs, MENTEE, "hello", NULL, &res), 0,
	    "%s", res.error);
	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 2);
	r = cJSON_GetArrayItem(reqs, 0);
	cr_assert_str_eq(req_str(r, "path"), "/v2/outbound/call");
	cr_assert_str_eq(req_header(r, "X-Onion-Key"), "k-123");
	cr_assert_null(req_header(r, "Authorization"));
	r = cJSON_GetArrayItem(reqs, 1);
	cr_assert_str_eq(req_str(r, "path"), "/v2/outbound/sms");
	cr_assert_str_eq(req_str(r, "body"),
	    "{\"mobile\":\"911234567890\",\"text\":\"hello\"}");
	cJSON_Delete(reqs);
}

Test(oniondev, id_as_a_json_integer_is_accepted)
{
	struct provider_result	res;

	onion_up();
	fake_control(&onion, "{\"mode\": \"intid\"}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_str_eq(res.partner_id, "1001");
}

Test(oniondev, http_500_is_an_error_then_it_recovers)
{
	struct provider_result	res;

	onion_up();
	fake_control(&onion, "{\"mode\": \"500\", \"times\": 1}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_str_eq(res.error, "oniondev call: answered HTTP 500");
	cr_assert_str_empty(res.partner_id);
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_str_eq(res.partner_id, "1001");

	fake_control(&onion, "{\"mode\": \"500\", \"target\": \"sms\"}");
	cr_assert_eq(provider_send_sms(&provs, MENTEE, "x", NULL, &res), -1);
	cr_assert_str_eq(res.error, "oniondev sms: answered HTTP 500");
}

Test(oniondev, wrong_credentials_are_an_error_without_secrets)
{
	struct provider_result	res;

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", "--username", OD_USER,
	    "--password", "another", NULL);
	onion_env();
	up_providers();
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_str_eq(res.error, "oniondev call: answered HTTP 401");
	cr_assert_null(strstr(res.error, OD_PASS));
}

Test(oniondev, hang_honours_the_timeout)
{
	struct provider_result	res;
	double			t0, dt;

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", "--username", OD_USER,
	    "--password", OD_PASS, NULL);
	onion_env();
	setenv("MENTORSHIP_ONIONDEV_TIMEOUT_MS", "500", 1);
	up_providers();
	fake_control(&onion, "{\"mode\": \"hang\", \"times\": 1}");
	t0 = now_s();
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	dt = now_s() - t0;
	cr_assert_geq(dt, 0.45, "gave up after %.3f s", dt);
	cr_assert_lt(dt, 2.5, "took %.3f s", dt);
	cr_assert_not_null(strstr(res.error, "oniondev call: timed out"),
	    "%s", res.error);
	/* The provider is still usable afterwards. */
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_str_eq(res.partner_id, "1001");
}

Test(oniondev, bad_or_incomplete_json_is_an_error)
{
	struct provider_result	res;

	onion_up();
	fake_control(&onion, "{\"mode\": \"badjson\", \"times\": 1}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_str_eq(res.error,
	    "oniondev call: the response is not a JSON object");
	fake_control(&onion, "{\"mode\": \"noid\", \"times\": 1}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_str_eq(res.error,
	    "oniondev call: the response has no scheduled_call_id");
	cr_assert_str_empty(res.partner_id);
}

Test(oniondev, redirects_are_not_followed)
{
	struct provider_result	 res;
	cJSON			*reqs;

	onion_up();
	fake_control(&onion, "{\"mode\": \"redirect\"}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_str_eq(res.error, "oniondev call: answered HTTP 302");
	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 1);
	cJSON_Delete(reqs);
}

Test(oniondev, response_size_is_capped)
{
	struct provider_result	res;

	onion_up();
	fake_control(&onion, "{\"mode\": \"huge\"}");
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_not_null(strstr(res.error, "larger than"), "%s", res.error);
}

Test(oniondev, connection_is_reused)
{
	struct provider_result	 res;
	cJSON			*reqs;

	onion_up();
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0);
	cr_assert_eq(provider_send_sms(&provs, MENTEE, "hi", NULL, &res), 0);
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0);
	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 3);
	/* voice and sms share one handle, hence one connection. */
	cr_assert_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(reqs, 0),
	    "client_port")->valueint, cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, 2), "client_port")->valueint);
	cr_assert_eq(cJSON_GetObjectItem(cJSON_GetArrayItem(reqs, 0),
	    "client_port")->valueint, cJSON_GetObjectItem(
	    cJSON_GetArrayItem(reqs, 1), "client_port")->valueint);
	cJSON_Delete(reqs);
}

Test(oniondev, crlf_in_a_header_value_is_refused)
{
	char	why[256];

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", NULL);
	onion_env();
	setenv("MENTORSHIP_ONIONDEV_API_KEY", "k\r\nX-Injected: 1", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "voice provider oniondev: [oniondev] password "
	    "and api_key must not hold a CR, LF or control byte");
	cr_assert_null(strstr(why, "Injected"));
	conf_release(&conf);
	conf_loaded = false;

	unsetenv("MENTORSHIP_ONIONDEV_API_KEY");
	setenv("MENTORSHIP_ONIONDEV_USERNAME", "me\nX-Injected: 1", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_not_null(strstr(why, "username must not hold"), "%s", why);
}

Test(oniondev, bad_urls_and_missing_settings_are_refused)
{
	char	why[256];

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", NULL);
	onion_env();
	setenv("MENTORSHIP_ONIONDEV_ALLOW_INSECURE_HTTP", "0", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "voice provider oniondev: [oniondev] base_url: "
	    "the URL must start with https:// (http:// only with "
	    "allow_insecure_http = 1)");
	conf_release(&conf);

	setenv("MENTORSHIP_ONIONDEV_BASE_URL",
	    "https://user:pw@api.example.org", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_not_null(strstr(why, "must not hold a user name"), "%s",
	    why);
	cr_assert_null(strstr(why, "pw"));
	conf_release(&conf);

	setenv("MENTORSHIP_ONIONDEV_BASE_URL", "", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "voice provider oniondev: set [oniondev] "
	    "base_url or call_url");
	conf_release(&conf);

	setenv("MENTORSHIP_ONIONDEV_BASE_URL", "https://api.example.org", 1);
	setenv("MENTORSHIP_ONIONDEV_USERNAME", "", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "voice provider oniondev: set [oniondev] "
	    "username and password, or api_key");
	conf_release(&conf);
	conf_loaded = false;

	/* https:// is fine without the flag. */
	setenv("MENTORSHIP_ONIONDEV_USERNAME", OD_USER, 1);
	up_providers();
}

Test(oniondev, numbers_that_are_not_e164_are_refused)
{
	struct provider_result	 res;
	cJSON			*reqs;

	onion_up();
	cr_assert_eq(provider_start_call(&provs, "+91abc4567890", MENTEE,
	    &res), -1);
	cr_assert_str_eq(res.error,
	    "oniondev call: a number is not in E.164 form");
	cr_assert_eq(provider_start_call(&provs, MENTOR, "12345", &res), -1);
	cr_assert_eq(provider_send_sms(&provs, "+0123456789", "x", NULL, &res), -1);
	cr_assert_str_eq(res.error,
	    "oniondev sms: the number is not in E.164 form");
	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 0);
	cJSON_Delete(reqs);
}

Test(oniondev, unreachable_server_is_an_error)
{
	struct provider_result	res;
	double			t0;

	onion_up();
	fake_stop(&onion);	/* nothing listens on the port any more */
	t0 = now_s();
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), -1);
	cr_assert_lt(now_s() - t0, 3.0);
	cr_assert_eq(strncmp(res.error, "oniondev call: ", 15), 0);
	cr_assert_str_empty(res.partner_id);
}

Test(oniondev, cannot_send_push_notifications)
{
	struct provider_result	res;

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", NULL);
	onion_env();
	setenv("MENTORSHIP_PROVIDERS_PUSH", "oniondev", 1);
	up_providers();
	cr_assert_eq(provider_send_push(&provs, DEVICE, "t", "b", NULL, &res),
	    -1);
	cr_assert_str_eq(res.error,
	    "provider oniondev cannot send push notifications");
}

/* ---- http ---- */

Test(http, crlf_in_a_header_is_refused_before_sending)
{
	struct http_client	 h;
	struct http_request	 rq;
	struct http_response	 rs;
	struct http_header	 hdr = { "X-Test", "a\r\nX-Injected: 1" };
	char			 url[64], err[HTTP_ERROR_MAX];
	cJSON			*reqs;

	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", NULL);
	cr_assert_eq(http_client_init(&h, 1000, 2000, true, err,
	    sizeof(err)), 0);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/calls", onion.port);
	memset(&rq, 0, sizeof(rq));
	rq.url = url;
	rq.content_type = "application/json";
	rq.body = "{}";
	rq.body_len = 2;
	rq.headers = &hdr;
	rq.nheaders = 1;
	cr_assert_eq(http_post(&h, &rq, &rs, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "refused a CR, LF or control byte in the "
	    "X-Test header");
	http_response_release(&rs);

	hdr.name = "X-Test:";
	hdr.value = "fine";
	cr_assert_eq(http_post(&h, &rq, &rs, err, sizeof(err)), -1);
	cr_assert_str_eq(err, "bad header name");
	http_response_release(&rs);

	rq.headers = NULL;
	rq.nheaders = 0;
	rq.content_type = "application/json\nX-Injected: 1";
	cr_assert_eq(http_post(&h, &rq, &rs, err, sizeof(err)), -1);
	http_response_release(&rs);

	rq.content_type = "application/json";
	rq.username = "me";
	rq.password = "pw\r\nX-Injected: 1";
	cr_assert_eq(http_post(&h, &rq, &rs, err, sizeof(err)), -1);
	cr_assert_null(strstr(err, "Injected"));
	http_response_release(&rs);

	reqs = fake_requests(&onion);
	cr_assert_eq(cJSON_GetArraySize(reqs), 0);
	cJSON_Delete(reqs);

	/* And a good request goes through the same client. */
	rq.username = NULL;
	cr_assert_eq(http_post(&h, &rq, &rs, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(rs.status, 400);	/* the fake wants a handler */
	http_response_release(&rs);
	http_client_release(&h);
}

Test(http, plain_http_needs_the_flag)
{
	char	why[HTTP_ERROR_MAX];

	cr_assert_eq(http_url_check("https://fcm.googleapis.com/v1", false,
	    why, sizeof(why)), 0);
	cr_assert_eq(http_url_check("http://127.0.0.1:1/x", false, why,
	    sizeof(why)), -1);
	cr_assert_eq(http_url_check("http://127.0.0.1:1/x", true, why,
	    sizeof(why)), 0);
	cr_assert_eq(http_url_check("ftp://example.org/x", true, why,
	    sizeof(why)), -1);
	cr_assert_eq(http_url_check("/relative", true, why, sizeof(why)), -1);
	cr_assert_eq(http_url_check("https://a.example/x\r\n", true, why,
	    sizeof(why)), -1);
	cr_assert_eq(http_url_check("", true, why, sizeof(why)), -1);
}

/* ---- fcm ---- */

/* Makes a key pair and a service account file holding its private key. */
static void
service_account(const char *project, const char *private_key)
{
	EVP_PKEY_CTX	*kc;
	BIO		*bio;
	BUF_MEM		*mem;
	cJSON		*sa;
	char		*text, *pem;
	FILE		*fp;
	int		 fd;

	cr_assert_not_null(kc = EVP_PKEY_CTX_new_id(EVP_PKEY_RSA, NULL));
	cr_assert_eq(EVP_PKEY_keygen_init(kc), 1);
	cr_assert_eq(EVP_PKEY_CTX_set_rsa_keygen_bits(kc, 2048), 1);
	cr_assert_eq(EVP_PKEY_keygen(kc, &test_key), 1);
	EVP_PKEY_CTX_free(kc);
	cr_assert_not_null(bio = BIO_new(BIO_s_mem()));
	cr_assert_eq(PEM_write_bio_PrivateKey(bio, test_key, NULL, NULL, 0,
	    NULL, NULL), 1);
	BIO_get_mem_ptr(bio, &mem);
	cr_assert_not_null(pem = strndup(mem->data, mem->length));
	BIO_free(bio);

	cr_assert_not_null(sa = cJSON_CreateObject());
	cJSON_AddStringToObject(sa, "type", "service_account");
	if (project != NULL)
		cJSON_AddStringToObject(sa, "project_id", project);
	cJSON_AddStringToObject(sa, "private_key_id", "0123abcd");
	cJSON_AddStringToObject(sa, "private_key",
	    private_key != NULL ? private_key : pem);
	cJSON_AddStringToObject(sa, "client_email", SA_EMAIL);
	cJSON_AddStringToObject(sa, "token_uri",
	    "https://oauth2.googleapis.com/token");
	cr_assert_not_null(text = cJSON_Print(sa));
	cJSON_Delete(sa);
	free(pem);

	snprintf(sa_path, sizeof(sa_path), "/tmp/test_providers_sa.XXXXXX");
	cr_assert_neq(fd = mkstemp(sa_path), -1);
	cr_assert_not_null(fp = fdopen(fd, "w"));
	fputs(text, fp);
	cr_assert_eq(fclose(fp), 0);
	cJSON_free(text);
}

static void
fcm_env(void)
{
	setenv("MENTORSHIP_PROVIDERS_PUSH", "fcm", 1);
	setenv("MENTORSHIP_FCM_SERVICE_ACCOUNT_FILE", sa_path, 1);
	env_port("MENTORSHIP_FCM_BASE_URL", &fcm, "");
	env_port("MENTORSHIP_FCM_TOKEN_URL", &fcm, "/token");
	setenv("MENTORSHIP_FCM_ALLOW_INSECURE_HTTP", "1", 1);
	setenv("MENTORSHIP_FCM_CONNECT_TIMEOUT_MS", "2000", 1);
	setenv("MENTORSHIP_FCM_TIMEOUT_MS", "5000", 1);
}

static void
fcm_up(void)
{
	service_account("test-project", NULL);
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", "--client-email", SA_EMAIL, NULL);
	fcm_env();
	up_providers();
}

static int
push(const char *data_json, struct provider_result *res)
{
	return provider_send_push(&provs, DEVICE, "Call at 5",
	    "Your mentor calls at 17:00", data_json, res);
}

#define SEND_PATH	"/v1/projects/test-project/messages:send"

/* Decodes base64url without padding into out; returns the length. */
static size_t
b64url_decode(const char *in, size_t len, unsigned char *out, size_t outsz)
{
	char	*std;
	size_t	 pad = (4 - len % 4) % 4, n;
	int	 got;

	cr_assert_neq(len % 4, 1);
	cr_assert_not_null(std = malloc(len + pad + 1));
	for (size_t i = 0; i < len; i++) {
		cr_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
		    "qrstuvwxyz0123456789-_", in[i]) != NULL,
		    "not base64url: %c", in[i]);
		std[i] = in[i] == '-' ? '+' : in[i] == '_' ? '/' : in[i];
	}
	memset(std + len, '=', pad);
	std[len + pad] = '\0';
	n = (len + pad) / 4 * 3;
	cr_assert_leq(n, outsz);
	got = EVP_DecodeBlock(out, (unsigned char *)std, (int)(len + pad));
	cr_assert_eq((size_t)got, n);
	free(std);
	return n - pad;
}

/* Checks a JWT's parts and claims and its RS256 signature. */
static void
check_jwt(const char *jwt, const char *aud)
{
	const char	*dot1, *dot2;
	unsigned char	 part[4096], sig[1024];
	size_t		 n, siglen;
	EVP_MD_CTX	*md;
	cJSON		*o;
	double		 iat;

	cr_assert_not_null(dot1 = strchr(jwt, '.'));
	cr_assert_not_null(dot2 = strchr(dot1 + 1, '.'));
	cr_assert_null(strchr(dot2 + 1, '.'));
	cr_assert_null(strchr(jwt, '='), "padding in the JWT");

	n = b64url_decode(jwt, (size_t)(dot1 - jwt), part, sizeof(part) - 1);
	part[n] = '\0';
	cr_assert_str_eq((char *)part, "{\"alg\":\"RS256\",\"typ\":\"JWT\"}");

	n = b64url_decode(dot1 + 1, (size_t)(dot2 - dot1 - 1), part,
	    sizeof(part) - 1);
	part[n] = '\0';
	cr_assert_not_null(o = cJSON_Parse((char *)part));
	cr_assert_eq(cJSON_GetArraySize(o), 5, "claims: %s", part);
	cr_assert_str_eq(cJSON_GetObjectItem(o, "iss")->valuestring, SA_EMAIL);
	cr_assert_str_eq(cJSON_GetObjectItem(o, "scope")->valuestring,
	    "https://www.googleapis.com/auth/firebase.messaging");
	cr_assert_str_eq(cJSON_GetObjectItem(o, "aud")->valuestring, aud);
	iat = cJSON_GetObjectItem(o, "iat")->valuedouble;
	cr_assert_lt(abs((int)(iat - (double)time(NULL))), 60);
	cr_assert_eq(cJSON_GetObjectItem(o, "exp")->valuedouble, iat + 3600);
	cJSON_Delete(o);

	/* RS256 over "header.claims" with the test key's public half. */
	siglen = b64url_decode(dot2 + 1, strlen(dot2 + 1), sig, sizeof(sig));
	cr_assert_eq(siglen, 256);
	cr_assert_not_null(md = EVP_MD_CTX_new());
	cr_assert_eq(EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL,
	    test_key), 1);
	cr_assert_eq(EVP_DigestVerify(md, sig, siglen,
	    (const unsigned char *)jwt, (size_t)(dot2 - jwt)), 1,
	    "the JWT signature does not verify");
	EVP_MD_CTX_free(md);
	/* A verifier that says yes to everything would prove nothing. */
	sig[10] ^= 1;
	cr_assert_not_null(md = EVP_MD_CTX_new());
	cr_assert_eq(EVP_DigestVerifyInit(md, NULL, EVP_sha256(), NULL,
	    test_key), 1);
	cr_assert_neq(EVP_DigestVerify(md, sig, siglen,
	    (const unsigned char *)jwt, (size_t)(dot2 - jwt)), 1);
	EVP_MD_CTX_free(md);
}

Test(fcm, push_sends_the_documented_requests)
{
	static const char	 grant[] = "grant_type=urn%3Aietf%3Aparams%3A"
	    "oauth%3Agrant-type%3Ajwt-bearer&assertion=";
	struct provider_result	 res;
	const cJSON		*r, *msg, *n, *d;
	cJSON			*reqs, *body;
	char			 aud[64];

	fcm_up();
	cr_assert_eq(push("{\"call_id\": \"12\", \"kind\": \"reminder\"}",
	    &res), 0, "%s", res.error);
	cr_assert_str_eq(res.partner_id, "projects/test-project/messages/1");

	reqs = fake_requests(&fcm);
	cr_assert_eq(cJSON_GetArraySize(reqs), 2);
	/* First the access token... */
	r = cJSON_GetArrayItem(reqs, 0);
	cr_assert_str_eq(req_str(r, "method"), "POST");
	cr_assert_str_eq(req_str(r, "path"), "/token");
	cr_assert_str_eq(req_header(r, "Content-Type"),
	    "application/x-www-form-urlencoded");
	cr_assert_null(req_header(r, "Authorization"));
	cr_assert_eq(strncmp(req_str(r, "body"), grant, strlen(grant)), 0,
	    "%s", req_str(r, "body"));
	snprintf(aud, sizeof(aud), "http://127.0.0.1:%d/token", fcm.port);
	check_jwt(req_str(r, "body") + strlen(grant), aud);

	/* ...then the message with it. */
	r = cJSON_GetArrayItem(reqs, 1);
	cr_assert_str_eq(req_str(r, "method"), "POST");
	cr_assert_str_eq(req_str(r, "path"), SEND_PATH);
	cr_assert_str_eq(req_header(r, "Content-Type"), "application/json");
	cr_assert_str_eq(req_header(r, "Authorization"),
	    "Bearer fake-access-token-1");
	cr_assert_not_null(body = cJSON_Parse(req_str(r, "body")));
	cr_assert_eq(cJSON_GetArraySize(body), 1);
	msg = cJSON_GetObjectItemCaseSensitive(body, "message");
	cr_assert_eq(cJSON_GetArraySize(msg), 3);
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(msg,
	    "token")->valuestring, DEVICE);
	n = cJSON_GetObjectItemCaseSensitive(msg, "notification");
	cr_assert_eq(cJSON_GetArraySize(n), 2);
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(n,
	    "title")->valuestring, "Call at 5");
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(n,
	    "body")->valuestring, "Your mentor calls at 17:00");
	d = cJSON_GetObjectItemCaseSensitive(msg, "data");
	cr_assert_eq(cJSON_GetArraySize(d), 2);
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(d,
	    "call_id")->valuestring, "12");
	cr_assert_str_eq(cJSON_GetObjectItemCaseSensitive(d,
	    "kind")->valuestring, "reminder");
	cJSON_Delete(body);
	cJSON_Delete(reqs);
}

Test(fcm, token_is_fetched_once_for_two_pushes)
{
	struct provider_result	 res;
	cJSON			*tokens, *sends, *r;

	fcm_up();
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	cr_assert_str_eq(res.partner_id, "projects/test-project/messages/2");
	tokens = fake_requests_to(&fcm, "/token");
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(tokens), 1);
	cr_assert_eq(cJSON_GetArraySize(sends), 2);
	cJSON_ArrayForEach(r, sends)
		cr_assert_str_eq(req_header(r, "Authorization"),
		    "Bearer fake-access-token-1");
	/* Without data_json there is no "data". */
	r = cJSON_Parse(req_str(cJSON_GetArrayItem(sends, 0), "body"));
	cr_assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "message"),
	    "data"));
	cJSON_Delete(r);
	cJSON_Delete(tokens);
	cJSON_Delete(sends);
}

Test(fcm, token_that_expires_within_a_minute_is_not_reused)
{
	struct provider_result	 res;
	cJSON			*tokens;

	fcm_up();
	fake_control(&fcm, "{\"expires_in\": 45}");
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	tokens = fake_requests_to(&fcm, "/token");
	cr_assert_eq(cJSON_GetArraySize(tokens), 2);
	cJSON_Delete(tokens);
}

Test(fcm, a_401_makes_the_next_push_fetch_a_new_token)
{
	struct provider_result	 res;
	cJSON			*tokens, *sends;

	fcm_up();
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	fake_control(&fcm, "{\"revoke\": true}");
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error, "fcm send: answered HTTP 401 "
	    "(UNAUTHENTICATED); the access token was dropped");
	cr_assert_null(strstr(res.error, "fake-access-token"));
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);

	tokens = fake_requests_to(&fcm, "/token");
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(tokens), 2);
	cr_assert_eq(cJSON_GetArraySize(sends), 3);
	cr_assert_str_eq(req_header(cJSON_GetArrayItem(sends, 1),
	    "Authorization"), "Bearer fake-access-token-1");
	cr_assert_str_eq(req_header(cJSON_GetArrayItem(sends, 2),
	    "Authorization"), "Bearer fake-access-token-2");
	cJSON_Delete(tokens);
	cJSON_Delete(sends);
}

Test(fcm, token_endpoint_failures_are_errors)
{
	struct provider_result	 res;
	cJSON			*sends;

	service_account("test-project", NULL);
	/* The fake wants another iss: it refuses our JWT as Google would. */
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", "--client-email",
	    "someone-else@example.org", NULL);
	fcm_env();
	up_providers();
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error,
	    "fcm token: answered HTTP 400 (invalid_grant)");

	fake_control(&fcm, "{\"mode\": \"500\", \"target\": \"token\"}");
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error, "fcm token: answered HTTP 500");

	fake_control(&fcm, "{\"mode\": \"badjson\", \"target\": \"token\"}");
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error,
	    "fcm token: the token response is not a JSON object");

	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(sends), 0);
	cJSON_Delete(sends);
}

Test(fcm, access_token_with_crlf_is_refused)
{
	struct provider_result	 res;
	cJSON			*sends;

	fcm_up();
	fake_control(&fcm, "{\"mode\": \"crlftoken\", \"target\": \"token\", "
	    "\"times\": 1}");
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error, "fcm token: refused an access token with "
	    "a CR, LF or control byte");
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(sends), 0);
	cJSON_Delete(sends);
	/* Nothing bad was cached: the next push fetches a good token. */
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
}

Test(fcm, hang_honours_the_timeout)
{
	struct provider_result	res;
	double			t0, dt;

	service_account("test-project", NULL);
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", NULL);
	fcm_env();
	setenv("MENTORSHIP_FCM_TIMEOUT_MS", "600", 1);
	up_providers();

	fake_control(&fcm, "{\"mode\": \"hang\", \"target\": \"send\", "
	    "\"times\": 1}");
	t0 = now_s();
	cr_assert_eq(push(NULL, &res), -1);
	dt = now_s() - t0;
	cr_assert_lt(dt, 2.5, "took %.3f s", dt);
	cr_assert_not_null(strstr(res.error, "fcm send: timed out"), "%s",
	    res.error);

	/* A hanging token endpoint is bounded by the same budget. */
	fake_control(&fcm, "{\"revoke\": true}");
	cr_assert_eq(push(NULL, &res), -1);	/* 401: the token is dropped */
	fake_control(&fcm, "{\"mode\": \"hang\", \"target\": \"token\"}");
	t0 = now_s();
	cr_assert_eq(push(NULL, &res), -1);
	dt = now_s() - t0;
	cr_assert_lt(dt, 2.5, "took %.3f s", dt);
	cr_assert_not_null(strstr(res.error, "fcm token: timed out"), "%s",
	    res.error);
}

Test(fcm, unregistered_device_is_reported)
{
	struct provider_result	res;

	fcm_up();
	fake_control(&fcm, "{\"mode\": \"unregistered\"}");
	cr_assert_eq(push(NULL, &res), -1);
	cr_assert_str_eq(res.error,
	    "fcm send: answered HTTP 404 (NOT_FOUND UNREGISTERED)");
	cr_assert_str_empty(res.partner_id);
}

Test(fcm, data_values_become_strings)
{
	struct provider_result	 res;
	cJSON			*sends, *body, *d;

	fcm_up();
	cr_assert_eq(push("{\"n\": 12, \"yes\": true, \"no\": false, "
	    "\"s\": \"x\", \"gone\": null, \"o\": {\"k\": [1, \"a\"]}}", &res),
	    0, "%s", res.error);
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(sends), 1);
	cr_assert_not_null(body = cJSON_Parse(req_str(cJSON_GetArrayItem(
	    sends, 0), "body")));
	d = cJSON_GetObjectItem(cJSON_GetObjectItem(body, "message"), "data");
	cr_assert_eq(cJSON_GetArraySize(d), 5);
	cr_assert_str_eq(cJSON_GetObjectItem(d, "n")->valuestring, "12");
	cr_assert_str_eq(cJSON_GetObjectItem(d, "yes")->valuestring, "true");
	cr_assert_str_eq(cJSON_GetObjectItem(d, "no")->valuestring, "false");
	cr_assert_str_eq(cJSON_GetObjectItem(d, "s")->valuestring, "x");
	cr_assert_str_eq(cJSON_GetObjectItem(d, "o")->valuestring,
	    "{\"k\":[1,\"a\"]}");
	cJSON_Delete(body);
	cJSON_Delete(sends);

	cr_assert_eq(push("[1, 2]", &res), -1);
	cr_assert_str_eq(res.error, "fcm send: the data is not a JSON object");
	cr_assert_eq(push("{\"from\": \"me\"}", &res), -1);
	cr_assert_str_eq(res.error,
	    "fcm send: the data key \"from\" is reserved by FCM");
	cr_assert_eq(provider_send_push(&provs, "", "t", "b", NULL, &res), -1);
	cr_assert_eq(provider_send_push(&provs, "two words", "t", "b", NULL,
	    &res), -1);
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(sends), 1);
	cJSON_Delete(sends);
}

Test(fcm, project_id_can_be_overridden)
{
	struct provider_result	 res;
	cJSON			*sends;

	service_account("test-project", NULL);
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", "--project", "other-project", NULL);
	fcm_env();
	setenv("MENTORSHIP_FCM_PROJECT_ID", "other-project", 1);
	up_providers();
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	cr_assert_str_eq(res.partner_id, "projects/other-project/messages/1");
	sends = fake_requests_to(&fcm,
	    "/v1/projects/other-project/messages:send");
	cr_assert_eq(cJSON_GetArraySize(sends), 1);
	cJSON_Delete(sends);
}

Test(fcm, send_url_can_be_set_whole)
{
	struct provider_result	 res;
	cJSON			*sends;

	service_account(NULL, NULL);	/* no project_id needed then */
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", NULL);
	fcm_env();
	setenv("MENTORSHIP_FCM_BASE_URL", "https://unused.invalid", 1);
	env_port("MENTORSHIP_FCM_SEND_URL", &fcm, SEND_PATH);
	up_providers();
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	sends = fake_requests_to(&fcm, SEND_PATH);
	cr_assert_eq(cJSON_GetArraySize(sends), 1);
	cJSON_Delete(sends);
}

Test(fcm, bad_service_accounts_are_refused)
{
	char	why[256];
	FILE	*fp;

	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", NULL);
	service_account("test-project", "-----BEGIN PRIVATE KEY-----\n"
	    "bm90IGEga2V5\n-----END PRIVATE KEY-----\n");
	fcm_env();
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_not_null(strstr(why, "private_key is not an RSA private "
	    "key in PEM"), "%s", why);
	conf_release(&conf);

	cr_assert_not_null(fp = fopen(sa_path, "w"));
	fputs("{\"client_email\": \"x@example.org\"}", fp);
	fclose(fp);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_not_null(strstr(why, ": no private_key"), "%s", why);
	conf_release(&conf);

	cr_assert_not_null(fp = fopen(sa_path, "w"));
	fputs("not json", fp);
	fclose(fp);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_not_null(strstr(why, "not a JSON object"), "%s", why);
	conf_release(&conf);

	setenv("MENTORSHIP_FCM_SERVICE_ACCOUNT_FILE", "/nonexistent/sa.json",
	    1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "push provider fcm: [fcm] service_account_file "
	    "/nonexistent/sa.json: cannot open: No such file or directory");
	conf_release(&conf);
	conf_loaded = false;
}

Test(fcm, insecure_urls_are_refused_without_the_flag)
{
	char	why[256];

	service_account("test-project", NULL);
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", NULL);
	fcm_env();
	setenv("MENTORSHIP_FCM_ALLOW_INSECURE_HTTP", "0", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "push provider fcm: [fcm] base_url: the URL "
	    "must start with https:// (http:// only with "
	    "allow_insecure_http = 1)");
	conf_release(&conf);

	setenv("MENTORSHIP_FCM_BASE_URL", "https://fcm.example.org", 1);
	cr_assert_eq(try_providers(why, sizeof(why)), -1);
	cr_assert_str_eq(why, "push provider fcm: [fcm] token_url: the URL "
	    "must start with https:// (http:// only with "
	    "allow_insecure_http = 1)");
	conf_release(&conf);
	conf_loaded = false;

	/* With https:// everywhere it starts (and sends nothing yet). */
	setenv("MENTORSHIP_FCM_TOKEN_URL", "https://oauth2.example.org/token",
	    1);
	up_providers();
}

/* ---- both, as a process sets them up ---- */

Test(fcm, providers_share_nothing_and_release_cleanly)
{
	struct provider_result	res;

	service_account("test-project", NULL);
	fake_start(&fcm, TEST_FAKES_DIR, "fake_fcm.py", NULL);
	fake_start(&onion, TEST_FAKES_DIR, "fake_oniondev.py", "--username", OD_USER,
	    "--password", OD_PASS, NULL);
	fcm_env();
	onion_env();
	up_providers();
	cr_assert_eq(provs.voice.state, provs.sms.state);
	cr_assert_neq(provs.voice.state, provs.push.state);
	cr_assert_eq(provider_start_call(&provs, MENTOR, MENTEE, &res), 0,
	    "%s", res.error);
	cr_assert_eq(push(NULL, &res), 0, "%s", res.error);
	providers_release(&provs);
	providers_release(&provs);	/* harmless twice */
	provs_up = false;
}
