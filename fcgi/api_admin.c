/*
 * /mentor/mentee and /mentor/mentor: accounts, for superusers only (the
 * route table enforces it).  POST creates the user and the mentee or
 * mentor in one transaction; password is write-only and stored as
 * argon2id; contact_number is validated and stored in E.164.  A taken
 * username or number is a 400 on that field; PUT of an unknown id 404.
 */
#include "config.h"

#include "auth/password.h"
#include "fcgi/app.h"
#include "fcgi/handlers.h"
#include "fcgi/paginate.h"
#include "fcgi/render.h"
#include "fcgi/validate.h"
#include "services/accounts.h"

/* ---- mentees ---- */

/* GET /mentor/mentee: every mentee, paginated. */
void
handle_mentee_list(struct request *r)
{
	respond_list(r, &mentee_list_all, LIST_ALL, render_mentee_admin);
}

/* POST /mentor/mentee and PUT /mentor/mentee/{id}: 201 or 200. */
static void
mentee_write(struct request *r, bool creating)
{
	struct password_params	pp;
	struct account_input	in;
	struct mentee		m;
	char			contact[PHONE_E164_LEN];

	if (invalid(r, validate_account(r->json, creating, r->arena, &in,
	    contact, &r->fe)))
		return;
	password_params_from_conf(&pp, r->app->conf);
	respond_result(r, creating ?
	    account_create_mentee(r->app->db, r->arena, &pp, &in, &m,
	    &r->detail) :
	    account_update_mentee(r->app->db, r->arena, &pp, r->ids[0], &in,
	    &m, &r->detail), creating ? 201 : 200, render_mentee_admin, &m);
}

void
handle_mentee_create(struct request *r)
{
	mentee_write(r, true);
}

/* GET /mentor/mentee/{id} */
void
handle_mentee_get(struct request *r)
{
	struct mentee	m;

	respond_result(r, mentee_get(r->app->db, r->arena, r->ids[0], &m), 200,
	    render_mentee_admin, &m);
}

/* PUT /mentor/mentee/{id}: the same fields as POST; password optional. */
void
handle_mentee_update(struct request *r)
{
	mentee_write(r, false);
}

/* ---- mentors ---- */

/* GET /mentor/mentor: every mentor, paginated. */
void
handle_mentor_list(struct request *r)
{
	respond_list(r, &mentor_list_all, LIST_ALL, render_mentor_admin);
}

/* POST /mentor/mentor and PUT /mentor/mentor/{id}, as for mentees. */
static void
mentor_write(struct request *r, bool creating)
{
	struct password_params	pp;
	struct mentor_input	in;
	struct mentor		m;
	char			contact[PHONE_E164_LEN];

	if (invalid(r, validate_mentor(r->json, creating, r->arena, &in,
	    contact, &r->fe)))
		return;
	password_params_from_conf(&pp, r->app->conf);
	respond_result(r, creating ?
	    account_create_mentor(r->app->db, r->arena, &pp, &in, &m,
	    &r->detail) :
	    account_update_mentor(r->app->db, r->arena, &pp, r->ids[0], &in,
	    &m, &r->detail), creating ? 201 : 200, render_mentor_admin, &m);
}

void
handle_mentor_create(struct request *r)
{
	mentor_write(r, true);
}

/* GET /mentor/mentor/{id} */
void
handle_mentor_get(struct request *r)
{
	struct mentor	m;

	respond_result(r, mentor_get(r->app->db, r->arena, r->ids[0], &m), 200,
	    render_mentor_admin, &m);
}

/* PUT /mentor/mentor/{id}: the same fields as POST; password optional. */
void
handle_mentor_update(struct request *r)
{
	mentor_write(r, false);
}
