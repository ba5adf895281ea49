/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "tessera-core.h"
#include "tessera-store-bulk-private.h"
#include "test-common.h"

/* Accents, a combining mark (kept decomposed on input: NFC composes it), an emoji with a
 * skin tone, a ZWJ family, a flag and Arabic script, so that code-point offsets are tested
 * on everything that breaks byte or UTF-16 offsets. */
static const char sample_text[] =
  "Selon le général Oumar Diarra, ce plan permettra d’insuffler un nouveau dynamisme.\n"
  "Le ministre a déclare\xcc\x81 : « c’est 👍🏽 ! » 👨‍👩‍👧 🇲🇱\n"
  "قال الوزير إن الخطة ستنجح في باماكو.";

typedef TestProject Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  TesseraDocumentInfo info = { .title = (char *) "Essai", .language = (char *) "fr" };

  test_project_set_up (fixture, "tessera-store-XXXXXX", "test.tessera");
  tessera_store_set_annotator (fixture->store, "Test Annotator");

  fixture->document_id = tessera_store_add_document (fixture->store, &info, sample_text, NULL,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (fixture->document_id, >, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_project_tear_down (fixture);
}

static gint64
annotate_text (Fixture    *fixture,
               const char *key,
               const char *needle,
               guint       occurrence)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (fixture->store, fixture->document_id,
                                                            &error);
  TesseraRange range;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (tessera_text_find (text, needle, occurrence, &range));
  id = tessera_store_add_annotation (fixture->store, fixture->document_id,
                                     test_type_id (fixture->store, key), &range, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
covered_text (Fixture *fixture,
              gint64   annotation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotation) annotation = tessera_store_dup_annotation (fixture->store,
                                                                          annotation_id, &error);
  g_autofree char *text = tessera_store_dup_document_text (fixture->store, fixture->document_id,
                                                            &error);
  guint n;
  const TesseraRange *ranges;

  g_assert_no_error (error);
  ranges = tessera_annotation_get_ranges (annotation, &n);
  return tessera_text_slice_ranges (text, ranges, n, "|");
}

/* Opening ----------------------------------------------------------------------------- */

static void
test_migrate_from_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tessera-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.tessera", NULL);
  g_autoptr(TesseraStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GListModel *tagset;

  /* A zero-byte file is not a project when merely opened... */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT);
  g_assert_null (store);
  g_clear_error (&error);

  /* ...but becomes one when created: every migration step runs. */
  store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_false (tessera_store_is_read_only (store));

  tagset = tessera_store_get_tagset (store);
  g_assert_cmpuint (g_list_model_get_n_items (tagset), ==, 9);
  {
    g_autoptr(TesseraAnnotationType) person = tessera_store_find_annotation_type (store, "Personne");
    g_autoptr(TesseraAnnotationType) event = tessera_store_find_annotation_type (store, "event");
    g_autoptr(TesseraAnnotationType) cue = tessera_store_find_annotation_type (store, "Marqueur");
    g_autoptr(TesseraAnnotationType) claim = tessera_store_find_annotation_type (store, "8");

    g_assert_nonnull (person);
    g_assert_cmpstr (tessera_annotation_type_get_key (person), ==, "person");
    g_assert_cmpstr (tessera_annotation_type_get_tei_element (person), ==, "persName");
    g_assert_cmpstr (tessera_annotation_type_get_label_for (person, "fr"), ==, "Personne");
    g_assert_cmpstr (tessera_annotation_type_get_label_for (person, "en"), ==, "Person");
    g_assert_cmpstr (tessera_annotation_type_get_tei_element (event), ==, "name");
    g_assert_cmpstr (tessera_annotation_type_get_tei_type (event), ==, "event");
    g_assert_cmpint (tessera_annotation_type_get_kind (cue), ==, TESSERA_KIND_CUE);
    g_assert_cmpstr (tessera_annotation_type_get_key (claim), ==, "claim");
    g_assert_cmpint (tessera_annotation_type_get_kind (claim), ==, TESSERA_KIND_CLAIM);
  }
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT (SELECT user_version FROM pragma_user_version),"
                                       " (SELECT application_id FROM pragma_application_id),"
                                       " (SELECT journal_mode FROM pragma_journal_mode)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, TESSERA_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, TESSERA_STORE_APPLICATION_ID);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Reopening an up-to-date project changes nothing. */
  {
    g_autofree char *before = test_file_sha256 (path);
    g_autofree char *after = NULL;

    store = tessera_store_open (path, TESSERA_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_clear_object (&store);
    after = test_file_sha256 (path);
    g_assert_cmpstr (before, ==, after);
  }

  test_remove_tree (dir);
}

static void
write_be32 (const char *path,
            goffset     offset,
            guint32     value)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, offset + 4);
  contents[offset] = (char) (value >> 24);
  contents[offset + 1] = (char) (value >> 16);
  contents[offset + 2] = (char) (value >> 8);
  contents[offset + 3] = (char) value;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
}

static void
test_refuse_newer_version (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_clear_object (&fixture->store);
  write_be32 (fixture->path, 60, TESSERA_STORE_SCHEMA_VERSION + 1);   /* user_version */
  before = test_file_sha256 (fixture->path);

  store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NEWER_VERSION);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer version"));

  after = test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
    g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

/* Opening @path, even with CREATE, is refused: not a project; the file is left as it was. */
static void
assert_not_a_project (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_file_sha256 (path);
  g_autofree char *after = NULL;
  TesseraStore *store = tessera_store_open (path, TESSERA_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT);
  after = test_file_sha256 (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_refuse_not_a_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tessera-store-XXXXXX", &error);
  g_autofree char *text_path = g_build_filename (dir, "notes.tessera", NULL);
  g_autofree char *sqlite_path = g_build_filename (dir, "other.sqlite", NULL);
  TesseraStore *store;

  /* Plain text, long enough to have a "header". */
  g_assert_true (g_file_set_contents (text_path,
                                      "Ceci n’est pas un projet. Ceci n’est pas un projet. "
                                      "Ceci n’est pas un projet. Ceci n’est pas un projet.\n",
                                      -1, NULL));
  assert_not_a_project (text_path);

  /* Another program's SQLite database. */
  test_exec_sql (sqlite_path, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
  assert_not_a_project (sqlite_path);

  /* A folder, and a missing file without CREATE. */
  store = tessera_store_open (dir, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_null (store);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_A_PROJECT);
  g_clear_error (&error);
  {
    g_autofree char *missing = g_build_filename (dir, "missing.tessera", NULL);

    store = tessera_store_open (missing, TESSERA_STORE_OPEN_DEFAULT, &error);
    g_assert_null (store);
    g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  test_remove_tree (dir);
}

static void
test_rollback_leaves_file_unchanged (Fixture       *fixture,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TesseraRange range = { 6, 28 };
  gint64 id;

  annotate_text (fixture, "person", "Oumar Diarra", 1);
  g_clear_object (&fixture->store);

  /* Make the second statement of "add annotation" fail: the annotation row is already
   * written by then, so only a whole-transaction rollback can leave the file as it was. */
  test_exec_sql (fixture->path, "CREATE TRIGGER injected_failure"
                                " BEFORE INSERT ON annotation_range"
                                " BEGIN SELECT RAISE (ABORT, 'injected failure'); END");
  before = test_file_sha256 (fixture->path);

  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  id = tessera_store_add_annotation (fixture->store, fixture->document_id,
                                     test_type_id (fixture->store, "place"), &range, 1, NULL,
                                     &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing half-done is visible, and the store still works for what does not fail. */
  {
    g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store,
                                                                      fixture->document_id,
                                                                      &error);
    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, 1);
  }
  g_assert_true (tessera_store_can_undo (fixture->store));
  g_clear_object (&fixture->store);

  after = test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  TesseraRange range = { 0, 5 };

  if (getuid () == 0)
    {
      /* Root ignores file permissions; use the explicit read-only mode. */
      g_clear_object (&fixture->store);
      before = test_file_sha256 (fixture->path);
      store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_READ_ONLY, &error);
    }
  else
    {
      g_clear_object (&fixture->store);
      g_assert_cmpint (g_chmod (fixture->path, 0444), ==, 0);
      g_assert_cmpint (g_chmod (fixture->dir, 0555), ==, 0);
      before = test_file_sha256 (fixture->path);
      store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
    }
  g_assert_no_error (error);
  g_assert_true (tessera_store_is_read_only (store));
  g_assert_nonnull (tessera_store_get_read_only_reason (store));
  g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_documents (store)), ==, 1);

  g_assert_cmpint (tessera_store_add_annotation (store, fixture->document_id,
                                                 test_type_id (store, "person"), &range, 1, NULL,
                                                 &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (tessera_store_can_undo (store));
  g_clear_object (&store);

  after = test_file_sha256 (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* Documents --------------------------------------------------------------------------- */

static void
test_documents (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autoptr(TesseraDocument) found = NULL;
  g_autofree char *text = NULL;
  g_autofree char *sha256 = NULL;
  GListModel *documents = tessera_store_get_documents (fixture->store);
  TesseraDocumentInfo info = {
    .title = (char *) "Nouveau titre", .author = (char *) "A. Auteur",
    .source_url = (char *) "https://example.org/article", .publisher = (char *) "Journal",
    .publication_date = (char *) "2024-11-06", .language = (char *) "fr",
    .licence = (char *) "CC BY 4.0", .notes = (char *) "note",
  };
  gboolean existing = TRUE;
  gint64 second;

  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);

  document = tessera_store_dup_document (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_document_get_title (document), ==, "Essai");
  g_assert_cmpstr (tessera_document_get_language (document), ==, "fr");
  g_assert_cmpint (tessera_document_get_progress (document), ==, TESSERA_PROGRESS_NOT_STARTED);

  /* Stored in NFC: the decomposed "e + U+0301" came back composed. */
  text = tessera_store_dup_document_text (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_text_is_nfc (text));
  g_assert_nonnull (strstr (text, "déclaré"));
  g_assert_cmpuint (tessera_document_get_length (document), ==, tessera_text_length (text));
  g_assert_cmpuint (tessera_document_get_length (document), ==, g_utf8_strlen (text, -1));
  sha256 = tessera_text_sha256 (text);
  g_assert_cmpstr (tessera_document_get_sha256 (document), ==, sha256);

  /* The same text again is the same document. */
  second = tessera_store_add_document (fixture->store, &info, sample_text, &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (second, ==, fixture->document_id);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);

  found = tessera_store_find_document_by_sha256 (fixture->store,
                                                 tessera_document_get_sha256 (document));
  g_assert_nonnull (found);
  g_assert_cmpint (tessera_document_get_id (found), ==, fixture->document_id);

  /* Update the record, the progress; the list follows. */
  g_assert_true (tessera_store_update_document_info (fixture->store, fixture->document_id, &info,
                                                     &error));
  g_assert_no_error (error);
  g_assert_true (tessera_store_set_document_progress (fixture->store, fixture->document_id,
                                                      TESSERA_PROGRESS_DONE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraDocument) item = g_list_model_get_item (documents, 0);

    g_assert_cmpstr (tessera_document_get_title (item), ==, "Nouveau titre");
    g_assert_cmpstr (tessera_document_get_author (item), ==, "A. Auteur");
    g_assert_cmpstr (tessera_document_get_source_url (item), ==, "https://example.org/article");
    g_assert_cmpstr (tessera_document_get_publisher (item), ==, "Journal");
    g_assert_cmpstr (tessera_document_get_publication_date (item), ==, "2024-11-06");
    g_assert_cmpstr (tessera_document_get_licence (item), ==, "CC BY 4.0");
    g_assert_cmpstr (tessera_document_get_notes (item), ==, "note");
    g_assert_cmpint (tessera_document_get_progress (item), ==, TESSERA_PROGRESS_DONE);
  }

  /* A second document, then removal of the first with its annotations. */
  second = tessera_store_add_document (fixture->store, &info, "Un autre texte.", &existing, &error);
  g_assert_no_error (error);
  g_assert_false (existing);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
  annotate_text (fixture, "person", "Oumar Diarra", 1);

  g_assert_true (tessera_store_remove_document (fixture->store, fixture->document_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 1);
  g_assert_null (tessera_store_dup_document (fixture->store, fixture->document_id, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Editing the removed document is refused and leaves no change behind: the undo below
   * still finds the removal on top of the journal. */
  g_assert_false (tessera_store_update_document_info (fixture->store, fixture->document_id,
                                                      &info, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tessera_store_set_document_progress (fixture->store, fixture->document_id,
                                                       TESSERA_PROGRESS_DONE, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo brings back the document and its annotation. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autoptr(GPtrArray) annotations = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (entry->action, ==, "document-remove");
    g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 2);
    annotations = tessera_store_dup_annotations (fixture->store, fixture->document_id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (annotations->len, ==, 1);
  }
}

/* Annotations ------------------------------------------------------------------------- */

static void
test_offsets_are_code_points (Fixture       *fixture,
                              gconstpointer  data)
{
  static const char * const needles[] = {
    "général", "d’insuffler", "déclaré", "👍🏽", "👨‍👩‍👧", "🇲🇱", "الوزير", "باماكو",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (fixture->store, fixture->document_id,
                                                            &error);

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      gint64 id = annotate_text (fixture, "other", needles[i], 1);
      g_autofree char *covered = covered_text (fixture, id);
      g_autoptr(TesseraAnnotation) annotation = tessera_store_dup_annotation (fixture->store, id,
                                                                              &error);
      const char *byte_start = strstr (text, needles[i]);

      g_assert_cmpstr (covered, ==, needles[i]);
      /* The offset is the number of code points before the span, what GtkTextBuffer counts. */
      g_assert_nonnull (byte_start);
      g_assert_cmpuint (tessera_annotation_get_start (annotation), ==,
                        g_utf8_pointer_to_offset (text, byte_start));
      g_assert_cmpuint (tessera_annotation_get_end (annotation) -
                        tessera_annotation_get_start (annotation), ==,
                        g_utf8_strlen (needles[i], -1));
    }

  /* The spans survive a reopening unchanged. */
  g_clear_object (&fixture->store);
  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) annotations = tessera_store_dup_annotations (fixture->store,
                                                                      fixture->document_id,
                                                                      &error);
    g_assert_cmpuint (annotations->len, ==, G_N_ELEMENTS (needles));
    for (guint i = 0; i < annotations->len; i++)
      {
        g_autofree char *covered =
          covered_text (fixture, tessera_annotation_get_id (g_ptr_array_index (annotations, i)));

        g_assert_true (g_strv_contains (needles, covered));
      }
  }
}

static void
test_annotations (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotation) annotation = NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 person_type = test_type_id (fixture->store, "person");
  gint64 role_type = test_type_id (fixture->store, "role");
  TesseraRange bad[] = { { 10, 5 } };
  TesseraRange outside[] = { { 0, 100000 } };
  TesseraRange overlapping[] = { { 0, 10 }, { 5, 12 } };
  TesseraRange discontinuous[] = { { 23, 29 }, { 9, 16 } };
  gboolean existing = FALSE;
  gint64 id, again, split;

  list = tessera_store_list_annotations (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);

  id = annotate_text (fixture, "person", "Oumar Diarra", 1);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* The same span with the same type is the same annotation. */
  annotation = tessera_store_dup_annotation (fixture->store, id, &error);
  again = tessera_store_add_annotation (fixture->store, fixture->document_id, person_type,
                                        tessera_annotation_get_ranges (annotation, NULL), 1,
                                        &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (again, ==, id);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  g_assert_cmpstr (tessera_annotation_get_annotator (annotation), ==, "Test Annotator");
  g_assert_cmpint (tessera_annotation_get_certainty (annotation), ==, TESSERA_CERTAINTY_UNKNOWN);
  g_assert_cmpint (tessera_annotation_get_status (annotation), ==, TESSERA_STATUS_ACCEPTED);
  g_assert_nonnull (tessera_annotation_get_created (annotation));

  /* Invalid spans are refused. */
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, fixture->document_id,
                                                 person_type, bad, 1, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, fixture->document_id,
                                                 person_type, outside, 1, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, fixture->document_id,
                                                 person_type, overlapping, 2, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, 9999, person_type,
                                                 discontinuous, 1, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A discontinuous span: its ranges come back sorted. */
  split = tessera_store_add_annotation (fixture->store, fixture->document_id, role_type,
                                        discontinuous, 2, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, split, &error);
    guint n;
    const TesseraRange *r = tessera_annotation_get_ranges (a, &n);
    g_autofree char *covered = covered_text (fixture, split);

    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpuint (r[0].start, ==, 9);
    g_assert_cmpuint (r[1].start, ==, 23);
    g_assert_cmpstr (covered, ==, "général|Diarra");
  }
  /* Reading order in the list: the role starts first. */
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  {
    g_autoptr(TesseraAnnotation) first = g_list_model_get_item (list, 0);
    g_assert_cmpint (tessera_annotation_get_id (first), ==, split);
  }

  /* Retype, resize, certainty, status, note, normalized value. */
  g_assert_true (tessera_store_set_annotation_type (fixture->store, id, role_type, &error));
  g_assert_no_error (error);
  {
    TesseraRange grown = { 17, 29 };

    g_assert_true (tessera_store_set_annotation_ranges (fixture->store, id, &grown, 1, &error));
    g_assert_no_error (error);
  }
  g_assert_true (tessera_store_set_annotation_certainty (fixture->store, id,
                                                         TESSERA_CERTAINTY_HIGH, &error));
  g_assert_true (tessera_store_set_annotation_status (fixture->store, id,
                                                      TESSERA_STATUS_SUGGESTED, &error));
  g_assert_true (tessera_store_set_annotation_note (fixture->store, id, "chef d’état-major",
                                                    &error));
  g_assert_true (tessera_store_set_annotation_normalized (fixture->store, id, "Q42", &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, id, &error);
    g_autofree char *covered = covered_text (fixture, id);
    guint position = 0;

    g_assert_cmpint (tessera_annotation_get_type_id (a), ==, role_type);
    g_assert_cmpstr (covered, ==, "Oumar Diarra");
    g_assert_cmpint (tessera_annotation_get_certainty (a), ==, TESSERA_CERTAINTY_HIGH);
    g_assert_cmpint (tessera_annotation_get_status (a), ==, TESSERA_STATUS_SUGGESTED);
    g_assert_cmpstr (tessera_annotation_get_note (a), ==, "chef d’état-major");
    g_assert_cmpstr (tessera_annotation_get_normalized (a), ==, "Q42");

    /* The list model holds the fresh version. */
    g_assert_true (tessera_annotation_list_find (TESSERA_ANNOTATION_LIST (list), id, &position));
    {
      g_autoptr(TesseraAnnotation) item = g_list_model_get_item (list, position);
      g_assert_cmpint (tessera_annotation_get_certainty (item), ==, TESSERA_CERTAINTY_HIGH);
    }
  }

  g_assert_true (tessera_store_remove_annotation (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_null (tessera_store_dup_annotation (fixture->store, id, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
}

/* A document's annotations come back once each, with all their ranges in order, in reading
 * order, whatever the order of their types and of their making. */
static void
test_annotations_reading_order (Fixture       *fixture,
                                gconstpointer  data)
{
  static const struct {
    const char   *type;
    TesseraRange  ranges[3];
    guint         n_ranges;
  } made[] = {
    { "role", { { 40, 48 }, { 9, 16 } }, 2 },
    { "person", { { 68, 70 }, { 17, 29 } }, 2 },
    { "place", { { 60, 67 }, { 3, 5 }, { 31, 38 } }, 3 },
    { "person", { { 40, 48 } }, 1 },
    { "date", { { 49, 51 }, { 0, 2 } }, 2 },
  };
  /* Reading order: by the first range's start, then the longer span first. */
  static const guint expected[] = { 4, 2, 0, 1, 3 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GListModel) list = NULL;
  gint64 ids[G_N_ELEMENTS (made)];

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    {
      ids[i] = tessera_store_add_annotation (fixture->store, fixture->document_id,
                                             test_type_id (fixture->store, made[i].type),
                                             made[i].ranges, made[i].n_ranges, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
    }

  annotations = tessera_store_dup_annotations (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  list = tessera_store_list_annotations (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, G_N_ELEMENTS (made));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (made));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TesseraAnnotation *annotation = g_ptr_array_index (annotations, i);
      g_autoptr(TesseraAnnotation) item = g_list_model_get_item (list, i);
      guint m = expected[i], n;
      const TesseraRange *ranges = tessera_annotation_get_ranges (annotation, &n);

      g_assert_cmpint (tessera_annotation_get_id (annotation), ==, ids[m]);
      g_assert_cmpint (tessera_annotation_get_id (item), ==, ids[m]);
      g_assert_cmpint (tessera_annotation_get_type_id (annotation), ==,
                       test_type_id (fixture->store, made[m].type));
      g_assert_cmpuint (n, ==, made[m].n_ranges);
      for (guint r = 0; r < n; r++)
        {
          guint before = 0;

          /* The ranges as made, sorted: the r-th is the one with r ranges before it. */
          for (guint k = 0; k < n; k++)
            before += made[m].ranges[k].start < ranges[r].start;
          g_assert_cmpuint (before, ==, r);
          for (guint k = 0; k < n; k++)
            if (made[m].ranges[k].start == ranges[r].start)
              g_assert_cmpuint (made[m].ranges[k].end, ==, ranges[r].end);
        }
    }
}

/* Entities, claims, relations, attributes ------------------------------------------------ */

static void
test_entities (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *entities = tessera_store_get_entities (fixture->store);
  gint64 person_type = test_type_id (fixture->store, "person");
  gint64 mention = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 claim = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 entity;

  entity = tessera_store_add_entity (fixture->store, "  Oumar Diarra ", person_type,
                                     "Chef d’état-major général des armées du Mali", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entities), ==, 1);

  g_assert_true (tessera_store_add_entity_authority (fixture->store, entity, NULL,
                                                     "https://www.wikidata.org/wiki/Q1", &error));
  g_assert_no_error (error);
  g_assert_true (tessera_store_add_entity_authority (fixture->store, entity, "viaf",
                                                     "https://viaf.org/viaf/1", &error));
  g_assert_no_error (error);
  g_assert_false (tessera_store_add_entity_authority (fixture->store, entity, NULL,
                                                      "pas une adresse", &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tessera_store_add_entity_authority (fixture->store, entity, NULL,
                                                      "https://example.org/a b", &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (tessera_store_link_annotation (fixture->store, mention, entity, &error));
  g_assert_no_error (error);
  /* Claims are not mentions. */
  g_assert_false (tessera_store_link_annotation (fixture->store, claim, entity, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(TesseraEntity) item = g_list_model_get_item (entities, 0);
    g_autoptr(GArray) mentions = tessera_store_dup_entity_mentions (fixture->store, entity, &error);
    guint n = 0;

    g_assert_cmpstr (tessera_entity_get_name (item), ==, "Oumar Diarra");
    g_assert_cmpint (tessera_entity_get_type_id (item), ==, person_type);
    g_assert_cmpuint (tessera_entity_get_mention_count (item), ==, 1);
    tessera_entity_get_authorities (item, &n);
    g_assert_cmpuint (n, ==, 2);
    g_assert_cmpstr (tessera_entity_get_authority (item, "wikidata"), ==,
                     "https://www.wikidata.org/wiki/Q1");
    g_assert_cmpstr (tessera_entity_get_authority (item, "viaf"), ==, "https://viaf.org/viaf/1");
    g_assert_cmpuint (mentions->len, ==, 1);
    g_assert_cmpint (g_array_index (mentions, gint64, 0), ==, mention);
  }

  g_assert_false (tessera_store_update_entity (fixture->store, entity + 1000, "Personne", NULL,
                                               &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (tessera_store_update_entity (fixture->store, entity, "Général Oumar Diarra", NULL,
                                              &error));
  g_assert_true (tessera_store_remove_entity_authority (fixture->store, entity,
                                                        "https://viaf.org/viaf/1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraEntity) item = tessera_store_dup_entity (fixture->store, entity, &error);
    guint n = 0;

    g_assert_cmpstr (tessera_entity_get_name (item), ==, "Général Oumar Diarra");
    g_assert_null (tessera_entity_get_description (item));
    tessera_entity_get_authorities (item, &n);
    g_assert_cmpuint (n, ==, 1);
  }

  /* Removing the entity keeps its mention, unlinked. */
  g_assert_true (tessera_store_remove_entity (fixture->store, entity, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entities), ==, 0);
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, mention, &error);
    g_assert_nonnull (a);
    g_assert_cmpint (tessera_annotation_get_entity_id (a), ==, 0);
  }
}

static void
test_entity_for_mention (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mention = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 claim = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 entity;

  entity = tessera_store_add_entity_for_mention (fixture->store, mention, "Oumar Diarra",
                                                 "https://www.wikidata.org/wiki/Q2", &error);
  g_assert_no_error (error);
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, mention, &error);
    g_autoptr(TesseraEntity) e = tessera_store_dup_entity (fixture->store, entity, &error);

    g_assert_cmpint (tessera_annotation_get_entity_id (a), ==, entity);
    g_assert_cmpint (tessera_entity_get_type_id (e), ==, test_type_id (fixture->store, "person"));
    g_assert_cmpstr (tessera_entity_get_authority (e, "wikidata"), ==,
                     "https://www.wikidata.org/wiki/Q2");
  }

  /* One change: one undo takes back the entity, its authority and the link. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, mention, &error);

    g_assert_no_error (error);
    g_assert_cmpint (tessera_annotation_get_entity_id (a), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (tessera_store_get_entities (fixture->store)), ==, 0);
  }

  /* Claims are not mentions; a name is needed. */
  g_assert_cmpint (tessera_store_add_entity_for_mention (fixture->store, claim, "X", NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_entity_for_mention (fixture->store, mention, "  ", NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
}

static TesseraClaim *
dup_claim (Fixture *fixture,
           gint64   annotation_id)
{
  g_autoptr(GError) error = NULL;
  TesseraClaim *claim = tessera_store_dup_claim (fixture->store, annotation_id, &error);

  g_assert_no_error (error);
  return claim;
}

/* What the inspector does to a claim, one field or one source at a time, each undoable. */
static void
test_claim_edits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = NULL;
  gint64 person = test_type_id (fixture->store, "person");
  gint64 diarra = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 unlinked = annotate_text (fixture, "person", "Le ministre", 1);
  gint64 cue = annotate_text (fixture, "cue", "Selon", 1);
  gint64 statement = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 entity = tessera_store_add_entity (fixture->store, "Oumar Diarra", person, NULL, &error);
  gint64 other = tessera_store_add_entity (fixture->store, "Moussa Barmou", person, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (tessera_store_link_annotation (fixture->store, diarra, entity, &error));
  g_assert_no_error (error);

  /* A code of the vocabulary, or nothing; anything else is refused and changes nothing. */
  g_assert_true (tessera_store_set_claim_field (fixture->store, statement, "factuality", "PR+",
                                                &error));
  g_assert_no_error (error);
  g_assert_false (tessera_store_set_claim_field (fixture->store, statement, "factuality", "sure",
                                                 &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tessera_store_set_claim_field (fixture->store, statement, "topic", "défense",
                                                &error));
  g_assert_true (tessera_store_set_claim_field (fixture->store, statement, "statement-date", "",
                                                &error));
  g_assert_no_error (error);
  claim = dup_claim (fixture, statement);
  g_assert_cmpstr (tessera_claim_get_factuality (claim), ==, "PR+");
  g_assert_cmpstr (tessera_claim_get_topic (claim), ==, "défense");
  g_assert_null (tessera_claim_get_statement_date (claim));
  g_assert_false (tessera_claim_is_complete (claim));
  g_clear_object (&claim);

  /* A mention brings its entity, and the source is named. */
  g_assert_true (tessera_store_set_claim_source (fixture->store, statement, diarra, 0, &error));
  g_assert_no_error (error);
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, diarra);
  g_assert_cmpint (tessera_claim_get_source_entity_id (claim), ==, entity);
  g_assert_cmpstr (tessera_claim_get_source_kind (claim), ==, "named");
  g_assert_true (tessera_claim_is_complete (claim));
  g_clear_object (&claim);

  /* Another entity: the mention of someone else no longer names the source. */
  g_assert_true (tessera_store_set_claim_source (fixture->store, statement, 0, other, &error));
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, 0);
  g_assert_cmpint (tessera_claim_get_source_entity_id (claim), ==, other);
  g_clear_object (&claim);

  /* An unlinked mention keeps the entity; an entity keeps the unlinked mention. */
  g_assert_true (tessera_store_set_claim_source (fixture->store, statement, unlinked, 0, &error));
  g_assert_true (tessera_store_set_claim_source (fixture->store, statement, 0, other, &error));
  g_assert_no_error (error);
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, unlinked);
  g_assert_cmpint (tessera_claim_get_source_entity_id (claim), ==, other);
  g_clear_object (&claim);

  /* The cue, then no source at all; the claim cannot be its own cue. */
  g_assert_true (tessera_store_set_claim_cue (fixture->store, statement, cue, &error));
  g_assert_false (tessera_store_set_claim_cue (fixture->store, statement, statement, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tessera_store_set_claim_source (fixture->store, statement, 0, 0, &error));
  g_assert_no_error (error);
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (claim), ==, cue);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, 0);
  g_assert_cmpint (tessera_claim_get_source_entity_id (claim), ==, 0);
  g_clear_object (&claim);

  /* Each edit is one step of undo. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (entry);
  }
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, unlinked);
  g_assert_cmpint (tessera_claim_get_source_entity_id (claim), ==, other);
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (claim), ==, cue);
}

#define SOURCE TESSERA_CLAIM_ROLE_SOURCE
#define CUE    TESSERA_CLAIM_ROLE_CUE

/* Words marked as the source or the cue of a claim in one change: one undo takes the new
 * mention and the link back, and leaves the claim as it was. */
static void
test_claim_mentions (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = NULL;
  g_autoptr(TesseraAnnotation) mention = NULL;
  g_autofree char *text = tessera_store_dup_document_text (fixture->store, fixture->document_id,
                                                            NULL);
  gint64 statement = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 person = test_type_id (fixture->store, "person");
  gint64 cue_type = test_type_id (fixture->store, "cue");
  TesseraRange speaker, selon;
  gint64 source, cue, again;

  g_assert_true (tessera_text_find (text, "Oumar Diarra", 1, &speaker));
  g_assert_true (tessera_text_find (text, "Selon", 1, &selon));

  /* The type must fit the role: no cue as a source, no person as a cue. */
  g_assert_cmpint (tessera_store_add_claim_mention (fixture->store, statement, SOURCE, cue_type,
                                                    &speaker, 1, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_claim_mention (fixture->store, statement, CUE, person,
                                                    &selon, 1, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_claim_mention (fixture->store, statement + 1000, SOURCE,
                                                    person, &speaker, 1, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  source = tessera_store_add_claim_mention (fixture->store, statement, SOURCE, person, &speaker, 1,
                                            &error);
  g_assert_no_error (error);
  cue = tessera_store_add_claim_mention (fixture->store, statement, CUE, cue_type, &selon, 1,
                                         &error);
  g_assert_no_error (error);
  mention = tessera_store_dup_annotation (fixture->store, source, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_annotation_get_type_id (mention), ==, person);
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, source);
  g_assert_cmpstr (tessera_claim_get_source_kind (claim), ==, "named");
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (claim), ==, cue);
  g_clear_object (&claim);

  /* Words marked already are not marked twice. */
  again = tessera_store_add_claim_mention (fixture->store, statement, SOURCE, person, &speaker, 1,
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, source);

  /* One undo: the cue and its link go together; the source stays. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autofree char *description = NULL;

    g_assert_no_error (error);
    description = tessera_store_describe_journal_entry (fixture->store, entry);
    g_assert_cmpstr (description, ==, "Cue «Selon»");
  }
  g_assert_null (tessera_store_dup_annotation (fixture->store, cue, NULL));
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_cue_annotation_id (claim), ==, 0);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, source);
  g_clear_object (&claim);

  /* A second: the mention goes, and the claim has no source again. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);

    g_assert_no_error (error);
  }
  g_assert_null (tessera_store_dup_annotation (fixture->store, source, NULL));
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, 0);
  g_assert_null (tessera_claim_get_source_kind (claim));
  g_clear_object (&claim);

  /* Redo brings both back. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_redo (fixture->store, &error);

    g_assert_no_error (error);
  }
  claim = dup_claim (fixture, statement);
  g_assert_cmpint (tessera_claim_get_source_annotation_id (claim), ==, source);
}

static void
test_claims (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraClaim) claim = NULL;
  gint64 source = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 cue = annotate_text (fixture, "cue", "Selon", 1);
  gint64 statement = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 outer = annotate_text (fixture, "claim", "c’est 👍🏽 !", 1);
  gint64 entity = tessera_store_add_entity (fixture->store, "Oumar Diarra",
                                            test_type_id (fixture->store, "person"), NULL, &error);

  /* A claim annotation comes with an empty, incomplete claim record. */
  claim = tessera_store_dup_claim (fixture->store, statement, &error);
  g_assert_no_error (error);
  g_assert_false (tessera_claim_is_complete (claim));
  g_assert_null (tessera_store_dup_claim (fixture->store, source, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  tessera_claim_set_source_annotation_id (claim, source);
  tessera_claim_set_source_entity_id (claim, entity);
  tessera_claim_set_cue_annotation_id (claim, cue);
  tessera_claim_set_parent_annotation_id (claim, outer);
  g_assert_true (tessera_claim_set_source_kind (claim, "named"));
  g_assert_true (tessera_claim_set_quote_type (claim, "according-to"));
  g_assert_true (tessera_claim_set_polarity (claim, "positive"));
  g_assert_true (tessera_claim_set_factuality (claim, "PR+"));
  g_assert_true (tessera_claim_set_writer_distance (claim, "distanced"));
  g_assert_false (tessera_claim_set_factuality (claim, "sure"));
  tessera_claim_set_statement_date (claim, "2024-11-06");
  tessera_claim_set_topic (claim, "coopération militaire");
  g_assert_true (tessera_store_update_claim (fixture->store, claim, &error));
  g_assert_no_error (error);

  {
    g_autoptr(TesseraClaim) stored = tessera_store_dup_claim (fixture->store, statement, &error);

    g_assert_true (tessera_claim_is_complete (stored));
    g_assert_cmpint (tessera_claim_get_source_annotation_id (stored), ==, source);
    g_assert_cmpint (tessera_claim_get_source_entity_id (stored), ==, entity);
    g_assert_cmpint (tessera_claim_get_cue_annotation_id (stored), ==, cue);
    g_assert_cmpint (tessera_claim_get_parent_annotation_id (stored), ==, outer);
    g_assert_cmpstr (tessera_claim_get_source_kind (stored), ==, "named");
    g_assert_cmpstr (tessera_claim_get_quote_type (stored), ==, "according-to");
    g_assert_cmpstr (tessera_claim_get_polarity (stored), ==, "positive");
    g_assert_cmpstr (tessera_claim_get_factuality (stored), ==, "PR+");
    g_assert_cmpstr (tessera_claim_get_writer_distance (stored), ==, "distanced");
    g_assert_cmpstr (tessera_claim_get_statement_date (stored), ==, "2024-11-06");
    g_assert_cmpstr (tessera_claim_get_topic (stored), ==, "coopération militaire");
  }

  /* A claim cannot be its own source. */
  tessera_claim_set_source_annotation_id (claim, statement);
  g_assert_false (tessera_store_update_claim (fixture->store, claim, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleting the source mention clears the link; undo restores it. */
  g_assert_true (tessera_store_remove_annotation (fixture->store, source, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraClaim) stored = tessera_store_dup_claim (fixture->store, statement, &error);
    g_assert_cmpint (tessera_claim_get_source_annotation_id (stored), ==, 0);
  }
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autoptr(TesseraClaim) stored = NULL;

    g_assert_no_error (error);
    stored = tessera_store_dup_claim (fixture->store, statement, &error);
    g_assert_cmpint (tessera_claim_get_source_annotation_id (stored), ==, source);
  }

  /* Retyping a claim to a mention drops its claim record (and undo brings it back). */
  g_assert_true (tessera_store_set_annotation_type (fixture->store, statement,
                                                    test_type_id (fixture->store, "other"), &error));
  g_assert_null (tessera_store_dup_claim (fixture->store, statement, &error));
  g_clear_error (&error);
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autoptr(TesseraClaim) stored = NULL;

    g_assert_no_error (error);
    stored = tessera_store_dup_claim (fixture->store, statement, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tessera_claim_get_factuality (stored), ==, "PR+");
  }

  {
    g_autoptr(TesseraStats) stats = tessera_store_dup_stats (fixture->store, 0, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (stats->n_claims, ==, 2);
    g_assert_cmpuint (stats->n_claims_with_source, ==, 1);
  }
}

static guint
count_of_type (TesseraStats *stats,
               gint64        type_id)
{
  guint total = 0;

  for (guint i = 0; i < stats->per_type->len; i++)
    {
      TesseraTypeCount *count = &g_array_index (stats->per_type, TesseraTypeCount, i);

      total += count->count;
      if (count->type_id == type_id)
        return count->count;
    }
  g_assert_not_reached ();
  return total;
}

/* Statistics of one document and of the whole project agree with what was made. */
static void
test_stats (Fixture       *fixture,
            gconstpointer  data)
{
  TesseraDocumentInfo info = { .title = (char *) "Deux", .language = (char *) "fr" };
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStats) first = NULL;
  g_autoptr(TesseraStats) second_stats = NULL;
  g_autoptr(TesseraStats) project = NULL;
  GListModel *tagset = tessera_store_get_tagset (fixture->store);
  TesseraRange bamako = { 0, 6 }, segou = { 9, 14 };
  gint64 second, claim, person;

  second = tessera_store_add_document (fixture->store, &info, "Bamako et Ségou.", NULL, &error);
  g_assert_no_error (error);
  person = annotate_text (fixture, "person", "Oumar Diarra", 1);
  claim = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  annotate_text (fixture, "place", "باماكو", 1);
  /* The second document is annotated by someone else. */
  tessera_store_set_annotator (fixture->store, "Awa Traoré");
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, second,
                                                 test_type_id (fixture->store, "place"), &bamako, 1,
                                                 NULL, &error), >, 0);
  g_assert_cmpint (tessera_store_add_annotation (fixture->store, second,
                                                 test_type_id (fixture->store, "place"), &segou, 1,
                                                 NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_store_add_relation (fixture->store, "supports", claim, person, NULL,
                                               &error), >, 0);
  g_assert_no_error (error);

  first = tessera_store_dup_stats (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  second_stats = tessera_store_dup_stats (fixture->store, second, &error);
  g_assert_no_error (error);
  project = tessera_store_dup_stats (fixture->store, 0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (first->n_documents, ==, 1);
  {
    /* Stored in NFC: one code point fewer than the sample's decomposed "é". */
    g_autofree char *stored = tessera_store_dup_document_text (fixture->store,
                                                               fixture->document_id, &error);

    g_assert_cmpuint (first->n_characters, ==, tessera_text_length (stored));
    g_assert_cmpuint (first->n_characters, ==, tessera_text_length (sample_text) - 1);
  }
  g_assert_cmpuint (first->n_annotations, ==, 3);
  g_assert_cmpuint (first->n_claims, ==, 1);
  g_assert_cmpuint (first->n_relations, ==, 1);
  g_assert_cmpuint (first->n_annotators, ==, 1);
  g_assert_cmpuint (count_of_type (first, test_type_id (fixture->store, "place")), ==, 1);
  g_assert_cmpuint (count_of_type (first, test_type_id (fixture->store, "person")), ==, 1);

  g_assert_cmpuint (second_stats->n_documents, ==, 1);
  g_assert_cmpuint (second_stats->n_characters, ==, 16);
  g_assert_cmpuint (second_stats->n_annotations, ==, 2);
  g_assert_cmpuint (second_stats->n_claims, ==, 0);
  g_assert_cmpuint (second_stats->n_relations, ==, 0);
  g_assert_cmpuint (second_stats->n_annotators, ==, 1);
  g_assert_cmpuint (count_of_type (second_stats, test_type_id (fixture->store, "place")), ==, 2);
  g_assert_cmpuint (count_of_type (second_stats, test_type_id (fixture->store, "claim")), ==, 0);

  g_assert_cmpuint (project->n_documents, ==, 2);
  g_assert_cmpuint (project->n_characters, ==, first->n_characters + 16);
  g_assert_cmpuint (project->n_annotations, ==, 5);
  g_assert_cmpuint (project->n_claims, ==, 1);
  g_assert_cmpuint (project->n_claims_with_source, ==, 0);
  g_assert_cmpuint (project->n_relations, ==, 1);
  g_assert_cmpuint (project->n_annotators, ==, 2);
  g_assert_cmpuint (count_of_type (project, test_type_id (fixture->store, "place")), ==, 3);
  g_assert_cmpuint (count_of_type (project, test_type_id (fixture->store, "person")), ==, 1);
  g_assert_cmpuint (count_of_type (project, test_type_id (fixture->store, "claim")), ==, 1);
  g_assert_cmpuint (count_of_type (project, test_type_id (fixture->store, "date")), ==, 0);
  /* Every type of the tagset, in its order, with or without annotations. */
  g_assert_cmpuint (project->per_type->len, ==, g_list_model_get_n_items (tagset));
  for (guint i = 0; i < project->per_type->len; i++)
    {
      g_autoptr(TesseraAnnotationType) type = g_list_model_get_item (tagset, i);

      g_assert_cmpint (g_array_index (project->per_type, TesseraTypeCount, i).type_id, ==,
                       tessera_annotation_type_get_id (type));
    }
}

static void
test_relations_and_attributes (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relations = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  gint64 a = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 b = annotate_text (fixture, "claim", "c’est 👍🏽 !", 1);
  gint64 relation;

  relation = tessera_store_add_relation (fixture->store, "supports", a, b, "même idée", &error);
  g_assert_no_error (error);
  g_assert_cmpint (relation, >, 0);
  g_assert_cmpint (tessera_store_add_relation (fixture->store, "supports", a, a, NULL, &error),
                   ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  relations = tessera_store_dup_relations (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relations->len, ==, 1);
  {
    TesseraRelation *r = g_ptr_array_index (relations, 0);

    g_assert_cmpstr (r->type, ==, "supports");
    g_assert_cmpint (r->source_id, ==, a);
    g_assert_cmpint (r->target_id, ==, b);
    g_assert_cmpstr (r->note, ==, "même idée");
    g_assert_cmpstr (r->annotator, ==, "Test Annotator");
  }

  g_assert_true (tessera_store_set_attribute (fixture->store, "annotation", a, "genre", "presse",
                                              &error));
  g_assert_true (tessera_store_set_attribute (fixture->store, "annotation", a, "genre", "dépêche",
                                              &error));
  g_assert_true (tessera_store_set_attribute (fixture->store, "document", fixture->document_id,
                                              "source", "AMAP", &error));
  g_assert_no_error (error);
  g_assert_false (tessera_store_set_attribute (fixture->store, "nothing", 1, "k", "v", &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  attributes = tessera_store_dup_attributes (fixture->store, "annotation", a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (attributes, "genre"), ==, "dépêche");
  g_clear_pointer (&attributes, g_hash_table_unref);

  g_assert_true (tessera_store_set_attribute (fixture->store, "annotation", a, "genre", NULL,
                                              &error));
  attributes = tessera_store_dup_attributes (fixture->store, "annotation", a, &error);
  g_assert_cmpuint (g_hash_table_size (attributes), ==, 0);
  g_clear_pointer (&attributes, g_hash_table_unref);

  /* Removing an annotation takes its relations with it. */
  g_assert_true (tessera_store_remove_annotation (fixture->store, b, &error));
  g_clear_pointer (&relations, g_ptr_array_unref);
  relations = tessera_store_dup_relations (fixture->store, fixture->document_id, &error);
  g_assert_cmpuint (relations->len, ==, 0);

  g_assert_true (tessera_store_remove_relation (fixture->store, 424242, &error) == FALSE);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
}

/* The document model ----------------------------------------------------------------- */

static gint64
annotate_ranges (Fixture    *fixture,
                 const char *key,
                 const char *first,
                 const char *second)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tessera_store_dup_document_text (fixture->store, fixture->document_id,
                                                            &error);
  TesseraRange ranges[2];
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (tessera_text_find (text, first, 1, &ranges[0]));
  g_assert_true (tessera_text_find (text, second, 1, &ranges[1]));
  id = tessera_store_add_annotation (fixture->store, fixture->document_id,
                                     test_type_id (fixture->store, key), ranges, 2, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static TesseraAnnotationRecord *
find_annotation_record (TesseraDocumentRecord *document,
                        gint64                 id)
{
  for (guint i = 0; i < document->annotations->len; i++)
    {
      TesseraAnnotationRecord *annotation = g_ptr_array_index (document->annotations, i);

      if (annotation->id == id)
        return annotation;
    }
  g_assert_not_reached ();
}

static int
index_in (GPtrArray     *array,
          gconstpointer  item)
{
  guint index;

  if (item == NULL)
    return -1;
  g_assert_true (g_ptr_array_find (array, item, &index));
  return (int) index;
}

static void
assert_attributes_equal (GHashTable *a,
                         GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  g_assert_cmpuint (a ? g_hash_table_size (a) : 0, ==, b ? g_hash_table_size (b) : 0);
  if (a == NULL)
    return;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (b, key), ==, value);
}

static void
assert_types_equal (TesseraAnnotationType *a,
                    TesseraAnnotationType *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpint (tessera_annotation_type_get_id (a), ==, tessera_annotation_type_get_id (b));
  g_assert_cmpstr (tessera_annotation_type_get_key (a), ==, tessera_annotation_type_get_key (b));
}

static void
assert_entity_records_equal (TesseraEntityRecord *a,
                             TesseraEntityRecord *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->name, ==, b->name);
  assert_types_equal (a->type, b->type);
  g_assert_cmpstr (a->description, ==, b->description);
  g_assert_cmpuint (a->authorities->len, ==, b->authorities->len);
  for (guint i = 0; i < a->authorities->len; i++)
    {
      TesseraAuthority *x = &g_array_index (a->authorities, TesseraAuthority, i);
      TesseraAuthority *y = &g_array_index (b->authorities, TesseraAuthority, i);

      g_assert_cmpstr (x->scheme, ==, y->scheme);
      g_assert_cmpstr (x->uri, ==, y->uri);
    }
  assert_attributes_equal (a->attributes, b->attributes);
}

/* Field for field, the pointers between records included (compared by position). */
static void
assert_document_records_equal (TesseraDocumentRecord *a,
                               TesseraDocumentRecord *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->info.title, ==, b->info.title);
  g_assert_cmpstr (a->info.author, ==, b->info.author);
  g_assert_cmpstr (a->info.source_url, ==, b->info.source_url);
  g_assert_cmpstr (a->info.publisher, ==, b->info.publisher);
  g_assert_cmpstr (a->info.publication_date, ==, b->info.publication_date);
  g_assert_cmpstr (a->info.language, ==, b->info.language);
  g_assert_cmpstr (a->info.licence, ==, b->info.licence);
  g_assert_cmpstr (a->info.notes, ==, b->info.notes);
  g_assert_cmpstr (a->info.source_path, ==, b->info.source_path);
  g_assert_cmpstr (a->text, ==, b->text);
  g_assert_cmpint (a->progress, ==, b->progress);
  assert_attributes_equal (a->attributes, b->attributes);

  g_assert_cmpuint (a->entities->len, ==, b->entities->len);
  for (guint i = 0; i < a->entities->len; i++)
    assert_entity_records_equal (g_ptr_array_index (a->entities, i),
                                 g_ptr_array_index (b->entities, i));

  g_assert_cmpuint (a->annotations->len, ==, b->annotations->len);
  for (guint i = 0; i < a->annotations->len; i++)
    {
      TesseraAnnotationRecord *x = g_ptr_array_index (a->annotations, i);
      TesseraAnnotationRecord *y = g_ptr_array_index (b->annotations, i);

      g_assert_cmpint (x->id, ==, y->id);
      assert_types_equal (x->type, y->type);
      g_assert_cmpmem (x->ranges->data, x->ranges->len * sizeof (TesseraRange),
                       y->ranges->data, y->ranges->len * sizeof (TesseraRange));
      g_assert_cmpint (index_in (a->entities, x->entity), ==, index_in (b->entities, y->entity));
      g_assert_cmpstr (x->annotator, ==, y->annotator);
      g_assert_cmpint (x->certainty, ==, y->certainty);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (x->normalized, ==, y->normalized);
      assert_attributes_equal (x->attributes, y->attributes);
      g_assert_true ((x->claim == NULL) == (y->claim == NULL));
      if (x->claim == NULL)
        continue;
      g_assert_cmpint (index_in (a->entities, x->claim->source_entity), ==,
                       index_in (b->entities, y->claim->source_entity));
      g_assert_cmpint (index_in (a->annotations, x->claim->source_annotation), ==,
                       index_in (b->annotations, y->claim->source_annotation));
      g_assert_cmpint (index_in (a->annotations, x->claim->cue), ==,
                       index_in (b->annotations, y->claim->cue));
      g_assert_cmpint (index_in (a->annotations, x->claim->parent), ==,
                       index_in (b->annotations, y->claim->parent));
      g_assert_cmpstr (x->claim->source_kind, ==, y->claim->source_kind);
      g_assert_cmpstr (x->claim->quote_type, ==, y->claim->quote_type);
      g_assert_cmpstr (x->claim->polarity, ==, y->claim->polarity);
      g_assert_cmpstr (x->claim->factuality, ==, y->claim->factuality);
      g_assert_cmpstr (x->claim->writer_distance, ==, y->claim->writer_distance);
      g_assert_cmpstr (x->claim->statement_date, ==, y->claim->statement_date);
      g_assert_cmpstr (x->claim->topic, ==, y->claim->topic);
    }

  g_assert_cmpuint (a->relations->len, ==, b->relations->len);
  for (guint i = 0; i < a->relations->len; i++)
    {
      TesseraRelationRecord *x = g_ptr_array_index (a->relations, i);
      TesseraRelationRecord *y = g_ptr_array_index (b->relations, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpint (index_in (a->annotations, x->source), ==,
                       index_in (b->annotations, y->source));
      g_assert_cmpint (index_in (a->annotations, x->target), ==,
                       index_in (b->annotations, y->target));
      g_assert_cmpstr (x->note, ==, y->note);
      g_assert_cmpstr (x->annotator, ==, y->annotator);
    }
}

/* The record names the types of @store: the one of the same key. */
static void
use_types_of (TesseraStore          *store,
              TesseraAnnotationType **type)
{
  TesseraAnnotationType *other;

  if (*type == NULL)
    return;
  other = tessera_store_find_annotation_type (store, tessera_annotation_type_get_key (*type));
  g_assert_nonnull (other);
  g_object_unref (*type);
  *type = other;
}

static void
test_document_record (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocumentRecord) record = NULL;
  g_autoptr(TesseraDocumentRecord) copy = NULL;
  g_autoptr(TesseraClaim) claim = NULL;
  g_autoptr(TesseraStore) other = NULL;
  g_autoptr(GPtrArray) documents = g_ptr_array_new ();
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.tessera", NULL);
  gint64 mention = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 split = annotate_ranges (fixture, "person", "général", "ministre");
  gint64 cue = annotate_text (fixture, "cue", "Selon", 1);
  gint64 statement = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 crossing = annotate_text (fixture, "other", "permettra d’insuffler un nouveau", 1);
  gint64 quote = annotate_text (fixture, "claim", "c’est 👍🏽 !", 1);
  gint64 entity, relation;
  TesseraAnnotationRecord *a;
  TesseraEntityRecord *e;
  TesseraAuthority *authority;

  entity = tessera_store_add_entity (fixture->store, "Oumar Diarra",
                                     test_type_id (fixture->store, "person"),
                                     "Chef d’état-major", &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_add_entity_authority (fixture->store, entity, NULL,
                                                     "https://www.wikidata.org/wiki/Q1", &error));
  g_assert_true (tessera_store_link_annotation (fixture->store, mention, entity, &error));
  g_assert_true (tessera_store_link_annotation (fixture->store, split, entity, &error));
  g_assert_true (tessera_store_set_annotation_certainty (fixture->store, mention,
                                                         TESSERA_CERTAINTY_HIGH, &error));
  g_assert_true (tessera_store_set_annotation_status (fixture->store, mention,
                                                      TESSERA_STATUS_SUGGESTED, &error));
  g_assert_true (tessera_store_set_annotation_note (fixture->store, mention, "à vérifier",
                                                    &error));
  g_assert_true (tessera_store_set_annotation_normalized (fixture->store, mention,
                                                          "Diarra, Oumar", &error));
  g_assert_true (tessera_store_set_attribute (fixture->store, "document", fixture->document_id,
                                              "source", "AMAP", &error));
  g_assert_true (tessera_store_set_attribute (fixture->store, "annotation", statement, "genre",
                                              "presse", &error));
  g_assert_true (tessera_store_set_attribute (fixture->store, "entity", entity, "rôle",
                                              "militaire", &error));
  g_assert_no_error (error);
  claim = tessera_store_dup_claim (fixture->store, statement, &error);
  g_assert_no_error (error);
  tessera_claim_set_source_annotation_id (claim, mention);
  tessera_claim_set_source_entity_id (claim, entity);
  tessera_claim_set_cue_annotation_id (claim, cue);
  g_assert_true (tessera_claim_set_quote_type (claim, "according-to"));
  g_assert_true (tessera_claim_set_factuality (claim, "PR+"));
  tessera_claim_set_topic (claim, "coopération militaire");
  g_assert_true (tessera_store_update_claim (fixture->store, claim, &error));
  g_clear_object (&claim);
  claim = tessera_store_dup_claim (fixture->store, quote, &error);
  tessera_claim_set_parent_annotation_id (claim, statement);
  g_assert_true (tessera_store_update_claim (fixture->store, claim, &error));
  relation = tessera_store_add_relation (fixture->store, "supports", statement, quote,
                                         "même idée", &error);
  g_assert_no_error (error);

  record = tessera_store_dup_document_record (fixture->store, fixture->document_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (record);

  g_assert_cmpint (record->id, ==, fixture->document_id);
  g_assert_cmpstr (record->info.title, ==, "Essai");
  g_assert_cmpstr (record->info.language, ==, "fr");
  g_assert_null (record->info.author);
  {
    g_autofree char *text = tessera_store_dup_document_text (fixture->store,
                                                              fixture->document_id, &error);

    g_assert_cmpstr (record->text, ==, text);
  }
  g_assert_cmpint (record->progress, ==, TESSERA_PROGRESS_NOT_STARTED);
  g_assert_cmpuint (g_hash_table_size (record->attributes), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (record->attributes, "source"), ==, "AMAP");

  /* Reading order: by start, the longer first. */
  g_assert_cmpuint (record->annotations->len, ==, 6);
  g_assert_cmpint (((TesseraAnnotationRecord *) record->annotations->pdata[0])->id, ==, cue);
  g_assert_cmpint (((TesseraAnnotationRecord *) record->annotations->pdata[1])->id, ==, split);

  /* One record for an entity named twice, with everything the store knows of it. */
  g_assert_cmpuint (record->entities->len, ==, 1);
  e = g_ptr_array_index (record->entities, 0);
  g_assert_cmpint (e->id, ==, entity);
  g_assert_cmpstr (e->name, ==, "Oumar Diarra");
  g_assert_cmpstr (tessera_annotation_type_get_key (e->type), ==, "person");
  g_assert_cmpstr (e->description, ==, "Chef d’état-major");
  g_assert_cmpuint (e->authorities->len, ==, 1);
  authority = &g_array_index (e->authorities, TesseraAuthority, 0);
  g_assert_cmpstr (authority->scheme, ==, "wikidata");
  g_assert_cmpstr (authority->uri, ==, "https://www.wikidata.org/wiki/Q1");
  g_assert_cmpstr (g_hash_table_lookup (e->attributes, "rôle"), ==, "militaire");

  a = find_annotation_record (record, mention);
  g_assert_cmpstr (tessera_annotation_type_get_key (a->type), ==, "person");
  g_assert_true (a->entity == e);
  g_assert_cmpint (a->certainty, ==, TESSERA_CERTAINTY_HIGH);
  g_assert_cmpint (a->status, ==, TESSERA_STATUS_SUGGESTED);
  g_assert_cmpstr (a->note, ==, "à vérifier");
  g_assert_cmpstr (a->normalized, ==, "Diarra, Oumar");
  g_assert_cmpstr (a->annotator, ==, "Test Annotator");
  g_assert_null (a->attributes);
  g_assert_null (a->claim);
  {
    g_autofree char *covered = tessera_text_slice_ranges (record->text,
                                                          (TesseraRange *) a->ranges->data,
                                                          a->ranges->len, "|");

    g_assert_cmpstr (covered, ==, "Oumar Diarra");
  }

  a = find_annotation_record (record, split);
  g_assert_true (a->entity == e);
  {
    g_autofree char *covered = tessera_text_slice_ranges (record->text,
                                                          (TesseraRange *) a->ranges->data,
                                                          a->ranges->len, "|");

    g_assert_cmpstr (covered, ==, "général|ministre");
  }

  /* Two annotations that cross keep their own ranges. */
  a = find_annotation_record (record, crossing);
  {
    g_autofree char *covered = tessera_text_slice_ranges (record->text,
                                                          (TesseraRange *) a->ranges->data,
                                                          a->ranges->len, "|");

    g_assert_cmpstr (covered, ==, "permettra d’insuffler un nouveau");
  }
  g_assert_null (a->entity);
  g_assert_null (a->claim);

  a = find_annotation_record (record, statement);
  g_assert_cmpstr (g_hash_table_lookup (a->attributes, "genre"), ==, "presse");
  g_assert_nonnull (a->claim);
  g_assert_true (a->claim->source_entity == e);
  g_assert_true (a->claim->source_annotation == find_annotation_record (record, mention));
  g_assert_true (a->claim->cue == find_annotation_record (record, cue));
  g_assert_null (a->claim->parent);
  g_assert_cmpstr (a->claim->quote_type, ==, "according-to");
  g_assert_cmpstr (a->claim->factuality, ==, "PR+");
  g_assert_cmpstr (a->claim->topic, ==, "coopération militaire");
  g_assert_null (a->claim->polarity);

  a = find_annotation_record (record, quote);
  g_assert_nonnull (a->claim);
  g_assert_true (a->claim->parent == find_annotation_record (record, statement));
  g_assert_null (a->claim->source_entity);

  g_assert_cmpuint (record->relations->len, ==, 1);
  {
    TesseraRelationRecord *r = g_ptr_array_index (record->relations, 0);

    g_assert_cmpint (r->id, ==, relation);
    g_assert_cmpstr (r->type, ==, "supports");
    g_assert_true (r->source == find_annotation_record (record, statement));
    g_assert_true (r->target == find_annotation_record (record, quote));
    g_assert_cmpstr (r->note, ==, "même idée");
    g_assert_cmpstr (r->annotator, ==, "Test Annotator");
  }

  /* Written into another project and read back, the record is the same: the insert sets
   * the other project's ids on it. Entities are created there, under its own types. */
  other = tessera_store_open (other_path, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < record->entities->len; i++)
    {
      TesseraEntityRecord *entity_record = g_ptr_array_index (record->entities, i);

      entity_record->id = 0;
      use_types_of (other, &entity_record->type);
    }
  for (guint i = 0; i < record->annotations->len; i++)
    use_types_of (other, &((TesseraAnnotationRecord *) record->annotations->pdata[i])->type);
  g_ptr_array_add (documents, record);
  g_assert_true (_tessera_store_insert_documents (other, "copy", NULL, NULL, record->entities,
                                                  documents, &error));
  g_assert_no_error (error);
  g_assert_false (record->existing);
  copy = tessera_store_dup_document_record (other, record->id, &error);
  g_assert_no_error (error);
  assert_document_records_equal (record, copy);

  /* A document that is not there is an error, and the store goes on working. */
  g_clear_pointer (&copy, tessera_document_record_free);
  copy = tessera_store_dup_document_record (fixture->store, 4242, &error);
  g_assert_null (copy);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  annotate_text (fixture, "place", "باماكو", 1);
}

/* Tagset and annotators --------------------------------------------------------------- */

static void
test_tagset (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraAnnotationType) type = tessera_annotation_type_new ("weapon", "Weapon",
                                                                       TESSERA_KIND_ENTITY);
  g_autoptr(TesseraAnnotationType) clash = tessera_annotation_type_new ("vehicle", "Vehicle",
                                                                        TESSERA_KIND_ENTITY);
  GListModel *tagset = tessera_store_get_tagset (fixture->store);
  gint64 id, mention;

  tessera_annotation_type_set_label_for (type, "fr", "Arme");
  tessera_annotation_type_set_color (type, "#a51d2d");
  tessera_annotation_type_set_shortcut (type, "w");
  tessera_annotation_type_set_tei (type, "rs", "weapon");
  id = tessera_store_add_annotation_type (fixture->store, type, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tagset), ==, 10);
  {
    g_autoptr(TesseraAnnotationType) last = g_list_model_get_item (tagset, 9);
    g_autoptr(TesseraAnnotationType) by_label = tessera_store_find_annotation_type (fixture->store,
                                                                                    "arme");

    g_assert_cmpint (tessera_annotation_type_get_id (last), ==, id);
    g_assert_cmpstr (tessera_annotation_type_get_color (last), ==, "#a51d2d");
    g_assert_cmpstr (tessera_annotation_type_get_tei_type (last), ==, "weapon");
    g_assert_nonnull (by_label);
    g_assert_cmpint (tessera_annotation_type_get_id (by_label), ==, id);
  }

  /* A taken shortcut, a duplicate key, a bad colour. */
  tessera_annotation_type_set_shortcut (clash, "1");
  g_assert_cmpint (tessera_store_add_annotation_type (fixture->store, clash, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (tessera_store_add_annotation_type (fixture->store, type, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  tessera_annotation_type_set_shortcut (clash, NULL);
  tessera_annotation_type_set_color (clash, "red");
  g_assert_cmpint (tessera_store_add_annotation_type (fixture->store, clash, &error), ==, 0);
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Rename and recolour; move to the front. */
  {
    g_autoptr(TesseraAnnotationType) edit = tessera_store_dup_annotation_type (fixture->store, id);

    tessera_annotation_type_set_label_for (edit, "fr", "Armement");
    tessera_annotation_type_set_color (edit, "#000000");
    g_assert_true (tessera_store_update_annotation_type (fixture->store, edit, &error));
    g_assert_no_error (error);
  }
  g_assert_true (tessera_store_move_annotation_type (fixture->store, id, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TesseraAnnotationType) first = g_list_model_get_item (tagset, 0);

    g_assert_cmpint (tessera_annotation_type_get_id (first), ==, id);
    g_assert_cmpstr (tessera_annotation_type_get_label_for (first, "fr"), ==, "Armement");
    g_assert_cmpstr (tessera_annotation_type_get_color (first), ==, "#000000");
  }

  /* A type in use is not removed without saying what its annotations become. */
  mention = annotate_text (fixture, "weapon", "plan", 1);
  g_assert_false (tessera_store_remove_annotation_type (fixture->store, id, 0, &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_false (tessera_store_remove_annotation_type (fixture->store, id,
                                                        test_type_id (fixture->store, "claim"),
                                                        &error));
  g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tessera_store_remove_annotation_type (fixture->store, id,
                                                       test_type_id (fixture->store, "other"),
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tagset), ==, 9);
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, mention, &error);
    g_assert_cmpint (tessera_annotation_get_type_id (a), ==, test_type_id (fixture->store, "other"));
  }

  /* Undo of the removal brings back the type, its labels and its annotation's type. */
  {
    g_autoptr(TesseraJournalEntry) entry = tessera_store_undo (fixture->store, &error);
    g_autoptr(TesseraAnnotation) a = NULL;
    g_autoptr(TesseraAnnotationType) back = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (tagset), ==, 10);
    a = tessera_store_dup_annotation (fixture->store, mention, &error);
    g_assert_cmpint (tessera_annotation_get_type_id (a), ==, id);
    back = tessera_store_dup_annotation_type (fixture->store, id);
    g_assert_cmpstr (tessera_annotation_type_get_label_for (back, "fr"), ==, "Armement");
  }
}

static void
test_annotators (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GPtrArray) history = NULL;
  gint64 first, second;

  first = annotate_text (fixture, "person", "Oumar Diarra", 1);
  tessera_store_set_annotator (fixture->store, "Deuxième Annotatrice");
  second = annotate_text (fixture, "place", "باماكو", 1);

  names = tessera_store_dup_annotators (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Test Annotator");
  g_assert_cmpstr (names[1], ==, "Deuxième Annotatrice");
  {
    g_autoptr(TesseraAnnotation) a = tessera_store_dup_annotation (fixture->store, first, &error);
    g_autoptr(TesseraAnnotation) b = tessera_store_dup_annotation (fixture->store, second, &error);

    g_assert_cmpstr (tessera_annotation_get_annotator (a), ==, "Test Annotator");
    g_assert_cmpstr (tessera_annotation_get_annotator (b), ==, "Deuxième Annotatrice");
  }

  history = tessera_store_dup_history (fixture->store, fixture->document_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);       /* import, two annotations; newest first */
  {
    TesseraJournalEntry *newest = g_ptr_array_index (history, 0);
    TesseraJournalEntry *oldest = g_ptr_array_index (history, 2);

    g_assert_cmpstr (newest->annotator, ==, "Deuxième Annotatrice");
    g_assert_cmpstr (newest->action, ==, "annotation-add");
    g_assert_nonnull (strstr (newest->summary, "باماكو"));
    g_assert_cmpint (oldest->state, ==, TESSERA_JOURNAL_PERMANENT);
  }
}

/* Check ------------------------------------------------------------------------------- */

static void
test_check (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  annotate_text (fixture, "person", "Oumar Diarra", 1);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&fixture->store);

  /* Break two invariants behind Tessera's back. */
  test_exec_sql (fixture->path, "UPDATE annotation_range SET end_offset = 999999;"
                                "UPDATE document SET text = text || 'x';");

  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_cmpuint (problems->len, >=, 2);
  {
    gboolean outside = FALSE, checksum = FALSE;

    for (guint i = 0; i < problems->len; i++)
      {
        const char *p = g_ptr_array_index (problems, i);

        outside |= strstr (p, "outside its document") != NULL;
        checksum |= strstr (p, "checksum") != NULL;
      }
    g_assert_true (outside);
    g_assert_true (checksum);
  }
}

/* Text a TEI file cannot carry -------------------------------------------------------- */

static guint
history_length (TesseraStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = tessera_store_dup_history (store, 0, 0, &error);

  g_assert_no_error (error);
  return history->len;
}

/* The change was refused with a message naming @field, and nothing was written. */
#define assert_refused_text(call, field)                                                 \
  G_STMT_START {                                                                       \
    guint before_ = history_length (fixture->store);                                   \
    g_autofree char *hash_ = test_file_sha256 (fixture->path);                         \
    g_assert_false (call);                                                             \
    g_assert_error (error, TESSERA_STORE_ERROR, TESSERA_STORE_ERROR_INVALID);          \
    g_assert_nonnull (strstr (error->message, field));                                 \
    g_clear_error (&error);                                                            \
    g_assert_cmpuint (history_length (fixture->store), ==, before_);                   \
    {                                                                                  \
      g_autofree char *after_ = test_file_sha256 (fixture->path);                      \
      g_assert_cmpstr (hash_, ==, after_);                                             \
    }                                                                                  \
  } G_STMT_END

static void
test_text_xml_rule (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 mention = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 statement = annotate_text (fixture, "claim", "ce plan permettra d’insuffler", 1);
  gint64 entity = tessera_store_add_entity (fixture->store, "Oumar Diarra",
                                            test_type_id (fixture->store, "person"), NULL,
                                            &error);

  g_assert_no_error (error);
  g_assert_cmpint (entity, >, 0);

  /* Control characters, the two noncharacters and bytes that are not UTF-8, in every
   * field that takes text from a user. */
  assert_refused_text (tessera_store_set_annotation_note (fixture->store, mention, "a\x01" "b",
                                                          &error), "note");
  assert_refused_text (tessera_store_set_annotation_note (fixture->store, mention,
                                                          "a\xEF\xBF\xBE" "b", &error),
                       "U+FFFE");
  assert_refused_text (tessera_store_set_annotation_note (fixture->store, mention,
                                                          "caf\xE9", &error), "UTF-8");
  assert_refused_text (tessera_store_set_annotation_normalized (fixture->store, mention,
                                                                "a\x1F", &error), "normal");
  assert_refused_text (tessera_store_add_entity (fixture->store, "Jean\x02" "Dupont", 0, NULL,
                                                 &error) != 0, "entity name");
  assert_refused_text (tessera_store_update_entity (fixture->store, entity, "Oumar Diarra",
                                                    "g\xC3\xA9n\xC3\xA9ral\x0B", &error),
                       "entity description");
  assert_refused_text (tessera_store_add_entity_for_mention (fixture->store, mention,
                                                             "Oumar\x03", NULL, &error) != 0,
                       "entity name");
  assert_refused_text (tessera_store_add_entity_authority (fixture->store, entity, NULL,
                                                           "https://www.wikidata.org/wiki/Q1\x7F"
                                                           "\xEF\xBF\xBF", &error),
                       "authority URI");
  assert_refused_text (tessera_store_add_relation (fixture->store, "supports", statement,
                                                   mention, "n\x08ote", &error) != 0,
                       "relation note");
  assert_refused_text (tessera_store_set_attribute (fixture->store, "annotation", mention,
                                                    "genre", "pr\x0C" "esse", &error),
                       "attribute value");
  {
    g_autoptr(TesseraClaim) claim = tessera_store_dup_claim (fixture->store, statement, &error);

    g_assert_no_error (error);
    tessera_claim_set_topic (claim, "s\xC3\xA9" "curit\xC3\xA9\x1B");
    assert_refused_text (tessera_store_update_claim (fixture->store, claim, &error),
                         "claim topic");
  }
  {
    TesseraDocumentInfo info = { .title = (char *) "Essai\x01", .language = (char *) "fr" };

    assert_refused_text (tessera_store_update_document_info (fixture->store,
                                                             fixture->document_id, &info,
                                                             &error), "title");
  }
  {
    g_autoptr(TesseraAnnotationType) type = tessera_annotation_type_new ("weapon", "Wea\x05pon",
                                                                         TESSERA_KIND_ENTITY);

    assert_refused_text (tessera_store_add_annotation_type (fixture->store, type,
                                                            &error) != 0, "type label");
  }

  /* An annotator's name goes into every row it writes, and into TEI @resp. */
  tessera_store_set_annotator (fixture->store, "bad\x01name");
  assert_refused_text (tessera_store_set_annotation_note (fixture->store, mention, "bonne note",
                                                          &error), "annotator name");
  tessera_store_set_annotator (fixture->store, "Test Annotator");

  /* Tab, newline and carriage return are text; so is everything else XML carries. */
  g_assert_true (tessera_store_set_annotation_note (fixture->store, mention,
                                                    "a\tb\nc\rd 👍🏽 \xEF\xBF\xBD", &error));
  g_assert_no_error (error);
}

/* A project written before the rule: check names each row, field and character. */
static void
test_check_text_xml_rule (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 mention = annotate_text (fixture, "person", "Oumar Diarra", 1);
  gint64 entity = tessera_store_add_entity (fixture->store, "Oumar Diarra", 0, NULL, &error);
  g_autofree char *update = NULL;

  g_assert_no_error (error);
  g_clear_object (&fixture->store);

  update = g_strdup_printf ("UPDATE annotation SET note = 'a' || char (1) || 'b'"
                            " WHERE id = %" G_GINT64_FORMAT ";"
                            "UPDATE entity SET name = 'Jean' || char (65534) || 'Dupont'"
                            " WHERE id = %" G_GINT64_FORMAT ";"
                            "UPDATE annotator SET name = 'bad' || char (2);",
                            mention, entity);
  test_exec_sql (fixture->path, update);

  fixture->store = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_check (fixture->store, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  {
    g_autofree char *note = g_strdup_printf ("annotation %" G_GINT64_FORMAT ": note holds "
                                             "U+0001 at character 2", mention);
    g_autofree char *name = g_strdup_printf ("entity %" G_GINT64_FORMAT ": name holds U+FFFE "
                                             "at character 5", entity);
    g_autofree char *all = NULL;

    g_ptr_array_add (problems, NULL);
    all = g_strjoinv ("\n", (char **) problems->pdata);

    g_assert_nonnull (strstr (all, note));
    g_assert_nonnull (strstr (all, name));
    g_assert_nonnull (strstr (all, "annotator 1: name holds U+0002 at character 4"));
  }

  /* Other fields of such a row can still change: only text that changes must pass. */
  g_assert_true (tessera_store_update_entity (fixture->store, entity, "Jean\xEF\xBF\xBE" "Dupont",
                                              "un général", &error));
  g_assert_no_error (error);
}

static void
test_external_changes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) other = NULL;
  g_autoptr(GListModel) list = NULL;
  TesseraRange range = { 0, 5 };

  list = tessera_store_list_annotations (fixture->store, fixture->document_id, &error);
  g_assert_false (tessera_store_poll_external_changes (fixture->store));

  /* Another program writes to the project... */
  other = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tessera_store_add_annotation (other, fixture->document_id,
                                                 test_type_id (other, "cue"), &range, 1, NULL,
                                                 &error), >, 0);
  g_assert_no_error (error);

  /* ...and the first one notices and reloads its models. */
  g_assert_true (tessera_store_poll_external_changes (fixture->store));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  {
    g_autoptr(TesseraDocument) document = g_list_model_get_item (
      tessera_store_get_documents (fixture->store), 0);
    g_assert_cmpuint (tessera_document_get_annotation_count (document), ==, 1);
  }
  g_assert_false (tessera_store_poll_external_changes (fixture->store));
}

static void
on_items_changed (GListModel *list,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *changes)
{
  g_string_append_printf (changes, "%u-%u+%u ", position, removed, added);
}

/* What another program changed reaches the document list as that change only: the rows a
 * view shows for the other documents stay, and a poll during an import of a thousand
 * articles does not rebuild the list. */
static void
test_external_documents_keep_rows (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) other = NULL;
  g_autoptr(TesseraDocument) second = NULL;
  g_autoptr(TesseraDocument) now = NULL;
  g_autoptr(GString) changes = g_string_new (NULL);
  GListModel *documents = tessera_store_get_documents (fixture->store);
  TesseraDocumentInfo info = { .title = (char *) "Autre" };
  gint64 second_id, third_id;

  second_id = tessera_store_add_document (fixture->store, &info, "Deuxième texte.", NULL, &error);
  g_assert_no_error (error);
  second = g_list_model_get_item (documents, 1);
  g_signal_connect (documents, "items-changed", G_CALLBACK (on_items_changed), changes);

  other = tessera_store_open (fixture->path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (tessera_store_set_document_progress (other, fixture->document_id,
                                                     TESSERA_PROGRESS_DONE, &error));
  third_id = tessera_store_add_document (other, &info, "Troisième texte.", NULL, &error);
  g_assert_cmpint (third_id, >, 0);
  g_assert_cmpint (tessera_store_add_document (other, &info, "Quatrième texte.", NULL, &error),
                   >, 0);
  g_assert_no_error (error);

  /* The changed document replaced, the new ones added, the other one kept as it was. */
  g_assert_true (tessera_store_poll_external_changes (fixture->store));
  g_assert_cmpstr (changes->str, ==, "0-1+1 2-0+2 ");
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 4);
  now = g_list_model_get_item (documents, 0);
  g_assert_cmpint (tessera_document_get_progress (now), ==, TESSERA_PROGRESS_DONE);
  g_clear_object (&now);
  now = g_list_model_get_item (documents, 1);
  g_assert_true (now == second);
  g_clear_object (&now);

  /* A document removed elsewhere leaves the list, and only it. */
  g_string_truncate (changes, 0);
  g_assert_true (tessera_store_remove_document (other, second_id, &error));
  g_assert_no_error (error);
  g_assert_true (tessera_store_poll_external_changes (fixture->store));
  g_assert_cmpstr (changes->str, ==, "1-1+0 ");
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  now = g_list_model_get_item (documents, 1);
  g_assert_cmpint (tessera_document_get_id (now), ==, third_id);

  g_signal_handlers_disconnect_by_func (documents, on_items_changed, changes);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/store/migrate-from-empty", test_migrate_from_empty);
  g_test_add_func ("/core/store/refuse-not-a-project", test_refuse_not_a_project);
  ADD ("refuse-newer-version", test_refuse_newer_version);
  ADD ("rollback-leaves-file-unchanged", test_rollback_leaves_file_unchanged);
  ADD ("read-only", test_read_only);
  ADD ("documents", test_documents);
  ADD ("offsets-are-code-points", test_offsets_are_code_points);
  ADD ("annotations", test_annotations);
  ADD ("annotations-reading-order", test_annotations_reading_order);
  ADD ("entities", test_entities);
  ADD ("entity-for-mention", test_entity_for_mention);
  ADD ("claims", test_claims);
  ADD ("claim-edits", test_claim_edits);
  ADD ("claim-mentions", test_claim_mentions);
  ADD ("relations-and-attributes", test_relations_and_attributes);
  ADD ("document-record", test_document_record);
  ADD ("stats", test_stats);
  ADD ("tagset", test_tagset);
  ADD ("annotators-and-history", test_annotators);
  ADD ("check", test_check);
  ADD ("external-changes", test_external_changes);
  ADD ("external-documents-keep-rows", test_external_documents_keep_rows);
  ADD ("text-xml-rule", test_text_xml_rule);
  ADD ("check-text-xml-rule", test_check_text_xml_rule);

  return g_test_run ();
}
