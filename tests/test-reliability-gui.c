/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-reliability-gui"

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "gui-helpers.h"
#include "reliability-common.h"
#include "tessera-export-dialog.h"
#include "tessera-text-view.h"
#include "tessera-window.h"

/*
 * Crash safety and fault injection for the window: the real TesseraWindow killed during a
 * burst of marks (tests/reliability-gui-writer.c, a program of its own), refusing damaged
 * projects, saying why a change was not saved, and showing what tessera-cli does to the
 * project it has open.
 */

#define SEED 20240611
#define N_KILLS 50

typedef ReliabilityFixture Fixture;

static TesseraWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  TesseraWindow *window = tessera_window_new (NULL);

  g_assert_true (tessera_window_open_project (window, path, &error));
  g_assert_no_error (error);
  gui_present (GTK_WINDOW (window));
  return window;
}

/* Once it returns, the window's store is closed. */
static void
close_window (TesseraWindow *window)
{
  gui_destroy_window ((GtkWindow **) &window);
}

/* The writer ---------------------------------------------------------------------------- */

typedef struct
{
  int     status;
  char   *out;
} WriterResult;

static void
writer_result_free (WriterResult *result)
{
  g_free (result->out);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WriterResult, writer_result_free)

static char *
writer_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "reliability-gui-writer", NULL);
}

/* Runs the writer to its end (no kill), with @variable set in its environment only. */
static WriterResult *
run_writer (Fixture    *fixture,
            const char *variable,
            const char *value,
            gint64      document_id,
            const char *type_key)
{
  g_autofree char *program = writer_path ();
  g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
  const char *argv[] = { program, fixture->path, document, type_key, NULL };
  g_auto(GStrv) envp = g_strdupv (fixture->envp);
  g_autoptr(GError) error = NULL;
  WriterResult *result = g_new0 (WriterResult, 1);
  int wait_status = 0;

  if (variable != NULL)
    envp = g_environ_setenv (envp, variable, value, TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &result->out, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
  return result;
}

static GArray *
acknowledged_ids (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "Annotation "))
        {
          gint64 id = g_ascii_strtoll (lines[i] + strlen ("Annotation "), NULL, 10);

          g_array_append_val (ids, id);
        }
    }
  return ids;
}

static void
assert_annotations_kept (const char *path,
                         GArray     *ids,
                         gint64      document_id)
{
  g_autoptr(TesseraStore) store = test_open_existing_project (path);
  g_autoptr(GPtrArray) annotations = reliability_dup_annotations (store, ids);

  for (guint i = 0; i < annotations->len; i++)
    g_assert_cmpint (tessera_annotation_get_document_id (g_ptr_array_index (annotations, i)), ==,
                     document_id);
}

/* Crash safety --------------------------------------------------------------------------- */

/* Every annotation of the project's five documents, id → document id. */
static GHashTable *
snapshot_annotations (const char *path)
{
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *snapshot = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (gint64 document = 1; document <= 5; document++)
    {
      g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (store, document, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < annotations->len; i++)
        {
          TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);

          g_hash_table_insert (snapshot,
                               g_memdup2 (&(gint64) { tessera_annotation_get_id (annotation) },
                                          sizeof (gint64)),
                               g_memdup2 (&(gint64) { tessera_annotation_get_document_id (annotation) },
                                          sizeof (gint64)));
        }
    }
  return snapshot;
}

static void
test_window_killed_while_marking (Fixture       *fixture,
                                  gconstpointer  data)
{
  static const char * const keys[] = {
    "person", "organisation", "place", "date", "event", "role", "other", "claim", "cue"
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree char *program = writer_path ();
  g_autoptr(GHashTable) before = snapshot_annotations (fixture->path);
  guint n_killed = 0, n_acknowledged = 0, n_unacknowledged = 0, n_again = 0;

  g_assert_cmpuint (g_hash_table_size (before), ==, 0);

  for (guint run_index = 0; run_index < N_KILLS; run_index++)
    {
      gint64 document = run_index % 5 + 1;
      /* Past the 45 pairs of document and type, runs mark words of an earlier run again:
       * the window then selects the annotation that is already there. */
      const char *key = keys[(run_index / 5) % G_N_ELEMENTS (keys)];
      g_autofree char *document_arg = g_strdup_printf ("%" G_GINT64_FORMAT, document);
      const char *argv[] = { program, fixture->path, document_arg, key, NULL };
      /* One kill in four counts from the moment the document is on screen, so that some
       * land in the first action; the others from the first acknowledged annotation. */
      gboolean from_ready = run_index % 4 == 3;
      guint delay_ms = (guint) g_rand_int_range (rand, 0, from_ready ? 500 : 700);
      g_autoptr(ReliabilityRun) run = NULL;
      g_autoptr(TesseraStore) store = NULL;
      g_autoptr(GHashTable) after = NULL;
      g_autoptr(GError) error = NULL;
      GHashTableIter iter;
      gpointer id_pointer, document_pointer;
      gint64 wanted_type;
      guint n_new = 0, n_acknowledged_new = 0;

      run = reliability_run_and_kill (argv, (const char * const *) fixture->envp,
                                      from_ready ? "ready" : "Annotation ", delay_ms, 30000);
      if (run->killed)
        n_killed++;
      else
        g_assert_cmpint (run->exit_status, ==, 0);

      reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);

      /* Nothing that was there before the run is lost. */
      after = snapshot_annotations (fixture->path);
      g_hash_table_iter_init (&iter, before);
      while (g_hash_table_iter_next (&iter, &id_pointer, &document_pointer))
        {
          gint64 *kept = g_hash_table_lookup (after, id_pointer);

          g_assert_nonnull (kept);
          g_assert_cmpint (*kept, ==, *(gint64 *) document_pointer);
        }

      /* Every annotation the window acknowledged is there, on its document, of its type. */
      store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      wanted_type = test_type_id (store, key);
      for (guint k = 0; k < run->acknowledged->len; k++)
        {
          gint64 id = g_array_index (run->acknowledged, gint64, k);
          g_autoptr(TesseraAnnotation) annotation =
            tessera_store_dup_annotation (store, id, &error);

          g_assert_no_error (error);
          g_assert_cmpint (tessera_annotation_get_document_id (annotation), ==, document);
          g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, wanted_type);
          if (g_hash_table_contains (before, &id))
            n_again++;
          else
            n_acknowledged_new++;
        }

      /* What is new is on this document and of this type, and at most one more than was
       * acknowledged: committed, then killed before it could say so. */
      g_hash_table_iter_init (&iter, after);
      while (g_hash_table_iter_next (&iter, &id_pointer, &document_pointer))
        {
          g_autoptr(TesseraAnnotation) annotation = NULL;

          if (g_hash_table_contains (before, id_pointer))
            continue;
          annotation = tessera_store_dup_annotation (store, *(gint64 *) id_pointer, &error);
          g_assert_no_error (error);
          g_assert_cmpint (tessera_annotation_get_document_id (annotation), ==, document);
          g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==, wanted_type);
          n_new++;
        }
      g_assert_cmpuint (n_new, >=, n_acknowledged_new);
      g_assert_cmpuint (n_new, <=, n_acknowledged_new + 1);

      n_acknowledged += n_acknowledged_new;
      n_unacknowledged += n_new - n_acknowledged_new;
      g_clear_pointer (&before, g_hash_table_unref);
      before = g_steal_pointer (&after);
    }

  g_test_message ("%u of %u windows killed; %u annotations acknowledged, all kept; %u "
                  "committed but not yet acknowledged; %u existing ones selected again",
                  n_killed, N_KILLS, n_acknowledged, n_unacknowledged, n_again);
  g_assert_cmpuint (n_killed, >=, N_KILLS - 5);
  g_assert_cmpuint (n_acknowledged, >, 0);
  g_assert_cmpuint (n_again, >, 0);
}

/* Fault injection ------------------------------------------------------------------------ */

static gint64
page_count (const char *path)
{
  g_autoptr(TesseraStore) store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, NULL);
  GStatBuf st;

  g_clear_object (&store);   /* the last close folds the WAL into the file */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size / 4096;
}

static void
test_window_disk_full (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, page_count (fixture->path) + 2);
  g_autoptr(WriterResult) result = NULL;
  g_autoptr(GArray) ids = NULL;

  result = run_writer (fixture, "TESSERA_TEST_MAX_PAGE_COUNT", limit, 3, "place");
  g_test_message ("%s", result->out);
  g_assert_cmpint (result->status, ==, 3);
  test_assert_contains (result->out, "Shown: The disk holding “project.tessera” is full; the change "
                                "was not saved. Free some space and try again");

  ids = acknowledged_ids (result->out);
  g_assert_cmpuint (ids->len, >, 0);
  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  assert_annotations_kept (fixture->path, ids, 3);
}

static void
test_window_locked (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(WriterResult) result = NULL;
  g_autoptr(GArray) ids = NULL;
  ReliabilityHolder holder = { 0, -1 };

  reliability_holder_begin (&holder, fixture->path);
  result = run_writer (fixture, "TESSERA_TEST_BUSY_TIMEOUT_MS", "300", 2, "person");
  reliability_holder_end (&holder, FALSE);

  g_assert_cmpint (result->status, ==, 3);
  test_assert_contains (result->out, "Shown: The project “project.tessera” is in use by another "
                                "program; nothing was changed");
  ids = acknowledged_ids (result->out);
  g_assert_cmpuint (ids->len, ==, 0);
  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
}

/* chattr +i stops even root; otherwise take write permission away. */
static gboolean
make_unwritable (const char *path,
                 gboolean    immutable)
{
  if (geteuid () != 0)
    return g_chmod (path, 0444) == 0;
  if (immutable)
    {
      const char *argv[] = { "chattr", "+i", path, NULL };
      int wait_status = 0;

      return g_spawn_sync (NULL, (char **) argv, NULL,
                           G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                           G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &wait_status,
                           NULL) &&
             g_spawn_check_wait_status (wait_status, NULL);
    }
  return FALSE;
}

static void
make_writable (const char *path)
{
  const char *argv[] = { "chattr", "-i", path, NULL };

  if (geteuid () == 0)
    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL);
  g_chmod (path, 0644);
}

static void
test_window_read_only_file (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(WriterResult) result = NULL;
  g_autoptr(GBytes) before = reliability_read_file (fixture->path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!make_unwritable (fixture->path, TRUE))
    {
      g_test_skip ("cannot make the project read-only for root here (chattr +i)");
      return;
    }

  result = run_writer (fixture, NULL, NULL, 1, "person");
  after = reliability_read_file (fixture->path);
  make_writable (fixture->path);

  g_assert_cmpint (result->status, ==, 3);
  test_assert_contains (result->out, "Shown: This project is open for reading only: the project file "
                                "is read-only.");
  test_assert_contains (result->out, "Shown: Read only");
  ids = acknowledged_ids (result->out);
  g_assert_cmpuint (ids->len, ==, 0);
  g_assert_true (g_bytes_equal (before, after));
}

/* Damaged files --------------------------------------------------------------------------- */

static gboolean
shows_text (GtkWidget  *widget,
            const char *needle)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (shows_text (child, needle))
        return TRUE;
    }
  return FALSE;
}

static gint64
root_page (const char *path,
           const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 page;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return page;
}

static gboolean
shows_damage (gpointer data)
{
  return shows_text (GTK_WIDGET (data), "“annotators.tessera” is damaged");
}

/* A damaged file the window reads at once is refused, and the open project stays. */
static void
test_window_refuses_damaged (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GBytes) contents = reliability_read_file (fixture->path);
  gsize length = g_bytes_get_size (contents);
  gsize documents = (gsize) (root_page (fixture->path, "document") - 1) * 4096;
  gsize tagset = (gsize) (root_page (fixture->path, "annotation_type") - 1) * 4096;
  TesseraWindow *window = open_window (fixture->path);
  TesseraStore *store = tessera_window_get_store (window);
  gint64 document_id = tessera_window_get_document_id (window);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  struct
  {
    const char *name;
    gsize       length;     /* bytes kept */
    gsize       noise_at;   /* random bytes from here… */
    gsize       noise_end;  /* …to here */
  } cases[] = {
    { "truncated.tessera", length / 2, 0, 0 },
    { "first-page.tessera", 3000, 0, 0 },
    { "header.tessera", length, 0, 100 },
    { "schema.tessera", length, 100, 4096 },
    { "documents.tessera", length, documents, documents + 4096 },
    { "tagset.tessera", length, tagset, tagset + 4096 },
    { "text.tessera", 200, 0, 0 },
  };

  g_assert_cmpint (document_id, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), length);
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;

      if (g_str_equal (cases[i].name, "text.tessera"))
        memset (bytes, 'a', cases[i].length);
      for (gsize j = cases[i].noise_at; j < cases[i].noise_end; j++)
        bytes[j] = (guint8) g_rand_int_range (rand, 0, 256);
      g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) cases[i].length,
                                          NULL));

      g_assert_false (tessera_window_open_project (window, path, &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_true (error->domain == TESSERA_STORE_ERROR);
      g_assert_true (error->code == TESSERA_STORE_ERROR_CORRUPT ||
                     error->code == TESSERA_STORE_ERROR_NOT_A_PROJECT);
      test_assert_contains (error->message, cases[i].name);

      /* The project that was open stays open, as it was. */
      g_assert_true (tessera_window_get_store (window) == store);
      g_assert_cmpint (tessera_window_get_document_id (window), ==, document_id);
    }

  close_window (window);
}

/* Damage in a page the window does not read to open (checking every page would make opening
 * a large project slow): it opens, and the first change that meets the damage says so. */
static void
test_window_meets_damage_later (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(GBytes) contents = reliability_read_file (fixture->path);
  gsize length = g_bytes_get_size (contents);
  gsize annotators = (gsize) (root_page (fixture->path, "annotator") - 1) * 4096;
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (contents, NULL), length);
  g_autofree char *path = g_build_filename (fixture->dir, "annotators.tessera", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  TesseraWindow *window;
  TesseraTextView *view;

  for (gsize j = annotators; j < annotators + 4096; j++)
    bytes[j] = (guint8) g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, (gssize) length, NULL));

  window = open_window (path);
  view = TESSERA_TEXT_VIEW (tessera_window_get_text_view (window));
  tessera_text_view_select_text (view, 0, 3);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark", "x",
                              test_type_id (tessera_window_get_store (window), "person"));
  gui_await (shows_damage, window, "the window to say “annotators.tessera” is damaged");
  g_assert_cmpint (tessera_text_view_get_selected (view), ==, 0);

  g_assert_true (tessera_store_check (tessera_window_get_store (window), &problems, &error) ||
                 g_error_matches (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_CORRUPT));
  g_assert_true (error != NULL || problems->len > 0);
  close_window (window);
}

/* Two programs ---------------------------------------------------------------------------- */

typedef struct
{
  TesseraTextView *view;
  GArray          *ids;
} ShownWait;

static gboolean
view_shows_all (gpointer data)
{
  ShownWait *wait = data;

  TesseraAnnotationList *list = tessera_text_view_get_annotations (wait->view);

  for (guint i = 0; i < wait->ids->len; i++)
    {
      if (list == NULL ||
          tessera_annotation_list_lookup (list, g_array_index (wait->ids, gint64, i)) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Waits until the view shows @ids. */
static void
wait_until_shown (TesseraWindow *window,
                  GArray        *ids)
{
  ShownWait wait = { TESSERA_TEXT_VIEW (tessera_window_get_text_view (window)), ids };

  gui_await (view_shows_all, &wait, "the window to show every annotation the programs made");
}

static GArray *
cli_annotate (Fixture    *fixture,
              gint64      document_id,
              const char *type_key,
              guint       start,
              guint       repeat)
{
  g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
  g_autofree char *start_arg = g_strdup_printf ("%u", start);
  g_autofree char *end_arg = g_strdup_printf ("%u", start + 4);
  g_autofree char *repeat_arg = g_strdup_printf ("%u", repeat);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                        "annotate", "--project", fixture->path, document,
                                        "--type", type_key, "--start", start_arg, "--end",
                                        end_arg, "--repeat", repeat_arg, NULL), ==, 0);
  return acknowledged_ids (out);
}

static gint64
window_mark (TesseraWindow *window,
             guint          start,
             guint          end,
             const char    *type_key)
{
  TesseraTextView *view = TESSERA_TEXT_VIEW (tessera_window_get_text_view (window));
  gint64 before = tessera_text_view_get_selected (view);
  gint64 id;

  tessera_text_view_select_text (view, start, end);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark", "x",
                              test_type_id (tessera_window_get_store (window), type_key));
  id = tessera_text_view_get_selected (view);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (id, !=, before);
  return id;
}

static void
test_window_shows_cli_changes (Fixture       *fixture,
                               gconstpointer  data)
{
  TesseraWindow *window = open_window (fixture->path);
  gint64 document_id = tessera_window_get_document_id (window);
  g_autoptr(GArray) theirs = NULL;
  g_autoptr(GArray) more = NULL;
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *document = g_strdup_printf ("%" G_GINT64_FORMAT, document_id);
  gint64 ours, ours_again;

  g_assert_cmpint (document_id, >, 0);

  /* The CLI adds three; the window shows them at its next poll, unasked. */
  theirs = cli_annotate (fixture, document_id, "person", 0, 3);
  g_assert_cmpuint (theirs->len, ==, 3);
  wait_until_shown (window, theirs);

  /* The window marks one; the CLI sees both. */
  ours = window_mark (window, 40, 50, "place");
  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                        "show", "--json", "--project", fixture->path, document,
                                        NULL), ==, 0);
  for (guint i = 0; i < theirs->len; i++)
    {
      g_autofree char *needle = g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",",
                                                 g_array_index (theirs, gint64, i));
      test_assert_contains (out, needle);
    }
  {
    g_autofree char *needle = g_strdup_printf ("\"id\" : %" G_GINT64_FORMAT ",", ours);
    test_assert_contains (out, needle);
  }

  /* The CLI writes, and the window writes before its next poll: the window's own commit
   * must not hide the CLI's from it. */
  more = cli_annotate (fixture, document_id, "date", 100, 2);
  ours_again = window_mark (window, 60, 70, "place");
  g_array_append_vals (all, theirs->data, theirs->len);
  g_array_append_vals (all, more->data, more->len);
  g_array_append_val (all, ours);
  g_array_append_val (all, ours_again);
  wait_until_shown (window, all);

  close_window (window);
  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  assert_annotations_kept (fixture->path, all, document_id);
}

/* A second connection in the window's process ---------------------------------------------- */

/* What opens the project a second time in the window's process, besides the window. */
typedef enum
{
  SECOND_EXPORT,              /* the export dialog's worker thread */
  SECOND_EXPORT_VALIDATED,    /* the same, then validation against a schema */
  SECOND_STORE,               /* any other: a store opened and read, statistics */
  SECOND_CONTENT_TYPE,        /* GIO sniffing types, as GTK's file chooser does */
} SecondConnection;

static gboolean
export_dialog_done (gpointer data)
{
  TesseraExportDialog **dialog = data;

  return *dialog == NULL || !tessera_export_dialog_is_busy (*dialog);
}

static void
export_from_window (Fixture       *fixture,
                    TesseraWindow *window,
                    gboolean       validate)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.tessera.Tessera");
  g_autofree char *folder = g_build_filename (fixture->dir, "tei", NULL);
  g_autofree char *schema = g_build_filename (fixture->dir, "any.rng", NULL);
  TesseraExportDialog *dialog;

  /* A schema every file breaks: the worker validates, and the dialog stays to list why. */
  g_assert_true (g_file_set_contents (schema,
                                      "<element name=\"foo\" "
                                      "xmlns=\"http://relaxng.org/ns/structure/1.0\">"
                                      "<empty/></element>", -1, NULL));
  g_settings_set_string (settings, "relaxng-schema", validate ? schema : "");
  g_settings_set_boolean (settings, "export-corpus", FALSE);

  dialog = tessera_export_dialog_new (GTK_WINDOW (window), tessera_window_get_store (window),
                                      tessera_window_get_document_id (window));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  tessera_export_dialog_start (dialog, folder);
  g_assert_true (gui_wait_until (export_dialog_done, &dialog, 60000));
  if (validate)
    g_assert_cmpuint (tessera_export_dialog_get_n_problems (dialog), >, 0);
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

static void
assert_no_deleted_open_files (Fixture    *fixture,
                              const char *when)
{
  g_autofree char *deleted = reliability_deleted_open_files (fixture->dir);
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

  if (deleted != NULL)
    g_error ("%s, the window writes to deleted files: %s", when, deleted);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* The window marks, a second connection of its process opens the project and closes it,
 * tessera-cli reads and writes, the window marks again: after a restart every change
 * that was acknowledged is there. Closing a descriptor of the project outside SQLite
 * would drop the window's locks, and tessera-cli would delete the WAL under it. */
static void
test_window_second_connection (Fixture       *fixture,
                               gconstpointer  data)
{
  SecondConnection kind = GPOINTER_TO_INT (data);
  TesseraWindow *window = open_window (fixture->path);
  gint64 document_id = tessera_window_get_document_id (window);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) theirs = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gint64 ours;

  g_assert_cmpint (document_id, >, 0);
  ours = window_mark (window, 0, 5, "person");
  g_array_append_val (all, ours);

  switch (kind)
    {
    case SECOND_EXPORT:
    case SECOND_EXPORT_VALIDATED:
      export_from_window (fixture, window, kind == SECOND_EXPORT_VALIDATED);
      break;
    case SECOND_STORE:
      {
        g_autoptr(TesseraStats) stats = reliability_dup_stats_read_only (fixture->path);

        g_assert_cmpuint (stats->n_annotations, >=, 1);
      }
      break;
    case SECOND_CONTENT_TYPE:
      {
        g_autofree char *shm = g_strconcat (fixture->path, "-shm", NULL);
        const char *files[] = { fixture->path, shm };

        /* Without a type installed for them, GIO opens the files to guess one. */
        for (guint i = 0; i < G_N_ELEMENTS (files); i++)
          {
            g_autoptr(GFile) file = g_file_new_for_path (files[i]);
            g_autoptr(GFileInfo) info =
              g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

            g_assert_nonnull (info);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }

  /* Another program reads, then writes; the window's files stay where they are. */
  g_assert_cmpint (reliability_run_cli ((const char * const *) fixture->envp, FALSE, &out, &err,
                                        "stats", "--project", fixture->path, NULL), ==, 0);
  assert_no_deleted_open_files (fixture, "after tessera-cli stats");
  theirs = cli_annotate (fixture, document_id, "date", 100, 2);
  g_assert_cmpuint (theirs->len, ==, 2);
  g_array_append_vals (all, theirs->data, theirs->len);

  ours = window_mark (window, 40, 50, "place");
  g_array_append_val (all, ours);
  ours = window_mark (window, 60, 70, "place");
  g_array_append_val (all, ours);
  assert_no_deleted_open_files (fixture, "after the window wrote again");

  close_window (window);
  reliability_assert_project_ok ((const char * const *) fixture->envp, fixture->path);
  assert_annotations_kept (fixture->path, all, document_id);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  int status;

  /* A private data home: the window never touches the user's default project. */
  home = g_dir_make_tmp ("tessera-reliability-home-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/reliability/gui/" path, Fixture, NULL, reliability_fixture_set_up, func, reliability_fixture_tear_down)

  ADD ("crash/window-killed-while-marking", test_window_killed_while_marking);
  ADD ("disk-full", test_window_disk_full);
  ADD ("locked", test_window_locked);
  ADD ("read-only-file", test_window_read_only_file);
  ADD ("damaged/refused", test_window_refuses_damaged);
  ADD ("damaged/met-later", test_window_meets_damage_later);
  ADD ("two-programs/cli-changes-shown", test_window_shows_cli_changes);
  g_test_add ("/reliability/gui/two-programs/after-export", Fixture,
              GINT_TO_POINTER (SECOND_EXPORT), reliability_fixture_set_up, test_window_second_connection,
              reliability_fixture_tear_down);
  g_test_add ("/reliability/gui/two-programs/after-export-validated", Fixture,
              GINT_TO_POINTER (SECOND_EXPORT_VALIDATED), reliability_fixture_set_up,
              test_window_second_connection, reliability_fixture_tear_down);
  g_test_add ("/reliability/gui/two-programs/after-second-connection", Fixture,
              GINT_TO_POINTER (SECOND_STORE), reliability_fixture_set_up, test_window_second_connection,
              reliability_fixture_tear_down);
  g_test_add ("/reliability/gui/two-programs/after-content-type", Fixture,
              GINT_TO_POINTER (SECOND_CONTENT_TYPE), reliability_fixture_set_up,
              test_window_second_connection, reliability_fixture_tear_down);

  status = g_test_run ();
  test_remove_tree (home);
  return status;
}
