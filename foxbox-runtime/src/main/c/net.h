/*
 * net.h - the box's host name and, in its own network namespace, its loopback interface.
 */
#ifndef FOXBOX_NET_H
#define FOXBOX_NET_H

#include "errors.h"
#include "plan.h"

int step_hostname(const struct step *s, struct error *err);
int step_loopback(const struct step *s, struct error *err);

#endif
