/*
 * What a service operation can answer besides the database's own
 * outcomes (negative enum db_rc values).
 */
#ifndef MT_SERVICE_H
#define MT_SERVICE_H

enum svc_rc {
	SVC_OK		= 0,
	SVC_NOT_FOUND	= 1,	/* the object, or the mentor's mentee */
	SVC_PROVIDER	= 2,	/* the provider failed; reason given */
};

#endif
