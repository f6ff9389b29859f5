#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <criterion/criterion.h>
#include <curl/curl.h>

#include "fakes.h"

/*
 * Starts fakes_dir/<script> on a free port with extra arguments (NULL
 * terminated) and waits until it listens: it prints its port then.
 */
void
fake_start(struct fake *f, const char *fakes_dir, const char *script, ...)
{
	const char	*argv[32], *python = getenv("PYTHON");
	char		 path[512], line[32];
	struct pollfd	 pfd;
	size_t		 argc = 0, len = 0;
	va_list		 ap;
	int		 p[2], fd;

	if (python == NULL || *python == '\0')
		python = "python3";
	snprintf(path, sizeof(path), "%s/%s", fakes_dir, script);
	snprintf(f->record, sizeof(f->record), "/tmp/test_providers.XXXXXX");
	cr_assert_neq(fd = mkstemp(f->record), -1);
	close(fd);
	argv[argc++] = python;
	argv[argc++] = path;
	argv[argc++] = "0";
	argv[argc++] = f->record;
	va_start(ap, script);
	while ((argv[argc] = va_arg(ap, const char *)) != NULL)
		cr_assert_lt(++argc, sizeof(argv) / sizeof(argv[0]));
	va_end(ap);

	cr_assert_eq(pipe(p), 0);
	cr_assert_neq(f->pid = fork(), -1);
	if (f->pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execvp(python, (char *const *)argv);
		fprintf(stderr, "cannot run %s: %s\n", python, strerror(errno));
		_exit(127);
	}
	close(p[1]);
	/* Read "PORT\n", at most 20 s (a cold python under sanitizers). */
	pfd.fd = p[0];
	pfd.events = POLLIN;
	while (len < sizeof(line) - 1 && memchr(line, '\n', len) == NULL) {
		ssize_t	n;

		cr_assert_gt(poll(&pfd, 1, 20000), 0,
		    "%s did not start listening", script);
		n = read(p[0], line + len, sizeof(line) - 1 - len);
		cr_assert_gt(n, 0, "%s exited before listening (is %s "
		    "installed?)", script, python);
		len += (size_t)n;
	}
	close(p[0]);
	line[len] = '\0';
	f->port = atoi(line);
	cr_assert_gt(f->port, 0, "%s printed no port", script);
}

void
fake_stop(struct fake *f)
{
	if (f->pid > 0) {
		kill(f->pid, SIGTERM);
		waitpid(f->pid, NULL, 0);
	}
	if (f->record[0] != '\0') {
		char	answers[sizeof(f->record) + 16];

		unlink(f->record);
		snprintf(answers, sizeof(answers), "%s.answers", f->record);
		unlink(answers);
	}
	memset(f, 0, sizeof(*f));
}

static size_t
discard(char *p, size_t size, size_t n, void *arg)
{
	return size * n;
}

/* POSTs a control object to the fake: {"mode": "500"} and so on. */
void
fake_control(struct fake *f, const char *json)
{
	CURL	*c;
	char	 url[64];
	long	 status = 0;

	snprintf(url, sizeof(url), "http://127.0.0.1:%d/_control", f->port);
	cr_assert_not_null(c = curl_easy_init());
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, json);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
	cr_assert_eq(curl_easy_perform(c), CURLE_OK);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	cr_assert_eq(status, 200);
}

/* The requests the fake recorded, as a JSON array (cJSON_Delete). */
cJSON *
fake_requests(struct fake *f)
{
	cJSON	*all, *one;
	FILE	*fp;
	char	 line[1 << 16];

	cr_assert_not_null(all = cJSON_CreateArray());
	cr_assert_not_null(fp = fopen(f->record, "r"));
	while (fgets(line, sizeof(line), fp) != NULL) {
		cr_assert_not_null(one = cJSON_Parse(line),
		    "bad recording line: %s", line);
		cJSON_AddItemToArray(all, one);
	}
	fclose(fp);
	return all;
}

/* The requests to path only. */
cJSON *
fake_requests_to(struct fake *f, const char *path)
{
	cJSON	*all = fake_requests(f), *out, *r;

	cr_assert_not_null(out = cJSON_CreateArray());
	cJSON_ArrayForEach(r, all)
		if (strcmp(cJSON_GetObjectItem(r, "path")->valuestring,
		    path) == 0)
			cJSON_AddItemToArray(out, cJSON_Duplicate(r, 1));
	cJSON_Delete(all);
	return out;
}

