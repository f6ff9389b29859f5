/*
 * A FastCGI worker process: the accept loop over the shared listening
 * socket, one request at a time, with one persistent database connection.
 */
#ifndef MT_WORKER_H
#define MT_WORKER_H

#include "core/conf.h"

/*
 * Serves requests on listen_fd until SIGTERM (the request in hand is
 * finished first) or until fcgi.max_requests have been served.  Returns
 * the process exit status.
 */
int	worker_main(const struct conf *c, int listen_fd);

#endif
