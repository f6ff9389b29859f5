/* Route handlers, one group per API area (one file each). */
#ifndef MT_HANDLERS_H
#define MT_HANDLERS_H

#include "fcgi/http.h"

/* api_health.c */
void	handle_healthz(struct request *r);
/* api_auth.c */
void	handle_auth_me(struct request *r);
void	handle_auth_password(struct request *r);

#endif
