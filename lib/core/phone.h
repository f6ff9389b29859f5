/*
 * Phone numbers in E.164: "+" and 8 to 15 digits, the first not 0.
 */
#ifndef MT_PHONE_H
#define MT_PHONE_H

#define PHONE_E164_LEN	17	/* "+" 15 digits NUL */

/*
 * Normalises a number typed by a person: spaces, dashes, dots and
 * parentheses are dropped, a leading "00" becomes "+".  A number without
 * an international prefix is refused (there is no default country).
 * Returns 0 with out set, or -1.
 */
int	phone_normalize(const char *in, char out[PHONE_E164_LEN]);
/*
 * Normalises an MSISDN as providers send it ("919876543321", maybe with
 * a "+"): digits only, made E.164.  0 or -1.
 */
int	phone_from_msisdn(const char *in, char out[PHONE_E164_LEN]);

#endif
