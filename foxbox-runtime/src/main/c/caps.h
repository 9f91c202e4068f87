/*
 * caps.h - the box's privileges: capability sets, no_new_privs, and the seccomp filter.
 */
#ifndef FOXBOX_CAPS_H
#define FOXBOX_CAPS_H

#include "errors.h"
#include "plan.h"

int step_bounding(const struct step *s, struct error *err);
int step_caps(const struct step *s, struct error *err);
int step_no_new_privs(const struct step *s, struct error *err);
int step_seccomp(const struct step *s, struct error *err);

#endif
