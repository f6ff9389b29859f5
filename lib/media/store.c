#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth/password.h"
#include "core/log.h"
#include "media/store.h"

#define MEDIA_FILE_MAX	(64 * 1024 * 1024)

/* The sizes copies are made at: a request takes the next one up. */
static const unsigned copy_sizes[] = {
	32, 48, 64, 96, 128, 160, 192, 256, 320, 384, 480, 512, 640, 768,
	960, 1024, 1280, 1536, 2048
};

static const char *const kinds[] = {
	MEDIA_PROFILE, MEDIA_CATEGORY, MEDIA_ACTIVITY, MEDIA_BLOG, NULL
};

/* mkdir -p of dir (absolute or relative), mode 0755. 0 or -1. */
static int
mkdirs(const char *dir)
{
	char	path[4096];
	size_t	n = strlen(dir);

	if (n == 0 || n >= sizeof(path))
		return -1;
	memcpy(path, dir, n + 1);
	for (size_t i = 1; i <= n; i++) {
		if (path[i] != '/' && path[i] != '\0')
			continue;
		path[i] = '\0';
		if (mkdir(path, 0755) == -1 && errno != EEXIST)
			return -1;
		(void)chmod(path, 0755);
		path[i] = i < n ? '/' : '\0';
	}
	return 0;
}

/* Writes data to path through a temporary file and a rename. */
static int
write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char	tmp[4096], path[4096];
	int	fd = -1, rc = -1;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >=
	    (int)sizeof(path) || snprintf(tmp, sizeof(tmp), "%s/.%s.%ld",
	    dir, name, (long)getpid()) >= (int)sizeof(tmp) || mkdirs(dir) == -1)
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) ==
	    -1)
		return -1;
	for (size_t off = 0; off < len; ) {
		ssize_t	w = write(fd, (const char *)data + off, len - off);

		if (w <= 0)
			goto out;
		off += (size_t)w;
	}
	/* nginx is another user: readable by all, whatever the umask. */
	if (fchmod(fd, 0644) == -1 || fsync(fd) == -1)
		goto out;
	rc = 0;
out:
	if (close(fd) == -1)
		rc = -1;
	if (rc == 0 && rename(tmp, path) == -1)
		rc = -1;
	if (rc == -1)
		(void)unlink(tmp);
	return rc;
}

enum outcome
media_store(const struct conf *c, struct arena *a, const char *kind,
    const struct image_bytes *img, const char **url)
{
	unsigned char	r[16];
	char		name[64], dir[4096];

	if (random_bytes(r, sizeof(r)) == -1)
		return OUTCOME_ERROR;
	for (size_t i = 0; i < sizeof(r); i++)
		snprintf(name + 2 * i, 3, "%02x", r[i]);
	snprintf(name + 32, sizeof(name) - 32, ".%s",
	    image_extensions[img->format]);
	snprintf(dir, sizeof(dir), "%s" MEDIA_LOCATION "/%s", c->media_root,
	    kind);
	if (write_file(dir, name, img->data, img->len) == -1) {
		log_error("media: cannot write %s/%s: %s", dir, name,
		    strerror(errno));
		return OUTCOME_ERROR;
	}
	*url = arena_printf(a, MEDIA_LOCATION "/%s/%s", kind, name);
	return *url != NULL ? OUTCOME_OK : OUTCOME_ERROR;
}

/*
 * The "kind/name" of url when it names a picture we store (a known kind,
 * a name of hex digits and an extension), else NULL.
 */
static const char *
media_relative(const char *url)
{
	size_t		 n = strlen(MEDIA_LOCATION), k;
	const char	*rel, *name;

	if (url == NULL || strncmp(url, MEDIA_LOCATION, n) != 0 ||
	    url[n] != '/')
		return NULL;
	rel = url + n + 1;
	for (const char *const *kd = kinds; *kd != NULL; kd++) {
		k = strlen(*kd);
		if (strncmp(rel, *kd, k) != 0 || rel[k] != '/')
			continue;
		name = rel + k + 1;
		if (strspn(name, "0123456789abcdef") != 32 ||
		    (strcmp(name + 32, ".png") != 0 &&
		    strcmp(name + 32, ".jpg") != 0))
			return NULL;
		return rel;
	}
	return NULL;
}

const char *
media_type_of(const char *url)
{
	const char	*rel = media_relative(url), *ext;

	if (rel == NULL)
		return NULL;
	ext = strrchr(rel, '.') + 1;
	for (int f = 0; f < IMAGE_FORMAT__MAX; f++)
		if (strcmp(ext, image_extensions[f]) == 0)
			return image_media_types[f];
	return NULL;
}

/* Removes the picture of url and the copies made of it: a mentor's old
 * face does not stay reachable at any size. */
void
media_remove(const struct conf *c, const char *url)
{
	const char	*rel = media_relative(url);
	char		 path[4096];
	struct dirent	*e;
	DIR		*d;

	if (rel == NULL)
		return;
	snprintf(path, sizeof(path), "%s" MEDIA_LOCATION "/%s", c->media_root,
	    rel);
	if (unlink(path) == -1 && errno != ENOENT)
		log_warn("media: cannot remove %s: %s", path, strerror(errno));
	snprintf(path, sizeof(path), "%s" MEDIA_CACHE_LOCATION, c->media_root);
	if ((d = opendir(path)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s" MEDIA_CACHE_LOCATION "/%s/%s",
		    c->media_root, e->d_name, rel);
		(void)unlink(path);
	}
	closedir(d);
}

/* The size copies are made at for a side of n: the next one up. */
static unsigned
copy_size(unsigned long n)
{
	size_t	i;

	for (i = 0; i + 1 < sizeof(copy_sizes) / sizeof(copy_sizes[0]); i++)
		if (copy_sizes[i] >= n)
			break;
	return copy_sizes[i];
}

int
media_parse_filter(const char *spec, unsigned *w, unsigned *h)
{
	unsigned long	x, y;
	char		*end;

	if (spec == NULL || strncmp(spec, "min-", 4) != 0 ||
	    !(spec[4] >= '1' && spec[4] <= '9'))
		return -1;
	x = strtoul(spec + 4, &end, 10);
	if (*end != 'x' || !(end[1] >= '1' && end[1] <= '9') || x > 100000)
		return -1;
	y = strtoul(end + 1, &end, 10);
	if (*end != '\0' || y > 100000)
		return -1;
	*w = copy_size(x);
	*h = copy_size(y);
	return 0;
}

/* The bytes of file path (at most MEDIA_FILE_MAX), malloc'd. */
static unsigned char *
read_file(const char *path, size_t *len)
{
	unsigned char	*data = NULL;
	struct stat	 st;
	FILE		*f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size > 0 && st.st_size <= MEDIA_FILE_MAX &&
	    (data = malloc((size_t)st.st_size)) != NULL &&
	    fread(data, 1, (size_t)st.st_size, f) != (size_t)st.st_size) {
		free(data);
		data = NULL;
	}
	if (data != NULL)
		*len = (size_t)st.st_size;
	fclose(f);
	return data;
}

enum outcome
media_cover_copy(const struct conf *c, struct arena *a, const char *url,
    unsigned w, unsigned h, const char **internal)
{
	const char		*rel = media_relative(url);
	struct image_bytes	 img;
	char			 src[4096], dir[4096], copy[4096];
	const char		*why, *name;
	unsigned char		*data;
	struct stat		 st;
	size_t			 len = 0;
	enum outcome		 rc = OUTCOME_ERROR;

	if (rel == NULL)
		return OUTCOME_NOT_FOUND;
	*internal = arena_printf(a, MEDIA_CACHE_LOCATION "/%ux%u/%s", w, h,
	    rel);
	snprintf(copy, sizeof(copy), "%s" MEDIA_CACHE_LOCATION "/%ux%u/%s",
	    c->media_root, w, h, rel);
	if (stat(copy, &st) == 0)
		return OUTCOME_OK;	/* made before */
	snprintf(src, sizeof(src), "%s" MEDIA_LOCATION "/%s", c->media_root,
	    rel);
	if ((data = read_file(src, &len)) == NULL)
		return errno == ENOENT ? OUTCOME_NOT_FOUND : OUTCOME_ERROR;
	if (image_cover(data, len, w, h, &img, &why) == -1) {
		log_error("media: cannot resize %s: %s", src, why);
		goto out;
	}
	name = strrchr(rel, '/') + 1;
	snprintf(dir, sizeof(dir), "%s" MEDIA_CACHE_LOCATION "/%ux%u/%.*s",
	    c->media_root, w, h, (int)(name - 1 - rel), rel);
	if (write_file(dir, name, img.data, img.len) == -1)
		log_error("media: cannot write %s/%s: %s", dir, name,
		    strerror(errno));
	else
		rc = OUTCOME_OK;
	image_bytes_release(&img);
out:
	free(data);
	return rc;
}
