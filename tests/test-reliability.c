/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability"

#include "config.h"

#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "reliability-common.h"

/*
 * Crash safety and fault injection, through the real tessera-cli and the store: a writer
 * killed mid-burst, a full disk, a project locked by another program, read-only files and
 * folders, damaged files. After each, the project must pass its check and hold every
 * change that was acknowledged, and nothing that was refused.
 */

#define SEED 20240605

typedef ReliabilityFixture Fixture;

static char **
environ_with (Fixture    *fixture,
              const char *variable,
              const char *value)
{
  return g_environ_setenv (g_strdupv (fixture->envp), variable, value, TRUE);
}

static guint
count_annotations (const char *path,
                   gint64      document_id)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  annotations = tessera_store_dup_annotations (store, document_id, &error);
  g_assert_no_error (error);
  return annotations->len;
}

/* The number of pages the project holds now, as SQLite counts them (WAL included). */
static gint64
page_count (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* Crash safety ------------------------------------------------------------------------ */

#define N_KILLS 50

/*
 * tessera-cli annotate --repeat marks span after span, printing each one once it is
 * committed; it is killed at a random moment (fixed seed), 50 times on the same project.
 * Run k marks spans of its own length and type on its own document, so what each run left
 * can be told apart.
 */
static void
test_cli_killed_while_annotating (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char * const keys[] = { "person", "organisation" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  guint lengths[6] = { 0 };
  guint n_killed = 0, n_acknowledged = 0, n_unacknowledged = 0, n_before_first = 0;

  {
    g_autoptr(TesseraStore) store = tessera_store_open (fixture->path, 0, NULL);

    for (gint64 document = 1; document <= 5; document++)
      {
        g_autoptr(TesseraDocument) doc = tessera_store_dup_document (store, document, NULL);

        g_assert_nonnull (doc);
        lengths[document] = tessera_document_get_length (doc);
      }
  }

  for (guint run_index = 0; run_index < N_KILLS; run_index++)
    {
      gint64 document = run_index % 5 + 1;
      guint span = (run_index / 5) % 5 + 1;
      const char *key = keys[run_index / 25];
      g_autofree char *document_arg = g_strdup_printf ("%" G_GINT64_FORMAT, document);
      g_autofree char *end_arg = g_strdup_printf ("%u", span);
      g_autofree char *repeat_arg = g_strdup_printf ("%u", lengths[document] / span);
      const char *argv[] = {
        g_getenv ("TESSERA_CLI"), "annotate", "--project", fixture->path, document_arg,
        "--type", key, "--start", "0", "--end", end_arg, "--repeat", repeat_arg, NULL
      };
      /* One kill in five counts from launch, so that some land while the project opens;
       * the others from the first acknowledged annotation, in the middle of the burst. */
      gboolean from_launch = run_index % 5 == 4;
      guint delay_ms = from_launch ? (guint) g_rand_int_range (rand, 0, 30)
                                   : (guint) g_rand_int_range (rand, 0, 80);
      g_autoptr(ReliabilityRun) run = NULL;
      g_autoptr(TesseraStore) store = NULL;
      g_autoptr(GPtrArray) annotations = NULL;
      g_autoptr(GError) error = NULL;
      gint64 wanted_type;
      guint n_found = 0;

      run = reliability_run_and_kill (argv, (const char * const *) fixture->envp,
                                      from_launch ? NULL : "Annotation ", delay_ms, 10000);
      if (run->killed)
        n_killed++;
      else
        g_assert_cmpint (run->exit_status, ==, 0);
      if (run->acknowledged->len == 0)
        n_before_first++;

      reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);

      /* Every acknowledged annotation is there, with its span. */
      store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      wanted_type = test_type_id (store, key);
      for (guint k = 0; k < run->acknowledged->len; k++)
        {
          gint64 id = g_array_index (run->acknowledged, gint64, k);
          g_autoptr(TesseraAnnotation) annotation = tessera_store_dup_annotation (store, id,
                                                                                  &error);

          g_assert_no_error (error);
          g_assert_cmpint (tessera_annotation_get_document_id (annotation), ==, document);
          g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, wanted_type);
          g_assert_cmpuint (tessera_annotation_get_start (annotation), ==, k * span);
          g_assert_cmpuint (tessera_annotation_get_end (annotation), ==, (k + 1) * span);
        }

      /* At most one more: committed, then killed before it could say so. */
      annotations = tessera_store_dup_annotations (store, document, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < annotations->len; i++)
        {
          TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);

          guint length = tessera_annotation_get_end (annotation) -
                         tessera_annotation_get_start (annotation);

          if (tessera_annotation_get_type_id (annotation) == wanted_type && length == span)
            n_found++;
        }
      g_assert_cmpuint (n_found, >=, run->acknowledged->len);
      g_assert_cmpuint (n_found, <=, run->acknowledged->len + 1);

      n_acknowledged += run->acknowledged->len;
      n_unacknowledged += n_found - run->acknowledged->len;
    }

  g_test_message ("%u of %u runs killed (%u before their first annotation); %u annotations "
                  "acknowledged, all kept; %u committed but not yet acknowledged",
                  n_killed, N_KILLS, n_before_first, n_acknowledged, n_unacknowledged);
  g_assert_cmpuint (n_killed, >=, N_KILLS - 5);
  g_assert_cmpuint (n_acknowledged, >, 0);

  /* The history survived the kills too: undo still works. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out,
                                          &err, "undo", "--project", fixture->path, NULL),
                     ==, 0);
    reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  }
}

/* Disk full ----------------------------------------------------------------------------- */

static void
test_disk_full_store (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, page_count (fixture->path) + 2);
  g_autofree char *big_text = NULL;
  TesseraDocumentInfo info = { .title = (char *) "Trop long" };
  gint64 person;

  g_setenv ("TESSERA_TEST_MAX_PAGE_COUNT", limit, TRUE);
  store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("TESSERA_TEST_MAX_PAGE_COUNT");
  g_assert_no_error (error);
  person = test_type_id (store, "person");

  /* Mark one character after another until the disk is "full". */
  for (guint start = 0; start < 2000; start++)
    {
      TesseraRange range = { start, start + 1 };
      gint64 id = tessera_store_add_annotation (store, 1, person, &range, 1, NULL, &error);

      if (id == 0)
        break;
      g_array_append_val (kept, id);
    }
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_FULL);
  test_assert_contains (error->message, "disk");
  test_assert_contains (error->message, "full");
  test_assert_contains (error->message, "not saved");
  g_assert_cmpuint (kept->len, >, 0);
  g_clear_error (&error);

  /* The refused change left nothing behind, and the store still reads. */
  {
    g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, kept->len);
  }

  /* A larger change fails the same way, whole. */
  big_text = g_strnfill (64 * 1024, 'a');
  g_assert_cmpint (tessera_store_add_document (store, &info, big_text, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_FULL);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==, 5);
  g_clear_object (&store);

  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);

  /* With room again, everything before the failure is there and work goes on. */
  store = test_open_existing_project (fixture->path);
  {
    g_autoptr(GPtrArray) annotations = reliability_dup_annotations (store, kept);

    for (guint i = 0; i < annotations->len; i++)
      g_assert_cmpuint (tessera_annotation_get_start (g_ptr_array_index (annotations, i)), ==,
                        i);
  }
  {
    TesseraRange range = { 2500, 2510 };

    g_assert_cmpint (tessera_store_add_annotation (store, 1, person, &range, 1, NULL, &error),
                     >, 0);
    g_assert_no_error (error);
  }
}

static void
test_disk_full_cli (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, page_count (fixture->path) + 2);
  g_auto(GStrv) envp = environ_with (fixture, "TESSERA_TEST_MAX_PAGE_COUNT", limit);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_printed = 0;
  int status;

  status = reliability_run_cli ((const char * const *) envp, FALSE, &out, &err, "annotate",
                                "--project", fixture->path, "1", "--type", "place",
                                "--start", "0", "--end", "1", "--repeat", "2000", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, "tessera-cli: The disk holding"));
  test_assert_contains (err, "is full; the change was not saved");

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n_printed += g_str_has_prefix (lines[i], "Annotation ");
  g_assert_cmpuint (n_printed, >, 0);

  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  g_assert_cmpuint (count_annotations (fixture->path, 1), ==, n_printed);
}

/*
 * A real full disk: a small tmpfs in a private mount namespace (no privilege needed where
 * user namespaces are allowed), holding the project and little else.
 */
static const char tmpfs_script[] =
  "set -e\n"
  "mkdir \"$2/disk\"\n"
  "mount -t tmpfs -o size=$(( $(stat -c %s \"$3\") + 524288 )) tmpfs \"$2/disk\"\n"
  "cp \"$3\" \"$2/disk/full.tessera\"\n"
  /* Fill what is left but 192 kB: room for the -shm file and a few changes. */
  "dd if=/dev/zero of=\"$2/disk/filler\" bs=4096 2>/dev/null || true\n"
  "truncate -s -196608 \"$2/disk/filler\"\n"
  "set +e\n"
  "\"$1\" annotate --project \"$2/disk/full.tessera\" 1 --type date --start 0 --end 1"
  " --repeat 2000 >\"$2/annotate.out\" 2>\"$2/annotate.err\"\n"
  "echo $? >\"$2/annotate.status\"\n"
  "\"$1\" check --project \"$2/disk/full.tessera\" >\"$2/check.out\" 2>&1\n"
  "echo $? >\"$2/check.status\"\n"
  "\"$1\" show --json --project \"$2/disk/full.tessera\" 1 >\"$2/show.out\" 2>&1\n"
  "exit 0\n";

static char *
read_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static void
test_disk_full_tmpfs (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *program = g_find_program_in_path ("unshare");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *status_text = NULL;
  g_autofree char *annotate_out = NULL;
  g_autofree char *annotate_err = NULL;
  g_autofree char *check_status = NULL;
  g_autofree char *check_out = NULL;
  g_autofree char *show_out = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_printed = 0;
  int wait_status = 0;
  const char *argv[] = {
    "unshare", "--user", "--map-root-user", "--mount", "sh", "-c", tmpfs_script, "sh",
    g_getenv ("TESSERA_CLI"), fixture->dir, fixture->path, NULL
  };

  if (program == NULL)
    {
      g_test_skip ("unshare is not installed");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, fixture->envp, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_autofree char *message = g_strdup_printf ("no private tmpfs here: %s", err);

      g_test_skip (message);
      return;
    }

  status_text = read_text (fixture->dir, "annotate.status");
  annotate_out = read_text (fixture->dir, "annotate.out");
  annotate_err = read_text (fixture->dir, "annotate.err");
  check_status = read_text (fixture->dir, "check.status");
  check_out = read_text (fixture->dir, "check.out");
  show_out = read_text (fixture->dir, "show.out");
  g_test_message ("annotate: %s%s", annotate_err, status_text);

  /* The write that found no room failed with the message, and nothing else did. */
  g_assert_cmpstr (g_strstrip (status_text), ==, "1");
  g_assert_true (g_str_has_prefix (annotate_err, "tessera-cli: The disk holding"));
  test_assert_contains (annotate_err, "is full; the change was not saved");

  /* The project on the full disk is still valid and holds what was acknowledged. */
  g_test_message ("check: %s", check_out);
  g_assert_cmpstr (g_strstrip (check_status), ==, "0");
  lines = g_strsplit (annotate_out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Annotation "))
        {
          g_autofree char *needle = g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",",
                                                     g_ascii_strtoll (lines[i] + 11, NULL, 10));

          test_assert_contains (show_out, needle);
          n_printed++;
        }
    }
  g_test_message ("%u annotations saved before the disk was full", n_printed);
  g_assert_cmpuint (n_printed, >, 0);
}

/* Locked by another program ------------------------------------------------------------ */

static void
test_locked_cli_gives_up (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(GStrv) envp = environ_with (fixture, "TESSERA_TEST_BUSY_TIMEOUT_MS", "400");
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  ReliabilityHolder holder = { 0, -1 };
  gint64 started;
  int status;

  reliability_holder_begin (&holder, fixture->path);
  before = reliability_read_file (fixture->path);

  started = g_get_monotonic_time ();
  status = reliability_run_cli ((const char * const *) envp, FALSE, &out, &err, "annotate",
                                "--project", fixture->path, "1", "--type", "person",
                                "--start", "0", "--end", "5", NULL);
  g_assert_cmpint (status, ==, 1);
  /* It waited for the other program before giving up. */
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 400 * 1000);
  g_assert_true (g_str_has_prefix (err, "tessera-cli: The project “project.tessera” is in use "
                                        "by another program; nothing was changed"));
  g_assert_cmpstr (out, ==, "");

  /* The same for undo. */
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (reliability_run_cli ((const char * const *) envp, FALSE, &out, &err, "undo",
                                        "--project", fixture->path, NULL), ==, 1);
  test_assert_contains (err, "is in use by another program");

  after = reliability_read_file (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
  reliability_holder_end (&holder, FALSE);

  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  g_assert_cmpuint (count_annotations (fixture->path, 1), ==, 0);
}

/* Whether the process @pid has the file @path open and sleeps, as SQLite's busy handler
 * does between two tries at a lock (Linux: /proc). */
static gboolean
sleeps_with_open (GPid        pid,
                  const char *path)
{
  g_autofree char *fd_dir = g_strdup_printf ("/proc/%d/fd", (int) pid);
  g_autofree char *wchan_path = g_strdup_printf ("/proc/%d/wchan", (int) pid);
  g_autofree char *wchan = NULL;
  g_autofree char *real_path = realpath (path, NULL);
  g_autoptr(GDir) dir = g_dir_open (fd_dir, 0, NULL);
  gboolean has_open = FALSE;
  const char *name;

  g_assert_nonnull (real_path);
  while (dir != NULL && !has_open && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *link = g_build_filename (fd_dir, name, NULL);
      g_autofree char *target = g_file_read_link (link, NULL);

      has_open = g_strcmp0 (target, real_path) == 0;
    }
  return has_open && g_file_get_contents (wchan_path, &wchan, NULL, NULL) &&
         strstr (wchan, "sleep") != NULL;
}

/* With the default timeout (5 s), a lock released while the CLI waits for it only delays the
 * change. */
static void
test_locked_cli_waits (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *argv[] = {
    g_getenv ("TESSERA_CLI"), "annotate", "--project", fixture->path, "1", "--type", "person",
    "--start", "0", "--end", "5", NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  ReliabilityHolder holder = { 0, -1 };
  GPid pid = 0;
  int out_fd = -1;
  int wait_status = 0;
  gint64 deadline;
  char chunk[1024];
  gssize n;

  reliability_holder_begin (&holder, fixture->path);
  g_spawn_async_with_pipes (NULL, (char **) argv, fixture->envp, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* The lock is released once the CLI is seen waiting for it, not after a set time: on a
   * busy machine the CLI may take longer than that to get there. Looked at every 10 ms,
   * unless the CLI writes or ends first (it must not: it cannot have the lock). */
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!sleeps_with_open (pid, fixture->path))
    {
      struct pollfd output = { out_fd, POLLIN, 0 };

      if (g_get_monotonic_time () > deadline)
        g_error ("tessera-cli did not start waiting for the lock in 60 s");
      g_assert_cmpint (poll (&output, 1, 10), ==, 0);
    }
  reliability_holder_end (&holder, TRUE);

  while ((n = read (out_fd, chunk, sizeof chunk)) > 0)
    g_string_append_len (out, chunk, n);
  close (out_fd);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
  g_assert_true (g_str_has_prefix (out->str, "Annotation "));

  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  g_assert_cmpuint (count_annotations (fixture->path, 1), ==, 1);
}

static void
test_locked_store (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TesseraRange first = { 0, 5 }, second = { 10, 20 };
  ReliabilityHolder holder = { 0, -1 };
  gint64 person, id;

  g_setenv ("TESSERA_TEST_BUSY_TIMEOUT_MS", "200", TRUE);
  store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_unsetenv ("TESSERA_TEST_BUSY_TIMEOUT_MS");
  g_assert_no_error (error);
  person = test_type_id (store, "person");
  id = tessera_store_add_annotation (store, 1, person, &first, 1, NULL, &error);
  g_assert_no_error (error);

  reliability_holder_begin (&holder, fixture->path);

  g_assert_cmpint (tessera_store_add_annotation (store, 1, person, &second, 1, NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_false (tessera_store_set_annotation_note (store, id, "note", &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_BUSY);
  g_clear_error (&error);
  g_assert_null (tessera_store_undo (store, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_BUSY);
  g_clear_error (&error);

  /* Reading does not wait for a writer. */
  {
    g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, 1, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, 1);
  }

  reliability_holder_end (&holder, FALSE);

  /* Once the other program is done, the same store carries on. */
  g_assert_cmpint (tessera_store_add_annotation (store, 1, person, &second, 1, NULL, &error),
                   >, 0);
  g_assert_no_error (error);
  g_assert_nonnull (tessera_store_undo (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  g_assert_cmpuint (count_annotations (fixture->path, 1), ==, 1);
}

/* Read-only ----------------------------------------------------------------------------- */

static void
test_read_only_flag (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) before = reliability_read_file (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TesseraRange range = { 0, 5 };
  TesseraDocumentInfo info = { .title = (char *) "Nouveau" };

  store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_is_read_only (store));
  g_assert_cmpstr (tessera_store_get_read_only_reason (store), ==,
                   "it was opened for reading only");

  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==, 5);
  text = tessera_store_dup_document_text (store, 1, &error);
  g_assert_no_error (error);

  g_assert_cmpint (tessera_store_add_annotation (store, 1, test_type_id (store, "person"), &range, 1,
                                                 NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY);
  test_assert_contains (error->message, "open for reading only (it was opened for reading only)");
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_document (store, &info, "Un texte.", NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (tessera_store_can_undo (store));
  g_clear_object (&store);

  after = reliability_read_file (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

/* Root writes through any permission: the CLI then runs as "nobody" to meet them. */
static gboolean
prepare_permissions_test (Fixture  *fixture,
                          gboolean *out_as_other_user)
{
  if (geteuid () == 0)
    {
      if (!reliability_can_switch_user ())
        {
          g_test_skip ("running as root, and cannot run tessera-cli as another user");
          return FALSE;
        }
      *out_as_other_user = TRUE;
    }
  else
    *out_as_other_user = FALSE;

  /* Reachable by the other user; writable by nobody but us. */
  g_assert_cmpint (g_chmod (fixture->dir, 0755), ==, 0);
  return TRUE;
}

static void
assert_reads_but_refuses_edits (Fixture    *fixture,
                                gboolean    as_other_user,
                                const char *reason)
{
  g_autoptr(GBytes) before = reliability_read_file (fixture->path);
  g_autoptr(GBytes) after = NULL;
  const char * const *envp = (const char * const *) fixture->envp;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *expected = g_strdup_printf ("tessera-cli: The project is open for reading "
                                               "only (%s); nothing was changed\n", reason);

  g_assert_cmpint (reliability_run_cli (envp, as_other_user, &out, &err, "show", "--project",
                                        fixture->path, "1", NULL), ==, 0);
  test_assert_contains (out, "Document 1: Les chefs d’état-major");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (reliability_run_cli (envp, as_other_user, &out, &err, "check", "--project",
                                        fixture->path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (reliability_run_cli (envp, as_other_user, &out, &err, "annotate",
                                        "--project", fixture->path, "1", "--type", "person",
                                        "--start", "0", "--end", "5", NULL), ==, 1);
  g_assert_cmpstr (err, ==, expected);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (reliability_run_cli (envp, as_other_user, &out, &err, "undo", "--project",
                                        fixture->path, NULL), ==, 1);
  g_assert_cmpstr (err, ==, expected);

  after = reliability_read_file (fixture->path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_read_only_file (Fixture       *fixture,
                     gconstpointer  data)
{
  gboolean as_other_user;

  if (!prepare_permissions_test (fixture, &as_other_user))
    return;

  g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
  assert_reads_but_refuses_edits (fixture, as_other_user, "the project file is read-only");
}

static void
test_read_only_folder (Fixture       *fixture,
                       gconstpointer  data)
{
  gboolean as_other_user;

  if (!prepare_permissions_test (fixture, &as_other_user))
    return;

  /* The file itself could be written; the folder, where the -wal goes, cannot. */
  g_assert_cmpint (g_chmod (fixture->path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
  assert_reads_but_refuses_edits (fixture, as_other_user,
                                  "the folder holding the project is read-only");
}

/* A writer killed in a folder that then turns read-only: its last changes are in the -wal,
 * and a reader must see them. */
static void
test_read_only_folder_after_crash (Fixture       *fixture,
                                   gconstpointer  data)
{
  const char *argv[] = {
    g_getenv ("TESSERA_CLI"), "annotate", "--project", fixture->path, "2", "--type", "event",
    "--start", "0", "--end", "2", "--repeat", "1000", NULL
  };
  g_autoptr(ReliabilityRun) run = NULL;
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean as_other_user;

  if (!prepare_permissions_test (fixture, &as_other_user))
    return;

  run = reliability_run_and_kill (argv, (const char * const *) fixture->envp, "Annotation ",
                                  40, 10000);
  g_assert_true (run->killed);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (run->acknowledged->len, >, 0);

  g_assert_cmpint (g_chmod (fixture->path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);

  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, as_other_user,
                                        &out, &err, "show", "--json", "--project",
                                        fixture->path, "2", NULL), ==, 0);
  for (guint i = 0; i < run->acknowledged->len; i++)
    {
      g_autofree char *needle =
        g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",",
                         g_array_index (run->acknowledged, gint64, i));

      test_assert_contains (out, needle);
    }
}

/* Damaged files -------------------------------------------------------------------------- */

typedef enum
{
  DAMAGE_NONE,
  DAMAGE_REFUSED,    /* not opened: not a project, or damaged */
  DAMAGE_FOUND,      /* opened; the check reports it */
} DamageOutcome;

/* Opens and checks a damaged copy in-process and through tessera-cli; nothing may crash, and
 * the damage must be reported one way or the other. */
static DamageOutcome
inspect_damaged (Fixture    *fixture,
                 const char *path)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *name = g_path_get_basename (path);
  DamageOutcome outcome;
  int status;

  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_assert_true (error->domain == TESSERA_STORE_ERROR);
      g_assert_true (error->code == TESSERA_STORE_ERROR_CORRUPT ||
                     error->code == TESSERA_STORE_ERROR_NOT_A_PROJECT);
      test_assert_contains (error->message, name);
      outcome = DAMAGE_REFUSED;
    }
  else
    {
      GListModel *documents = tessera_store_get_documents (store);

      /* Whatever can be read, read it: a damaged page must give errors, not crashes. */
      for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
        {
          g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
          gint64 id = tessera_document_get_id (document);
          g_autofree char *text = tessera_store_dup_document_text (store, id, NULL);
          g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, id, NULL);
        }

      if (!tessera_store_check (store, &problems, &error))
        {
          g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT);
          outcome = DAMAGE_FOUND;
        }
      else
        outcome = problems->len > 0 ? DAMAGE_FOUND : DAMAGE_NONE;
    }
  g_clear_object (&store);

  status = reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                "check", "--project", path, NULL);
  if (outcome == DAMAGE_NONE)
    g_assert_cmpint (status, ==, 0);
  else
    {
      g_assert_cmpint (status, ==, 1);
      g_assert_true (g_str_has_prefix (err, "tessera-cli: "));
      g_assert_cmpstr (out, ==, "");
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The other commands fail cleanly too. */
  status = reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                "list", "--project", path, NULL);
  g_assert_true (status == 0 || status == 1);

  return outcome;
}

static char *
damaged_copy (Fixture    *fixture,
              const char *name,
              GBytes     *contents,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, g_bytes_get_data (contents, NULL), (gssize) length, &error);
  g_assert_no_error (error);
  return path;
}

static void
add_some_annotations (Fixture *fixture)
{
  g_autoptr(TesseraStore) store = tessera_store_open (fixture->path, 0, NULL);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 40; i++)
    {
      TesseraRange range = { i * 3, i * 3 + 2 };

      tessera_store_add_annotation (store, 1 + i % 5, test_type_id (store, i % 2 ? "place" : "date"),
                                    &range, 1, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
test_damaged_zero_bytes (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "empty.tessera", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (inspect_damaged (fixture, path), ==, DAMAGE_REFUSED);
  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                        "check", "--project", path, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "tessera-cli: “"));
  test_assert_contains (err, "empty.tessera” is not a Tessera project: the file is empty (0 bytes)\n");
}

static void
test_damaged_truncated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GBytes) contents = NULL;
  gsize length;
  /* Half the file; then less than its first page; then less than its header. */
  gsize cuts[3];

  add_some_annotations (fixture);
  contents = reliability_read_file (fixture->path);
  length = g_bytes_get_size (contents);
  cuts[0] = length / 2;
  cuts[1] = 1000;
  cuts[2] = 50;

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autofree char *name = g_strdup_printf ("truncated-%u.tessera", i);
      g_autofree char *path = damaged_copy (fixture, name, contents, cuts[i]);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (inspect_damaged (fixture, path), !=, DAMAGE_NONE);
      reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err, "check",
                           "--project", path, NULL);
      g_test_message ("cut at %" G_GSIZE_FORMAT " bytes: %s", cuts[i], err);
    }
}

/* Every page of the file in turn overwritten with random bytes (fixed seed). */
static void
test_damaged_random_pages (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GBytes) contents = NULL;
  gsize length, page_size = 4096;
  guint n_refused = 0, n_found = 0;

  add_some_annotations (fixture);
  contents = reliability_read_file (fixture->path);
  length = g_bytes_get_size (contents);
  g_assert_cmpuint (length % page_size, ==, 0);

  for (gsize page = 0; page < length / page_size; page++)
    {
      g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), length);
      g_autofree char *name = g_strdup_printf ("page-%" G_GSIZE_FORMAT ".tessera", page + 1);
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      DamageOutcome outcome;

      /* Page 1 keeps its first 100 bytes, the file header, so that SQLite reads it. */
      for (gsize i = page == 0 ? 100 : 0; i < page_size; i++)
        bytes[page * page_size + i] = (guint8) g_rand_int_range (rand, 0, 256);
      g_file_set_contents (path, (const char *) bytes, (gssize) length, &error);
      g_assert_no_error (error);

      outcome = inspect_damaged (fixture, path);
      if (outcome == DAMAGE_NONE)
        g_test_message ("page %" G_GSIZE_FORMAT ": damage not found", page + 1);
      g_assert_cmpint (outcome, !=, DAMAGE_NONE);
      n_refused += outcome == DAMAGE_REFUSED;
      n_found += outcome == DAMAGE_FOUND;
      g_remove (path);
    }

  g_test_message ("%" G_GSIZE_FORMAT " pages damaged one at a time: %u refused at open, %u "
                  "found by the check", length / page_size, n_refused, n_found);
}

static void
test_damaged_header (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GBytes) contents = reliability_read_file (fixture->path);
  gsize length = g_bytes_get_size (contents);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), length);
  g_autofree char *path = g_build_filename (fixture->dir, "header.tessera", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint i = 0; i < 100; i++)
    bytes[i] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));
  g_assert_cmpint (inspect_damaged (fixture, path), ==, DAMAGE_REFUSED);
}

/* The page listing the documents is damaged: the project must be refused, not shown with
 * no documents, and a document must not be called missing when it cannot be read. */
static void
test_damaged_document_list (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GBytes) contents = reliability_read_file (fixture->path);
  gsize length = g_bytes_get_size (contents);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), length);
  g_autofree char *path = g_build_filename (fixture->dir, "documents.tessera", NULL);
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root_page;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema"
                                           " WHERE name = 'document'", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root_page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  memset (bytes + (root_page - 1) * 4096, 0xA5, 4096);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));

  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT);
  test_assert_contains (error->message, "documents.tessera” is damaged");

  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                        "list", "--project", path, NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  test_assert_contains (err, "is damaged");
}

/* Two programs ---------------------------------------------------------------------------- */

/* A change another program commits just before one of ours is still seen by the poll. */
static void
test_external_change_before_own (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(TesseraStore) window = tessera_store_open (fixture->path, 0, NULL);
  g_autoptr(TesseraStore) other = tessera_store_open (fixture->path, 0, NULL);
  g_autoptr(TesseraAnnotationList) shown = NULL;
  g_autoptr(GError) error = NULL;
  TesseraRange theirs = { 0, 5 }, ours = { 10, 20 };
  gint64 their_id, our_id;

  shown = tessera_annotation_list_new (window, 1, &error);
  g_assert_no_error (error);

  their_id = tessera_store_add_annotation (other, 1, test_type_id (other, "person"), &theirs, 1,
                                           NULL, &error);
  g_assert_no_error (error);
  our_id = tessera_store_add_annotation (window, 1, test_type_id (window, "place"), &ours, 1, NULL,
                                         &error);
  g_assert_no_error (error);

  g_assert_true (tessera_store_poll_external_changes (window));
  g_assert_nonnull (tessera_annotation_list_lookup (shown, their_id));
  g_assert_nonnull (tessera_annotation_list_lookup (shown, our_id));
  g_assert_false (tessera_store_poll_external_changes (window));
}

/* One process, one project ------------------------------------------------------------- */

/* What in a process that has the project open may meet the project's file under some
 * name: each must leave the connection's locks alone. */
typedef enum
{
  READER_SECOND_STORE,
  READER_IS_PROJECT,
  READER_IS_TEI,
  READER_IMPORT,
  READER_IMPORT_SHM,
  READER_SCHEMA,
  READER_EXPORT,
  READER_FOREIGN,
  N_READERS
} Reader;

static const char * const reader_names[] = {
  "a second store", "tessera_store_file_is_project()", "tessera_tei_file_is_tei()",
  "an import of the project", "an import of its -shm", "the project as a schema",
  "an export over the project",
  "another library opening and closing the project and its -shm",
};

static void
run_reader (Reader        reader,
            TesseraStore *store,
            const char   *path,
            const char   *other_name)
{
  g_autoptr(GError) error = NULL;

  switch (reader)
    {
    case READER_SECOND_STORE:
      {
        g_autoptr(TesseraStats) stats = reliability_dup_stats_read_only (other_name);
      }
      break;
    case READER_IS_PROJECT:
      g_assert_true (tessera_store_file_is_project (other_name));
      break;
    case READER_IS_TEI:
      g_assert_false (tessera_tei_file_is_tei (other_name));
      break;
    case READER_IMPORT:
    case READER_IMPORT_SHM:
      {
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);
        const char *paths[] = { reader == READER_IMPORT ? other_name : shm, NULL };
        g_autoptr(GPtrArray) results = tessera_import_paths (store, paths, &error);
        TesseraImportResult *result;

        g_assert_no_error (error);
        g_assert_cmpuint (results->len, ==, 1);
        result = g_ptr_array_index (results, 0);
        g_assert_error (result->error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT);
      }
      break;
    case READER_SCHEMA:
      {
        g_autoptr(TesseraTeiValidator) validator = tessera_tei_validator_new (other_name, NULL,
                                                                             &error);

        g_assert_null (validator);
        g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT);
      }
      break;
    case READER_EXPORT:
      {
        g_autoptr(TesseraExporter) exporter = g_object_new (TESSERA_TYPE_TEI_EXPORTER,
                                                            "corpus", TRUE, NULL);

        g_assert_false (tessera_exporter_export (exporter, store, NULL, 0, other_name, NULL,
                                                 NULL, NULL, &error));
        g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT);
      }
      break;
    case READER_FOREIGN:
      {
        /* As GTK's file chooser does to sniff the type of each file of a folder. */
        g_autofree char *shm = g_strconcat (path, "-shm", NULL);
        const char *files[] = { other_name, shm };

        for (guint i = 0; i < G_N_ELEMENTS (files); i++)
          {
            int fd = g_open (files[i], O_RDONLY, 0);

            g_assert_cmpint (fd, >=, 0);
            g_assert_true (g_close (fd, NULL));
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

/* With the project open, each reader meets it (by a link named like an article), then
 * tessera-cli reads and writes it: the -wal stays in place, and after a restart every
 * change is there. Before, a reader that closed a descriptor of the project dropped the
 * process's locks, and tessera-cli deleted the -wal the store was still writing to. */
static void
test_readers_keep_locks (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *other_name = g_build_filename (fixture->dir, "article.xml", NULL);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_cmpint (link (fixture->path, other_name), ==, 0);
  store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  type = tessera_store_find_annotation_type (store, "person");
  g_assert_nonnull (type);

  for (Reader reader = 0; reader < N_READERS; reader++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *deleted = NULL;
      g_autofree char *start = g_strdup_printf ("%u", 40 + 6 * reader);
      g_autofree char *end = g_strdup_printf ("%u", 44 + 6 * reader);
      TesseraRange range = { 2 * reader, 2 * reader + 1 };
      gint64 id;

      g_test_message ("%s", reader_names[reader]);
      run_reader (reader, store, fixture->path, other_name);

      g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out,
                                            &err, "annotate", "--project", fixture->path, "1",
                                            "--type", "date", "--start", start, "--end", end,
                                            NULL), ==, 0);
      deleted = reliability_deleted_open_files (fixture->dir);
      if (deleted != NULL)
        g_error ("after %s, the store writes to deleted files: %s", reader_names[reader],
                 deleted);
      g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

      id = tessera_store_add_annotation (store, 1, tessera_annotation_type_get_id (type),
                                         &range, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      g_array_append_val (ids, id);
    }

  g_clear_object (&store);
  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  store = test_open_existing_project (fixture->path);
  g_ptr_array_unref (reliability_dup_annotations (store, ids));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/reliability/" path, Fixture, NULL, reliability_fixture_set_up, func, reliability_fixture_tear_down)

  ADD ("crash/cli-killed-while-annotating", test_cli_killed_while_annotating);
  ADD ("disk-full/store", test_disk_full_store);
  ADD ("disk-full/cli", test_disk_full_cli);
  ADD ("disk-full/tmpfs", test_disk_full_tmpfs);
  ADD ("locked/cli-gives-up", test_locked_cli_gives_up);
  ADD ("locked/cli-waits", test_locked_cli_waits);
  ADD ("locked/store", test_locked_store);
  ADD ("read-only/flag", test_read_only_flag);
  ADD ("read-only/file", test_read_only_file);
  ADD ("read-only/folder", test_read_only_folder);
  ADD ("read-only/folder-after-crash", test_read_only_folder_after_crash);
  ADD ("damaged/zero-bytes", test_damaged_zero_bytes);
  ADD ("damaged/truncated", test_damaged_truncated);
  ADD ("damaged/random-pages", test_damaged_random_pages);
  ADD ("damaged/header", test_damaged_header);
  ADD ("damaged/document-list", test_damaged_document_list);
  ADD ("two-programs/external-change-before-own", test_external_change_before_own);
  ADD ("two-programs/readers-keep-locks", test_readers_keep_locks);

  return g_test_run ();
}
