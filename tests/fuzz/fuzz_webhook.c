/*
 * OnionDev's three webhook bodies (call end, IVR feedback, SMS), as its
 * parsers read them: the first byte chooses the kind.
 */
#include "config.h"

#include "core/arena.h"
#include "providers/webhook.h"
#include "fuzz.h"

static const char *const endpoints[] = {
	"onion_dev_call_end", "onion_dev_feedback", "onion_dev_message"
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct webhook_kind	*k;
	struct webhook_report		 rep;
	struct arena			 a;
	const char			*why;

	if (size == 0)
		return 0;
	k = webhook_kind_find(endpoints[data[0] % 3]);
	if (k == NULL || size - 1 > k->max_body)
		return 0;
	arena_init(&a, 1 << 20);
	(void)k->parse(&a, (const char *)data + 1, size - 1, &rep, &why);
	arena_release(&a);
	return 0;
}
