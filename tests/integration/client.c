#include <ctype.h>
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "client.h"

const char *
env(const char *name)
{
	const char	*v = getenv(name);

	cr_assert(v != NULL && *v != '\0',
	    "%s is not set: run the integration tests with ./dev.sh test", name);
	return v;
}

struct sink {
	char	*p;
	size_t	 len;
};

static size_t
collect(char *data, size_t size, size_t n, void *arg)
{
	struct sink	*s = arg;
	size_t		 add = size * n;
	char		*p = realloc(s->p, s->len + add + 1);

	if (p == NULL)
		return 0;
	memcpy(p + s->len, data, add);
	s->len += add;
	p[s->len] = '\0';
	s->p = p;
	return add;
}

/* A streamed body, handed to libcurl in small pieces. */
struct source {
	const char	*p;
	size_t		 len;
};

static size_t
feed(char *buf, size_t size, size_t n, void *arg)
{
	struct source	*s = arg;
	size_t		 take = size * n;

	if (take > 16384)
		take = 16384;
	if (take > s->len)
		take = s->len;
	memcpy(buf, s->p, take);
	s->p += take;
	s->len -= take;
	return take;
}

int
http_try(const struct req *r, struct resp *out, long sslversion)
{
	struct curl_slist	*hdrs = NULL;
	struct sink		 body = { 0 }, head = { 0 };
	struct source		 up;
	char			 url[32768], cafile[1024], line[4096];
	CURLcode		 rc;
	CURL			*c;

	memset(out, 0, sizeof(*out));
	if (strncmp(r->url, "http", 4) == 0)
		snprintf(url, sizeof(url), "%s", r->url);
	else
		snprintf(url, sizeof(url), "%s%s", env("MT_BASE_URL"), r->url);
	snprintf(cafile, sizeof(cafile), "%s/tls/cert.pem", env("MT_VAR"));
	c = curl_easy_init();
	cr_assert(c != NULL);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_CAINFO, cafile);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
	if (sslversion != 0)
		curl_easy_setopt(c, CURLOPT_SSLVERSION, sslversion);
	if (r->http1)
		curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
	if (r->method != NULL)
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r->method);
	if (r->method != NULL && strcmp(r->method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	if (r->user != NULL) {
		curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
		curl_easy_setopt(c, CURLOPT_USERNAME, r->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, r->pass);
	}
	if (r->authorization != NULL) {
		snprintf(line, sizeof(line), "Authorization: %s",
		    r->authorization);
		hdrs = curl_slist_append(hdrs, line);
	}
	if (r->content_type != NULL) {
		snprintf(line, sizeof(line), "Content-Type: %s",
		    r->content_type);
		hdrs = curl_slist_append(hdrs, line);
	}
	for (size_t i = 0; i < REQ_MAX_HEADERS && r->headers[i] != NULL; i++)
		hdrs = curl_slist_append(hdrs, r->headers[i]);
	if (r->body != NULL && r->streamed) {
		up.p = r->body;
		up.len = r->body_len ? r->body_len : strlen(r->body);
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_READFUNCTION, feed);
		curl_easy_setopt(c, CURLOPT_READDATA, &up);
		hdrs = curl_slist_append(hdrs, "Transfer-Encoding: chunked");
		hdrs = curl_slist_append(hdrs, "Expect:");
	} else if (r->body != NULL) {
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, r->body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)
		    (r->body_len ? r->body_len : strlen(r->body)));
		hdrs = curl_slist_append(hdrs, "Expect:");
	}
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdrs);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &out->status);
	curl_easy_cleanup(c);
	curl_slist_free_all(hdrs);
	out->body = body.p != NULL ? body.p : strdup("");
	out->len = body.len;
	out->headers = head.p != NULL ? head.p : strdup("");
	if (out->len > 0)
		out->json = cJSON_ParseWithLength(out->body, out->len);
	return (int)rc;
}

void
http(const struct req *r, struct resp *out)
{
	int	rc = http_try(r, out, 0);

	cr_assert(rc == CURLE_OK, "%s %s: curl error %d (%s)",
	    r->method ? r->method : "GET", r->url, rc,
	    curl_easy_strerror((CURLcode)rc));
}

void
http_get(const char *path, const char *user, const char *pass,
    struct resp *out)
{
	struct req	r = { .url = path, .user = user, .pass = pass };

	http(&r, out);
}

char *
resp_header(const struct resp *r, const char *name)
{
	size_t		 n = strlen(name);
	const char	*p = r->headers;

	while (p != NULL && *p != '\0') {
		const char	*eol = strstr(p, "\r\n");
		size_t		 len = eol ? (size_t)(eol - p) : strlen(p);

		if (len > n && strncasecmp(p, name, n) == 0 && p[n] == ':') {
			const char	*v = p + n + 1;

			while (*v == ' ')
				v++;
			return strndup(v, len - (size_t)(v - p));
		}
		p = eol ? eol + 2 : NULL;
	}
	return NULL;
}

void
resp_free(struct resp *r)
{
	free(r->body);
	free(r->headers);
	cJSON_Delete(r->json);
	memset(r, 0, sizeof(*r));
}

int
run(const char *fmt, ...)
{
	char	cmd[4096];
	va_list	ap;
	int	st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

void
make_user(const char *username, const char *password)
{
	cr_assert_eq(run("printf '%%s\\n' '%s' | %s -c %s createsuperuser "
	    "--username %s >/dev/null", password, env("MT_CTL"), env("MT_CONF"),
	    username), 0, "cannot create %s", username);
}

pid_t
master_pid(void)
{
	FILE	*f = fopen(env("MT_FCGI_PID"), "r");
	long	 pid = 0;

	cr_assert(f != NULL, "no master pid file");
	cr_assert(fscanf(f, "%ld", &pid) == 1);
	fclose(f);
	return (pid_t)pid;
}

int
worker_pids(pid_t *out, int max)
{
	pid_t		 master = master_pid();
	struct dirent	*de;
	DIR		*d = opendir("/proc");
	int		 n = 0;

	cr_assert(d != NULL);
	while ((de = readdir(d)) != NULL && n < max) {
		char	path[300], buf[512], *p;
		long	ppid;
		FILE	*f;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL &&
		    (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 2, "%*c %ld", &ppid) == 1 && ppid == master)
			out[n++] = (pid_t)strtol(de->d_name, NULL, 10);
		fclose(f);
	}
	closedir(d);
	return n;
}

int
log_auth_of(const char *rid, char *how, size_t howsz)
{
	char	 line[4096], key[128];
	FILE	*f = fopen(env("MT_FCGI_LOG"), "r");
	int	 found = 0;

	cr_assert(f != NULL);
	snprintf(key, sizeof(key), "rid=%s: access ", rid);
	while (fgets(line, sizeof(line), f) != NULL) {
		char	*a;

		if (strstr(line, key) == NULL || (a = strstr(line, " auth=")) == NULL)
			continue;
		a += 6;
		a[strcspn(a, " \n")] = '\0';
		snprintf(how, howsz, "%s", a);
		found++;
	}
	fclose(f);
	return found;
}

void
msleep(int ms)
{
	struct timespec	ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Runs one worker pass now with env (NULL-ended MENTORSHIP_* settings). */
void
worker_once(const char *const *extra)
{
	pid_t	pid = fork();
	int	st;

	cr_assert(pid >= 0);
	if (pid == 0) {
		char	log[300];

		snprintf(log, sizeof(log), "%s/log/worker-test.log",
		    env("MT_VAR"));
		if (freopen(log, "a", stderr) == NULL)
			_exit(126);
		for (const char *const *e = extra; e != NULL && *e != NULL; e++)
			putenv((char *)*e);
		execl(env("MT_WORKER_BIN"), "mentorship-worker", "-c",
		    env("MT_CONF"), "--once", (char *)NULL);
		_exit(127);
	}
	cr_assert_eq(waitpid(pid, &st, 0), pid);
	cr_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "mentorship-worker failed: see %s/log/worker-test.log",
	    env("MT_VAR"));
}

int
pictures_stored(const char *kind)
{
	char		 dir[512];
	struct dirent	*e;
	DIR		*d;
	int		 n = 0;

	snprintf(dir, sizeof(dir), "%s/pictures/media/%s", env("MT_VAR"),
	    kind);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

void
assert_content_type(const struct resp *r, const char *type)
{
	char	*ct = resp_header(r, "Content-Type");

	cr_assert_not_null(ct, "no Content-Type");
	cr_assert_str_eq(ct, type);
	free(ct);
}
