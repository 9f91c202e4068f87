/*
 * pty.h - a terminal for the box (-t). The box's child opens it in the box's own devpts
 * instance (so the box sees /dev/pts/0, not a host pty), makes it its controlling terminal, and
 * passes the master side to the parent over a socket; the parent puts the user's terminal in raw
 * mode and copies bytes both ways.
 */
#ifndef FOXBOX_PTY_H
#define FOXBOX_PTY_H

#include <termios.h>

#include "errors.h"
#include "plan.h"

/* Child: the "stdio" step. console_socket is where the master goes (-1 without a tty). */
int step_stdio(const struct step *s, int console_socket, struct error *err);

/* Child: the terminal's fd to give to the box's user, or -1 when the box has none. */
int console_fd_for_user(void);

/* Parent: the master sent by the child, or -1 if the child ended before sending one. */
int pty_receive_master(int console_socket);

/* Parent: the user's terminal in raw mode (saved to restore it); 0 when fd is not a terminal. */
int terminal_make_raw(int fd, struct termios *saved);
void terminal_restore(int fd, const struct termios *saved);
void copy_window_size(int from, int to);

#endif
