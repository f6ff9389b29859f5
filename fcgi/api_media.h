/*
 * Pictures over HTTP: uploads (multipart/form-data with one part
 * "image", as the Android app and the console send them) and the resized
 * copies of GET /media/...?filter_spec=, which nginx then sends itself.
 */
#ifndef MT_API_MEDIA_H
#define MT_API_MEDIA_H

#include <stdbool.h>
#include <stdint.h>

#include "fcgi/http.h"
#include "services/pictures.h"

/*
 * Sets the picture of slot of object id from r's upload: true when it is
 * set, false when r was answered (415 not multipart, 400 no part
 * "image" or no acceptable picture, 404 no such object, ...).
 */
bool	picture_upload(struct request *r, enum picture_slot slot, int64_t id);

#endif
