/*
 * The small parsers of outside text: times (ISO 8601, SQL, OnionDev's
 * Asia/Calcutta), phone numbers and MSISDNs, reset codes, the picture
 * filter spec, query values the lists read; and what they accept must
 * come back the same through the formatters.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "core/json.h"
#include "core/phone.h"
#include "core/timeutil.h"
#include "fcgi/validate.h"
#include "media/store.h"
#include "models/blog_post.h"
#include "models/password_reset.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char			*s = fuzz_cstring(data, size);
	char			 iso[TIME_ISO_LEN], e164[PHONE_E164_LEN];
	char			 code[RESET_CODE_SIZE];
	struct field_errors	 fe;
	unsigned		 w, h;
	int64_t			 t, back, n;

	if (time_parse_iso(s, &t) == 0) {
		/* whatever was accepted formats and reads back the same */
		if (time_format_iso(t, iso) != 0 ||
		    time_parse_iso(iso, &back) != 0 || back != t)
			abort();
	}
	(void)time_parse_sql(s, &t);
	if (time_parse_calcutta(s, &t) == 0 && time_format_iso(t, iso) != 0)
		abort();
	(void)phone_normalize(s, e164);
	(void)phone_from_msisdn(s, e164);
	(void)password_reset_normalize(s, code);
	(void)media_parse_filter(s, &w, &h);
	(void)media_type_of(s);
	(void)blog_post_check_body(s, strlen(s));
	(void)text_complaint(s, 1, 255, "too long");
	field_errors_init(&fe);
	(void)validate_since_id(s, &n, &fe);
	(void)validate_category_filter(s, &n, &fe);
	field_errors_release(&fe);
	free(s);
	return 0;
}
