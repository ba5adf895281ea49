/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability"

#include "config.h"

#include "reliability-common.h"

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

/*
 * What the reliability tests share: running a writer (tessera-cli, or the window's test
 * writer) and killing it at a chosen moment while reading what it acknowledged, running
 * tessera-cli, and checking a project both ways (tessera-cli check, tessera_store_check).
 */

void
reliability_run_free (ReliabilityRun *run)
{
  if (run == NULL)
    return;
  g_array_unref (run->acknowledged);
  g_free (run);
}

/* "Annotation 12: Person «x»" or "Annotation 12 already marks…": the annotation exists. */
static void
parse_line (ReliabilityRun *run,
            const char     *line)
{
  const char *prefix = "Annotation ";
  char *end = NULL;
  gint64 id;

  if (!g_str_has_prefix (line, prefix))
    return;
  id = g_ascii_strtoll (line + strlen (prefix), &end, 10);
  if (id > 0 && end != NULL && (*end == ':' || *end == ' '))
    g_array_append_val (run->acknowledged, id);
}

/* Takes the complete lines out of @buffer; a line cut by the kill is not acknowledged. */
static void
take_lines (ReliabilityRun *run,
            GString        *buffer,
            const char     *start_line,
            guint           delay_ms,
            gint64         *deadline)
{
  char *newline;

  while ((newline = memchr (buffer->str, '\n', buffer->len)) != NULL)
    {
      gsize length = (gsize) (newline - buffer->str);
      g_autofree char *line = g_strndup (buffer->str, length);

      g_string_erase (buffer, 0, (gssize) length + 1);
      if (start_line != NULL && !run->started && g_str_has_prefix (line, start_line))
        {
          run->started = TRUE;
          run->clock_start_us = g_get_monotonic_time ();
          *deadline = run->clock_start_us + (gint64) delay_ms * 1000;
        }
      parse_line (run, line);
    }
}

/**
 * reliability_run_and_kill:
 * @start_line: (nullable): start the kill clock when the program prints a line beginning
 *   with this; %NULL to start it at launch
 * @delay_ms: kill that long after the clock starts
 * @timeout_ms: fail if the program has not printed @start_line by then
 *
 * Runs a program whose stdout is a pipe read line by line, and kills it with SIGKILL once
 * the delay has passed (unless it ended by itself before). A program that dies of any
 * other signal fails the test: that is a crash.
 */
ReliabilityRun *
reliability_run_and_kill (const char * const *argv,
                          const char * const *envp,
                          const char         *start_line,
                          guint               delay_ms,
                          guint               timeout_ms)
{
  ReliabilityRun *run = g_new0 (ReliabilityRun, 1);
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 launched = g_get_monotonic_time ();
  gint64 give_up = launched + (gint64) timeout_ms * 1000;
  gint64 deadline = G_MAXINT64;
  gboolean eof = FALSE;
  GPid pid = 0;
  int out_fd = -1;
  int wait_status = 0;
  char chunk[4096];

  run->acknowledged = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (start_line == NULL)
    {
      run->started = TRUE;
      run->clock_start_us = launched;
      deadline = launched + (gint64) delay_ms * 1000;
    }

  g_spawn_async_with_pipes (NULL, (char **) argv, (char **) envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  while (!eof)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 until = MIN (deadline, give_up);
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      int ready;

      if (now >= until)
        break;
      ready = poll (&pfd, 1, (int) ((until - now + 999) / 1000));
      if (ready < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (ready, >=, 0);
      if (ready == 0)
        continue;

      {
        gssize n = read (out_fd, chunk, sizeof chunk);

        if (n < 0 && errno == EINTR)
          continue;
        g_assert_cmpint (n, >=, 0);
        if (n == 0)
          eof = TRUE;
        else
          {
            g_string_append_len (buffer, chunk, n);
            take_lines (run, buffer, start_line, delay_ms, &deadline);
          }
      }
    }

  if (!eof)
    {
      if (!run->started)
        g_test_message ("%s did not print “%s” within %u ms", argv[0], start_line, timeout_ms);
      kill (pid, SIGKILL);

      /* What it wrote before it died is still in the pipe. */
      for (;;)
        {
          gssize n = read (out_fd, chunk, sizeof chunk);

          if (n < 0 && errno == EINTR)
            continue;
          g_assert_cmpint (n, >=, 0);
          if (n == 0)
            break;
          g_string_append_len (buffer, chunk, n);
          take_lines (run, buffer, start_line, delay_ms, &deadline);
        }
    }
  close (out_fd);

  while (waitpid (pid, &wait_status, 0) < 0)
    g_assert_cmpint (errno, ==, EINTR);
  g_spawn_close_pid (pid);

  if (WIFSIGNALED (wait_status))
    {
      /* Only our SIGKILL is acceptable; a SIGSEGV or SIGABRT is a crash. */
      g_assert_false (eof);
      g_assert_cmpint (WTERMSIG (wait_status), ==, SIGKILL);
      run->killed = TRUE;
    }
  else
    run->exit_status = WEXITSTATUS (wait_status);

  g_assert_true (run->started);
  return run;
}

/* The environment of a child: English messages, a private data home, no test hooks. */
char **
reliability_environ (const char *home)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", home, TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LANGUAGE", "C", TRUE);
  envp = g_environ_unsetenv (envp, "TESSERA_ANNOTATOR");
  envp = g_environ_unsetenv (envp, "TESSERA_TEST_BUSY_TIMEOUT_MS");
  envp = g_environ_unsetenv (envp, "TESSERA_TEST_MAX_PAGE_COUNT");
  return envp;
}

/* Root ignores file permissions; to test them honestly, run the program as "nobody". */
static void
become_nobody (gpointer data)
{
  struct passwd *nobody = data;

  if (setgroups (0, NULL) != 0 || setgid (nobody->pw_gid) != 0 || setuid (nobody->pw_uid) != 0)
    _exit (127);
}

/**
 * reliability_run_cli:
 * @as_other_user: run it as "nobody" (only when we are root)
 *
 * Runs tessera-cli ($TESSERA_CLI) with the arguments up to %NULL.
 *
 * Returns: its exit status; a death by signal fails the test
 */
int
reliability_run_cli (const char * const  *envp,
                     gboolean             as_other_user,
                     char               **out_stdout,
                     char               **out_stderr,
                     const char          *first_arg,
                     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  struct passwd *nobody = NULL;
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (char *) g_getenv ("TESSERA_CLI"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (as_other_user)
    {
      nobody = getpwnam ("nobody");
      g_assert_nonnull (nobody);
    }

  g_spawn_sync (NULL, (char **) argv->pdata, (char **) envp, G_SPAWN_DEFAULT,
                as_other_user ? become_nobody : NULL, nobody, &out, &err, &wait_status,
                &error);
  g_assert_no_error (error);

  if (!WIFEXITED (wait_status))
    {
      g_test_message ("tessera-cli %s died\n--- stdout:\n%s--- stderr:\n%s",
                      (char *) argv->pdata[1], out, err);
      g_assert_true (WIFEXITED (wait_status));
    }

  if (out_stdout != NULL)
    *out_stdout = g_steal_pointer (&out);
  if (out_stderr != NULL)
    *out_stderr = g_steal_pointer (&err);
  return WEXITSTATUS (wait_status);
}

/* Whether tessera-cli can be run as "nobody": we are root and the build is reachable. */
gboolean
reliability_can_switch_user (void)
{
  const char *argv[] = { g_getenv ("TESSERA_CLI"), "--version", NULL };
  struct passwd *nobody = getpwnam ("nobody");
  int wait_status = 0;

  if (geteuid () != 0 || nobody == NULL)
    return FALSE;

  /* The build may sit in a folder that other users cannot enter. */
  return g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       become_nobody, nobody, NULL, NULL, &wait_status, NULL) &&
         g_spawn_check_wait_status (wait_status, NULL);
}

/* The project passes `tessera-cli check` and tessera_store_check(). */
void
reliability_assert_project_ok (const char * const *envp,
                               const char         *path)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  status = reliability_run_cli (envp, FALSE, &out, &err, "check", "--project", path, NULL);
  if (status != 0)
    g_test_message ("tessera-cli check: %s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "no problems found"));

  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (store, &problems, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s", (char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);
}

GBytes *
reliability_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/*
 * Another program holding the write lock, half-way through a change of its own. It must be
 * another process: POSIX locks belong to a process, and any close() of the project file in
 * the process holding them (reading the file to compare it) would drop them.
 */
void
reliability_holder_begin (ReliabilityHolder *holder,
                          const char        *path)
{
  int down[2], up[2];
  char answer = 0;

  g_assert_cmpint (pipe (down), ==, 0);
  g_assert_cmpint (pipe (up), ==, 0);
  holder->pid = fork ();
  g_assert_cmpint (holder->pid, >=, 0);

  if (holder->pid == 0)
    {
      sqlite3 *db = NULL;
      char how = 0;
      gboolean ok;

      close (down[1]);
      close (up[0]);
      ok = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
           sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK &&
           sqlite3_exec (db, "INSERT INTO annotator (name, created)"
                             " VALUES ('the other program', '2024-01-01T00:00:00Z')",
                         NULL, NULL, NULL) == SQLITE_OK;
      if (write (up[1], ok ? "L" : "F", 1) != 1 || !ok)
        _exit (1);
      if (read (down[0], &how, 1) != 1)
        _exit (1);
      ok = sqlite3_exec (db, how == 'C' ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL) == SQLITE_OK &&
           sqlite3_close (db) == SQLITE_OK;
      _exit (ok ? 0 : 1);
    }

  close (down[0]);
  close (up[1]);
  g_assert_cmpint (read (up[0], &answer, 1), ==, 1);
  close (up[0]);
  g_assert_cmpint (answer, ==, 'L');
  holder->to_holder = down[1];
}

void
reliability_holder_end (ReliabilityHolder *holder,
                        gboolean           commit)
{
  int wait_status = 0;

  g_assert_cmpint (write (holder->to_holder, commit ? "C" : "R", 1), ==, 1);
  close (holder->to_holder);
  g_assert_cmpint (waitpid (holder->pid, &wait_status, 0), ==, holder->pid);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
}

/**
 * reliability_deleted_open_files:
 *
 * Returns: (nullable): the files under @dir this process has open although they were
 *   deleted ("x-wal (deleted), …"), or %NULL
 */
char *
reliability_deleted_open_files (const char *dir)
{
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  g_autoptr(GString) found = g_string_new (NULL);
  const char *name;
  gboolean none;

  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *link = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      if (target != NULL && g_str_has_prefix (target, dir) &&
          g_str_has_suffix (target, " (deleted)"))
        g_string_append_printf (found, "%s%s", found->len > 0 ? ", " : "", target);
    }
  none = found->len == 0;
  return g_string_free (g_steal_pointer (&found), none);
}

void
reliability_fixture_set_up (ReliabilityFixture *fixture,
                            gconstpointer       data)
{
  fixture->dir = test_make_tmp_dir ("tessera-reliability-XXXXXX");
  fixture->path = test_make_seeded_project (fixture->dir, "project.tessera");
  fixture->envp = reliability_environ (fixture->dir);
}

void
reliability_fixture_tear_down (ReliabilityFixture *fixture,
                               gconstpointer       data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_strfreev (fixture->envp);
}

GPtrArray *
reliability_dup_annotations (TesseraStore *store,
                             GArray       *ids)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      TesseraAnnotation *annotation =
        tessera_store_dup_annotation (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (annotation);
      g_ptr_array_add (annotations, annotation);
    }
  return annotations;
}

TesseraStats *
reliability_dup_stats_read_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) second = tessera_store_open (path, TESSERA_STORE_OPEN_READ_ONLY,
                                                      &error);
  TesseraStats *stats;

  g_assert_no_error (error);
  stats = tessera_store_dup_stats (second, 0, &error);
  g_assert_no_error (error);
  return stats;
}
