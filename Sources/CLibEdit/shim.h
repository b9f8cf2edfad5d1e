#ifndef SEG_CLIBEDIT_SHIM_H
#define SEG_CLIBEDIT_SHIM_H
#include <stdio.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <histedit.h>

/*
 * Swift does not import variadic C functions, so every el_set / el_get / history call that
 * SegShell needs is wrapped here in a fixed-arity static inline function (the pattern of GRDB's
 * Sources/GRDBSQLite/shim.h around sqlite3_config). Only SegShell imports this module.
 */

/* A prompt callback: returns the prompt text, owned by the caller of el_set. */
typedef char *(*seg_el_prompt_fn)(EditLine *);
/* A user editor function added with EL_ADDFN: returns one of the CC_* codes. */
typedef unsigned char (*seg_el_editor_fn)(EditLine *, int);
/* A character reader (EL_GETCFN): 1 = one character, 0 = end of input, -1 = error (errno). */
typedef int (*seg_el_getc_fn)(EditLine *, wchar_t *);

/* el_init on the standard streams (Swift 6 refuses the mutable C globals stdin/stdout). */
static inline EditLine *seg_el_init_stdio(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/* Writes text to the stdout FILE libedit also writes to, and flushes it. */
static inline void seg_stdout_write(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}

/* EL_PROMPT_ESC: the prompt function and the character that brackets invisible sequences. */
static inline int seg_el_set_prompt(EditLine *el, seg_el_prompt_fn fn, char escape) {
  return el_set(el, EL_PROMPT_ESC, fn, escape);
}

/* EL_CLIENTDATA: an opaque pointer the callbacks read back with seg_el_get_clientdata. */
static inline int seg_el_set_clientdata(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

static inline void *seg_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/* EL_EDITOR: "emacs" or "vi". */
static inline int seg_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

/* The current editor mode ("emacs" or "vi"), or NULL. The string belongs to libedit. */
static inline const char *seg_el_get_editor(EditLine *el) {
  const char *mode = NULL;
  if (el_get(el, EL_EDITOR, &mode) != 0) return NULL;
  return mode;
}

/* EL_SIGNAL: whether libedit installs its own signal handlers while reading. */
static inline int seg_el_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

/* EL_HIST: the History the editor's history commands walk. */
static inline int seg_el_set_history(EditLine *el, History *h) {
  return el_set(el, EL_HIST, history, h);
}

/* EL_ADDFN: a named editor function that bindings can refer to. */
static inline int seg_el_add_function(EditLine *el, const char *name, const char *help,
                                      seg_el_editor_fn fn) {
  return el_set(el, EL_ADDFN, name, help, fn);
}

/* EL_BIND with one flag or key and one command, e.g. ("^I", "seg-complete"). */
static inline int seg_el_bind(EditLine *el, const char *key, const char *command) {
  return el_set(el, EL_BIND, key, command, NULL);
}

/* EL_BIND with a flag: ("-a", key, command) for the vi command map, ("-k", "up", command) for
   an arrow key by name. */
static inline int seg_el_bind_flagged(EditLine *el, const char *flag, const char *key,
                                      const char *command) {
  return el_set(el, EL_BIND, flag, key, command, NULL);
}

/* EL_GETCFN: the function that reads one character. */
static inline int seg_el_set_getc(EditLine *el, seg_el_getc_fn fn) {
  return el_set(el, EL_GETCFN, fn);
}

/* EL_PREP_TERM: 1 puts the terminal in editing (raw) mode, 0 restores cooked mode. */
static inline int seg_el_prepare_terminal(EditLine *el, int raw) {
  return el_set(el, EL_PREP_TERM, raw);
}

/* EL_REFRESH: redraw the prompt and the line. */
static inline int seg_el_refresh(EditLine *el) {
  return el_set(el, EL_REFRESH);
}

/* H_SETSIZE: how many events the history keeps. */
static inline int seg_history_set_size(History *h, int size) {
  HistEvent event;
  return history(h, &event, H_SETSIZE, size);
}

/* H_SETUNIQUE: drop an entry equal to the previous one. */
static inline int seg_history_set_unique(History *h, int on) {
  HistEvent event;
  return history(h, &event, H_SETUNIQUE, on);
}

/* H_ENTER: add an entry as the newest event. */
static inline int seg_history_enter(History *h, const char *entry) {
  HistEvent event;
  return history(h, &event, H_ENTER, entry);
}

/* H_CLEAR: forget every entry. */
static inline int seg_history_clear(History *h) {
  HistEvent event;
  return history(h, &event, H_CLEAR);
}

/* H_GETSIZE: the number of entries. */
static inline int seg_history_count(History *h) {
  HistEvent event;
  if (history(h, &event, H_GETSIZE) < 0) return -1;
  return event.num;
}

/* TIOCGWINSZ: the terminal's width in columns, or 0 when fd is not a terminal. */
static inline int seg_terminal_columns(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return (int)size.ws_col;
}

/* TIOCGWINSZ: the terminal's height in rows, or 0 when fd is not a terminal. */
static inline int seg_terminal_rows(int fd) {
  struct winsize size;
  if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
  return (int)size.ws_row;
}
#endif
