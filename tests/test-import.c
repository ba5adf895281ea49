/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "tessera-import.h"
#include "tessera-text-importer.h"
#include "tessera-store.h"
#include "tessera-text.h"
#include "test-common.h"

#define E_ACUTE         "\xC3\xA9"      /* U+00E9 */
#define COMBINING_ACUTE "\xCC\x81"      /* U+0301 */
#define BOM             "\xEF\xBB\xBF"
#define NBSP            "\xC2\xA0"
#define ELLIPSIS        "\xE2\x80\xA6"

/* Prepared text and title, or NULL with @error set. */
static char *
prepare (const char  *display_name,
         const char  *data,
         gsize        length,
         char       **out_title,
         GError     **error)
{
  return tessera_import_prepare_text (display_name, data, length, out_title, error);
}

static char *
prepare_string (const char  *data,
                char       **out_title)
{
  g_autoptr(GError) error = NULL;
  char *text = prepare ("test.txt", data, strlen (data), out_title, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

/* Prepare text */

static void
test_prepare_invalid_utf8 (void)
{
  g_autoptr(GString) data = g_string_new (BOM);
  g_autoptr(GError) error = NULL;
  char *text;

  /* 3 bytes of BOM, 11 lines of 278 bytes, then "Un bon caf" and a Latin-1
   * "é": byte 3071, on line 12. */
  for (guint i = 0; i < 11; i++)
    {
      g_string_append_printf (data, "%02u", i + 1);
      for (guint j = 2; j < 277; j++)
        g_string_append_c (data, 'a' + j % 26);
      g_string_append_c (data, '\n');
    }
  g_string_append (data, "Un bon caf");
  g_assert_cmpuint (data->len, ==, 3071);
  g_string_append (data, "\xE9.\n");

  text = prepare ("notes.txt", data->str, data->len, NULL, &error);
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_null (text);
  g_assert_cmpstr (error->message, ==,
                   "notes.txt: byte 3071 (line 12) is not valid UTF-8; "
                   "save the file as UTF-8 and import it again");
}

static void
test_prepare_invalid_utf8_line_endings (void)
{
  g_autoptr(GError) crlf_error = NULL;
  g_autoptr(GError) cr_error = NULL;
  g_autoptr(GError) truncated_error = NULL;
  g_autoptr(GError) utf16_error = NULL;

  /* CRLF counts as one line break, and so does a lone CR. */
  g_assert_null (prepare ("a.txt", "a\r\nb\r\n\xFF", 7, NULL, &crlf_error));
  g_assert_error (crlf_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (crlf_error->message, "a.txt: byte 6 (line 3) is not"));

  g_assert_null (prepare ("a.txt", "a\rb\r\xFF", 5, NULL, &cr_error));
  g_assert_error (cr_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (cr_error->message, "a.txt: byte 4 (line 3) is not"));

  /* A sequence cut short at the end of the file is reported where it starts. */
  g_assert_null (prepare ("a.txt", "abc\xC3", 4, NULL, &truncated_error));
  g_assert_error (truncated_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (truncated_error->message, "a.txt: byte 3 (line 1) is not"));

  g_assert_null (prepare ("w.txt", "\xFF\xFE" "a\0b\0", 6, NULL, &utf16_error));
  g_assert_error (utf16_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_nonnull (strstr (utf16_error->message, "UTF-16"));
}

static void
test_prepare_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) far_error = NULL;
  g_autofree char *far = NULL;
  const gsize far_length = 100 * 1024;

  g_assert_null (prepare ("photo.jpg", "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, NULL, &error));
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_BINARY);
  g_assert_cmpstr (error->message, ==,
                   "photo.jpg looks like a binary file (byte 4 is NUL), not plain text");

  /* Beyond the first 64 KiB too. */
  far = g_malloc (far_length);
  memset (far, 'a', far_length);
  far[90000] = '\0';
  g_assert_null (prepare ("long.txt", far, far_length, NULL, &far_error));
  g_assert_error (far_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_BINARY);
  g_assert_cmpstr (far_error->message, ==,
                   "long.txt looks like a binary file (byte 90000 is NUL), not plain text");
}

static void
test_prepare_control_character (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) del_error = NULL;
  g_autoptr(GError) form_feed_error = NULL;
  g_autofree char *tabs = NULL;

  /* Offsets and lines are those of the file as saved, CRLF and all. */
  g_string_append (data, "Titre de l'article, assez long pour compter 50 oct\r\n");
  g_string_append (data, "Second line of sixty bytes, in plain ASCII, for counting 60.\r\n");
  g_string_append (data, "Ding! ");
  g_assert_cmpuint (data->len, ==, 120);
  g_string_append (data, "\a and more\r\n");

  g_assert_null (prepare ("a.txt", data->str, data->len, NULL, &error));
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER);
  g_assert_cmpstr (error->message, ==,
                   "a.txt: byte 120 (line 3) is the control character U+0007, "
                   "which cannot be annotated");

  g_assert_null (prepare ("b.txt", BOM "ab\x7F", 6, NULL, &del_error));
  g_assert_error (del_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER);
  g_assert_cmpstr (del_error->message, ==,
                   "b.txt: byte 5 (line 1) is the control character U+007F, "
                   "which cannot be annotated");

  g_assert_null (prepare ("c.txt", "page 1\n\fpage 2", 14, NULL, &form_feed_error));
  g_assert_error (form_feed_error, TESSERA_IMPORT_ERROR,
                  TESSERA_IMPORT_ERROR_CONTROL_CHARACTER);
  g_assert_true (g_str_has_prefix (form_feed_error->message,
                                   "c.txt: byte 7 (line 2) is the control character U+000C"));

  /* Valid UTF-8, but not characters: XML could not carry them. */
  {
    g_autoptr(GError) fffe_error = NULL;
    g_autoptr(GError) ffff_error = NULL;

    g_assert_null (prepare ("d.txt", "Caf" E_ACUTE "\n\xEF\xBF\xBE", 9, NULL, &fffe_error));
    g_assert_error (fffe_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER);
    g_assert_cmpstr (fffe_error->message, ==,
                     "d.txt: byte 6 (line 2) is U+FFFE, which is not a character "
                     "and cannot be annotated");
    g_assert_null (prepare ("e.txt", BOM "a\xEF\xBF\xBF", 7, NULL, &ffff_error));
    g_assert_error (ffff_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_CONTROL_CHARACTER);
    g_assert_true (strstr (ffff_error->message, "byte 4 (line 1) is U+FFFF") != NULL);
  }

  /* Tabs are text. */
  tabs = prepare_string ("Nom\tPr" E_ACUTE "nom\n\tindent" E_ACUTE, NULL);
  g_assert_cmpstr (tabs, ==, "Nom\tPr" E_ACUTE "nom\n\tindent" E_ACUTE);
}

static void
test_prepare_empty (void)
{
  const char *empties[] = {
    "",
    "\n\n",
    "  \t \r\n \r ",
    BOM,
    BOM "\r\n",
    NBSP "\n" NBSP,
  };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *title = NULL;

      g_assert_null (prepare ("vide.txt", empties[i], strlen (empties[i]), &title, &error));
      g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_EMPTY);
      g_assert_nonnull (strstr (error->message, "vide.txt"));
      g_assert_null (title);
    }
}

static void
test_prepare_bom (void)
{
  g_autofree char *text = prepare_string (BOM "Bonjour", NULL);

  g_assert_cmpstr (text, ==, "Bonjour");
  g_assert_cmpuint (tessera_text_length (text), ==, 7);
}

static void
test_prepare_line_endings (void)
{
  g_autofree char *crlf = prepare_string ("un\r\ndeux\r\n\r\ntrois\r\n", NULL);
  g_autofree char *cr = prepare_string ("un\rdeux\r\rtrois\r", NULL);
  g_autofree char *mixed = prepare_string ("a\r\nb\rc\n\r\nd", NULL);

  g_assert_cmpstr (crlf, ==, "un\ndeux\n\ntrois");
  g_assert_cmpstr (cr, ==, "un\ndeux\n\ntrois");
  g_assert_cmpstr (mixed, ==, "a\nb\nc\n\nd");
}

static void
test_prepare_nfc (void)
{
  g_autofree char *text = NULL;
  g_autofree char *long_text = NULL;
  g_autoptr(GString) data = g_string_new (NULL);

  text = prepare_string ("Cafe" COMBINING_ACUTE " de" COMBINING_ACUTE "ja\xCC\x80\n"
                         "E" COMBINING_ACUTE "lise\r\n", NULL);
  g_assert_cmpstr (text, ==, "Caf" E_ACUTE " d" E_ACUTE "j\xC3\xA0\n\xC3\x89lise");
  g_assert_true (tessera_text_is_nfc (text));
  g_assert_cmpuint (tessera_text_length (text), ==, 15);

  /* Many lines, some already NFC, some not, some with no accent at all. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (data, "%u e" COMBINING_ACUTE " " E_ACUTE " e\n\n", i);
  long_text = prepare_string (data->str, NULL);
  g_assert_true (tessera_text_is_nfc (long_text));
  g_assert_cmpuint (tessera_text_count (long_text, E_ACUTE), ==, 2000);
}

static void
test_prepare_paragraphs (void)
{
  g_autofree char *title = NULL;
  g_autofree char *text = prepare_string ("\n  Le titre  \n\n"
                                          "  Premier paragraphe,  \n"
                                          "suite.\n"
                                          "\n\n\n"
                                          "Second paragraphe.\t\n"
                                          "\n \n" NBSP "\n",
                                          &title);

  /* Only the very end is trimmed; everything else is the author's. */
  g_assert_cmpstr (text, ==, "\n  Le titre  \n\n"
                             "  Premier paragraphe,  \n"
                             "suite.\n"
                             "\n\n\n"
                             "Second paragraphe.");
  g_assert_cmpstr (title, ==, "Le titre");
}

static void
test_prepare_title (void)
{
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  g_autofree char *nbsp_title = NULL;
  g_autofree char *nbsp_text = NULL;
  g_autofree char *single_title = NULL;
  g_autofree char *single_text = NULL;

  text = prepare_string ("\n \t\n\tLe pr" E_ACUTE "sident s'exprime \t\nCorps", &title);
  g_assert_cmpstr (title, ==, "Le pr" E_ACUTE "sident s'exprime");

  nbsp_text = prepare_string (NBSP "\n" NBSP "Titre" NBSP "\nCorps", &nbsp_title);
  g_assert_cmpstr (nbsp_title, ==, "Titre");

  single_text = prepare_string ("Une seule ligne.\n", &single_title);
  g_assert_cmpstr (single_title, ==, "Une seule ligne.");
}

static void
test_prepare_title_long (void)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *prefix = NULL;
  gsize prefix_length;

  while (g_utf8_strlen (line->str, -1) < 300)
    g_string_append (line, "Emmanuel Macron d" E_ACUTE "clare que ");
  g_string_append (line, "\nCorps de l'article.");

  text = prepare_string (line->str, &title);

  /* At most 200 code points, cut between two words, marked with "…". */
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, 200);
  g_assert_cmpuint (g_utf8_strlen (title, -1), >, 150);
  g_assert_true (g_str_has_suffix (title, ELLIPSIS));
  prefix_length = strlen (title) - strlen (ELLIPSIS);
  prefix = g_strndup (title, prefix_length);
  g_assert_true (g_str_has_prefix (line->str, prefix));
  g_assert_cmpint (line->str[prefix_length], ==, ' ');
  g_assert_cmpint (prefix[prefix_length - 1], !=, ' ');
}

static void
test_prepare_title_long_word (void)
{
  g_autoptr(GString) line = g_string_new ("https://example.org/");
  g_autoptr(GString) exact = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *exact_text = NULL;
  g_autofree char *exact_title = NULL;

  /* No word boundary to cut at: cut the word. */
  for (guint i = 0; i < 300; i++)
    g_string_append (line, E_ACUTE);
  text = prepare_string (line->str, &title);
  g_assert_cmpuint (g_utf8_strlen (title, -1), ==, 200);
  g_assert_true (g_str_has_suffix (title, E_ACUTE ELLIPSIS));

  /* 200 code points (400 bytes) is not too long. */
  for (guint i = 0; i < 200; i++)
    g_string_append (exact, E_ACUTE);
  exact_text = prepare_string (exact->str, &exact_title);
  g_assert_cmpstr (exact_title, ==, exact->str);
}

/* Files and folders, with a project */

typedef struct
{
  char         *dir;
  char         *project_path;
  TesseraStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->dir = test_make_tmp_dir ("tessera-test-import-XXXXXX");
  fixture->project_path = g_build_filename (fixture->dir, "project.tessera", NULL);
  fixture->store = test_create_project (fixture->project_path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  test_remove_tree (fixture->dir);
  g_free (fixture->project_path);
  g_free (fixture->dir);
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static guint
count_documents (TesseraStore *store)
{
  return g_list_model_get_n_items (tessera_store_get_documents (store));
}

static void
test_file_import (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected_sha256 = NULL;
  gboolean existing = TRUE;
  gint64 id;

  path = write_file (fixture->dir, "article.txt",
                     BOM "Le pr" E_ACUTE "sident parle\r\n"
                     "\r\n"
                     "Il a dit : \xC2\xAB oui \xC2\xBB.\r\n",
                     -1);

  id = tessera_import_text_file (fixture->store, path, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (existing);
  g_assert_cmpuint (count_documents (fixture->store), ==, 1);

  text = tessera_store_dup_document_text (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Le pr" E_ACUTE "sident parle\n\nIl a dit : \xC2\xAB oui \xC2\xBB.");

  document = tessera_store_dup_document (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_document_get_title (document), ==, "Le pr" E_ACUTE "sident parle");
  g_assert_cmpstr (tessera_document_get_source_path (document), ==, path);
  g_assert_null (tessera_document_get_language (document));
  g_assert_cmpuint (tessera_document_get_length (document), ==, tessera_text_length (text));
  expected_sha256 = tessera_text_sha256 (text);
  g_assert_cmpstr (tessera_document_get_sha256 (document), ==, expected_sha256);
}

static void
test_file_relative_path (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraDocument) document = NULL;
  g_autofree char *path = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *fixture_cwd = NULL;
  gint64 id;

  g_free (write_file (fixture->dir, "relatif.txt", "Un titre\nUn texte.", -1));

  /* The project remembers where the text came from, wherever it is run. */
  g_assert_cmpint (g_chdir (fixture->dir), ==, 0);
  fixture_cwd = g_get_current_dir ();
  path = g_build_filename (fixture_cwd, "relatif.txt", NULL);
  id = tessera_import_text_file (fixture->store, "./relatif.txt", NULL, &error);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_no_error (error);

  document = tessera_store_dup_document (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tessera_document_get_source_path (document), ==, path);
}

static void
test_file_too_large (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean existing = TRUE;
  gint64 id;

  /* Sparse: 65 MiB on paper, a few bytes on disk. */
  path = write_file (fixture->dir, "big.txt", "Bonjour", -1);
  g_assert_cmpint (truncate (path, 65 * 1024 * 1024), ==, 0);

  id = tessera_import_text_file (fixture->store, path, &existing, &error);
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpint (id, ==, 0);
  g_assert_false (existing);
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_cmpstr (error->message, ==,
                   "big.txt is 65.0" NBSP "MiB; "
                   "Tessera imports articles of at most 64.0" NBSP "MiB");
  g_assert_cmpuint (count_documents (fixture->store), ==, 0);
}

static void
test_file_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) folder_error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "absent.txt", NULL);

  g_assert_cmpint (tessera_import_text_file (fixture->store, path, NULL, &error), ==, 0);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "absent.txt: "));

  g_assert_cmpint (tessera_import_text_file (fixture->store, fixture->dir, NULL, &folder_error),
                   ==, 0);
  g_assert_error (folder_error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED);

  g_assert_cmpuint (count_documents (fixture->store), ==, 0);
}

static void
test_file_bad_content (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = write_file (fixture->dir, "latin1.txt", "Titre\nCaf\xE9 cr\xE8me\n", -1);
  g_assert_cmpint (tessera_import_text_file (fixture->store, path, NULL, &error), ==, 0);
  g_assert_error (error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "latin1.txt: byte 9 (line 2) is not valid"));
  g_assert_cmpuint (count_documents (fixture->store), ==, 0);
}

static void
test_file_duplicate (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first_path = NULL;
  g_autofree char *second_path = NULL;
  gboolean existing = TRUE;
  gint64 first_id;
  gint64 again_id;
  gint64 second_id;

  first_path = write_file (fixture->dir, "premier.txt", "Bonjour\n\nUn caf" E_ACUTE ".\n", -1);
  /* The same text once prepared: other line endings, a BOM, decomposed. */
  second_path = write_file (fixture->dir, "copie.txt",
                            BOM "Bonjour\r\n\r\nUn cafe" COMBINING_ACUTE ".\r\n\r\n", -1);

  first_id = tessera_import_text_file (fixture->store, first_path, &existing, &error);
  g_assert_no_error (error);
  g_assert_false (existing);

  again_id = tessera_import_text_file (fixture->store, first_path, &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (again_id, ==, first_id);

  existing = FALSE;
  second_id = tessera_import_text_file (fixture->store, second_path, &existing, &error);
  g_assert_no_error (error);
  g_assert_true (existing);
  g_assert_cmpint (second_id, ==, first_id);

  g_assert_cmpuint (count_documents (fixture->store), ==, 1);
}

static void
test_file_failure_leaves_project_unchanged (Fixture       *fixture,
                                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *good = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *big = NULL;
  g_autofree char *missing = NULL;
  const char *bad_contents[] = {
    "Titre\nCaf\xE9\n",
    "Titre\nBip\a\n",
    "",
    " \n\n",
  };

  good = write_file (fixture->dir, "bon.txt", "Un bon article.\n", -1);
  tessera_import_text_file (fixture->store, good, NULL, &error);
  g_assert_no_error (error);

  big = write_file (fixture->dir, "big.txt", "Bonjour", -1);
  g_assert_cmpint (truncate (big, 65 * 1024 * 1024), ==, 0);
  missing = g_build_filename (fixture->dir, "absent.txt", NULL);

  g_clear_object (&fixture->store);
  before = test_file_sha256 (fixture->project_path);

  fixture->store = tessera_store_open (fixture->project_path, TESSERA_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (bad_contents); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      g_autofree char *name = g_strdup_printf ("mauvais-%u.txt", i);
      g_autofree char *path = write_file (fixture->dir, name, bad_contents[i], -1);

      g_assert_cmpint (tessera_import_text_file (fixture->store, path, NULL, &bad_error), ==, 0);
      g_assert_nonnull (bad_error);
    }

  {
    g_autoptr(GError) big_error = NULL;
    g_autoptr(GError) missing_error = NULL;

    g_assert_cmpint (tessera_import_text_file (fixture->store, big, NULL, &big_error), ==, 0);
    g_assert_nonnull (big_error);
    g_assert_cmpint (tessera_import_text_file (fixture->store, missing, NULL, &missing_error),
                     ==, 0);
    g_assert_nonnull (missing_error);
  }

  g_assert_cmpuint (count_documents (fixture->store), ==, 1);
  g_clear_object (&fixture->store);
  after = test_file_sha256 (fixture->project_path);

  g_assert_cmpstr (before, ==, after);
}

static TesseraImportResult *
result_at (GPtrArray *results,
           guint      index)
{
  g_assert_cmpuint (index, <, results->len);

  return g_ptr_array_index (results, index);
}

static void
test_folder_import (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "articles", NULL);
  g_autofree char *subfolder = g_build_filename (folder, "ancien", NULL);
  g_autofree char *folder_named_txt = g_build_filename (folder, "dossier.txt", NULL);
  g_autofree char *single = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "absent.txt", NULL);
  g_autofree char *expected_path = NULL;
  const char *paths[4] = { NULL };
  TesseraImportResult *result;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (subfolder, 0700), ==, 0);
  g_assert_cmpint (g_mkdir (folder_named_txt, 0700), ==, 0);
  g_free (write_file (folder, "b.txt", "Article B\n", -1));
  g_free (write_file (folder, "a.TXT", "Article A\n", -1));
  g_free (write_file (folder, "10.txt", "Article dix\n", -1));
  g_free (write_file (folder, "2.txt", "Article deux\n", -1));
  g_free (write_file (folder, "3.txt", "Article trois, en Latin-1 : caf\xE9\n", -1));
  g_free (write_file (folder, ".cache.txt", "Cach" E_ACUTE "\n", -1));
  g_free (write_file (folder, "notes.md", "# Pas du texte brut\n", -1));
  g_free (write_file (folder, "txt", "Pas d'extension\n", -1));
  g_free (write_file (subfolder, "c.txt", "Article C, dans un sous-dossier\n", -1));
  single = write_file (fixture->dir, "seul.text", "Article seul\n", -1);

  paths[0] = folder;
  paths[1] = missing;
  paths[2] = single;

  results = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  /* In name order, numbers as numbers; one failure stops nothing. */
  g_assert_cmpuint (results->len, ==, 7);

  result = result_at (results, 0);
  expected_path = g_build_filename (folder, "2.txt", NULL);
  g_assert_cmpstr (result->path, ==, expected_path);
  g_assert_no_error (result->error);
  g_assert_cmpint (result->document_id, >, 0);
  g_assert_false (result->existing);
  g_assert_cmpstr (result->title, ==, "Article deux");

  result = result_at (results, 1);
  g_assert_true (g_str_has_suffix (result->path, G_DIR_SEPARATOR_S "3.txt"));
  g_assert_error (result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
  g_assert_cmpint (result->document_id, ==, 0);

  result = result_at (results, 2);
  g_assert_true (g_str_has_suffix (result->path, G_DIR_SEPARATOR_S "10.txt"));
  g_assert_no_error (result->error);
  g_assert_cmpstr (result->title, ==, "Article dix");

  result = result_at (results, 3);
  g_assert_true (g_str_has_suffix (result->path, G_DIR_SEPARATOR_S "a.TXT"));
  g_assert_no_error (result->error);

  result = result_at (results, 4);
  g_assert_true (g_str_has_suffix (result->path, G_DIR_SEPARATOR_S "b.txt"));
  g_assert_no_error (result->error);

  /* A missing path is a failed file like any other. */
  result = result_at (results, 5);
  g_assert_cmpstr (result->path, ==, missing);
  g_assert_error (result->error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_cmpint (result->document_id, ==, 0);

  /* A file named explicitly is imported whatever its extension. */
  result = result_at (results, 6);
  g_assert_cmpstr (result->path, ==, single);
  g_assert_no_error (result->error);
  g_assert_cmpstr (result->title, ==, "Article seul");

  g_assert_cmpuint (count_documents (fixture->store), ==, 5);
}

static void
test_folder_import_again (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { fixture->dir, NULL };

  g_free (write_file (fixture->dir, "un.txt", "Premier titre\nUn.\n", -1));
  g_free (write_file (fixture->dir, "deux.txt", "Second titre\nDeux.\n", -1));

  first = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);

  /* Importing the folder again adds nothing and says so. */
  second = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  for (guint i = 0; i < second->len; i++)
    {
      TesseraImportResult *again = g_ptr_array_index (second, i);
      TesseraImportResult *before = g_ptr_array_index (first, i);

      g_assert_no_error (again->error);
      g_assert_true (again->existing);
      g_assert_cmpint (again->document_id, ==, before->document_id);
      g_assert_cmpstr (again->title, ==, before->title);
    }

  g_assert_cmpuint (count_documents (fixture->store), ==, 2);
}

static void
test_folder_without_text_files (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_build_filename (fixture->dir, "vide", NULL);
  const char *paths[2] = { folder, NULL };
  TesseraImportResult *result;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_free (write_file (folder, "image.png", "\x89PNG", -1));

  /* Nothing to import is worth telling rather than doing silently. */
  results = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = result_at (results, 0);
  g_assert_cmpstr (result->path, ==, folder);
  g_assert_error (result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED);
  g_assert_cmpint (result->document_id, ==, 0);
}

/* Dispatch, file types and names ------------------------------------------------------ */

#define TEI_LETTER                                                                       \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                          \
  "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc>"                     \
  "<titleStmt><title>Lettre</title></titleStmt><publicationStmt><p/></publicationStmt>"  \
  "<sourceDesc><p/></sourceDesc></fileDesc></teiHeader>"                                 \
  "<text><body><p>%s</p></body></text></TEI>\n"

static char *
dup_document_text (TesseraStore *store,
                   gint64        document_id)
{
  g_autoptr(GError) error = NULL;
  char *text = tessera_store_dup_document_text (store, document_id, &error);

  g_assert_no_error (error);
  return text;
}

/* A TEI file is read as TEI whether it is named or found in a folder: by its name (.xml,
 * .tei, in any case) or by its root element. */
static void
test_folder_tei_dispatch (Fixture       *fixture,
                          gconstpointer  user_data)
{
  static const char * const names[] = { "lettre.xml", "LETTRE.TEI", "export.txt", NULL };
  g_autofree char *folder = g_build_filename (fixture->dir, "lettres", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *paths[2] = { folder, NULL };

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *contents = g_strdup_printf (TEI_LETTER, names[i]);

      g_free (write_file (folder, names[i], contents, -1));
    }

  results = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 3);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = result_at (results, i);
      g_autofree char *text = NULL;

      g_assert_no_error (result->error);
      g_assert_cmpstr (result->title, ==, "Lettre");
      text = dup_document_text (fixture->store, result->document_id);
      /* The text of the body, which is the file's name: not its markup. */
      g_assert_true (g_strv_contains (names, text));
    }
  g_clear_pointer (&results, g_ptr_array_unref);

  /* Named alone, the same files are the same documents. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);
      const char *alone[2] = { path, NULL };

      results = tessera_import_paths (fixture->store, alone, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, 1);
      g_assert_no_error (result_at (results, 0)->error);
      g_assert_true (result_at (results, 0)->existing);
      g_clear_pointer (&results, g_ptr_array_unref);
    }
  g_assert_cmpuint (count_documents (fixture->store), ==, 3);
}

/* A FIFO is refused before it is opened: opening it would wait for a writer forever. */
static void
test_file_fifo (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char * const names[] = { "tube.txt", "tube.xml", "tube.tei" };
  g_autofree char *folder = g_build_filename (fixture->dir, "tubes", NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_autofree char *in_folder = g_build_filename (folder, names[i], NULL);

      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
      g_assert_cmpint (mkfifo (in_folder, 0600), ==, 0);
      g_ptr_array_add (paths, path);
    }
  g_free (write_file (folder, "article.txt", "Un article\n", -1));
  g_ptr_array_add (paths, g_strdup (folder));
  g_ptr_array_add (paths, NULL);

  results = tessera_import_paths (fixture->store, (const char * const *) paths->pdata, &error);
  g_assert_no_error (error);

  /* Each FIFO named alone is refused; in a folder, it is not an article and is passed over. */
  g_assert_cmpuint (results->len, ==, G_N_ELEMENTS (names) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      TesseraImportResult *result = result_at (results, i);

      g_assert_error (result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_FAILED);
      g_assert_nonnull (strstr (result->error->message, names[i]));
      g_assert_nonnull (strstr (result->error->message, "not a regular file"));
    }
  g_assert_no_error (result_at (results, G_N_ELEMENTS (names))->error);
  g_assert_cmpuint (count_documents (fixture->store), ==, 1);
}

/* A file name that is not UTF-8 is stored as it is shown, never as raw bytes. */
static void
test_file_name_not_utf8 (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture->dir, "caf\xE9.txt", "Un caf" E_ACUTE "\n", -1);
  g_autofree char *tei_path = NULL;
  g_autofree char *tei = g_strdup_printf (TEI_LETTER, "Une lettre");
  const char *paths[3] = { path, NULL, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  tei_path = write_file (fixture->dir, "lettre-\xE9t\xE9.xml", tei, -1);
  paths[1] = tei_path;
  results = tessera_import_paths (fixture->store, paths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = result_at (results, i);
      g_autoptr(TesseraDocument) document = NULL;
      g_autofree char *expected = g_filename_display_name (paths[i]);
      const char *source_path;

      g_assert_no_error (result->error);
      document = tessera_store_dup_document (fixture->store, result->document_id, &error);
      g_assert_no_error (error);
      source_path = tessera_document_get_source_path (document);
      g_assert_true (g_utf8_validate (source_path, -1, NULL));
      g_assert_cmpstr (source_path, ==, expected);
    }
}

/* Asynchronous import */

typedef struct
{
  GCancellable *cancellable;
  guint         cancel_after;   /* files, or 0 */
  guint         n_calls;
  guint         files_total;
  GPtrArray    *paths;          /* char *: the files reported, in order */
  guint         n_results;
} Progress;

static void
on_progress (guint        files_done,
             guint        files_total,
             const char  *path,
             GPtrArray   *results,
             gpointer     user_data)
{
  Progress *progress = user_data;

  progress->n_calls++;
  g_assert_cmpuint (files_done, ==, progress->n_calls);
  progress->files_total = files_total;
  g_ptr_array_add (progress->paths, g_strdup (path));
  progress->n_results += results->len;

  if (files_done == progress->cancel_after)
    g_cancellable_cancel (progress->cancellable);
}

static void
on_import_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out_result = user_data;

  *out_result = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static GPtrArray *
import_and_wait (TesseraStore        *store,
                 const char * const  *paths,
                 Progress            *progress,
                 GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tessera_import_paths_async (store, paths, NULL, progress ? progress->cancellable : NULL,
                              progress ? on_progress : NULL, progress, on_import_done,
                              &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return tessera_import_paths_finish (store, result, error);
}

/* @n numbered articles in a new folder of @dir; the one numbered @bad, if any, in Latin-1. */
static char *
make_article_folder (const char *dir,
                     guint       n,
                     guint       bad)
{
  char *folder = g_build_filename (dir, "articles", NULL);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%u.txt", i);
      g_autofree char *text = i == bad ? g_strdup ("Article illisible : caf\xE9\n")
                                       : g_strdup_printf ("Article %u\nTexte %u.\n", i, i);

      g_free (write_file (folder, name, text, -1));
    }

  return folder;
}

static void
test_async_same_as_sync (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_article_folder (fixture->dir, 12, 5);
  g_autofree char *single = write_file (fixture->dir, "seul.text", "Article seul\n", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "absent.txt", NULL);
  g_autofree char *sync_path = g_build_filename (fixture->dir, "sync.tessera", NULL);
  g_autoptr(TesseraStore) sync_store = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  const char *paths[] = { folder, missing, single, NULL };
  Progress progress = { .paths = reported };

  sync_store = tessera_store_open (sync_path, TESSERA_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  expected = tessera_import_paths (sync_store, paths, &error);
  g_assert_no_error (error);

  results = import_and_wait (fixture->store, paths, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (results);

  g_assert_cmpuint (results->len, ==, 14);
  g_assert_cmpuint (results->len, ==, expected->len);
  for (guint i = 0; i < results->len; i++)
    {
      TesseraImportResult *result = result_at (results, i);
      TesseraImportResult *want = result_at (expected, i);

      g_assert_cmpstr (result->path, ==, want->path);
      g_assert_cmpint (result->document_id, ==, want->document_id);
      g_assert_cmpint (result->existing, ==, want->existing);
      g_assert_cmpstr (result->title, ==, want->title);
      if (want->error != NULL)
        g_assert_error (result->error, want->error->domain, want->error->code);
      else
        g_assert_no_error (result->error);

      /* One report per file, in the order of the results. */
      g_assert_cmpstr (g_ptr_array_index (reported, i), ==, result->path);
    }
  g_assert_cmpuint (progress.n_calls, ==, 14);
  g_assert_cmpuint (progress.files_total, ==, 14);
  g_assert_cmpuint (progress.n_results, ==, 14);

  /* The caller's store lists what the worker's connection wrote. */
  g_assert_cmpuint (count_documents (fixture->store), ==, 12);
  g_assert_cmpuint (count_documents (fixture->store), ==, count_documents (sync_store));
}

static void
test_async_cancel (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *folder = make_article_folder (fixture->dir, 10, 0);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GPtrArray) reported = g_ptr_array_new_with_free_func (g_free);
  const char *paths[] = { folder, NULL };
  Progress progress = { .cancellable = cancellable, .cancel_after = 3, .paths = reported };
  GListModel *documents;

  results = import_and_wait (fixture->store, paths, &progress, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (results);
  /* The message says how far the import went. */
  test_assert_contains (error->message, "3 of 10");
  g_assert_cmpuint (progress.n_calls, ==, 3);
  g_clear_error (&error);

  /* Exactly the files done before the cancel, each whole. */
  documents = tessera_store_get_documents (fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (documents), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(TesseraDocument) document = g_list_model_get_item (documents, i);
      g_autofree char *title = g_strdup_printf ("Article %u", i + 1);
      g_autofree char *text = g_strdup_printf ("Article %u\nTexte %u.", i + 1, i + 1);
      g_autofree char *stored = NULL;

      g_assert_cmpstr (tessera_document_get_title (document), ==, title);
      stored = tessera_store_dup_document_text (fixture->store,
                                                tessera_document_get_id (document), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored, ==, text);
    }

  /* Importing again goes on where the cancel stopped. */
  g_clear_pointer (&results, g_ptr_array_unref);
  results = import_and_wait (fixture->store, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (result_at (results, i)->existing, ==, i < 3);
  g_assert_cmpuint (count_documents (fixture->store), ==, 10);
}

static void
test_async_failing_file (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = make_article_folder (fixture->dir, 6, 2);
  g_autoptr(GPtrArray) results = NULL;
  const char *paths[] = { folder, NULL };

  results = import_and_wait (fixture->store, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 6);
  for (guint i = 0; i < 6; i++)
    {
      TesseraImportResult *result = result_at (results, i);

      if (i == 1)
        {
          g_assert_error (result->error, TESSERA_IMPORT_ERROR, TESSERA_IMPORT_ERROR_ENCODING);
          g_assert_cmpint (result->document_id, ==, 0);
        }
      else
        {
          g_assert_no_error (result->error);
          g_assert_cmpint (result->document_id, >, 0);
        }
    }
  g_assert_cmpuint (count_documents (fixture->store), ==, 5);
}

static void
test_async_read_only (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TesseraStore) reader = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *folder = make_article_folder (fixture->dir, 2, 0);
  const char *paths[] = { folder, NULL };

  /* The worker's connection may do no more than the caller's. */
  reader = tessera_store_open (fixture->project_path, TESSERA_STORE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  results = import_and_wait (reader, paths, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 2);
  g_assert_error (result_at (results, 0)->error, TESSERA_STORE_ERROR,
                  TESSERA_STORE_ERROR_READ_ONLY);
  g_assert_cmpuint (count_documents (fixture->store), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/prepare/invalid-utf8", test_prepare_invalid_utf8);
  g_test_add_func ("/core/import/prepare/invalid-utf8-line-endings",
                   test_prepare_invalid_utf8_line_endings);
  g_test_add_func ("/core/import/prepare/binary", test_prepare_binary);
  g_test_add_func ("/core/import/prepare/control-character", test_prepare_control_character);
  g_test_add_func ("/core/import/prepare/empty", test_prepare_empty);
  g_test_add_func ("/core/import/prepare/bom", test_prepare_bom);
  g_test_add_func ("/core/import/prepare/line-endings", test_prepare_line_endings);
  g_test_add_func ("/core/import/prepare/nfc", test_prepare_nfc);
  g_test_add_func ("/core/import/prepare/paragraphs", test_prepare_paragraphs);
  g_test_add_func ("/core/import/prepare/title", test_prepare_title);
  g_test_add_func ("/core/import/prepare/title-long", test_prepare_title_long);
  g_test_add_func ("/core/import/prepare/title-long-word", test_prepare_title_long_word);

#define ADD_FILE_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_FILE_TEST ("/core/import/file/import", test_file_import);
  ADD_FILE_TEST ("/core/import/file/relative-path", test_file_relative_path);
  ADD_FILE_TEST ("/core/import/file/too-large", test_file_too_large);
  ADD_FILE_TEST ("/core/import/file/missing", test_file_missing);
  ADD_FILE_TEST ("/core/import/file/bad-content", test_file_bad_content);
  ADD_FILE_TEST ("/core/import/file/duplicate", test_file_duplicate);
  ADD_FILE_TEST ("/core/import/file/failure-leaves-project-unchanged",
                 test_file_failure_leaves_project_unchanged);
  ADD_FILE_TEST ("/core/import/folder/import", test_folder_import);
  ADD_FILE_TEST ("/core/import/folder/import-again", test_folder_import_again);
  ADD_FILE_TEST ("/core/import/folder/without-text-files", test_folder_without_text_files);
  ADD_FILE_TEST ("/core/import/folder/tei-dispatch", test_folder_tei_dispatch);
  ADD_FILE_TEST ("/core/import/file/fifo", test_file_fifo);
  ADD_FILE_TEST ("/core/import/file/name-not-utf8", test_file_name_not_utf8);
  ADD_FILE_TEST ("/core/import/async/same-as-sync", test_async_same_as_sync);
  ADD_FILE_TEST ("/core/import/async/cancel", test_async_cancel);
  ADD_FILE_TEST ("/core/import/async/failing-file", test_async_failing_file);
  ADD_FILE_TEST ("/core/import/async/read-only", test_async_read_only);

#undef ADD_FILE_TEST

  return g_test_run ();
}
