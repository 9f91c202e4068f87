/*
 * join.h - `foxbox exec`: entering the namespaces of a running box, whose first process has
 * host pid PID. The user namespace comes first (it gives the capabilities the others need),
 * the pid namespace last (it applies to the children made after it).
 */
#ifndef FOXBOX_JOIN_H
#define FOXBOX_JOIN_H

#include <sys/types.h>

#include "errors.h"

int join_box(pid_t pid, struct error *err);

#endif
