/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-formats"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "dummy-exporter.h"
#include "dummy-importer.h"
#include "tessera-cli.h"
#include "test-common.h"

/*
 * The formats framework: the registry, sniffing, the guarantees every exporter gets (read
 * back before renaming, never over a project), a format registered by a test showing up
 * in the command line, which knows nothing of it, and one whose records the framework
 * writes into the project.
 */

typedef struct
{
  char *dir;
  char *project;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("tessera-formats-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->project = test_make_seeded_project (fixture->dir, "project.tessera");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->project);
}

static char *
dup_path (Fixture    *fixture,
          const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static TesseraStore *
open_project (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  TesseraStore *store = tessera_store_open (fixture->project, TESSERA_STORE_OPEN_DEFAULT,
                                            &error);

  g_assert_no_error (error);
  return store;
}

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* The CLI in a child process (the dummy format is registered in every process of this
 * test): its exit status, and its output for g_test_trap_assert_stdout(). The child
 * reads its arguments from TEST_FORMATS_ARGS, one per line. */
static void
run_cli_in_child (const char * const *args)
{
  g_autofree char *joined = g_strjoinv ("\n", (char **) args);

  g_setenv ("TEST_FORMATS_ARGS", joined, TRUE);
  g_test_trap_subprocess ("/core/formats/cli-child", 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("TEST_FORMATS_ARGS");
}

static void
test_cli_child (void)
{
  g_auto(GStrv) args = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by the tests that drive the command line");
      return;
    }
  args = g_strsplit (g_getenv ("TEST_FORMATS_ARGS"), "\n", -1);
  g_ptr_array_add (argv, (gpointer) "tessera-cli");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, args[i]);
  g_ptr_array_add (argv, NULL);
  exit (tessera_cli_run ((int) argv->len - 1, (char **) argv->pdata));
}

/* Registry ---------------------------------------------------------------------------- */

static gboolean
lists_format (GPtrArray  *formats,
              const char *id)
{
  for (guint i = 0; i < formats->len; i++)
    {
      gpointer format = g_ptr_array_index (formats, i);
      const char *format_id = TESSERA_IS_IMPORTER (format) ? tessera_importer_get_id (format)
                                                           : tessera_exporter_get_id (format);

      if (g_str_equal (format_id, id))
        return TRUE;
    }
  return FALSE;
}

static void
test_registry_lists_text_and_tei (void)
{
  g_autoptr(GPtrArray) importers = tessera_formats_list_importers ();
  g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();

  g_assert_true (lists_format (importers, "text"));
  g_assert_true (lists_format (importers, "tei"));
  g_assert_true (lists_format (exporters, "text"));
  g_assert_true (lists_format (exporters, "tei"));
  g_assert_true (lists_format (exporters, "dummy"));
  g_assert_false (lists_format (importers, "dummy"));

  run_cli_in_child ((const char * const []) { "formats", NULL });
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*text*Plain text*.txt*import, export*"
                             "--option corpus=true|false*"
                             "tei*TEI P5*.xml .tei*import, export*"
                             "--option overlap=fragments|anchors*");
}

/* The dummy format, which the CLI does not know of, is listed and exported to with its
 * options like the others. */
static void
test_dummy_in_cli (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *destination = dup_path (fixture, "titles.dummy");
  g_autofree char *contents = NULL;
  g_autoptr(GStrvBuilder) expected = g_strv_builder_new ();
  g_autoptr(TesseraStore) store = open_project (fixture);
  GListModel *documents = tessera_store_get_documents (store);
  g_auto(GStrv) lines = NULL;

  run_cli_in_child ((const char * const []) { "formats", NULL });
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*dummy*Dummy titles*.dummy*export*"
                             "--option prefix=TEXT*Written before each title*");

  run_cli_in_child ((const char * const []) { "--project", fixture->project, "export",
                                              "--format", "dummy", "--option", "prefix=* ",
                                              "-o", destination, NULL });
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Wrote*titles.dummy*");

  contents = test_read_file (destination);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, g_list_model_get_n_items (documents) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *line = g_strconcat ("* ", tessera_document_get_title (document), NULL);

      g_assert_cmpstr (lines[i], ==, line);
    }

  run_cli_in_child ((const char * const []) { "--project", fixture->project, "export",
                                              "--format", "dummy", "--option", "colour=red",
                                              "-o", destination, NULL });
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*no option “colour”*");
}

/* Sniffing --------------------------------------------------------------------------- */

#define TEI_ARTICLE \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>" \
  "<titleStmt><title>Un article en TEI</title></titleStmt>" \
  "<publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc>" \
  "</fileDesc></teiHeader><text><body><p>Le texte de l'article.</p></body></text></TEI>\n"

static char *
sniff (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraImporter) importer = tessera_formats_sniff_importer (path, &error);

  g_assert_no_error (error);
  return g_strdup (tessera_importer_get_id (importer));
}

/* The content decides, whatever the name: TEI named .txt or without an extension is TEI,
 * text without an extension is text. */
static void
test_sniff_by_content (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *tei = dup_path (fixture, "article");
  g_autofree char *tei_txt = dup_path (fixture, "article-tei.txt");
  g_autofree char *text = dup_path (fixture, "notes");
  g_autofree char *tei_id = NULL;
  g_autofree char *tei_txt_id = NULL;
  g_autofree char *text_id = NULL;
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  write_file (tei, TEI_ARTICLE);
  write_file (tei_txt, TEI_ARTICLE);
  write_file (text, "<Des notes>\n\nqui ne sont pas du XML.\n");

  tei_id = sniff (tei);
  tei_txt_id = sniff (tei_txt);
  text_id = sniff (text);
  g_assert_cmpstr (tei_id, ==, "tei");
  g_assert_cmpstr (tei_txt_id, ==, "tei");
  g_assert_cmpstr (text_id, ==, "text");

  /* And the import of a path goes where sniffing says. */
  results = tessera_import_paths (store, (const char * const []) { tei, text, NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  for (guint i = 0; i < results->len; i++)
    g_assert_no_error (((TesseraImportResult *) g_ptr_array_index (results, i))->error);
  g_assert_cmpstr (((TesseraImportResult *) g_ptr_array_index (results, 0))->title, ==,
                   "Un article en TEI");
  g_assert_cmpstr (((TesseraImportResult *) g_ptr_array_index (results, 1))->title, ==,
                   "<Des notes>");
}

/* --format overrides sniffing: TEI read as text is a text full of tags. */
static void
test_import_with_format (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *tei = dup_path (fixture, "article.xml");
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(TesseraImporter) importer = tessera_formats_new_importer ("text", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  TesseraImportResult *result;

  write_file (tei, TEI_ARTICLE);
  results = tessera_import_paths_with_importer (store, (const char * const []) { tei, NULL },
                                                importer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_no_error (result->error);
  text = tessera_store_dup_document_text (store, result->document_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
}

/* Imports @paths: @n_results documents, each imported without error, each already in the
 * project or each new as @existing says. */
static GPtrArray *
import_all (TesseraStore       *store,
            const char * const *paths,
            guint               n_results,
            gboolean            existing)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = tessera_import_paths (store, paths, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, n_results);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = g_ptr_array_index (results, i);

      g_assert_no_error (result->error);
      g_assert_cmpint (result->existing, ==, existing);
      g_assert_cmpint (result->document_id, >, 0);
    }
  return results;
}

/* A format only reads: the dummy importer's records (documents, the entity they name, the
 * type it brings, its warnings) are written by the framework, which also finds the format
 * by sniffing, in a folder and in a file without its extension, and recognises texts the
 * project already has. */
static void
test_dummy_importer (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = dup_path (fixture, "deck");
  g_autofree char *deck = g_build_filename (folder, "b.cards", NULL);
  g_autofree char *note = g_build_filename (folder, "a.txt", NULL);
  g_autofree char *bare = dup_path (fixture, "deck-without-extension");
  g_autofree char *sniffed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(TesseraAnnotationType) type = NULL;
  g_autoptr(GError) error = NULL;
  guint n_documents = g_list_model_get_n_items (tessera_store_get_documents (store));
  guint n_entities = g_list_model_get_n_items (tessera_store_get_entities (store));
  guint n_history;
  TesseraImportResult *result;
  GListModel *entities;
  gboolean found = FALSE;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  write_file (deck, "CARDS\n"
                    "Première carte|Awa Traoré est arrivée à Bamako.|Awa Traoré\n"
                    "pas une carte\n"
                    "Deuxième carte|Le conseil a siégé hier.|\n");
  write_file (note, "Une note\n\nEn texte brut.\n");
  write_file (bare, "CARDS\nTroisième carte|Awa Traoré repart demain.|Awa Traoré\n");

  sniffed = sniff (bare);
  g_assert_cmpstr (sniffed, ==, "cards");

  results = import_all (store, (const char * const []) { folder, bare, NULL }, 4, FALSE);
  g_assert_cmpstr (((TesseraImportResult *) g_ptr_array_index (results, 0))->title, ==,
                   "Une note");
  result = g_ptr_array_index (results, 1);
  g_assert_cmpstr (result->path, ==, deck);
  g_assert_cmpstr (result->title, ==, "Première carte");
  g_assert_nonnull (result->warnings);
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (result->warnings, 0), ==, "line 3 is not a card");
  g_assert_null (((TesseraImportResult *) g_ptr_array_index (results, 2))->warnings);
  g_assert_cmpstr (((TesseraImportResult *) g_ptr_array_index (results, 3))->title, ==,
                   "Troisième carte");
  text = tessera_store_dup_document_text (store, result->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Awa Traoré est arrivée à Bamako.");
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==,
                    n_documents + 4);

  /* The new type is in the tagset, and the two files name the same entity. */
  type = tessera_store_find_annotation_type (store, "card-name");
  g_assert_nonnull (type);
  entities = tessera_store_get_entities (store);
  g_assert_cmpuint (g_list_model_get_n_items (entities), ==, n_entities + 1);
  for (guint i = 0; i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(TesseraEntity) entity = g_list_model_get_item (entities, i);

      if (g_str_equal (tessera_entity_get_name (entity), "Awa Traoré"))
        {
          found = TRUE;
          g_assert_cmpint (tessera_entity_get_type_id (entity), ==,
                           tessera_annotation_type_get_id (type));
          g_assert_cmpuint (tessera_entity_get_mention_count (entity), ==, 2);
        }
    }
  g_assert_true (found);

  /* Again: every text is already there, and nothing is written, not even to the journal. */
  history = tessera_store_dup_history (store, 0, 0, NULL);
  n_history = history->len;
  g_clear_pointer (&history, g_ptr_array_unref);
  again = import_all (store, (const char * const []) { folder, bare, NULL }, 4, TRUE);
  for (guint i = 0; i < again->len; i++)
    g_assert_cmpint (((TesseraImportResult *) g_ptr_array_index (again, i))->document_id, ==,
                     ((TesseraImportResult *) g_ptr_array_index (results, i))->document_id);
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==,
                    n_documents + 4);
  g_assert_cmpuint (g_list_model_get_n_items (entities), ==, n_entities + 1);
  history = tessera_store_dup_history (store, 0, 0, NULL);
  g_assert_cmpuint (history->len, ==, n_history);
}

/* Exports ---------------------------------------------------------------------------- */

/* A file that does not read back as written never replaces its destination, and nothing
 * of it is left beside it. */
static void
test_check_refuses_bad_write (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *destination = dup_path (fixture, "titles.dummy");
  g_autofree char *contents = NULL;
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("dummy", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  write_file (destination, "what was there\n");
  g_object_set (exporter, "sabotage", TRUE, NULL);

  g_assert_false (tessera_exporter_export (exporter, store, NULL, 0, destination, NULL, NULL,
                                           NULL, &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_CHECK);

  contents = test_read_file (destination);
  g_assert_cmpstr (contents, ==, "what was there\n");
  dir = g_dir_open (fixture->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_test_message ("left: %s", name);
      if (g_str_has_prefix (name, "titles.dummy"))
        n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);

  /* The same export, written faithfully, replaces it. */
  g_clear_error (&error);
  g_object_set (exporter, "sabotage", FALSE, NULL);
  g_assert_true (tessera_exporter_export (exporter, store, NULL, 0, destination, NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  contents = test_read_file (destination);
  g_assert_true (g_str_has_prefix (contents, "- "));
}

/* Every format gets the refusal: the project is never a destination. */
static void
test_export_refuses_project (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(GPtrArray) exporters = tessera_formats_list_exporters ();

  for (guint i = 0; i < exporters->len; i++)
    {
      TesseraExporter *exporter = g_ptr_array_index (exporters, i);
      g_autoptr(GError) error = NULL;

      /* One file where the format can; a folder (brat) otherwise. */
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (exporter), "corpus") != NULL)
        g_object_set (exporter, "corpus", TRUE, NULL);
      g_test_message ("format %s", tessera_exporter_get_id (exporter));
      g_assert_false (tessera_exporter_export (exporter, store, NULL, 0, fixture->project,
                                               NULL, NULL, NULL, &error));
      g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IS_PROJECT);
    }
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==, 5);
}

static void
count_progress (guint    done,
                guint    total,
                gpointer data)
{
  guint *last = data;

  g_assert_cmpuint (done, >, *last);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

/* Plain text: a file per document, holding its text, which imports back as the same. */
static void
test_text_export (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = dup_path (fixture, "texts");
  g_autofree char *copy = dup_path (fixture, "copy.tessera");
  g_autoptr(TesseraStore) store = open_project (fixture);
  g_autoptr(TesseraStore) copy_store = NULL;
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("text", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GListModel *documents = tessera_store_get_documents (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  guint progress = 0;

  g_assert_true (tessera_exporter_writes_folder (exporter));
  g_assert_true (tessera_exporter_export (exporter, store, NULL, 0, folder, NULL,
                                          count_progress, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress, ==, 2 * g_list_model_get_n_items (documents));

  copy_store = tessera_store_open (copy, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  results = tessera_import_paths (copy_store, (const char * const []) { folder, NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, g_list_model_get_n_items (documents));
  for (guint i = 0; i < g_list_model_get_n_items (documents); i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      gint64 id = tessera_document_get_id (document);
      g_autofree char *name = tessera_exporter_dup_file_name (exporter, id);
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_autofree char *contents = test_read_file (file);
      g_autofree char *text = tessera_store_dup_document_text (store, id, NULL);
      g_autofree char *expected = g_strconcat (text, "\n", NULL);
      TesseraImportResult *result = g_ptr_array_index (results, i);
      g_autofree char *reimported = NULL;

      g_assert_cmpstr (contents, ==, expected);
      g_assert_no_error (result->error);
      reimported = tessera_store_dup_document_text (copy_store, result->document_id, NULL);
      g_assert_cmpstr (reimported, ==, text);
    }

  /* Cancelled, nothing is written. */
  test_remove_tree (folder);
  g_cancellable_cancel (cancellable);
  g_assert_false (tessera_exporter_export (exporter, store, NULL, 0, folder, cancellable,
                                           NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);

    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }
}

/* Dies as a killed export does, once every document is in the file and before it is read
 * back and renamed. */
static void
kill_when_written (guint    done,
                   guint    total,
                   gpointer data)
{
  if (done == GPOINTER_TO_UINT (data))
    kill (getpid (), SIGKILL);
}

/* The temporary file in @dir that an export to @name left, or %NULL. */
static char *
find_leftover (const char *dir,
               const char *name)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (name, ".", NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_prefix (entry, prefix))
        return g_build_filename (dir, entry, NULL);
    }
  return NULL;
}

/* What a text export killed while writing leaves beside its destination (text, not XML)
 * is removed by the next export there. */
static void
test_killed_text_export_leftover (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *project = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *leftover = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("text", NULL);

  g_object_set (exporter, "corpus", TRUE, NULL);
  if (g_test_subprocess ())
    {
      guint n_documents;

      store = tessera_store_open (g_getenv ("TESSERA_TEST_PROJECT"),
                                  TESSERA_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      n_documents = g_list_model_get_n_items (tessera_store_get_documents (store));
      tessera_exporter_export (exporter, store, NULL, 0, g_getenv ("TESSERA_TEST_DESTINATION"),
                               NULL, kill_when_written, GUINT_TO_POINTER (n_documents),
                               &error);
      g_assert_not_reached ();
    }

  dir = test_make_tmp_dir ("tessera-formats-XXXXXX");
  project = test_make_seeded_project (dir, "project.tessera");
  corpus = g_build_filename (dir, "corpus.txt", NULL);
  g_setenv ("TESSERA_TEST_PROJECT", project, TRUE);
  g_setenv ("TESSERA_TEST_DESTINATION", corpus, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  leftover = find_leftover (dir, "corpus.txt");
  g_assert_nonnull (leftover);
  g_assert_false (g_file_test (corpus, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (leftover, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (contents), >, 0);
  g_assert_false (g_str_has_prefix (contents, "<?xml"));

  store = tessera_store_open (project, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_exporter_export (exporter, store, NULL, 0, corpus, NULL, NULL, NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (corpus, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_options (void)
{
  g_autoptr(TesseraExporter) exporter = tessera_formats_new_exporter ("TEI", NULL);
  g_autoptr(GError) error = NULL;
  TesseraTeiOverlap overlap;
  gboolean corpus;

  g_assert_nonnull (exporter);
  g_assert_true (tessera_format_set_option (G_OBJECT (exporter), "overlap", "anchors", &error));
  g_assert_true (tessera_format_set_option (G_OBJECT (exporter), "corpus", "yes", &error));
  g_assert_no_error (error);
  g_object_get (exporter, "overlap", &overlap, "corpus", &corpus, NULL);
  g_assert_cmpint (overlap, ==, TESSERA_TEI_OVERLAP_ANCHORS);
  g_assert_true (corpus);
  g_assert_false (tessera_exporter_writes_folder (exporter));

  g_assert_false (tessera_format_set_option (G_OBJECT (exporter), "overlap", "maybe", &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (tessera_format_set_option (G_OBJECT (exporter), "colour", "red", &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_UNKNOWN_OPTION);
  g_clear_error (&error);
  g_assert_null (tessera_formats_new_exporter ("conll", &error));
  g_assert_error (error, TESSERA_FORMAT_ERROR, TESSERA_FORMAT_ERROR_UNKNOWN_FORMAT);
}

int
main (int    argc,
      char **argv)
{
  /* As tessera-cli's main() does: messages in UTF-8. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  /* The one line a new format needs, here in the test instead of tessera-formats.c. */
  tessera_formats_register_exporter (DUMMY_TYPE_EXPORTER);
  tessera_formats_register_importer (DUMMY_TYPE_IMPORTER);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/formats/cli-child", test_cli_child);
  g_test_add_func ("/core/formats/registry-lists-text-and-tei",
                   test_registry_lists_text_and_tei);
  g_test_add_func ("/core/formats/options", test_options);
  g_test_add_func ("/core/formats/killed-text-export-leftover",
                   test_killed_text_export_leftover);
  ADD ("/core/formats/dummy-in-cli", test_dummy_in_cli);
  ADD ("/core/formats/sniff-by-content", test_sniff_by_content);
  ADD ("/core/formats/import-with-format", test_import_with_format);
  ADD ("/core/formats/dummy-importer", test_dummy_importer);
  ADD ("/core/formats/check-refuses-bad-write", test_check_refuses_bad_write);
  ADD ("/core/formats/export-refuses-project", test_export_refuses_project);
  ADD ("/core/formats/text-export", test_text_export);

  return g_test_run ();
}
