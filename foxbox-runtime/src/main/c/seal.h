/*
 * seal.h - the helper runs from a sealed, anonymous copy of itself (CVE-2019-5736): a process
 * in a box that reaches /proc/<pid>/exe of the helper finds a memfd that cannot be written,
 * not the helper binary on the host.
 */
#ifndef FOXBOX_SEAL_H
#define FOXBOX_SEAL_H

/* Re-executes the helper from a sealed memfd unless it already runs from one; returns on failure. */
int seal_self(char **argv, char **envp);

/* True when this process runs from a sealed memfd. */
int running_sealed(void);

#endif
