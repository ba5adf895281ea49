/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "tessera-core.h"
#include "test-common.h"

G_BEGIN_DECLS

/* A fresh project holding the five sample articles in a folder of its own, and the
 * environment the programs a test runs get (their data home in that folder). */
typedef struct
{
  char  *dir;
  char  *path;
  char **envp;
} ReliabilityFixture;

void             reliability_fixture_set_up    (ReliabilityFixture  *fixture,
                                                gconstpointer        data);
void             reliability_fixture_tear_down (ReliabilityFixture  *fixture,
                                                gconstpointer        data);

/* What a writer said before it was killed, and how it ended. */
typedef struct
{
  GArray   *acknowledged;   /* gint64: ids of the "Annotation N…" lines, in order */
  gboolean  started;        /* the line the kill clock waited for was printed */
  gboolean  killed;         /* it died of our SIGKILL */
  int       exit_status;    /* how it ended by itself, when not killed */
  gint64    clock_start_us; /* monotonic time at which the kill delay began */
} ReliabilityRun;

void             reliability_run_free          (ReliabilityRun      *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReliabilityRun, reliability_run_free)

ReliabilityRun  *reliability_run_and_kill      (const char * const  *argv,
                                                const char * const  *envp,
                                                const char          *start_line,
                                                guint                delay_ms,
                                                guint                timeout_ms);

/* Another program holding the project's write lock (a child process). */
typedef struct
{
  GPid pid;
  int  to_holder;
} ReliabilityHolder;

void             reliability_holder_begin      (ReliabilityHolder   *holder,
                                                const char          *path);
void             reliability_holder_end        (ReliabilityHolder   *holder,
                                                gboolean             commit);

char           **reliability_environ           (const char          *home);
int              reliability_run_cli           (const char * const  *envp,
                                                gboolean             as_other_user,
                                                char               **out_stdout,
                                                char               **out_stderr,
                                                const char          *first_arg,
                                                ...) G_GNUC_NULL_TERMINATED;
void             reliability_assert_project_ok (const char * const  *envp,
                                                const char          *path);
GBytes          *reliability_read_file         (const char          *path);
/* The annotations @ids (gint64) read back from @store, in order, each one there. */
GPtrArray       *reliability_dup_annotations   (TesseraStore        *store,
                                                GArray              *ids);
/* The statistics of the project @path, read by a second, read-only store. */
TesseraStats    *reliability_dup_stats_read_only (const char        *path);
gboolean         reliability_can_switch_user   (void);
char            *reliability_deleted_open_files (const char         *dir);

G_END_DECLS
